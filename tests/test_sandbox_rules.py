"""Each enforcement rule of the sandbox, end to end over HTTP: authentication, expiry and the
clock, revocation, SourceIdentity and session tags, policy evaluation details."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from botocore.exceptions import ClientError

from tests.sandbox_fixtures import (
    allow_in_members_policy,
    client,
    keys,
    long_term,
    policy,
    secret_headers,
    temp,
)


def error_of(call, *args, **kwargs) -> tuple[str, str]:
    with pytest.raises(ClientError) as info:
        call(*args, **kwargs)
    err = info.value.response["Error"]
    return err["Code"], err["Message"]


def elevate(sb, **extra):
    kwargs = {
        "RoleArn": sb.account.role_arn,
        "RoleSessionName": sb.account.user_name,
        "SerialNumber": sb.account.mfa_serial,
        "TokenCode": sb.totp(),
        **extra,
    }
    return client(sb, "sts", long_term(sb)).assume_role(**kwargs)


def next_window(sb) -> None:
    """A refused elevation has used up this window's code: move to the next one."""
    sb.clock.advance(30)


def set_trust(sb, admin_creds, *actions: str) -> None:
    client(sb, "iam", admin_creds).update_assume_role_policy(
        RoleName="AdminRole",
        PolicyDocument=policy(
            {
                "Effect": "Allow",
                "Action": list(actions),
                "Principal": {"AWS": f"arn:aws:iam::{sb.account.account_id}:root"},
                "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
            }
        ),
    )
    # the account is the principal: the members' own policy must allow the extras too
    allow_in_members_policy(sb, *(a for a in actions if a != "sts:AssumeRole"))
    sb.clock.advance(30)  # the next elevation needs a code of a new window


# -- who is calling -----------------------------------------------------------------------------

INVALID = ("InvalidClientTokenId", "The security token included in the request is invalid.")


def test_unknown_keys_are_refused(sandbox):
    creds = {"aws_access_key_id": "AKIAUNKNOWNKEY000000", "aws_secret_access_key": "x" * 40}
    assert error_of(client(sandbox, "sts", creds).get_caller_identity) == INVALID


def test_inactive_and_deleted_keys_are_refused(sandbox):
    bob = sandbox.create_user("bob", admin=True, mfa=False)
    admin = client(sandbox, "iam", keys(bob))
    admin.update_access_key(
        UserName="alice", AccessKeyId=sandbox.account.access_key_id, Status="Inactive"
    )
    assert error_of(client(sandbox, "sts", long_term(sandbox)).get_caller_identity) == INVALID
    admin.delete_access_key(UserName="alice", AccessKeyId=sandbox.account.access_key_id)
    assert error_of(client(sandbox, "sts", long_term(sandbox)).get_caller_identity) == INVALID


def test_a_wrong_secret_fails_the_signature(sandbox):
    creds = {**long_term(sandbox), "aws_secret_access_key": "y" * 40}
    code, message = error_of(client(sandbox, "iam", creds).get_user)
    assert code == "SignatureDoesNotMatch"
    assert message.startswith("The request signature we calculated does not match")


def test_temporary_keys_need_their_own_session_token(sandbox):
    creds = temp(elevate(sandbox))
    assert (
        error_of(
            client(sandbox, "sts", {**creds, "aws_session_token": "forged"}).get_caller_identity
        )
        == INVALID
    )
    without = {k: v for k, v in creds.items() if k != "aws_session_token"}
    assert error_of(client(sandbox, "sts", without).get_caller_identity) == INVALID


def test_unsigned_requests_are_refused(sandbox):
    answer = requests.post(
        sandbox.endpoint_url, data={"Action": "ListUsers", "Version": "2010-05-08"}, timeout=5
    )
    assert answer.status_code == 403
    assert "<Code>MissingAuthenticationToken</Code>" in answer.text


def test_moto_api_is_not_exposed(sandbox):
    assert requests.post(f"{sandbox.endpoint_url}/moto-api/reset", timeout=5).status_code == 404


# -- time -----------------------------------------------------------------------------------------

EXPIRED = ("ExpiredToken", "The security token included in the request is expired")


def test_role_credentials_expire_by_the_sandbox_clock(sandbox):
    creds = elevate(sandbox, DurationSeconds=900)
    sts = client(sandbox, "sts", temp(creds))
    sandbox.clock.advance(899)
    assert sts.get_caller_identity()["Arn"].endswith("assumed-role/AdminRole/alice")
    sandbox.clock.advance(2)
    assert error_of(sts.get_caller_identity) == EXPIRED
    assert error_of(client(sandbox, "iam", temp(creds)).list_users) == EXPIRED


