"""Issue 15, item 1: each elevation distinguishable. Every AssumeRole is named
`<user>-<id>` (the user's name first, cut so the whole fits in 64 characters, then six
characters of [a-z2-7] fresh for the elevation), the id is kept with the session as its public
ID, SourceIdentity stays the person's name, and `drop --revoke` still denies every session of
the user on the role (those named by older versions too), never another user's. Through the
CLI against the sandbox, whose enforcement is core/iampolicy's evaluator; the revocation
statement also straight through that evaluator."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from elevate_tray.core import textrules
from elevate_tray.core.clock import format_iso
from elevate_tray.core.context import AppContext
from elevate_tray.core.elevation import Elevator
from elevate_tray.core.iampolicy.policy import Decision, Request, evaluate
from elevate_tray.core.values import ElevatedSession

from .cli_helpers import Cli
from .sandbox_fixtures import client, long_term
from .suite_support import bump, cli_fixture, elevate, sandbox_app_context  # noqa: F401
from .test_cli_elevation import _allow_trust, _state_entry
from .test_i11_revoke import (  # noqa: F401 - _admin: its autouse fixture (admin_iam's)
    POLICY,
    Users,
    _admin,
    admin_iam,
    is_denied,
    role_policies,
    statements,
)


@pytest.fixture
def users(cli: Cli, sandbox, tmp_path, monkeypatch: pytest.MonkeyPatch) -> Users:  # type: ignore[no-untyped-def]
    """More users of the sandbox's group, each on their own computer (test_i11_revoke's)."""
    return Users(cli, sandbox, tmp_path, monkeypatch)


def sid_for(user_id: str) -> str:
    # imported here, not at the top: the CLI tests also run against the commit before
    from elevate_tray.core.revocations import sid_for

    return sid_for(user_id)


def user_sessions(session: ElevatedSession) -> Any:
    from elevate_tray.core.revocations import user_sessions

    return user_sessions(session)


ARN = re.compile(r"arn:aws:sts::111122223333:assumed-role/AdminRole/alice-([a-z2-7]{6})")


def elevated(cli: Cli) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The live elevation's id (checked against its ARN), credentials and status."""
    status = cli("status", "--json").json()
    m = ARN.fullmatch(status["role_session_arn"])
    assert m, status
    assert status["elevation_id"] == m.group(1), status
    creds: dict[str, str] = cli("credentials").json()
    return m.group(1), creds, status


def who_am_i(sandbox, creds: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    keys = {
        "aws_access_key_id": creds["AccessKeyId"],
        "aws_secret_access_key": creds["SecretAccessKey"],
        "aws_session_token": creds["SessionToken"],
    }
    got: str = client(sandbox, "sts", keys).get_caller_identity()["Arn"]
    return got


# -- the name --------------------------------------------------------------------------
def test_each_elevation_is_named_for_the_user_and_its_own_id(cli: Cli, sandbox) -> None:
    r = elevate(cli, sandbox)
    assert r.code == 0, r.err
    first, creds1, status = elevated(cli)
    assert f" as alice-{first} for " in r.err  # what the person reads after elevating
    assert who_am_i(sandbox, creds1) == status["role_session_arn"]  # AWS's own name for it
    entry = _state_entry(cli)
    assert entry["elevation_id"] == first
    assert entry["assumed_role_id"].endswith(f":alice-{first}")
    bump(cli, sandbox)
    assert elevate(cli, sandbox).code == 0  # a second elevation (the first is replaced)
    second, creds2, _ = elevated(cli)
    assert second != first
    assert who_am_i(sandbox, creds2).endswith(f"/alice-{second}")
    assert cli("drop").code == 0
    bump(cli, sandbox)
    assert elevate(cli, sandbox).code == 0
    third, _, _ = elevated(cli)
    assert third not in (first, second)


def test_a_fixed_id_names_the_session_exactly(sandbox, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx: AppContext = sandbox_app_context(sandbox, tmp_path, monkeypatch)
    target = ctx.target(sandbox.account.target_profile)
    elevator = Elevator(target, ctx.store, ctx.clock, ctx.environ, elevation_ids=lambda: "abc234")
    got = elevator.elevate(sandbox.totp())
    assert got.session.elevation_id == "abc234"
    assert got.session.role_session_name == "alice-abc234"
    assert got.session.role_session_arn.endswith(":assumed-role/AdminRole/alice-abc234")
    kept = ctx.store.get(target.name)
    assert kept is not None and kept.elevation_id == "abc234"  # stored, read back


def test_source_identity_stays_the_persons_name(cli: Cli, sandbox) -> None:
    (cli.home / "config").mkdir(parents=True, exist_ok=True)
    (cli.home / "config" / "settings.toml").write_text(
        "[targets.sandbox-admin]\nallows_source_identity = true\n"
    )
    _allow_trust(sandbox, "sts:SetSourceIdentity")
    assert elevate(cli, sandbox).code == 0
    eid, _, _ = elevated(cli)
    assert _state_entry(cli)["source_identity"] == "alice"  # the person, not the elevation
    assert _state_entry(cli)["assumed_role_id"].endswith(f":alice-{eid}")


def test_the_fallback_through_an_mfa_session_is_named_the_same_way(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GetSessionToken first, then AssumeRole (role chaining): that AssumeRole has the
    elevation's own name too."""
    root = sandbox.create_user("account-admin", admin=True, mfa=False)
    iam = client(
        sandbox,
        "iam",
        {"aws_access_key_id": root.access_key_id, "aws_secret_access_key": root.secret_access_key},
    )
    no_direct = {
        "Effect": "Deny",
        "Action": "sts:AssumeRole",
        "Resource": "*",
        "Condition": {"DateLessThanIfExists": {"aws:TokenIssueTime": "2000-01-01T00:00:00Z"}},
    }
    iam.put_user_policy(
        UserName="alice",
        PolicyName="NoDirectAssume",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [no_direct]}),
    )
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(sandbox.account.mfa_secret + "\n"))
    cli("mfa", "set-secret")
    monkeypatch.setattr(cli.clock, "sleep", lambda s: bump(cli, sandbox, s))
    r = cli("elevate", "--no-browser")
    assert r.code == 0, r.err
    assert "AWS limits such sessions to 1 hour" in r.err  # it did take the fallback
    eid, creds, status = elevated(cli)
    assert who_am_i(sandbox, creds) == status["role_session_arn"]
    assert _state_entry(cli)["chained"] is True and _state_entry(cli)["elevation_id"] == eid


