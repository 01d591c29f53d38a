"""Issue 15: the elevation receipt, end to end through the command line against the sandbox's
CloudTrail: what an admin session changed, apart from what it read and from the app's own
calls; collecting until final; paging under the throttle; refusals in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from elevate_tray.core.clock import ManualClock

from .cli_helpers import Cli
from .sandbox_fixtures import client, policy


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
    """An IAM client signed with a credential_process document's keys."""
    return client(
        sandbox,
        "iam",
        {
            "aws_access_key_id": creds["AccessKeyId"],
            "aws_secret_access_key": creds["SecretAccessKey"],
            "aws_session_token": creds["SessionToken"],
        },
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


def deny_to_the_user(sandbox, action: str) -> None:
    """An inline policy on the seeded user denying `action` (its MFA sessions too)."""
    account = sandbox.account
    admin = client(
        sandbox,
        "iam",
        {
            "aws_access_key_id": account.admin_access_key_id,
            "aws_secret_access_key": account.admin_secret_access_key,
        },
    )
    admin.put_user_policy(
        UserName=account.user_name,
        PolicyName="Deny" + action.replace(":", ""),
        PolicyDocument=policy({"Effect": "Deny", "Action": action, "Resource": "*"}),
    )


def test_120_events_page_and_the_throttle_is_waited_out(cli: Cli, sandbox) -> None:
    creds = elevate(cli, sandbox)
    admin = iam(sandbox, creds)
    for i in range(60):
        admin.create_user(UserName=f"u{i:03}")
        admin.get_user(UserName=f"u{i:03}")
    assert cli("drop").code == 0
    before = cli.clock.now()
    r = cli("receipt", "--json", "--code", next_code(cli, sandbox))
    assert r.code == 0, r.err
    got = r.json()
    assert [c["resources"][0] for c in got["changes"]] == [f"u{i:03}" for i in range(60)]
    assert len(got["reads"]) == 60
    # 120 events by key and 120 by name: 3 pages each in us-east-1, at most 2 a second
    assert (cli.clock.now() - before).total_seconds() >= 2


def test_access_denied_on_lookup_events_is_one_sentence_and_the_receipt_is_kept(
    cli: Cli, sandbox
) -> None:
    deny_to_the_user(sandbox, "cloudtrail:LookupEvents")
    creds = elevate(cli, sandbox)
    iam(sandbox, creds).create_user(UserName="dave")
    assert cli("drop").code == 0
    r = cli("receipt", "--code", next_code(cli, sandbox))
    assert r.code == 4
    [sentence] = r.err.strip().splitlines()
    assert "cloudtrail:LookupEvents" in sentence or "event history" in sentence
    assert "No changes." in r.out  # what is kept is shown, marked as not collected
    listed = cli("sessions", "--json").json()
    assert listed[0]["receipt"] == "collecting"


def test_with_a_delivery_delay_the_receipt_goes_from_collecting_to_final(cli: Cli, sandbox) -> None:
    sandbox.cloudtrail_delay_seconds = 180
    try:
        creds = elevate(cli, sandbox)
        iam(sandbox, creds).create_user(UserName="erin")
        assert cli("drop").code == 0
        early = cli("receipt", "--json", "--code", next_code(cli, sandbox)).json()
        assert early["status"] == "collecting" and early["changes"] == []
        cli.clock.advance(200)
        later = cli("receipt", "--json").json()
        assert later["status"] == "collecting"
        assert [c["resources"] for c in later["changes"]] == [["erin"]]
        cli.clock.advance(15 * 60)
        final = cli("receipt", "--json").json()
        assert final["status"] == "final" and len(final["changes"]) == 1
        again = cli("receipt")  # final: shown as kept, no AWS call and no code needed
        assert again.code == 0 and "Status: final" in again.out
    finally:
        sandbox.cloudtrail_delay_seconds = 0


def test_without_a_code_or_a_terminal_it_says_how_to_collect(cli: Cli, sandbox) -> None:
    creds = elevate(cli, sandbox)
    iam(sandbox, creds).create_user(UserName="frank")
    assert cli("drop").code == 0
    r = cli("receipt")
    assert r.code == 6
    [sentence] = r.err.strip().splitlines()
    assert "--code" in sentence and "read-only MFA session" in sentence
    assert "Receipt" in r.out and "No changes." in r.out


def test_a_stored_receipt_is_user_only_and_names_the_key_by_its_last_four(
    cli: Cli, sandbox
) -> None:
    creds = elevate(cli, sandbox)
    iam(sandbox, creds).create_user(UserName="gina")
    assert cli("drop").code == 0
    cli.clock.advance(16 * 60)
    assert cli("receipt", "--code", next_code(cli, sandbox)).code == 0
    folder = cli.home / "data" / "receipts"
    [path] = list(folder.glob("*.json"))
    assert folder.stat().st_mode & 0o777 == 0o700 and path.stat().st_mode & 0o777 == 0o600
    text = path.read_text()
    key = creds["AccessKeyId"]
    assert key not in text and f"…{key[-4:]}" in text
    for secret in (creds["SecretAccessKey"], creds["SessionToken"]):
        assert secret not in text
    state = (cli.home / "state" / "state.json").read_text()
    assert key not in state  # final: the pending entry with the full key ID is gone


def test_unknown_session_and_no_receipts_are_one_sentence(cli: Cli) -> None:
    r = cli("receipt")
    assert r.code == 2 and "There is no receipt yet" in r.err
    r = cli("receipt", "--session", "zzzzzz")
    assert r.code == 2 and "`elevate-tray sessions`" in r.err
    r = cli("sessions")
    assert r.code == 0 and "No admin sessions yet" in r.out


def test_while_the_session_runs_the_receipt_is_collected_with_it_and_its_lookups_are_the_apps(
    cli: Cli, sandbox
) -> None:
    creds = elevate(cli, sandbox)
    iam(sandbox, creds).create_user(UserName="hana")
    first = cli("receipt", "--json")  # no code needed: the admin session itself looks
    assert first.code == 0, first.err
    got = first.json()
    assert got["ended_at"] is None and got["status"] == "collecting"
    assert [c["action"] for c in got["changes"]] == ["CreateUser"]
    cli.clock.advance(5)
    again = cli("receipt", "--json").json()
    assert [c["action"] for c in again["changes"]] == ["CreateUser"]
    apps = {a["action"] for a in again["app_calls"]}
    assert "LookupEvents" in apps and "DescribeRegions" in apps
    assert "LookupEvents" not in {r["action"] for r in again["reads"]}
    text = cli("receipt")
    assert "still running" in text.out and "1 change:" in text.out


def test_a_receipt_collected_while_running_then_says_how_the_session_ended(
    cli: Cli, sandbox
) -> None:
    creds = elevate(cli, sandbox)
    assert cli("receipt", "--json").json()["ended_at"] is None
    iam(sandbox, creds).create_user(UserName="ivan")
    assert cli("drop").code == 0
    listed = cli("sessions", "--json").json()
    assert listed[0]["ended"] == "dropped"
    no_code = cli("receipt")  # not collected now: what is kept, with how the session ended
    assert no_code.code == 6 and "dropped" in no_code.out and "still running" not in no_code.out
    got = cli("receipt", "--json", "--code", next_code(cli, sandbox)).json()
    assert got["ended"] == "dropped" and got["ended_at"] is not None
    assert [c["resources"] for c in got["changes"]] == [["ivan"]]
    assert "dropped" in cli("receipt").out


def test_changes_made_in_the_console_the_app_signed_in_are_in_the_receipt(
    cli: Cli, sandbox
) -> None:
    import requests

    creds = elevate(cli, sandbox)
    iam(sandbox, creds).create_user(UserName="from-cli")
    url = cli("console", "--print-url").out.strip()
    browser = requests.Session()
    assert browser.get(url, timeout=5).status_code == 200  # signed in: the console session
    cli.clock.advance(2)
    made = browser.post(
        f"{sandbox.endpoint_url}/console",
        data={"action": "create-user", "UserName": "from-console"},
        timeout=5,
    )
    assert "Created user from-console." in made.text
    assert cli("drop").code == 0
    got = cli("receipt", "--json", "--code", next_code(cli, sandbox)).json()
    assert [(c["resources"], c["via"]) for c in got["changes"]] == [
        (["from-cli"], "cli"),
        (["from-console"], "console"),
    ]


def test_receipts_nobody_collects_do_not_pile_up_in_the_state_file() -> None:
    from datetime import UTC, datetime, timedelta

    from elevate_tray.core import receipts
    from elevate_tray.core.values import ElevatedSession

    now = datetime(2026, 12, 1, tzinfo=UTC)

    def session(i: int, started: datetime) -> ElevatedSession:
        return ElevatedSession(
            key="t",
            kind="admin",
            target="t",
            account="1",
            role_session_arn=f"arn:aws:sts::1:assumed-role/R/a-{i:06}",
            started_at=started,
            expires_at=started + timedelta(hours=1),
            elevation_id=f"{i:06}",
        )

    state: dict = {}
    receipts.begin(state, session(999999, now - timedelta(days=91)), "ASIAOLD")
    receipts.begin(state, session(0, now), "ASIANEW")
    assert sorted(state["receipts_pending"]) == ["000000"]  # past the event history: gone
    for i in range(1, receipts.PENDING_KEPT + 5):
        receipts.begin(state, session(i, now + timedelta(hours=i)), "ASIANEW")
    kept = sorted(state["receipts_pending"])
    assert len(kept) == receipts.PENDING_KEPT
    assert kept[0] == "000005" and kept[-1] == f"{receipts.PENDING_KEPT + 4:06}"


def test_an_unreachable_aws_is_one_sentence_and_the_receipt_waits(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    creds = elevate(cli, sandbox)
    iam(sandbox, creds).create_user(UserName="jun")
    assert cli("drop").code == 0
    assert cli("credentials", "--readonly", "--code", next_code(cli, sandbox)).code == 0
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
    r = cli("receipt")
    assert r.code == 5
    [sentence] = r.err.strip().splitlines()
    assert "Regions" in sentence or "reach" in sentence.lower()
    monkeypatch.setenv("AWS_ENDPOINT_URL", sandbox.endpoint_url)
    got = cli("receipt", "--json").json()  # the read-only session collects it now
    assert [c["resources"] for c in got["changes"]] == [["jun"]]


def test_without_ec2_describe_regions_it_looks_in_the_sessions_region_and_us_east_1(
    cli: Cli, sandbox
) -> None:
    deny_to_the_user(sandbox, "ec2:DescribeRegions")
    creds = elevate(cli, sandbox)
    iam(sandbox, creds).create_user(UserName="kai")
    assert cli("drop").code == 0
    got = cli("receipt", "--json", "--code", next_code(cli, sandbox)).json()
    assert got["regions"] == ["us-east-1"]
    assert [c["resources"] for c in got["changes"]] == [["kai"]]
    assert any("ec2:DescribeRegions" in n for n in got["notes"])