def test_session_token_credentials_expire(sandbox):
    creds = client(sandbox, "sts", long_term(sandbox)).get_session_token(DurationSeconds=900)
    assert creds["Credentials"]["Expiration"] == sandbox.clock.now() + timedelta(seconds=900)
    sandbox.clock.advance(901)
    assert error_of(client(sandbox, "sts", temp(creds)).get_caller_identity) == EXPIRED


def test_the_clock_over_http(sandbox):
    url, secret = f"{sandbox.endpoint_url}/_sandbox/clock", secret_headers(sandbox)
    before = sandbox.clock.now()
    moved = requests.post(url, json={"advance": 7200}, headers=secret, timeout=5).json()["now"]
    assert moved == (before + timedelta(seconds=7200)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert sandbox.clock.now() == before + timedelta(seconds=7200)
    requests.post(url, json={"set": "2030-01-02T03:04:05Z"}, headers=secret, timeout=5)
    assert requests.get(url, headers=secret, timeout=5).json()["now"] == "2030-01-02T03:04:05Z"
    bad = requests.post(url, json={"set": "not a time"}, headers=secret, timeout=5)
    assert bad.status_code == 400


def test_reset_brings_the_clock_back(sandbox):
    before = sandbox.clock.now()
    sandbox.clock.advance(86400)
    sandbox.reset()
    assert sandbox.clock.now() == before  # the test's clock, which did not move


# -- revocation (what `drop --revoke` writes) ----------------------------------------------------


def revoke(sb, admin_creds, role_id: str, session: str, before) -> None:
    client(sb, "iam", admin_creds).put_role_policy(
        RoleName="AdminRole",
        PolicyName=f"elevate-tray-revoke-{session}",
        PolicyDocument=policy(
            {
                "Effect": "Deny",
                "Action": "*",
                "Resource": "*",
                "Condition": {
                    "StringLike": {"aws:userid": f"{role_id}:{session}"},
                    "DateLessThan": {"aws:TokenIssueTime": before.strftime("%Y-%m-%dT%H:%M:%SZ")},
                },
            }
        ),
    )


def test_a_revoked_session_is_refused_and_later_ones_are_not(sandbox):
    creds = elevate(sandbox)
    role_id = creds["AssumedRoleUser"]["AssumedRoleId"].split(":")[0]
    bob = sandbox.create_user("bob", groups=[sandbox.account.group_name])
    bobs = client(sandbox, "sts", keys(bob)).assume_role(
        RoleArn=sandbox.account.role_arn,
        RoleSessionName="bob",
        SerialNumber=bob.mfa_serial,
        TokenCode=sandbox.totp(bob.mfa_secret),
    )
    revoke(sandbox, temp(creds), role_id, "alice", sandbox.clock.now() + timedelta(seconds=1))

    code, message = error_of(client(sandbox, "iam", temp(creds)).list_users)
    assert code == "AccessDenied"
    assert message == (
        "User: arn:aws:sts::111122223333:assumed-role/AdminRole/alice is not authorized to "
        "perform: iam:ListUsers on resource: * with an explicit deny in an identity-based policy"
    )
    assert client(sandbox, "iam", temp(bobs)).list_users()["Users"]  # other users' sessions live
    sandbox.clock.advance(31)
    fresh = elevate(sandbox)  # a new session of alice is issued after the cut-off
    assert client(sandbox, "iam", temp(fresh)).list_users()["Users"]


def test_revoking_by_source_identity(sandbox):
    set_trust(sandbox, temp(elevate(sandbox)), "sts:AssumeRole", "sts:SetSourceIdentity")
    creds = elevate(sandbox, SourceIdentity="alice")
    client(sandbox, "iam", temp(creds)).put_role_policy(
        RoleName="AdminRole",
        PolicyName="revoke",
        PolicyDocument=policy(
            {
                "Effect": "Deny",
                "Action": "*",
                "Resource": "*",
                "Condition": {"StringEquals": {"aws:SourceIdentity": "alice"}},
            }
        ),
    )
    assert error_of(client(sandbox, "iam", temp(creds)).list_roles)[0] == "AccessDenied"


# -- SourceIdentity and session tags need the trust policy's permission -------------------------


def test_source_identity_only_when_the_trust_policy_allows_it(sandbox):
    code, message = error_of(elevate, sandbox, SourceIdentity="alice")
    assert code == "AccessDenied"
    assert "sts:SetSourceIdentity on resource: arn:aws:iam::111122223333:role/AdminRole" in message
    next_window(sandbox)
    set_trust(sandbox, temp(elevate(sandbox)), "sts:AssumeRole", "sts:SetSourceIdentity")
    creds = elevate(sandbox, SourceIdentity="alice")
    assert creds["SourceIdentity"] == "alice"


def test_source_identity_is_validated(sandbox):
    set_trust(sandbox, temp(elevate(sandbox)), "sts:AssumeRole", "sts:SetSourceIdentity")
    assert error_of(elevate, sandbox, SourceIdentity="aws:alice")[0] == "ValidationError"
    assert error_of(elevate, sandbox, SourceIdentity="has space")[0] == "ValidationError"


def test_session_tags_only_when_the_trust_policy_allows_them(sandbox):
    tags = [{"Key": "reason", "Value": "fix prod: ticket 42"}]
    code, message = error_of(elevate, sandbox, Tags=tags)
    assert code == "AccessDenied"
    assert "sts:TagSession on resource" in message
    next_window(sandbox)
    set_trust(sandbox, temp(elevate(sandbox)), "sts:AssumeRole", "sts:TagSession")
    creds = elevate(sandbox, Tags=tags)
    # The tag becomes aws:PrincipalTag of the session.
    iam = client(sandbox, "iam", temp(creds))
    iam.put_role_policy(
        RoleName="AdminRole",
        PolicyName="tagged",
        PolicyDocument=policy(
            {
                "Effect": "Deny",
                "Action": "iam:ListRoles",
                "Resource": "*",
                "Condition": {"StringLike": {"aws:PrincipalTag/reason": "fix prod*"}},
            }
        ),
    )
    assert error_of(iam.list_roles)[0] == "AccessDenied"


def test_session_tag_values_are_validated(sandbox):
    set_trust(sandbox, temp(elevate(sandbox)), "sts:AssumeRole", "sts:TagSession")
    code, message = error_of(elevate, sandbox, Tags=[{"Key": "reason", "Value": "semi;colon"}])
    assert code == "ValidationError"
    assert "tags.1.member.value" in message


def test_role_session_name_is_validated(sandbox):
    code, message = error_of(elevate, sandbox, RoleSessionName="bad name")
    assert code == "ValidationError"
    assert "roleSessionName" in message


# -- policy evaluation ---------------------------------------------------------------------------


def test_resource_wildcards_and_policy_variables(sandbox):
    dev = sandbox.create_user(
        "dev",
        mfa=False,
        policies=[
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "iam:Get*",
                        "Resource": "arn:aws:iam::*:user/${aws:username}",
                    },
                    {"Effect": "Allow", "Action": "iam:ListRole*", "Resource": "*"},
                ],
            }
        ],
    )
    iam = client(sandbox, "iam", keys(dev))
    assert iam.get_user(UserName="dev")["User"]["UserName"] == "dev"
    assert iam.get_user()["User"]["UserName"] == "dev"
    assert error_of(iam.get_user, UserName="alice")[0] == "AccessDenied"
    assert iam.list_roles()["Roles"]
    assert error_of(iam.list_users)[0] == "AccessDenied"