def test_a_long_user_name_is_cut_so_the_name_fits_and_revocation_still_holds(
    users: Users, sandbox
) -> None:
    long_name = "a" * 60 + "-ops"  # 64: IAM's longest user name
    creds = users.elevate(long_name)
    arn = who_am_i(sandbox, creds)  # AWS accepted it: at most 64 characters
    name = arn.rsplit("/", 1)[1]
    assert len(name) == 64 and re.fullmatch("a{57}-[a-z2-7]{6}", name), name
    assert users.drop(long_name).code == 0
    assert is_denied(sandbox, creds)


def test_the_name_rules() -> None:
    ids = {textrules.new_elevation_id() for _ in range(200)}
    assert all(re.fullmatch("[a-z2-7]{6}", i) for i in ids) and len(ids) > 190
    assert textrules.elevation_session_name("alice", "abcdef") == "alice-abcdef"
    assert textrules.elevation_session_name("a", "abcdef") == "a--abcdef"  # AWS's 2 at least
    assert textrules.elevation_session_name("bob smith", "zz2345") == "bob-smith-zz2345"
    assert len(textrules.elevation_session_name("x" * 64, "abcdef")) == 64
    with pytest.raises(ValueError):
        textrules.elevation_session_name("alice", "ABCDEF")
    assert textrules.source_identity("alice") == "alice"


# -- revocation --------------------------------------------------------------------------
def test_drop_revoke_denies_every_elevation_of_the_user_and_a_new_one_works(
    cli: Cli, sandbox
) -> None:
    assert elevate(cli, sandbox).code == 0
    first, creds1, _ = elevated(cli)
    bump(cli, sandbox)
    assert elevate(cli, sandbox).code == 0  # a second elevation: its own name
    second, creds2, _ = elevated(cli)
    assert first != second
    assert not is_denied(sandbox, creds1) and not is_denied(sandbox, creds2)
    assert cli("drop", "--revoke").code == 0  # drops the second
    assert is_denied(sandbox, creds2)
    assert is_denied(sandbox, creds1)  # the first, named otherwise, is denied too
    bump(cli, sandbox)
    assert elevate(cli, sandbox).code == 0
    third, creds3, _ = elevated(cli)
    assert third not in (first, second)
    assert not is_denied(sandbox, creds3)  # a new elevation after the drop works
    (mine,) = statements(sandbox)
    role_id = admin_iam(sandbox).get_role(RoleName="AdminRole")["Role"]["RoleId"]
    assert mine["Condition"]["StringLike"]["aws:userid"] == [
        f"{role_id}:alice",
        f"{role_id}:alice-??????",
    ]


