"""Issue 11, item 6: revocation that scales. Every revoke goes into ONE inline policy of the
role, one statement per user, replaced at the user's next drop and pruned once the sessions it
denies are dead; a role near IAM's inline-policy quota gets one sentence naming the quota, and
the session is dropped here all the same. Through the CLI against the sandbox."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .cli_helpers import Cli
from .sandbox_fixtures import client, keys
from .suite_support import bump, cli_fixture, elevate  # noqa: F401

POLICY = "ElevateTrayRevocations"
HOUR = 3600


_admins: dict[int, Any] = {}


def admin_iam(sandbox) -> Any:  # type: ignore[no-untyped-def]
    """An IAM client of an account admin with long-term keys (no role session: never denied),
    made once per test (the sandbox is reset between tests)."""
    return _admins[id(sandbox)]


@pytest.fixture(autouse=True)
def _admin(sandbox) -> Any:  # type: ignore[no-untyped-def]
    user = sandbox.create_user("test-admin", admin=True, mfa=False)
    _admins[id(sandbox)] = client(sandbox, "iam", keys(user))
    yield
    _admins.pop(id(sandbox), None)


def role_policies(sandbox) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    iam = admin_iam(sandbox)
    role = sandbox.account.role_name
    names = iam.list_role_policies(RoleName=role)["PolicyNames"]
    return {n: iam.get_role_policy(RoleName=role, PolicyName=n)["PolicyDocument"] for n in names}


def statements(sandbox) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    doc = role_policies(sandbox).get(POLICY)
    assert doc is not None, "no ElevateTrayRevocations policy on the role"
    found = doc["Statement"]
    return found if isinstance(found, list) else [found]


def denied_users(sandbox) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for s in statements(sandbox):
        # the whole name older versions gave a session, then every elevation's `<name>-<id>`
        exact, each = s["Condition"]["StringLike"]["aws:userid"]
        assert each == f"{exact}-??????", s
        found.append(exact.split(":")[1])
    return sorted(found)


def is_denied(sandbox, creds: dict[str, str]) -> bool:  # type: ignore[no-untyped-def]
    iam = client(
        sandbox,
        "iam",
        {
            "aws_access_key_id": creds["AccessKeyId"],
            "aws_secret_access_key": creds["SecretAccessKey"],
            "aws_session_token": creds["SessionToken"],
        },
    )
    try:
        iam.list_users()
    except ClientError as exc:
        return exc.response["Error"]["Code"] == "AccessDenied"
    return False


class Users:
    """More users of the sandbox's group, each with their own AWS config and app home, run
    through the same in-process CLI (the env is switched, as a user on another computer)."""

    def __init__(self, cli: Cli, sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
        self.cli, self.sandbox, self.tmp, self.mp = cli, sandbox, tmp_path, monkeypatch
        self.made: dict[str, Any] = {}
        import os

        self.alice_env = {
            k: os.environ[k]
            for k in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "ELEVATE_TRAY_HOME")
        }

    def be(self, name: str) -> None:
        if name == "alice":
            for k, v in self.alice_env.items():
                self.mp.setenv(k, v)
            return
        sb = self.sandbox
        if name not in self.made:
            self.made[name] = user = sb.create_user(name, groups=[sb.account.group_name])
            home = self.tmp / f"u-{name}"
            home.mkdir()
            (home / "config").write_text(
                f"[profile {name}-user]\nregion = us-east-1\n"
                f"[profile {sb.account.target_profile}]\nrole_arn = {sb.account.role_arn}\n"
                f"source_profile = {name}-user\nmfa_serial = {user.mfa_serial}\n"
                "region = us-east-1\nduration_seconds = 3600\n"
            )
            (home / "credentials").write_text(
                f"[{name}-user]\naws_access_key_id = {user.access_key_id}\n"
                f"aws_secret_access_key = {user.secret_access_key}\n"
            )
        home = self.tmp / f"u-{name}"
        self.mp.setenv("AWS_CONFIG_FILE", str(home / "config"))
        self.mp.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "credentials"))
        self.mp.setenv("ELEVATE_TRAY_HOME", str(home / "app"))

    def elevate(self, name: str) -> dict[str, str]:
        """Elevate as this user; returns the session's credentials."""
        self.be(name)
        secret = None if name == "alice" else self.made[name].mfa_secret
        got = self.cli("elevate", "--code", self.sandbox.totp(secret), "--no-browser")
        assert got.code == 0, got.err
        creds: dict[str, str] = self.cli("credentials").json()
        return creds

    def drop(self, name: str) -> Any:
        self.be(name)
        return self.cli("drop", "--revoke")


