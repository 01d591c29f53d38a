"""Long-term access keys in the sandbox, over HTTP with boto3: sessions that die with the key
that obtained them (strict) or not (lenient), a new key's propagation delay, faults injected
for the app's rotation tests, the two-key quota, CreateDate by the sandbox clock, and the
seed's policy letting a user manage their own keys with MFA only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from botocore.exceptions import ClientError

from tests.sandbox_fixtures import client, keys, long_term, temp

INVALID = ("InvalidClientTokenId", "The security token included in the request is invalid.", 403)


def error_of(call, *args, **kwargs) -> tuple[str, str, int]:
    with pytest.raises(ClientError) as info:
        call(*args, **kwargs)
    response = info.value.response
    err = response["Error"]
    return err["Code"], err["Message"], response["ResponseMetadata"]["HTTPStatusCode"]


def mfa_session(sb, creds=None) -> dict[str, str]:
    """alice's GetSessionToken session with MFA (a code of a window not used yet)."""
    sb.clock.advance(30)
    return temp(
        client(sb, "sts", creds or long_term(sb)).get_session_token(
            SerialNumber=sb.account.mfa_serial, TokenCode=sb.totp()
        )
    )


def elevate(sb, creds=None) -> dict[str, str]:
    """The admin role's session, assumed with MFA with these credentials (alice's keys)."""
    sb.clock.advance(30)
    return temp(
        client(sb, "sts", creds or long_term(sb)).assume_role(
            RoleArn=sb.account.role_arn,
            RoleSessionName="alice",
            SerialNumber=sb.account.mfa_serial,
            TokenCode=sb.totp(),
        )
    )


def admin(sb):
    account = sb.account
    return client(
        sb,
        "iam",
        {
            "aws_access_key_id": account.admin_access_key_id,
            "aws_secret_access_key": account.admin_secret_access_key,
        },
    )


def works(sb, creds) -> bool:
    try:
        client(sb, "sts", creds).get_caller_identity()
    except ClientError as exc:
        assert (exc.response["Error"]["Code"], exc.response["Error"]["Message"]) == INVALID[:2]
        return False
    return True


def new_key(sb, creds=None) -> dict[str, str]:
    made = client(sb, "iam", creds or mfa_session(sb)).create_access_key()["AccessKey"]
    return {
        "aws_access_key_id": made["AccessKeyId"],
        "aws_secret_access_key": made["SecretAccessKey"],
    }


# -- 1. a session and the key that obtained it (strict by default) ---------------------------------


def test_a_session_made_with_a_key_is_refused_once_it_deactivates_that_key(sandbox):
    assert sandbox.key_sessions == "strict"
    session = mfa_session(sandbox)
    iam = client(sandbox, "iam", session)
    # the call that deactivates the key is authorized before the change, so it succeeds
    iam.update_access_key(AccessKeyId=sandbox.account.access_key_id, Status="Inactive")
    assert error_of(iam.list_access_keys) == INVALID
    assert error_of(client(sandbox, "sts", session).get_caller_identity) == INVALID
    # active again (by the account's admin): the session is valid again
    admin(sandbox).update_access_key(
        UserName="alice", AccessKeyId=sandbox.account.access_key_id, Status="Active"
    )
    assert works(sandbox, session)


def test_a_session_made_with_a_key_is_refused_once_it_deletes_that_key(sandbox):
    old = long_term(sandbox)
    fresh = new_key(sandbox)
    session = mfa_session(sandbox, old)
    iam = client(sandbox, "iam", session)
    iam.delete_access_key(AccessKeyId=old["aws_access_key_id"])
    assert error_of(iam.list_access_keys) == INVALID
    # a session of the new key works, and cannot see the old one
    listed = client(sandbox, "iam", mfa_session(sandbox, fresh)).list_access_keys()
    assert [k["AccessKeyId"] for k in listed["AccessKeyMetadata"]] == [fresh["aws_access_key_id"]]


