"""Issue 14: rotation with AWS faults injected at each step (the sandbox's fail_next) and IAM
slow to accept a new key (key_propagation_seconds): every run ends with one stored key that
works and, in IAM, no key the user was not told about; the next run finishes the job.
"""

from __future__ import annotations

import pytest

from elevate_tray.core.clock import ManualClock

from .cli_helpers import Cli
from .suite_support import cli_fixture  # noqa: F401
from .test_i14_rotation import iam_keys, keep_totp_secret, kept_fixture, served, works  # noqa: F401


def one_line(err: str) -> str:
    """The failure's one line (a note that a generated code waits for its window aside)."""
    lines = [x for x in err.strip().splitlines() if not x.startswith("Waiting ")]
    assert len(lines) == 1, err
    return lines[0]


def ends_whole(cli: Cli, sandbox, profile: str) -> str:  # type: ignore[no-untyped-def]
    """One stored key that AWS accepts, and it is the only key in IAM: its id."""
    doc = served(cli, profile)
    assert works(sandbox, doc)
    assert iam_keys(sandbox) == {doc["AccessKeyId"]: "Active"}
    return str(doc["AccessKeyId"])


def rotate(cli: Cli, sandbox, profile: str):  # type: ignore[no-untyped-def]
    cli.clock.advance(30)  # both clocks (BothClocks): a fresh code
    return cli("keys", "rotate", "--profile", profile, "--code", sandbox.totp())


class BothClocks(ManualClock):
    """The app's clock, moving the sandbox's with it: IAM's propagation delay passes while the
    rotation waits, as it would in the world."""

    def __init__(self, sandbox) -> None:  # type: ignore[no-untyped-def]
        super().__init__(sandbox.clock.now())
        self.sandbox = sandbox

    def advance(self, seconds: float) -> None:
        super().advance(seconds)
        self.sandbox.clock.advance(seconds)


@pytest.fixture(autouse=True)
def _one_time(cli: Cli, sandbox) -> None:  # type: ignore[no-untyped-def]
    """The app's waits (a generated code's window, IAM's propagation) move AWS's clock too."""
    cli.clock = BothClocks(sandbox)


def test_create_refused_changes_nothing(cli: Cli, sandbox, kept: str) -> None:  # type: ignore[no-untyped-def]
    old = sandbox.account.access_key_id
    sandbox.fail_next("iam:CreateAccessKey")
    r = rotate(cli, sandbox, kept)
    assert r.code == 5, r.err
    assert "create a new access key" in one_line(r.err)
    assert ends_whole(cli, sandbox, kept) == old
    keep_totp_secret(cli, sandbox)  # strict: the old key's deletion takes a second code
    r = rotate(cli, sandbox, kept)
    assert r.code == 0, r.err
    assert ends_whole(cli, sandbox, kept) != old


def test_create_done_but_its_answer_lost_deletes_the_key_at_once(
    cli: Cli, sandbox, kept: str
) -> None:  # type: ignore[no-untyped-def]
    old = sandbox.account.access_key_id
    sandbox.fail_next("iam:CreateAccessKey", after=True)
    r = rotate(cli, sandbox, kept)
    assert r.code == 5, r.err
    assert "AWS made anyway is deleted" in one_line(r.err)
    assert ends_whole(cli, sandbox, kept) == old


def test_create_lost_and_the_cleanup_refused_is_finished_and_said_by_the_next_run(
    cli: Cli,
    sandbox,
    kept: str,  # type: ignore[no-untyped-def]
) -> None:
    old = sandbox.account.access_key_id
    sandbox.fail_next("iam:CreateAccessKey", after=True)
    sandbox.fail_next("iam:DeleteAccessKey")  # the key found after the lost answer stays
    r = rotate(cli, sandbox, kept)
    assert r.code == 5, r.err
    assert "run `elevate-tray keys rotate` again to find and delete it" in one_line(r.err)
    orphan = set(iam_keys(sandbox)) - {old}
    assert len(orphan) == 1  # the key whose secret never arrived: the user was told of it
    keep_totp_secret(cli, sandbox)
    r = rotate(cli, sandbox, kept)
    assert r.code == 0, r.err
    assert "whose secret was never kept; that key is now deleted" in r.err
    assert next(iter(orphan))[-4:] in r.err
    assert ends_whole(cli, sandbox, kept) not in (old, *orphan)


