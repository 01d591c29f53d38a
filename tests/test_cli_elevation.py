"""The command line against the sandbox over real HTTP: elevate, status, credentials, drop,
console, read-only sessions, and every error a user can meet, with its exit code."""

from __future__ import annotations

import json
import os
import re
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError

from elevate_tray.core import audit
from elevate_tray.core.clock import ManualClock
from elevate_tray.core.paths import app_dirs

from .cli_helpers import Cli
from .sandbox_fixtures import allow_in_members_policy


@pytest.fixture
def cli(
    sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    for k, v in sandbox.env().items():
        monkeypatch.setenv(k, v)
    for k in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("ELEVATE_TRAY_HOME", str(tmp_path / "app"))
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "file")
    return Cli(capsys, ManualClock(sandbox.clock.now()), tmp_path / "app")


def creds_client(sandbox, service: str, creds: dict[str, str]):
    return boto3.client(
        service,
        region_name="us-east-1",
        endpoint_url=sandbox.endpoint_url,
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def elevate(cli: Cli, sandbox, *extra: str):
    return cli("elevate", "--code", sandbox.totp(), "--no-browser", *extra)


def test_targets_lists_the_sandbox_target(cli: Cli, sandbox) -> None:
    r = cli("targets", "--json")
    assert r.code == 0
    (t,) = r.json()
    assert t["name"] == "sandbox-admin"
    assert t["role_arn"] == sandbox.account.role_arn
    assert t["mfa_serial"] == sandbox.account.mfa_serial


def test_elevate_status_credentials_drop(cli: Cli, sandbox) -> None:
    assert cli("status", "--json").json()["mode"] == "read-only"
    r = elevate(cli, sandbox, "--reason", "INC-42 restart")
    assert r.code == 0, r.err
    assert "Elevated to AdminRole" in r.err

    status = cli("status", "--json").json()
    assert status["mode"] == "admin"
    assert status["target"] == "sandbox-admin"
    assert status["account"] == sandbox.account.account_id
    # the user's name first, then this elevation's own id (issue 15)
    assert re.fullmatch(r"[a-z2-7]{6}", status["elevation_id"]), status
    assert status["role_session_arn"].endswith(
        f":assumed-role/AdminRole/alice-{status['elevation_id']}"
    )
    assert 3590 <= status["seconds_left"] <= 3600
    assert datetime.fromisoformat(status["expires_at"].replace("Z", "+00:00")) > datetime.now(UTC)
    human = cli("status")
    assert human.out.startswith("admin: sandbox-admin (account ")

    creds = cli("credentials").json()
    assert creds["Version"] == 1 and creds["AccessKeyId"].startswith("ASIA")
    admin_iam = creds_client(sandbox, "iam", creds)
    admin_iam.create_user(UserName="made-by-admin")  # the admin session can write
    ident = creds_client(sandbox, "sts", creds).get_caller_identity()
    assert ident["Arn"] == status["role_session_arn"]

    assert cli("drop").code == 0
    r = cli("credentials")
    assert r.code == 6
    assert r.err.startswith("elevate-tray: Not elevated")
    assert cli("status", "--json").json()["mode"] == "read-only"

    events = audit.read(app_dirs())
    assert [e["event"] for e in events] == ["elevated", "ended"]
    assert events[1]["ended"] == "dropped"
    assert events[0]["reason"] == "INC-42 restart"
    assert events[0]["user"] == "alice"
    assert creds["SecretAccessKey"] not in (cli.home / "data" / "audit.jsonl").read_text()


def test_session_expires_by_wall_clock(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox, "--duration", "15m").code == 0
    creds = cli("credentials").json()
    cli.clock.advance(15 * 60 + 1)
    sandbox.clock.advance(15 * 60 + 1)
    r = cli("credentials")
    assert r.code == 6
    assert cli("status", "--json").json()["mode"] == "read-only"
    assert [e.get("ended") for e in audit.read(app_dirs())] == [None, "expired"]
    with pytest.raises(ClientError) as err:  # and AWS agrees
        creds_client(sandbox, "sts", creds).get_caller_identity()
    assert err.value.response["Error"]["Code"] == "ExpiredToken"


def test_wrong_code_then_reused_code_are_told_apart(cli: Cli, sandbox) -> None:
    good = sandbox.totp()
    wrong = f"{(int(good) + 1) % 1000000:06d}"
    r = cli("elevate", "--code", wrong, "--no-browser")
    assert r.code == 3
    assert "wrong or too old" in r.err
    assert cli("elevate", "--code", good, "--no-browser").code == 0
    cli("drop")
    r = cli("elevate", "--code", good, "--no-browser")
    assert r.code == 3
    assert "already used" in r.err
    assert len(r.err.strip().splitlines()) == 1


def test_malformed_code_fails_before_any_network(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    r = cli("elevate", "--code", "12345", "--no-browser")
    assert (r.code, r.err.strip()) == (
        2,  # a usage error: what was typed is no code at all
        "elevate-tray: An MFA code is 6 digits, as your authenticator app shows it.",
    )


def test_durations_are_checked(cli: Cli, sandbox) -> None:
    r = elevate(cli, sandbox, "--duration", "10m")
    assert r.code == 2 and "shortest elevation AWS allows is 15 minutes" in r.err
    r = elevate(cli, sandbox, "--duration", "2h")  # the role's maximum is 1 h: AWS says so
    assert r.code == 2 and "longer than the role allows" in r.err
    settings = cli.home / "config" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[targets.sandbox-admin]\nmax_duration = 3600\n")
    r = cli("elevate", "--code", "000000", "--no-browser", "--duration", "2h")
    assert r.code == 2 and "AdminRole allows at most 1h" in r.err  # known: refused locally


def test_drop_revoke_denies_the_session_in_aws(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox).code == 0
    creds = cli("credentials").json()
    iam = creds_client(sandbox, "iam", creds)
    iam.list_users()
    r = cli("drop", "--revoke")
    assert r.code == 0 and "revoked it in AWS" in r.err
    with pytest.raises(ClientError) as err:
        iam.list_users()
    assert err.value.response["Error"]["Code"] == "AccessDenied"
    assert audit.read(app_dirs())[-1]["ended"] == "revoked"


def test_console_sign_in_url_leads_to_the_console(cli: Cli, sandbox) -> None:
    r = cli("console", "--print-url")
    assert r.code == 6 and "Not elevated" in r.err
    assert elevate(cli, sandbox).code == 0
    r = cli("console", "--print-url")
    assert r.code == 0
    url = urllib.parse.urlsplit(r.out.strip())
    q = urllib.parse.parse_qs(url.query)
    assert q["Action"] == ["login"] and q["Issuer"] == ["elevate-tray"]
    assert q["Destination"] == [
        "https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1"
    ]
    assert "SessionDuration" not in r.out
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = browser.open(r.out.strip(), timeout=5).read().decode()
    assert "alice" in page and "AdminRole" in page and sandbox.account.account_id in page


def test_elevate_print_url(cli: Cli, sandbox) -> None:
    r = cli("elevate", "--code", sandbox.totp(), "--print-url")
    assert r.code == 0
    assert r.out.startswith(sandbox.signin_url + "?Action=login")


def test_readonly_session_reads_but_cannot_write(cli: Cli, sandbox) -> None:
    r = cli("credentials", "--readonly", "--code", sandbox.totp())
    assert r.code == 0, r.err
    creds = r.json()
    iam = creds_client(sandbox, "iam", creds)
    iam.list_users()
    with pytest.raises(ClientError) as err:
        iam.create_user(UserName="nope")
    assert err.value.response["Error"]["Code"] == "AccessDenied"
    assert cli("credentials", "--readonly").json() == creds  # reused while it lives
    assert cli("status", "--json").json()["mode"] == "read-only"


def test_readonly_without_session_or_terminal_says_what_to_do(cli: Cli) -> None:
    r = cli("credentials", "--readonly")
    assert r.code == 6 and "in a terminal once" in r.err


def test_kept_totp_secret_fills_codes_and_waits_for_a_fresh_window(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(sandbox.account.mfa_secret + "\n"))
    assert cli("mfa", "set-secret").code == 0
    waited: list[float] = []

    def fake_sleep(seconds: float) -> None:  # move both clocks instead of sleeping
        waited.append(seconds)
        cli.clock.advance(seconds)
        sandbox.clock.advance(seconds)

    monkeypatch.setattr(cli.clock, "sleep", fake_sleep)
    assert cli("elevate", "--no-browser").code == 0
    cli("drop")
    r = cli("elevate", "--no-browser")
    assert r.code == 0, r.err
    assert len(waited) == 1 and 0 < waited[0] <= 30
    assert "Waiting" in r.err
    assert cli("mfa", "clear-secret").code == 0
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))
    cli("drop")
    r = cli("elevate", "--no-browser")
    assert r.code == 2 and "there is no terminal to ask for one" in r.err