def test_role_sessions_and_chained_ones_die_with_the_source_key_not_with_another(sandbox):
    old = long_term(sandbox)
    fresh = new_key(sandbox)
    role = elevate(sandbox, old)
    sandbox.clock.advance(30)
    chained = temp(  # GetSessionToken with MFA, then AssumeRole with that session
        client(sandbox, "sts", mfa_session(sandbox, old)).assume_role(
            RoleArn=sandbox.account.role_arn, RoleSessionName="alice"
        )
    )
    other_role = elevate(sandbox, fresh)
    other_session = mfa_session(sandbox, fresh)
    assert all(works(sandbox, c) for c in (role, chained, other_role, other_session))

    admin(sandbox).update_access_key(
        UserName="alice", AccessKeyId=old["aws_access_key_id"], Status="Inactive"
    )
    assert error_of(client(sandbox, "iam", role).list_users) == INVALID
    assert error_of(client(sandbox, "iam", chained).list_users) == INVALID
    assert client(sandbox, "iam", other_role).list_users()["Users"]
    assert works(sandbox, other_session)


def test_lenient_sessions_outlive_their_key_until_they_expire(sandbox):
    sandbox.key_sessions = "lenient"
    session, role = mfa_session(sandbox), elevate(sandbox)
    admin(sandbox).delete_access_key(UserName="alice", AccessKeyId=sandbox.account.access_key_id)
    assert works(sandbox, session)
    assert client(sandbox, "iam", role).list_users()["Users"]
    assert not works(sandbox, long_term(sandbox))
    sandbox.clock.advance(3600)
    assert error_of(client(sandbox, "sts", role).get_caller_identity)[0] == "ExpiredToken"


def test_key_sessions_is_strict_again_after_a_reset_and_takes_no_other_mode(sandbox):
    sandbox.key_sessions = "lenient"
    sandbox.reset()
    assert sandbox.key_sessions == "strict"
    with pytest.raises(ValueError, match="strict"):
        sandbox.key_sessions = "loose"
    session = mfa_session(sandbox)
    client(sandbox, "iam", session).update_access_key(
        AccessKeyId=sandbox.account.access_key_id, Status="Inactive"
    )
    assert not works(sandbox, session)


def test_a_dead_keys_role_session_gets_no_console_sign_in_token_unless_lenient(sandbox):
    import json

    import requests

    role = elevate(sandbox)
    session = json.dumps(
        {
            "sessionId": role["aws_access_key_id"],
            "sessionKey": role["aws_secret_access_key"],
            "sessionToken": role["aws_session_token"],
        }
    )

    def sign_in_token() -> requests.Response:
        return requests.get(
            sandbox.signin_url,
            params={"Action": "getSigninToken", "Session": session},
            timeout=5,
        )

    assert sign_in_token().status_code == 200
    admin(sandbox).update_access_key(
        UserName="alice", AccessKeyId=sandbox.account.access_key_id, Status="Inactive"
    )
    refused = sign_in_token()
    assert (refused.status_code, refused.text) == (400, "Invalid credentials parameter")
    sandbox.key_sessions = "lenient"
    assert "SigninToken" in sign_in_token().json()


# -- 2. a new key's propagation --------------------------------------------------------------------


def test_a_new_key_is_refused_until_the_propagation_delay_has_passed(sandbox):
    assert sandbox.key_propagation_seconds == 0
    assert works(sandbox, new_key(sandbox))  # by default at once
    admin(sandbox).delete_access_key(
        UserName="alice",
        AccessKeyId=client(sandbox, "iam", mfa_session(sandbox)).list_access_keys()[
            "AccessKeyMetadata"
        ][1]["AccessKeyId"],
    )
    sandbox.key_propagation_seconds = 10
    assert works(sandbox, long_term(sandbox))  # seeded keys are usable at once
    fresh = new_key(sandbox)
    assert error_of(client(sandbox, "sts", fresh).get_caller_identity) == INVALID
    assert error_of(client(sandbox, "sts", fresh).get_session_token) == INVALID
    sandbox.clock.advance(9)
    assert not works(sandbox, fresh)
    sandbox.clock.advance(1)
    assert works(sandbox, fresh)