@pytest.fixture
def users(cli: Cli, sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Users:  # type: ignore[no-untyped-def]
    return Users(cli, sandbox, tmp_path, monkeypatch)


NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]


def test_many_users_revocations_leave_one_policy_with_one_statement_each(
    users: Users, sandbox
) -> None:
    for name in NAMES:
        users.elevate(name)
        assert users.drop(name).code == 0
    policies = role_policies(sandbox)
    assert list(policies) == [POLICY]
    assert denied_users(sandbox) == sorted(NAMES)
    sids = [s["Sid"] for s in statements(sandbox)]
    assert len(set(sids)) == len(NAMES) and all(s.isalnum() for s in sids)


def test_a_second_drop_by_the_same_user_replaces_their_statement(
    users: Users, cli: Cli, sandbox
) -> None:
    first = users.elevate("alice")
    assert users.drop("alice").code == 0
    users.elevate("bob")
    assert users.drop("bob").code == 0
    bump(cli, sandbox, 600)
    second = users.elevate("alice")
    assert not is_denied(sandbox, second)
    assert users.drop("alice").code == 0
    assert denied_users(sandbox) == ["alice", "bob"]
    (mine,) = [
        s
        for s in statements(sandbox)
        if s["Condition"]["StringLike"]["aws:userid"][0].endswith(":alice")
    ]
    cutoff = mine["Condition"]["DateLessThan"]["aws:TokenIssueTime"]
    # the later cut-off (the first was 10 minutes before), never a string compare across a
    # minute: the sandbox clock starts at whatever second the test started
    when = datetime.fromisoformat(cutoff.replace("Z", "+00:00"))
    assert abs((when - sandbox.clock.now()).total_seconds()) <= 5, (cutoff, sandbox.clock.now())
    assert is_denied(sandbox, first) and is_denied(sandbox, second)
    bump(cli, sandbox)
    assert not is_denied(sandbox, users.elevate("alice"))  # a fresh elevation still works


def quota_used(sandbox) -> int:  # type: ignore[no-untyped-def]
    """Non-whitespace characters of all the role's inline policies, as IAM counts them."""
    return sum(len(json.dumps(d, separators=(",", ":"))) for d in role_policies(sandbox).values())


def test_revocations_scale_past_the_quota_and_revoked_sessions_stay_denied(
    users: Users, cli: Cli, sandbox
) -> None:
    """Sixty users over two hours: piled-up policies would be past 10,240 characters; pruned
    statements stay well under, every revoked session is denied while the policy is rewritten
    by others, and a fresh elevation works."""
    held: dict[str, dict[str, str]] = {}
    for hour in range(2):
        names = [f"user{hour}x{i:02d}" for i in range(30)]
        for name in names:
            held[name] = users.elevate(name)
            assert users.drop(name).code == 0
        assert all(is_denied(sandbox, held[n]) for n in names)  # later writes kept the earlier
        assert quota_used(sandbox) <= 10240
        if hour == 0:
            bump(cli, sandbox, HOUR + 60)  # past the first hour's sessions
    assert len(statements(sandbox)) == 30  # the first hour's statements were pruned
    bump(cli, sandbox)
    assert not is_denied(sandbox, users.elevate("user1x00"))  # a fresh elevation works


