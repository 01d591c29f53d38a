"""Issue 14: `keys rotate` replaces the kept key with MFA, and always ends with one stored key
that works and, in IAM, no key the user was not told about.

Against the sandbox through the command line (in-process), with the account admin's keys to
look at IAM from outside.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .cli_helpers import Cli
from .sandbox_fixtures import client, own_aws_files
from .suite_support import bump, cli_fixture  # noqa: F401


@pytest.fixture(name="kept")
def kept_fixture(sandbox, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:  # type: ignore[no-untyped-def]
    """The seeded user's keys imported, in the test's own copy of the AWS files."""
    for name, value in own_aws_files(sandbox, tmp_path / "aws").items():
        monkeypatch.setenv(name, value)
    source = str(sandbox.account.source_profile)
    r = cli("keys", "import", "--profile", source)
    assert r.code == 0, r.err
    return source


def admin_iam(sandbox) -> Any:  # type: ignore[no-untyped-def]
    account = sandbox.account
    return client(
        sandbox,
        "iam",
        {
            "aws_access_key_id": account.admin_access_key_id,
            "aws_secret_access_key": account.admin_secret_access_key,
        },
    )


def iam_keys(sandbox) -> dict[str, str]:  # type: ignore[no-untyped-def]
    listed = admin_iam(sandbox).list_access_keys(UserName=sandbox.account.user_name)
    return {k["AccessKeyId"]: k["Status"] for k in listed["AccessKeyMetadata"]}


def served(cli: Cli, profile: str) -> dict[str, Any]:
    r = cli("credentials", "--source", profile)
    assert r.code == 0, r.err
    doc: dict[str, Any] = json.loads(r.out)
    return doc


def works_temp(sandbox, doc: dict[str, Any]) -> bool:  # type: ignore[no-untyped-def]
    return works(sandbox, doc, doc["SessionToken"])


def works(sandbox, doc: dict[str, Any], token: str | None = None) -> bool:  # type: ignore[no-untyped-def]
    sts = client(
        sandbox,
        "sts",
        {
            "aws_access_key_id": doc["AccessKeyId"],
            "aws_secret_access_key": doc["SecretAccessKey"],
            **({"aws_session_token": token} if token else {}),
        },
    )
    try:
        sts.get_caller_identity()
    except Exception:  # noqa: BLE001
        return False
    return True


def keep_totp_secret(cli: Cli, sandbox) -> None:  # type: ignore[no-untyped-def]
    """`mfa set-secret`: the app then makes its own codes (a second one when it needs it)."""
    from elevate_tray.core.totp import secret_key

    cli.context().secrets.set(secret_key(sandbox.account.mfa_serial), sandbox.account.mfa_secret)


@pytest.mark.parametrize("sessions", ["strict", "lenient"])
def test_rotate_replaces_the_key_in_one_command(
    cli: Cli, sandbox, kept: str, sessions: str
) -> None:  # type: ignore[no-untyped-def]
    """Whether or not AWS ends the old key's session with the key: one command, the old key
    deactivated and deleted, the new one served, AWS accepting it, elevation going on."""
    sandbox.key_sessions = sessions
    keep_totp_secret(cli, sandbox)
    old = sandbox.account.access_key_id
    r = cli("keys", "rotate", "--profile", kept)
    assert r.code == 0, r.err
    doc = served(cli, kept)
    assert doc["AccessKeyId"] != old
    assert iam_keys(sandbox) == {doc["AccessKeyId"]: "Active"}
    assert works(sandbox, doc)
    assert doc["SecretAccessKey"] not in r.err + r.out
    assert old[-4:] in r.err and doc["AccessKeyId"][-4:] in r.err and "deleted" in r.err
    # the key's age is known now, and elevation goes on with the new key
    listed = json.loads(cli("keys", "list", "--json").out)
    assert listed[0]["age_known"] and listed[0]["age_days"] == 0
    bump(cli, sandbox)
    assert cli("elevate", "--no-browser").code == 0
    # the read-only session the rotation kept is one AWS still honours (strict: the new key's)
    ro = cli("credentials", "--readonly")
    assert ro.code == 0 and works_temp(sandbox, json.loads(ro.out))


def test_strict_with_one_typed_code_deactivates_now_and_deletes_at_the_next_run(
    cli: Cli,
    sandbox,
    kept: str,  # type: ignore[no-untyped-def]
) -> None:
    old = sandbox.account.access_key_id
    r = cli("keys", "rotate", "--profile", kept, "--code", sandbox.totp())
    assert r.code == 0, r.err
    new = served(cli, kept)["AccessKeyId"]
    assert iam_keys(sandbox) == {new: "Active", old: "Inactive"}
    assert "needs one more MFA code" in r.err and old[-4:] in r.err
    assert f"…{old[-4:]} is deactivated (it can no longer be used)" in r.err
    bump(cli, sandbox)
    r = cli("keys", "rotate", "--profile", kept, "--code", sandbox.totp())
    assert r.code == 0, r.err
    assert iam_keys(sandbox) == {new: "Active"}
    assert served(cli, kept)["AccessKeyId"] == new


def test_a_stale_second_key_is_named_not_deleted(cli: Cli, sandbox, kept: str) -> None:  # type: ignore[no-untyped-def]
    stale = admin_iam(sandbox).create_access_key(UserName=sandbox.account.user_name)
    stale_id = stale["AccessKey"]["AccessKeyId"]
    r = cli("keys", "rotate", "--profile", kept, "--code", sandbox.totp())
    assert r.code == 2
    assert stale_id in r.err and "delete-access-key" in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert set(iam_keys(sandbox)) == {sandbox.account.access_key_id, stale_id}
    assert served(cli, kept)["AccessKeyId"] == sandbox.account.access_key_id


def test_rotate_without_a_terminal_or_code_says_so(cli: Cli, sandbox, kept: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("keys", "rotate", "--profile", kept)
    assert r.code == 2 and "--code" in r.err
    assert iam_keys(sandbox) == {sandbox.account.access_key_id: "Active"}


def test_a_wrong_code_changes_nothing(cli: Cli, sandbox, kept: str) -> None:  # type: ignore[no-untyped-def]
    code = sandbox.totp()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    r = cli("keys", "rotate", "--profile", kept, "--code", wrong)
    assert r.code == 3, r.err
    assert iam_keys(sandbox) == {sandbox.account.access_key_id: "Active"}
    assert served(cli, kept)["AccessKeyId"] == sandbox.account.access_key_id


class Killed(BaseException):
    """The run stops there, as a process killed between two steps stops."""


@pytest.mark.parametrize(
    "step", __import__("elevate_tray.flows.rotation").flows.rotation.CHECKPOINTS
)
def test_a_run_killed_between_any_two_steps_is_finished_by_the_next(
    cli: Cli,
    sandbox,
    kept: str,
    step: str,  # type: ignore[no-untyped-def]
) -> None:
    from elevate_tray.flows.codes import choose
    from elevate_tray.flows.rotation import Rotation

    def die(at: str) -> None:
        if at == step:
            raise Killed

    keep_totp_secret(cli, sandbox)  # strict: deleting the old key takes a second code
    ctx = cli.context()
    with pytest.raises(Killed):
        codes = choose(ctx, sandbox.account.mfa_serial, None, ask=lambda: pytest.fail("asked"))
        Rotation(ctx, kept, codes, checkpoint=die).run()
    bump(cli, sandbox)
    r = cli("keys", "rotate", "--profile", kept)
    assert r.code == 0, r.err
    doc = served(cli, kept)
    assert iam_keys(sandbox) == {doc["AccessKeyId"]: "Active"}, step
    assert works(sandbox, doc)
    assert doc["AccessKeyId"] != sandbox.account.access_key_id
    # a key created whose secret was never kept is deleted, and the user is told
    told = "was never kept; that key is now deleted" in r.err
    assert told == (step == "created"), r.err
    assert json.loads(cli("keys", "list", "--json").out)[0]["rotation_pending"] is False