def test_the_delay_is_the_one_in_force_when_the_key_was_made_and_a_reset_clears_it(sandbox):
    sandbox.key_propagation_seconds = 60
    fresh = new_key(sandbox)
    sandbox.key_propagation_seconds = 0
    assert not works(sandbox, fresh)
    sandbox.clock.advance(60)
    assert works(sandbox, fresh)
    sandbox.key_propagation_seconds = 5
    sandbox.reset()
    assert sandbox.key_propagation_seconds == 0
    assert works(sandbox, new_key(sandbox))
    with pytest.raises(ValueError):
        sandbox.key_propagation_seconds = -1


# -- 3. faults -------------------------------------------------------------------------------------

SERVICE_FAILURE = (
    "ServiceFailure",
    "The request processing has failed because of an unknown error, exception or failure.",
    500,
)


def key_ids(sb) -> list[str]:
    listed = admin(sb).list_access_keys(UserName="alice")["AccessKeyMetadata"]
    return [k["AccessKeyId"] for k in listed]


def test_a_fault_before_refuses_the_call_and_changes_nothing(sandbox):
    iam = client(sandbox, "iam", mfa_session(sandbox), retries=False)
    sandbox.fail_next("iam:CreateAccessKey")
    assert sandbox.faults_pending("iam:CreateAccessKey") == 1
    with pytest.raises(ClientError) as info:
        iam.create_access_key()
    err = info.value.response
    assert (err["Error"]["Code"], err["Error"]["Message"]) == SERVICE_FAILURE[:2]
    assert err["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert err["Error"]["Type"] == "Receiver"
    assert key_ids(sandbox) == [sandbox.account.access_key_id]
    assert sandbox.faults_pending() == 0
    assert iam.create_access_key()["AccessKey"]["SecretAccessKey"]  # the next call works
    assert len(key_ids(sandbox)) == 2


def test_a_fault_after_applies_the_call_and_loses_its_answer(sandbox):
    iam = client(sandbox, "iam", mfa_session(sandbox), retries=False)
    sandbox.fail_next("iam:CreateAccessKey", after=True)
    assert error_of(iam.create_access_key) == SERVICE_FAILURE
    ids = key_ids(sandbox)
    assert len(ids) == 2 and ids[0] == sandbox.account.access_key_id  # made, secret unseen
    sandbox.fail_next(
        "iam:DeleteAccessKey", code="Throttling", message="Rate exceeded", status=400, after=True
    )
    assert error_of(iam.delete_access_key, AccessKeyId=ids[1]) == (
        "Throttling",
        "Rate exceeded",
        400,
    )
    assert key_ids(sandbox) == [sandbox.account.access_key_id]


def test_faults_count_calls_per_action_queue_up_and_spare_unauthenticated_calls(sandbox):
    sts = client(sandbox, "sts", long_term(sandbox), retries=False)
    sandbox.fail_next("sts:GetCallerIdentity", code="InternalFailure", times=2)
    sandbox.fail_next("sts:GetCallerIdentity", code="Throttling", status=400)
    sandbox.fail_next("iam:ListAccessKeys", status=503)
    assert sandbox.faults_pending("sts:GetCallerIdentity") == 3
    assert sandbox.faults_pending() == 4
    stranger = {"aws_access_key_id": "AKIAUNKNOWNKEY000000", "aws_secret_access_key": "x" * 40}
    assert error_of(client(sandbox, "sts", stranger).get_caller_identity) == INVALID
    codes = [error_of(sts.get_caller_identity)[:1] for _ in range(3)]
    assert codes == [("InternalFailure",), ("InternalFailure",), ("Throttling",)]
    assert sts.get_caller_identity()["Account"] == sandbox.account.account_id
    assert sandbox.faults_pending() == 1
    sandbox.reset()
    assert sandbox.faults_pending() == 0
    assert client(sandbox, "iam", mfa_session(sandbox)).list_access_keys()["AccessKeyMetadata"]


def test_a_fault_asks_for_an_action_and_an_error_status(sandbox):
    with pytest.raises(ValueError):
        sandbox.fail_next("CreateAccessKey")
    with pytest.raises(ValueError):
        sandbox.fail_next("iam:CreateAccessKey", status=200)
    with pytest.raises(ValueError):
        sandbox.fail_next("iam:CreateAccessKey", times=0)
    assert sandbox.faults_pending() == 0


# -- 4. the two-key quota --------------------------------------------------------------------------


def test_a_third_key_exceeds_the_quota_even_with_one_inactive(sandbox):
    iam = client(sandbox, "iam", mfa_session(sandbox))
    second = iam.create_access_key()["AccessKey"]["AccessKeyId"]
    iam.update_access_key(AccessKeyId=second, Status="Inactive")
    assert error_of(iam.create_access_key) == (
        "LimitExceeded",
        "Cannot exceed quota for AccessKeysPerUser: 2",
        409,
    )
    assert key_ids(sandbox) == [sandbox.account.access_key_id, second]


# -- 5. CreateDate by the sandbox clock ------------------------------------------------------------


def test_keys_are_dated_by_the_sandbox_clock(sandbox):
    seeded_at = sandbox.clock.now()
    listed = admin(sandbox).list_access_keys(UserName="alice")["AccessKeyMetadata"]
    assert abs(listed[0]["CreateDate"] - seeded_at) < timedelta(seconds=1)
    when = datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC)
    sandbox.clock.set(when)
    made = client(sandbox, "iam", mfa_session(sandbox)).create_access_key()["AccessKey"]
    stamped = when + timedelta(seconds=30)  # mfa_session moved to the next code's window
    assert made["CreateDate"] == stamped
    listed = admin(sandbox).list_access_keys(UserName="alice")["AccessKeyMetadata"]
    assert [k["CreateDate"] for k in listed if k["AccessKeyId"] == made["AccessKeyId"]] == [stamped]


