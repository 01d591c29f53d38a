"""Issue 11, the sandbox's part: an account admin to run the setup with, test-only endpoints
that answer only the sandbox's own secret, and IAM's quota and STS's caller-policy checks."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from botocore.exceptions import ClientError

from .sandbox_fixtures import client, long_term, policy
from .test_edges_sandbox import Foreground, export_block, exports, run, start, user_env

SECRET_HEADER = "X-Elevate-Tray-Sandbox-Secret"


@pytest.fixture
def foreground() -> Iterator[list[Foreground]]:
    """`elevate-tray sandbox` processes this test started, stopped after it."""
    started: list[Foreground] = []
    yield started
    for proc in started:
        proc.stop()


def error_of(call, *args, **kwargs) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ClientError) as info:
        call(*args, **kwargs)
    err = info.value.response["Error"]
    return err["Code"], err["Message"]


def admin_keys(sb) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "aws_access_key_id": sb.account.admin_access_key_id,
        "aws_secret_access_key": sb.account.admin_secret_access_key,
    }


# -- 7: an account admin in the sandbox ---------------------------------------------------------


def test_a_new_user_runs_the_whole_setup_with_the_sandboxs_admin_profile(
    tmp_path: Path, foreground: list[Foreground]
) -> None:
    """As a person meets it: start the sandbox, paste its lines, run the line's setup."""
    _, text = start(foreground, user_env(tmp_path), tmp_path / "sandbox-run")
    block = export_block(text)
    [hint] = [line for line in block if "--profile" in line and "setup" in line]
    assert "--profile sandbox-account-admin" in hint
    env = user_env(tmp_path, ELEVATE_TRAY_HOME=str(tmp_path / "terminal-home"))
    env.update(exports(block))
    # the defaults (ReadOnlyUsers, AdminRole) are the seed's own: the sandbox's setup uses others
    names = ["--profile", "sandbox-account-admin", "--group", "Ops", "--role", "OpsAdmin"]
    for action in (["plan"], ["apply", "--yes"], ["doctor"], ["teardown", "--yes"]):
        r = run(env, "setup", *action, *names)
        assert r.returncode == 0, f"setup {action[0]}: {r.stdout}\n{r.stderr}"
        if action[0] == "apply":
            assert ":user/sandbox-account-admin" in r.stdout
            assert "role OpsAdmin" in r.stdout
        if action[0] == "doctor":
            assert "matches the model" in r.stdout
        if action[0] == "teardown":
            assert "delete the role OpsAdmin" in r.stdout
    gone = run(env, "setup", "doctor", *names)
    assert gone.returncode != 0  # nothing left to check


def test_the_admin_profile_is_an_account_admin_without_mfa(sandbox) -> None:
    iam = client(sandbox, "iam", admin_keys(sandbox))
    me = client(sandbox, "sts", admin_keys(sandbox)).get_caller_identity()["Arn"]
    assert me == "arn:aws:iam::111122223333:user/sandbox-account-admin"
    attached = iam.list_attached_user_policies(UserName="sandbox-account-admin")
    assert [p["PolicyName"] for p in attached["AttachedPolicies"]] == ["AdministratorAccess"]
    assert iam.list_groups_for_user(UserName="sandbox-account-admin")["Groups"] == []
    # IAM administration with long-term keys, no MFA: what an account admin does
    iam.create_group(GroupName="Scratch")
    iam.delete_group(GroupName="Scratch")
    config = sandbox.config_file.read_text()
    assert "[profile sandbox-account-admin]" in config
    assert sandbox.account.admin_access_key_id in sandbox.credentials_file.read_text()
    # the seed is as it was: alice and her MFA-gated AdminRole
    assert sandbox.account.user_name == "alice"
    assert iam.get_role(RoleName="AdminRole")["Role"]["RoleName"] == "AdminRole"


# -- 7: the test-only endpoints answer only the sandbox's own secret ----------------------------


def test_the_clock_refuses_callers_without_the_sandboxs_secret(sandbox) -> None:
    url = f"{sandbox.endpoint_url}/_sandbox/clock"
    before = sandbox.clock.now()
    for headers in ({}, {SECRET_HEADER: "guessed"}, {SECRET_HEADER: ""}):
        moved = requests.post(url, json={"advance": 7200}, headers=headers, timeout=5)
        assert moved.status_code == 403, headers
        assert "now" not in moved.json()
        assert requests.get(url, headers=headers, timeout=5).status_code == 403
        setting = requests.post(
            url, json={"set": "2030-01-02T03:04:05Z"}, headers=headers, timeout=5
        )
        assert setting.status_code == 403
    assert sandbox.clock.now() == before

    home = Path(sandbox.home)
    secret_file = home / "sandbox-secret"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    secret = {SECRET_HEADER: secret_file.read_text().strip()}
    moved = requests.post(url, json={"advance": 60}, headers=secret, timeout=5)
    assert moved.status_code == 200
    assert sandbox.clock.now() == before + timedelta(seconds=60)
    assert secret[SECRET_HEADER] not in (home / "sandbox.json").read_text()