def test_a_session_named_by_an_older_version_is_denied_too(cli: Cli, sandbox) -> None:
    """Sessions issued before the update are named just `alice`: still the user's."""
    sts = client(sandbox, "sts", long_term(sandbox))
    old = sts.assume_role(
        RoleArn=sandbox.account.role_arn,
        RoleSessionName="alice",
        SerialNumber=sandbox.account.mfa_serial,
        TokenCode=sandbox.totp(),
    )["Credentials"]
    bump(cli, sandbox)
    assert elevate(cli, sandbox).code == 0
    _, creds, _ = elevated(cli)
    assert not is_denied(sandbox, old)
    assert cli("drop", "--revoke").code == 0
    assert is_denied(sandbox, old) and is_denied(sandbox, creds)


def test_revoking_alice_spares_alice_x(users: Users, cli: Cli, sandbox) -> None:
    """User alice-x's sessions (`alice-x-<id>`) start like alice's: `?` is one character."""
    theirs = users.elevate("alice-x")
    bump(cli, sandbox)
    mine = users.elevate("alice")
    assert users.drop("alice").code == 0
    assert is_denied(sandbox, mine)
    assert not is_denied(sandbox, theirs)
    bump(cli, sandbox)
    assert users.drop("alice-x").code == 0
    assert is_denied(sandbox, theirs)
    assert not is_denied(sandbox, users.elevate("alice"))  # alice-x's deny spares alice's next
    assert len(statements(sandbox)) == 2  # one statement per user


def old_statement(user_id: str, cutoff: datetime, expiry: datetime, sid: str) -> dict[str, Any]:
    """A statement as versions before per-elevation ids wrote it: the exact aws:userid."""
    return {
        "Sid": sid,
        "Effect": "Deny",
        "Action": "*",
        "Resource": "*",
        "Condition": {
            "StringEquals": {"aws:userid": user_id},
            "DateLessThan": {
                "aws:TokenIssueTime": format_iso(cutoff),
                "aws:CurrentTime": format_iso(expiry),
            },
        },
    }


def test_an_older_versions_statement_for_the_user_is_replaced_not_piled_up(
    cli: Cli, sandbox
) -> None:
    iam = admin_iam(sandbox)
    role_id = iam.get_role(RoleName="AdminRole")["Role"]["RoleId"]
    now = sandbox.clock.now()
    later = now + timedelta(hours=3)  # longer than the role's hour: kept by the merge
    older = [
        old_statement(f"{role_id}:alice", now, later, sid_for(f"{role_id}:alice")),
        old_statement(f"{role_id}:carol", now, later, sid_for(f"{role_id}:carol")),
        # written by hand or by another formula: the same user by its exact aws:userid
        old_statement(f"{role_id}:alice", now, later, "SomethingElse"),
        # long dead (its expiry passed): pruned by that expiry, as before
        old_statement(f"{role_id}:dave", now - timedelta(hours=5), now, sid_for("dave")),
    ]
    iam.put_role_policy(
        RoleName="AdminRole",
        PolicyName=POLICY,
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": older}),
    )
    bump(cli, sandbox, 60)
    assert elevate(cli, sandbox).code == 0
    _, creds, _ = elevated(cli)
    assert cli("drop", "--revoke").code == 0
    assert is_denied(sandbox, creds)
    found = {s["Sid"]: s for s in statements(sandbox)}
    assert sorted(found) == sorted([sid_for(f"{role_id}:alice"), sid_for(f"{role_id}:carol")])
    alice = found[sid_for(f"{role_id}:alice")]["Condition"]
    assert alice["StringLike"] == {"aws:userid": [f"{role_id}:alice", f"{role_id}:alice-??????"]}
    assert "StringEquals" not in alice
    assert alice["DateLessThan"]["aws:CurrentTime"] == format_iso(later)  # the longer expiry
    assert found[sid_for(f"{role_id}:carol")]["Condition"]["StringEquals"]  # carol's untouched
    assert list(role_policies(sandbox)) == [POLICY]


# -- the statement, through the policy evaluator ----------------------------------------
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def a_session(**kw: Any) -> ElevatedSession:
    fields: dict[str, Any] = {
        "key": "prod-admin",
        "kind": "admin",
        "target": "prod-admin",
        "account": "111122223333",
        "role_session_arn": "arn:aws:sts::111122223333:assumed-role/AdminRole/alice-abcdef",
        "started_at": T0,
        "expires_at": T0 + timedelta(hours=1),
        "user_name": "alice",
        "assumed_role_id": "AROAEXAMPLE:alice-abcdef",
        "elevation_id": "abcdef",
    }
    return ElevatedSession(**(fields | kw))


