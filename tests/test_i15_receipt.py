"""Issue 15: the elevation receipt, end to end through the command line against the sandbox's
CloudTrail: what an admin session changed, apart from what it read and from the app's own
calls; collecting until final; paging under the throttle; refusals in one sentence."""

from __future__ import annotations

from pathlib import Path

import boto3
import pytest

from elevate_tray.core.clock import ManualClock

from .cli_helpers import Cli


@pytest.fixture
def cli(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Cli:
    for k, v in sandbox.env().items():
        monkeypatch.setenv(k, v)
    for k in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("ELEVATE_TRAY_HOME", str(tmp_path / "app"))
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "file")
    clock = ManualClock(sandbox.clock.now())
    sandbox.clock.follow(clock.now)  # one clock: the throttle refills as the app waits
    return Cli(capsys, clock, tmp_path / "app")


def elevate(cli: Cli, sandbox, *extra: str) -> dict:
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", *extra)
    assert r.code == 0, r.err
    cli.clock.advance(1)
    creds = cli("credentials").json()
    return creds


def iam(sandbox, creds: dict):
    return boto3.client(
        "iam",
        region_name="us-east-1",
        endpoint_url=sandbox.endpoint_url,
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def next_code(cli: Cli, sandbox) -> str:
    cli.clock.advance(30)  # a fresh TOTP window: AWS takes each code once
    return sandbox.totp()


def test_a_session_that_creates_and_tags_a_user_and_lists_users_gets_two_changes_and_one_read(
    cli: Cli, sandbox
) -> None:
    creds = elevate(cli, sandbox, "--reason", "INC-7 add bob")
    admin = iam(sandbox, creds)
    admin.create_user(UserName="bob")
    cli.clock.advance(2)
    admin.tag_user(UserName="bob", Tags=[{"Key": "team", "Value": "ops"}])
    cli.clock.advance(2)
    admin.list_users()
    cli.clock.advance(60)
    assert cli("drop").code == 0

    r = cli("receipt", "--last", "--json", "--code", next_code(cli, sandbox))
    assert r.code == 0, r.err
    got = r.json()
    assert [(c["service"], c["action"], c["resources"]) for c in got["changes"]] == [
        ("iam", "CreateUser", ["bob"]),
        ("iam", "TagUser", ["bob"]),
    ]
    assert [(e["action"]) for e in got["reads"]] == ["ListUsers"]
    assert got["reason"] == "INC-7 add bob" and got["ended"] == "dropped"
    assert got["status"] == "collecting"  # events may still arrive for 15 minutes
    assert got["key"] == "…" + creds["AccessKeyId"][-4:]
    assert creds["AccessKeyId"] not in r.out and creds["SecretAccessKey"] not in r.out

    cli.clock.advance(15 * 60)
    final = cli("receipt", "--json")
    assert final.code == 0, final.err  # the read-only session of the first run is still live
    assert final.json()["status"] == "final"
    assert [c["action"] for c in final.json()["changes"]] == ["CreateUser", "TagUser"]

    md = cli("receipt", "--markdown")
    assert md.code == 0
    assert "#### Changes (2)" in md.out and "| iam | CreateUser | bob | ok | CLI/SDK |" in md.out
    listing = cli("sessions")
    assert listing.code == 0
    assert "2 changes" in listing.out and "INC-7 add bob" in listing.out


def test_another_elevation_of_the_same_user_is_not_in_the_receipt(cli: Cli, sandbox) -> None:
    first = elevate(cli, sandbox)
    iam(sandbox, first).create_user(UserName="from-first")
    cli.clock.advance(30)
    second = elevate(cli, sandbox)  # the same user, the same minutes: replaces the first here
    iam(sandbox, second).create_user(UserName="from-second")
    iam(sandbox, first).create_user(UserName="first-again")  # the first still lives in AWS
    cli.clock.advance(30)
    assert cli("drop").code == 0
    code = next_code(cli, sandbox)
    ids = [s["id"] for s in cli("sessions", "--json").json()]
    assert len(ids) == 2
    newest = cli("receipt", "--session", ids[0], "--json", "--code", code).json()
    assert [c["resources"] for c in newest["changes"]] == [["from-second"]]
    older = cli("receipt", "--session", ids[1], "--json").json()
    # the first session's own call after it was replaced here is its change, and in its receipt
    assert [c["resources"] for c in older["changes"]] == [["from-first"], ["first-again"]]
    assert older["ended"] == "replaced"


def test_a_revoking_drop_adds_none_of_the_users_changes(cli: Cli, sandbox) -> None:
    creds = elevate(cli, sandbox)
    iam(sandbox, creds).create_user(UserName="carol")
    cli.clock.advance(5)
    r = cli("drop", "--revoke")
    assert r.code == 0, r.err
    got = cli("receipt", "--json", "--code", next_code(cli, sandbox)).json()
    assert [c["action"] for c in got["changes"]] == ["CreateUser"]
    assert "PutRolePolicy" in {a["action"] for a in got["app_calls"]}
    assert got["ended"] == "revoked"