def test_a_new_key_slow_to_be_accepted_is_waited_for(cli: Cli, sandbox, kept: str) -> None:  # type: ignore[no-untyped-def]
    sandbox.key_propagation_seconds = 20
    keep_totp_secret(cli, sandbox)
    r = cli("keys", "rotate", "--profile", kept)
    assert r.code == 0, r.err
    assert ends_whole(cli, sandbox, kept) != sandbox.account.access_key_id


def test_a_new_key_never_accepted_is_deleted_and_the_old_stays(
    cli: Cli, sandbox, kept: str
) -> None:  # type: ignore[no-untyped-def]
    old = sandbox.account.access_key_id
    sandbox.key_propagation_seconds = 3600  # the app waits a minute by its clock, not an hour
    r = rotate(cli, sandbox, kept)
    assert r.code == 5, r.err
    assert "did not accept the new key" in one_line(r.err) and old[-4:] in r.err
    assert ends_whole(cli, sandbox, kept) == old


def test_never_accepted_and_not_deleted_is_finished_by_the_next_run(
    cli: Cli, sandbox, kept: str
) -> None:  # type: ignore[no-untyped-def]
    old = sandbox.account.access_key_id
    sandbox.key_propagation_seconds = 3600
    sandbox.fail_next("iam:DeleteAccessKey")
    r = rotate(cli, sandbox, kept)
    assert r.code == 5, r.err
    line = one_line(r.err)
    new = (set(iam_keys(sandbox)) - {old}).pop()
    assert "could not be deleted" in line and new[-4:] in line
    cli.clock.advance(3600)  # now AWS takes it
    keep_totp_secret(cli, sandbox)
    r = rotate(cli, sandbox, kept)
    assert r.code == 0, r.err
    assert ends_whole(cli, sandbox, kept) == new


@pytest.mark.parametrize("sessions", ["strict", "lenient"])
def test_the_old_key_not_deleted_is_said_and_deleted_by_the_next_run(
    cli: Cli,
    sandbox,
    kept: str,
    sessions: str,  # type: ignore[no-untyped-def]
) -> None:
    sandbox.key_sessions = sessions
    keep_totp_secret(cli, sandbox)
    old = sandbox.account.access_key_id
    sandbox.fail_next("iam:DeleteAccessKey")
    r = rotate(cli, sandbox, kept)
    assert r.code == 5, r.err
    line = one_line(r.err)
    new = served(cli, kept)["AccessKeyId"]
    assert f"The new key …{new[-4:]} is in use, but the old key …{old[-4:]} was not deleted" in line
    assert iam_keys(sandbox) == {new: "Active", old: "Inactive"}  # told of, and unusable
    assert works(sandbox, served(cli, kept))
    r = rotate(cli, sandbox, kept)
    assert r.code == 0, r.err
    assert ends_whole(cli, sandbox, kept) == new


def test_deactivation_refused_keeps_the_new_key_and_says_the_old_one(
    cli: Cli, sandbox, kept: str
) -> None:  # type: ignore[no-untyped-def]
    old = sandbox.account.access_key_id
    sandbox.fail_next("iam:UpdateAccessKey")
    r = rotate(cli, sandbox, kept)
    assert r.code == 5, r.err
    new = served(cli, kept)["AccessKeyId"]
    assert old[-4:] in one_line(r.err) and new[-4:] in r.err
    assert iam_keys(sandbox) == {new: "Active", old: "Active"}
    keep_totp_secret(cli, sandbox)
    r = rotate(cli, sandbox, kept)
    assert r.code == 0, r.err
    assert ends_whole(cli, sandbox, kept) == new