def test_not_action_and_deny_precedence(sandbox):
    ops = sandbox.create_user(
        "ops",
        mfa=False,
        policies=[
            "AdministratorAccess",
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Deny", "NotAction": ["iam:Get*", "iam:List*"], "Resource": "*"}
                ],
            },
        ],
    )
    iam = client(sandbox, "iam", keys(ops))
    assert iam.list_users()["Users"]
    code, message = error_of(iam.create_user, UserName="x")
    assert code == "AccessDenied" and "explicit deny" in message


def test_group_inline_policies_count(sandbox):
    iam_admin = client(sandbox, "iam", temp(elevate(sandbox)))
    iam_admin.create_group(GroupName="Auditors")
    iam_admin.put_group_policy(
        GroupName="Auditors",
        PolicyName="audit",
        PolicyDocument=policy({"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"}),
    )
    auditor = sandbox.create_user("auditor", mfa=False, groups=["Auditors"])
    assert client(sandbox, "iam", keys(auditor)).list_users()["Users"]


def test_date_conditions_follow_the_sandbox_clock(sandbox):
    until = (sandbox.clock.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    temp_user = sandbox.create_user(
        "contractor",
        mfa=False,
        policies=[
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "iam:ListUsers",
                        "Resource": "*",
                        "Condition": {"DateLessThan": {"aws:CurrentTime": until}},
                    }
                ],
            }
        ],
    )
    iam = client(sandbox, "iam", keys(temp_user))
    assert iam.list_users()["Users"]
    sandbox.clock.advance(3601)
    assert error_of(iam.list_users)[0] == "AccessDenied"