def test_secret_from_stdin_must_be_base32(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("not a secret\n"))
    r = cli("mfa", "set-secret")
    assert r.code == 2 and "not a TOTP secret" in r.err


def test_unknown_access_key(cli: Cli, sandbox) -> None:
    path = Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"])
    path.write_text(path.read_text().replace(sandbox.account.access_key_id, "AKIAUNKNOWNKEY000000"))
    r = elevate(cli, sandbox)
    assert r.code == 4 and "does not know the access key of profile 'sandbox'" in r.err


def test_network_failure(cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    r = elevate(cli, sandbox)
    assert r.code == 5 and "Could not reach AWS" in r.err


def test_mfa_serial_of_someone_else(cli: Cli, sandbox) -> None:
    bob = sandbox.create_user("bob", groups=[sandbox.account.group_name])
    path = Path(os.environ["AWS_CONFIG_FILE"])
    path.write_text(path.read_text().replace(sandbox.account.mfa_serial, bob.mfa_serial))
    r = cli("elevate", "--code", sandbox.totp(bob.mfa_secret), "--no-browser")
    assert r.code == 3 and "is not assigned to the user of profile 'sandbox'" in r.err


def test_missing_mfa_serial_is_discovered_and_saved(cli: Cli, sandbox) -> None:
    path = Path(os.environ["AWS_CONFIG_FILE"])
    path.write_text(path.read_text().replace(f"mfa_serial = {sandbox.account.mfa_serial}\n", ""))
    assert "mfa_serial" not in path.read_text()
    r = elevate(cli, sandbox, "--save-mfa-serial")
    assert r.code == 0, r.err
    assert f"mfa_serial = {sandbox.account.mfa_serial}" in path.read_text()


def test_explicit_deny_falls_back_through_an_mfa_session(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a deny that only hits long-term keys (no aws:TokenIssueTime): the direct path is refused
    root = sandbox.create_user("account-admin", admin=True, mfa=False)
    iam = boto3.client(
        "iam",
        region_name="us-east-1",
        endpoint_url=sandbox.endpoint_url,
        aws_access_key_id=root.access_key_id,
        aws_secret_access_key=root.secret_access_key,
    )
    iam.put_user_policy(
        UserName="alice",
        PolicyName="NoDirectAssume",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Deny",
                        "Action": "sts:AssumeRole",
                        "Resource": "*",
                        "Condition": {
                            "DateLessThanIfExists": {"aws:TokenIssueTime": "2000-01-01T00:00:00Z"}
                        },
                    }
                ],
            }
        ),
    )
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(sandbox.account.mfa_secret + "\n"))
    cli("mfa", "set-secret")

    def fake_sleep(seconds: float) -> None:
        cli.clock.advance(seconds)
        sandbox.clock.advance(seconds)

    monkeypatch.setattr(cli.clock, "sleep", fake_sleep)
    r = cli("elevate", "--no-browser", "--duration", "2h")
    assert r.code == 0, r.err
    assert "AWS limits such sessions to 1 hour" in r.err
    assert cli("status", "--json").json()["seconds_left"] <= 3600