def denies(session: ElevatedSession, user_id: str, issued: datetime = T0) -> bool:
    from elevate_tray.core.revocations import statement

    doc = {
        "Version": "2012-10-17",
        "Statement": [statement(user_sessions(session), T0 + timedelta(seconds=2), T0 + 2 * HOUR)],
    }
    ctx = {
        "aws:userid": [user_id],
        "aws:tokenissuetime": [format_iso(issued)],
        "aws:currenttime": [format_iso(T0 + timedelta(minutes=5))],
    }
    return evaluate([doc], Request("iam:ListUsers", "*", ctx)) is Decision.EXPLICIT_DENY


@pytest.mark.parametrize(
    ("user_id", "denied"),
    [
        ("AROAEXAMPLE:alice-abcdef", True),  # the dropped session
        ("AROAEXAMPLE:alice-zz2345", True),  # another elevation of alice
        ("AROAEXAMPLE:alice", True),  # a session an older version named
        ("AROAEXAMPLE:alice-x-abcdef", False),  # user alice-x's elevation
        ("AROAEXAMPLE:alice-x", False),  # user alice-x's, older version
        ("AROAEXAMPLE:alice-abcdefg", False),  # seven characters: not an elevation id
        ("AROAEXAMPLE:alice-abcde", False),
        ("AROAEXAMPLE:alicea-bcdef", False),
        ("AROAEXAMPLE:bob-abcdef", False),
        ("AROAOTHERROLE:alice-abcdef", False),  # the same name on another role
    ],
)
def test_the_statement_matches_the_users_sessions_only(user_id: str, denied: bool) -> None:
    assert denies(a_session(), user_id) is denied


def test_the_statement_spares_sessions_issued_after_the_cut_off() -> None:
    assert not denies(a_session(), "AROAEXAMPLE:alice-zz2345", issued=T0 + timedelta(minutes=1))


def test_without_a_stored_user_name_the_base_comes_from_the_session_name() -> None:
    new = a_session(user_name="")
    assert user_sessions(new).patterns == ["AROAEXAMPLE:alice", "AROAEXAMPLE:alice-??????"]
    assert denies(new, "AROAEXAMPLE:alice-zz2345") and not denies(new, "AROAEXAMPLE:alice-x-aa")
    old = a_session(
        user_name="",
        elevation_id="",
        assumed_role_id="AROAEXAMPLE:alice",
        role_session_arn="arn:aws:sts::111122223333:assumed-role/AdminRole/alice",
    )
    assert user_sessions(old).patterns == ["AROAEXAMPLE:alice", "AROAEXAMPLE:alice-??????"]
    # an old session whose name merely ends like an id: nothing is stripped without the id
    odd = a_session(user_name="", elevation_id="", assumed_role_id="AROAEXAMPLE:al-abcdef")
    assert user_sessions(odd).patterns[0] == "AROAEXAMPLE:al-abcdef"


def test_the_dropped_session_itself_is_always_denied() -> None:
    """Should the stored user name not be what the session is named after (a renamed user
    whose name the app had cached), the statement goes by the session's own name."""
    s = a_session(user_name="alice2", assumed_role_id="AROAEXAMPLE:alice-abcdef")
    assert denies(s, "AROAEXAMPLE:alice-abcdef") and denies(s, "AROAEXAMPLE:alice-zz2345")


def test_a_long_names_old_and_new_sessions_are_both_denied() -> None:
    user = "b" * 64
    eid = "abcdef"
    s = a_session(
        user_name=user,
        assumed_role_id=f"AROAEXAMPLE:{textrules.elevation_session_name(user, eid)}",
    )
    assert denies(s, f"AROAEXAMPLE:{'b' * 57}-zz2345")
    assert denies(s, f"AROAEXAMPLE:{user}")  # an older version's: the whole 64 characters
    assert not denies(s, f"AROAEXAMPLE:{'b' * 56}-zz2345")


def test_the_sid_is_per_user_and_the_older_versions() -> None:
    one, two = a_session(), a_session(assumed_role_id="AROAEXAMPLE:alice-zz2345")
    assert user_sessions(one).sid == user_sessions(two).sid == sid_for("AROAEXAMPLE:alice")
    other = a_session(user_name="alice-x", assumed_role_id="AROAEXAMPLE:alice-x-abcdef")
    assert user_sessions(other).sid != user_sessions(one).sid
    assert user_sessions(one).sid.isalnum()


def test_sessions_stored_by_older_versions_still_load() -> None:
    d = a_session().to_json()
    del d["elevation_id"]
    assert ElevatedSession.from_json(d).elevation_id == ""
    assert ElevatedSession.from_json(a_session().to_json()).elevation_id == "abcdef"