def test_session_policies_narrow_the_role(sandbox):
    creds = elevate(
        sandbox, Policy=policy({"Effect": "Allow", "Action": "iam:List*", "Resource": "*"})
    )
    iam = client(sandbox, "iam", temp(creds))
    assert iam.list_users()["Users"]
    assert error_of(iam.create_user, UserName="x")[0] == "AccessDenied"


def test_aws_managed_policies_behave_as_named(sandbox):
    reader = sandbox.create_user("reader", mfa=False, policies=["ReadOnlyAccess"])
    iam = client(sandbox, "iam", keys(reader))
    assert iam.list_roles()["Roles"]
    assert error_of(iam.create_user, UserName="x")[0] == "AccessDenied"
    writer = sandbox.create_user("writer", mfa=False, admin=True)
    assert client(sandbox, "iam", keys(writer)).create_user(UserName="x")["User"]


def test_other_protocols_are_authorized_too(sandbox):
    reader = sandbox.create_user("reader", mfa=False, policies=["ReadOnlyAccess"])
    admin = sandbox.create_user("root-ish", mfa=False, admin=True)
    s3_admin, s3_reader = client(sandbox, "s3", keys(admin)), client(sandbox, "s3", keys(reader))
    s3_admin.create_bucket(Bucket="logs")
    assert [b["Name"] for b in s3_reader.list_buckets()["Buckets"]] == ["logs"]
    code, message = error_of(s3_reader.put_object, Bucket="logs", Key="a.txt", Body=b"x")
    assert code == "AccessDenied"
    assert "s3:PutObject on resource: arn:aws:s3:::logs/a.txt" in message
    ddb = client(sandbox, "dynamodb", keys(reader))
    assert ddb.list_tables()["TableNames"] == []
    assert error_of(ddb.delete_table, TableName="t")[0] == "AccessDeniedException"


def test_enabling_a_virtual_mfa_device_checks_its_codes(sandbox):
    import pyotp

    iam = client(sandbox, "iam", temp(elevate(sandbox)))
    iam.create_user(UserName="newbie")
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="newbie")["VirtualMFADevice"]
    secret = (
        device["Base32StringSeed"].decode()
        if isinstance(device["Base32StringSeed"], bytes)
        else device["Base32StringSeed"]
    )
    totp = pyotp.TOTP(secret)
    now = sandbox.clock.now()
    code, _ = error_of(
        iam.enable_mfa_device,
        UserName="newbie",
        SerialNumber=device["SerialNumber"],
        AuthenticationCode1="123456",
        AuthenticationCode2="654321",
    )
    assert code == "InvalidAuthenticationCode"
    iam.enable_mfa_device(
        UserName="newbie",
        SerialNumber=device["SerialNumber"],
        AuthenticationCode1=totp.at(now - timedelta(seconds=30)),
        AuthenticationCode2=totp.at(now),
    )
    listed = iam.list_mfa_devices(UserName="newbie")["MFADevices"]
    assert [d["SerialNumber"] for d in listed] == [device["SerialNumber"]]


def test_an_unseeded_reset_leaves_an_empty_account(sandbox_server):
    sb = sandbox_server
    sb.reset(seed=False)
    try:
        with pytest.raises(RuntimeError):
            _ = sb.account
        assert sb.config_file.read_text() == ""
        admin = client(sb, "iam", keys(sb.create_user("account-admin", admin=True, mfa=False)))
        assert [u["UserName"] for u in admin.list_users()["Users"]] == ["account-admin"]
        assert admin.list_roles()["Roles"] == [] and admin.list_groups()["Groups"] == []
        assert admin.get_policy(PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")["Policy"]
    finally:
        sb.reset(seed=True)


def test_token_codes_are_validated(sandbox):
    import boto3
    from botocore.config import Config

    code, message = error_of(elevate, sandbox, TokenCode="12345a")
    assert code == "ValidationError" and "tokenCode" in message
    raw = boto3.client(
        "sts",
        endpoint_url=sandbox.endpoint_url,
        region_name="us-east-1",
        config=Config(parameter_validation=False),
        **long_term(sandbox),
    )
    code, message = error_of(
        raw.assume_role,
        RoleArn=sandbox.account.role_arn,
        RoleSessionName="alice",
        SerialNumber=sandbox.account.mfa_serial,
        TokenCode="12345",
    )
    assert code == "ValidationError" and "greater than or equal to 6" in message


def test_one_sandbox_per_process(sandbox, tmp_path):
    from elevate_tray.sandbox import Sandbox

    second = Sandbox(tmp_path / "other")
    with pytest.raises(RuntimeError, match="already running"):
        second.start()
    second.stop()  # harmless when it never started
    assert client(sandbox, "sts", long_term(sandbox)).get_caller_identity()["Account"]