def test_expired_statements_are_pruned_at_the_next_revoke(users: Users, cli: Cli, sandbox) -> None:
    for name in ("bob", "carol"):
        users.elevate(name)
        assert users.drop(name).code == 0
    bump(cli, sandbox, 1800)  # half the role's hour: their sessions could still be alive
    users.elevate("dave")
    assert users.drop("dave").code == 0
    assert denied_users(sandbox) == ["bob", "carol", "dave"]
    bump(cli, sandbox, HOUR)  # past bob's and carol's recorded expiry, not dave's
    users.elevate("alice")
    assert users.drop("alice").code == 0
    assert denied_users(sandbox) == ["alice", "dave"]


def legacy(cutoff: str, user_id: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "RevokeElevateTraySession",
                    "Effect": "Deny",
                    "Action": "*",
                    "Resource": "*",
                    "Condition": {
                        "StringLike": {"aws:userid": user_id},
                        "DateLessThan": {"aws:TokenIssueTime": cutoff},
                    },
                }
            ],
        }
    )


def test_legacy_per_user_policies_go_twelve_hours_after_their_cut_off(
    users: Users, cli: Cli, sandbox
) -> None:
    iam = admin_iam(sandbox)
    role = sandbox.account.role_name
    role_id = iam.get_role(RoleName=role)["Role"]["RoleId"]
    cutoff = sandbox.clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    for name in ("zed", "yan"):
        iam.put_role_policy(
            RoleName=role,
            PolicyName=f"ElevateTrayRevoke-{name}",
            PolicyDocument=legacy(cutoff, f"{role_id}:{name}"),
        )
    bump(cli, sandbox, 2 * HOUR)
    users.elevate("alice")
    assert users.drop("alice").code == 0
    assert sorted(role_policies(sandbox)) == [
        POLICY,
        "ElevateTrayRevoke-yan",
        "ElevateTrayRevoke-zed",
    ]
    bump(cli, sandbox, 10 * HOUR + 60)
    users.elevate("bob")
    assert users.drop("bob").code == 0
    assert list(role_policies(sandbox)) == [POLICY]


def test_a_role_near_the_quota_gets_the_sentence_and_the_session_is_dropped(
    cli: Cli, sandbox
) -> None:
    iam = admin_iam(sandbox)
    arns: list[str] = []
    filler = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": arns}],
    }
    while len(json.dumps(filler, separators=(",", ":"))) < 10050:  # under 10,240 by itself
        arns.append(f"arn:aws:s3:::bucket-{len(arns):05d}/*")
    iam.put_role_policy(
        RoleName=sandbox.account.role_name, PolicyName="Filler", PolicyDocument=json.dumps(filler)
    )
    assert elevate(cli, sandbox).code == 0
    mine = cli("credentials").json()
    got = cli("drop", "--revoke")
    assert got.code == 4
    said = (got.out + got.err).strip()
    assert "10,240" in said and "quota" in said and "not revoked" in said
    assert len(said.splitlines()) == 1
    assert "Traceback" not in said
    assert cli("status", "--json").json()["mode"] != "admin"  # dropped here all the same
    assert cli("credentials").code == 6
    assert list(role_policies(sandbox)) == ["Filler"]
    assert not is_denied(sandbox, mine)  # what "not revoked" means, said honestly


def test_aws_refusing_with_limit_exceeded_gets_the_same_sentence(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AWS counts the quota itself (it may count differently, or another writer got there
    first): its LimitExceeded is the same one sentence, and the session is dropped here. The
    sandbox (moto, in this process) is made to refuse as AWS does past the quota."""
    from moto.iam.exceptions import LimitExceededException
    from moto.iam.models import IAMBackend

    def refuse(self, role_name: str, policy_name: str, policy_json: str) -> None:  # type: ignore[no-untyped-def]
        raise LimitExceededException(
            f"Maximum policy size of 10240 bytes exceeded for role {role_name}"
        )

    assert elevate(cli, sandbox).code == 0
    monkeypatch.setattr(IAMBackend, "put_role_policy", refuse)
    got = cli("drop", "--revoke")
    assert got.code == 4
    said = (got.out + got.err).strip()
    assert "10,240" in said and "quota" in said and "not revoked" in said
    assert "LimitExceeded" not in said and len(said.splitlines()) == 1
    assert cli("credentials").code == 6  # dropped here