# -- 6. the seed's policy: own keys, with MFA only -------------------------------------------------


def test_the_seeded_user_manages_own_keys_with_mfa_only(sandbox):
    for creds in (
        long_term(sandbox),
        temp(client(sandbox, "sts", long_term(sandbox)).get_session_token()),
    ):
        iam = client(sandbox, "iam", creds)
        for call, kwargs in (
            (iam.list_access_keys, {}),
            (iam.create_access_key, {}),
            (
                iam.update_access_key,
                {"AccessKeyId": sandbox.account.access_key_id, "Status": "Inactive"},
            ),
            (iam.delete_access_key, {"AccessKeyId": sandbox.account.access_key_id}),
        ):
            code, message, status = error_of(call, **kwargs)
            assert (code, status) == ("AccessDenied", 403)
            assert "with an explicit deny" in message
    assert key_ids(sandbox) == [sandbox.account.access_key_id]

    iam = client(sandbox, "iam", mfa_session(sandbox))
    made = iam.create_access_key()["AccessKey"]["AccessKeyId"]
    assert len(iam.list_access_keys()["AccessKeyMetadata"]) == 2
    iam.update_access_key(AccessKeyId=made, Status="Inactive")
    assert iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][1]["Status"] == "Inactive"
    iam.delete_access_key(AccessKeyId=made)
    assert key_ids(sandbox) == [sandbox.account.access_key_id]
    # someone else's keys stay out of reach (ReadOnlyAccess lists them, as on AWS)
    other = sandbox.account.admin_user_name
    assert len(iam.list_access_keys(UserName=other)["AccessKeyMetadata"]) == 1
    for call, kwargs in (
        (iam.create_access_key, {}),
        (iam.delete_access_key, {"AccessKeyId": sandbox.account.admin_access_key_id}),
    ):
        code, message, status = error_of(call, UserName=other, **kwargs)
        assert (code, status) == ("AccessDenied", 403)
        assert "because no identity-based policy allows" in message
    assert len(iam.list_access_keys(UserName=other)["AccessKeyMetadata"]) == 1