def test_sandbox_code_presents_the_secret_and_follows_the_moved_clock(
    tmp_path: Path, foreground: list[Foreground]
) -> None:
    import pyotp

    _, text = start(foreground, user_env(tmp_path), tmp_path / "sandbox-run")
    pasted = exports(export_block(text))
    home = Path(pasted["ELEVATE_TRAY_SANDBOX_HOME"])
    url = f"{pasted['AWS_ENDPOINT_URL']}/_sandbox/clock"
    assert requests.post(url, json={"set": "2030-01-02T03:04:05Z"}, timeout=5).status_code == 403
    secret = {SECRET_HEADER: (home / "sandbox-secret").read_text().strip()}
    requests.post(
        url, json={"set": "2030-01-02T03:04:05Z"}, headers=secret, timeout=5
    ).raise_for_status()
    env = user_env(tmp_path, ELEVATE_TRAY_HOME=str(tmp_path / "terminal-home"))
    env.update(pasted)
    r = run(env, "sandbox", "code")
    assert r.returncode == 0, r.stderr
    facts = json.loads((home / "sandbox.json").read_text())["account"]
    code = pyotp.TOTP(facts["mfa_secret"]).at(datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert r.stdout.split()[0] == code


def another_admin(sb) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """An admin of the test's own making (what these checks need is not the seeded one)."""
    made = sb.create_user("quota-admin", admin=True, mfa=False)
    return {
        "aws_access_key_id": made.access_key_id,
        "aws_secret_access_key": made.secret_access_key,
    }


# -- 6: a role's inline policies fit IAM's quota --------------------------------------------------


def _padded(chars: int) -> str:
    """A Deny policy of exactly `chars` non-whitespace characters (plus some whitespace)."""
    base = policy({"Sid": "", "Effect": "Deny", "Action": "iam:ListRoles", "Resource": "*"})
    size = sum(1 for ch in base if not ch.isspace())
    doc = json.loads(base)
    doc["Statement"][0]["Sid"] = "P" * (chars - size)
    text = json.dumps(doc, indent=4)
    assert sum(1 for ch in text if not ch.isspace()) == chars
    return text


def test_inline_policies_of_a_role_stop_at_10240_characters(sandbox) -> None:
    iam = client(sandbox, "iam", another_admin(sandbox))
    iam.put_role_policy(RoleName="AdminRole", PolicyName="a", PolicyDocument=_padded(6000))
    iam.put_role_policy(RoleName="AdminRole", PolicyName="b", PolicyDocument=_padded(4240))
    code, message = error_of(
        iam.put_role_policy, RoleName="AdminRole", PolicyName="c", PolicyDocument=_padded(200)
    )
    assert (code, message) == (
        "LimitExceeded",
        "Maximum policy size of 10240 bytes exceeded for role AdminRole",
    )
    assert sorted(iam.list_role_policies(RoleName="AdminRole")["PolicyNames"]) == ["a", "b"]
    # replacing a policy counts its new document, not both
    iam.put_role_policy(RoleName="AdminRole", PolicyName="b", PolicyDocument=_padded(4000))
    iam.put_role_policy(RoleName="AdminRole", PolicyName="c", PolicyDocument=_padded(240))
    assert (
        error_of(
            iam.put_role_policy, RoleName="AdminRole", PolicyName="a", PolicyDocument=_padded(6001)
        )[0]
        == "LimitExceeded"
    )


# -- 6: with the account as principal, the caller's own policy must allow tags / source identity


def _trust_allows(sb, iam, *actions: str) -> None:  # type: ignore[no-untyped-def]
    iam.update_assume_role_policy(
        RoleName="AdminRole",
        PolicyDocument=policy(
            {
                "Effect": "Allow",
                "Action": ["sts:AssumeRole", *actions],
                "Principal": {"AWS": f"arn:aws:iam::{sb.account.account_id}:root"},
                "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
            }
        ),
    )


def _members_allow(sb, iam, *actions: str) -> None:  # type: ignore[no-untyped-def]
    arn = f"arn:aws:iam::{sb.account.account_id}:policy/AssumeAdminRolePolicy"
    iam.create_policy_version(
        PolicyArn=arn,
        SetAsDefault=True,
        PolicyDocument=policy(
            {
                "Effect": "Allow",
                "Action": ["sts:AssumeRole", *actions],
                "Resource": sb.account.role_arn,
                "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
            }
        ),
    )


def _elevate(sb, **extra):  # type: ignore[no-untyped-def]
    sb.clock.advance(30)  # each try with a code of its own window
    return client(sb, "sts", long_term(sb)).assume_role(
        RoleArn=sb.account.role_arn,
        RoleSessionName="alice",
        SerialNumber=sb.account.mfa_serial,
        TokenCode=sb.totp(),
        **extra,
    )


@pytest.mark.parametrize(
    ("action", "extra"),
    [
        ("sts:TagSession", {"Tags": [{"Key": "reason", "Value": "ticket 42"}]}),
        ("sts:SetSourceIdentity", {"SourceIdentity": "alice"}),
    ],
)
def test_the_callers_own_policy_must_allow_tags_and_source_identity(
    sandbox, action: str, extra: dict
) -> None:
    iam = client(sandbox, "iam", another_admin(sandbox))
    _trust_allows(sandbox, iam, action)  # the trust policy allows it, the seed's members' not
    code, message = error_of(_elevate, sandbox, **extra)
    assert code == "AccessDenied"
    assert (
        f"alice is not authorized to perform: {action} on resource: {sandbox.account.role_arn} "
        f"because no identity-based policy allows the {action} action"
    ) in message
    assert _elevate(sandbox)["Credentials"]  # without it, the same elevation works
    _members_allow(sandbox, iam, action)
    assert _elevate(sandbox, **extra)["Credentials"]


def test_the_setup_wizard_offers_the_sandboxs_admin_profile_first(sandbox) -> None:
    from elevate_tray.core.awsconfig import AwsConfig
    from elevate_tray.ui.wizard.pages import admin_profile_candidates

    profiles = AwsConfig.load(sandbox.env()).profiles
    assert admin_profile_candidates(profiles, None)[0] == "sandbox-account-admin"