def test_files_are_user_only_and_secrets_stay_out_of_state_and_logs(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox, "--reason", "canary").code == 0
    creds = cli("credentials").json()
    cli("status")
    files = [p for p in cli.home.rglob("*") if p.is_file()]
    assert files
    for p in cli.home.rglob("*"):
        mode = p.stat().st_mode & 0o777
        assert mode & 0o077 == 0, f"{p} is readable by others ({oct(mode)})"
    secret_holders = []
    for p in files:
        text = p.read_text(errors="replace")
        if creds["SecretAccessKey"] in text or creds["SessionToken"] in text:
            secret_holders.append(p.parent.name)
    assert secret_holders == ["secrets"]  # only the file-backed secret store
    assert sandbox.account.secret_access_key not in "".join(
        p.read_text(errors="replace") for p in files
    )


def _allow_trust(sandbox, *actions: str) -> None:
    root = sandbox.create_user("account-admin", admin=True, mfa=False)
    iam = boto3.client(
        "iam",
        region_name="us-east-1",
        endpoint_url=sandbox.endpoint_url,
        aws_access_key_id=root.access_key_id,
        aws_secret_access_key=root.secret_access_key,
    )
    doc = iam.get_role(RoleName="AdminRole")["Role"]["AssumeRolePolicyDocument"]
    doc = json.loads(urllib.parse.unquote(doc)) if isinstance(doc, str) else doc
    doc["Statement"][0]["Action"] = ["sts:AssumeRole", *actions]
    iam.update_assume_role_policy(RoleName="AdminRole", PolicyDocument=json.dumps(doc))
    # the account is the principal: the members' own policy must allow them too
    allow_in_members_policy(sandbox, *actions)


def _state_entry(cli: Cli) -> dict:
    return json.loads((cli.home / "state" / "state.json").read_text())["sessions"]["sandbox-admin"]


def test_source_identity_and_reason_tag_only_when_the_target_allows(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox, "--reason", "INC-7 (db)").code == 0
    assert _state_entry(cli)["source_identity"] == ""  # the seed's trust policy has neither
    cli("drop")
    settings = cli.home / "config" / "settings.toml"
    settings.write_text(
        "[targets.sandbox-admin]\nallows_source_identity = true\nallows_session_tags = true\n"
    )
    sandbox.clock.advance(30)
    r = elevate(cli, sandbox, "--reason", "INC-7 (db)")
    assert r.code == 4, "the role does not trust SetSourceIdentity/TagSession yet"
    _allow_trust(sandbox, "sts:SetSourceIdentity", "sts:TagSession")
    sandbox.clock.advance(30)
    assert elevate(cli, sandbox, "--reason", "INC-7 (db)").code == 0
    assert _state_entry(cli)["source_identity"] == "alice"