def test_a_user_made_by_a_test_is_covered_by_the_same_rules(sandbox):
    bob = sandbox.create_user("bob", admin=True, mfa=False)
    sandbox.key_propagation_seconds = 5
    iam = client(sandbox, "iam", keys(bob))
    made = iam.create_access_key(UserName="bob")["AccessKey"]
    fresh = {
        "aws_access_key_id": made["AccessKeyId"],
        "aws_secret_access_key": made["SecretAccessKey"],
    }
    assert not works(sandbox, fresh)
    sandbox.clock.advance(5)
    session = temp(client(sandbox, "sts", fresh).get_session_token())
    assert works(sandbox, session)
    iam.delete_access_key(UserName="bob", AccessKeyId=made["AccessKeyId"])
    assert not works(sandbox, session)


# -- elevate-tray sandbox --key-propagation -------------------------------------------------------


def test_the_foreground_sandbox_delays_new_keys_as_asked(tmp_path):
    import configparser
    import json
    import signal
    import subprocess
    import sys

    import boto3
    import requests

    from elevate_tray.sandbox.facts import SECRET_HEADER, read_secret
    from tests.test_sandbox_cli import child_env

    home = tmp_path / "sb"
    command = [sys.executable, "-m", "elevate_tray.sandbox", "--home", str(home)]
    proc = subprocess.Popen(
        [*command, "--port", "0", "--key-propagation", "10s"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=child_env(),
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("# Ctrl-C"):
                break
        assert "# new access keys work 10 s after they are made" in lines
        endpoint = json.loads((home / "sandbox.json").read_text())["endpoint_url"]
        shared = configparser.ConfigParser()
        shared.read(home / "aws" / "credentials")

        def session(section) -> boto3.session.Session:
            return boto3.session.Session(
                aws_access_key_id=section["aws_access_key_id"],
                aws_secret_access_key=section["aws_secret_access_key"],
                region_name="us-east-1",
            )

        iam = session(shared["sandbox-account-admin"]).client("iam", endpoint_url=endpoint)
        made = iam.create_access_key(UserName="alice")["AccessKey"]
        fresh = session(
            {
                "aws_access_key_id": made["AccessKeyId"],
                "aws_secret_access_key": made["SecretAccessKey"],
            }
        ).client("sts", endpoint_url=endpoint)
        with pytest.raises(ClientError) as info:
            fresh.get_caller_identity()
        assert info.value.response["Error"]["Code"] == "InvalidClientTokenId"
        moved = requests.post(
            f"{endpoint}/_sandbox/clock",
            json={"advance": 10},
            headers={SECRET_HEADER: str(read_secret(home))},
            timeout=5,
        )
        assert moved.status_code == 200
        assert fresh.get_caller_identity()["Arn"].endswith(":user/alice")
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.mark.parametrize("delay", ["soon", "-5s", "2h", "61m", ""])
def test_a_delay_that_is_not_one_is_one_sentence_and_exit_2(tmp_path, capsys, delay):
    from elevate_tray.cli import main as cli_main

    status = cli_main(["sandbox", "--home", str(tmp_path), f"--key-propagation={delay}"])
    assert status == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("elevate-tray sandbox: --key-propagation")
    assert "like 10s or 2m" in err
    assert not (tmp_path / "sandbox.json").exists()
