"""Revocation verified against the sandbox (the session is denied in AWS, others are not, the
next elevation works, statements do not pile up, whatever the local clock says), and the tray's
surfaces: nothing secret on the clipboard, the sign-in URL never in a log."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError

from elevate_tray.core.lifecycle import Mode
from elevate_tray.ui.workers import InlineRunner
from tests.suite_support import sandbox_app_context
from tests.test_ui_support import QT_NOISE

from .cli_helpers import Cli
from .suite_support import bump, cli_fixture, elevate  # noqa: F401

pytestmark = [
    pytest.mark.qt_log_ignore(QT_NOISE),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


def iam_with(sandbox, creds: dict[str, str]):  # type: ignore[no-untyped-def]
    return boto3.client(
        "iam",
        region_name="us-east-1",
        endpoint_url=sandbox.endpoint_url,
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def denied(iam) -> bool:  # type: ignore[no-untyped-def]
    try:
        iam.list_users()
    except ClientError as exc:
        return exc.response["Error"]["Code"] == "AccessDenied"
    return False


def bob_session(sandbox) -> dict[str, str]:  # type: ignore[no-untyped-def]
    bob = sandbox.create_user("bob", groups=[sandbox.account.group_name])
    sts = boto3.client(
        "sts",
        region_name="us-east-1",
        endpoint_url=sandbox.endpoint_url,
        aws_access_key_id=bob.access_key_id,
        aws_secret_access_key=bob.secret_access_key,
    )
    c = sts.assume_role(
        RoleArn=sandbox.account.role_arn,
        RoleSessionName="bob",
        SerialNumber=bob.mfa_serial,
        TokenCode=sandbox.totp(bob.mfa_secret),
    )
    return c["Credentials"]


def test_revocation_denies_only_this_session_and_the_next_elevation_works(
    cli: Cli, sandbox
) -> None:
    bob = iam_with(sandbox, bob_session(sandbox))
    for _ in range(2):  # twice: the second revocation replaces the first policy
        assert elevate(cli, sandbox).code == 0
        mine = iam_with(sandbox, cli("credentials").json())
        assert not denied(mine)
        assert cli("drop", "--revoke").code == 0
        assert denied(mine)  # AWS refuses the revoked session at once
        assert not denied(bob)  # another user's admin session goes on
        bump(cli, sandbox)
    assert elevate(cli, sandbox).code == 0  # and a new session of the same user works
    assert not denied(iam_with(sandbox, cli("credentials").json()))
    admin = iam_with(sandbox, cli("credentials").json())
    policies = admin.list_role_policies(RoleName="AdminRole")["PolicyNames"]
    assert [p for p in policies if p.startswith("ElevateTrayRevo")] == ["ElevateTrayRevocations"]
    doc = admin.get_role_policy(RoleName="AdminRole", PolicyName="ElevateTrayRevocations")
    assert len(doc["PolicyDocument"]["Statement"]) == 1  # alice's, replaced, not piled up


def test_revocation_holds_when_this_clock_is_behind_aws(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox).code == 0
    mine = iam_with(sandbox, cli("credentials").json())
    cli.clock.advance(-600)  # ten minutes slow: a cut-off "now" would predate the token
    assert cli("drop", "--revoke").code == 0
    assert denied(mine)


def test_elevating_right_after_a_revocation_gives_a_working_session(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox).code == 0
    cli.clock.advance(60)  # this clock runs a minute ahead of AWS's
    assert cli("drop", "--revoke").code == 0
    sandbox.clock.advance(30)  # half a minute later by AWS: a fresh code, a new session
    assert elevate(cli, sandbox).code == 0
    assert cli("status", "--json").json()["mode"] == "admin"
    assert not denied(iam_with(sandbox, cli("credentials").json()))


# -- the tray ---------------------------------------------------------------------------
@pytest.fixture
def tray(qtbot, sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    ctx = sandbox_app_context(sandbox, tmp_path, monkeypatch)
    record = ctx.browser_record  # type: ignore[attr-defined]
    ctx.save_settings()  # on disk: the menu re-reads settings each time it opens
    ctl = TrayController(ctx, runner=InlineRunner(), tray_available=False)
    ctl.start()
    qtbot.addWidget(ctl.window)
    ctl.browser_record = record  # type: ignore[attr-defined]
    yield ctl
    ctl.timer.stop()
    for dialog in list(ctl._dialogs.values()):
        dialog.close()


def opened(record: Path) -> int:
    return len(record.read_text().splitlines()) if record.exists() else 0


def elevate_in_tray(qtbot, ctl, sandbox) -> None:  # type: ignore[no-untyped-def]
    name = sandbox.account.target_profile
    ctl.elevate(name)
    dialog = ctl._dialogs[name]
    qtbot.waitUntil(lambda: dialog._prepared, timeout=10000)
    dialog.code.insert(sandbox.totp())
    qtbot.waitUntil(lambda: ctl.state.mode is Mode.ADMIN, timeout=10000)


def test_tray_drop_and_revoke_is_denied_in_aws(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    elevate_in_tray(qtbot, tray, sandbox)
    creds = json.loads(tray.ctx.store.credentials(tray.state.shown).process_json())
    mine = iam_with(sandbox, creds)
    assert not denied(mine)
    tray.menu.rebuild()
    tray.menu.action_named(f"revoke:{sandbox.account.target_profile}").trigger()
    assert tray.state.mode is Mode.READ_ONLY
    assert denied(mine)


def test_no_secret_on_the_clipboard_and_no_sign_in_url_in_a_log(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not record.name.startswith("elevate_tray.sandbox"):
                records.append(self.format(record))

    logger = logging.getLogger("elevate_tray")
    handler, level = Keep(logging.DEBUG), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    clip = QGuiApplication.clipboard()
    seen: list[str] = []
    clip.dataChanged.connect(lambda: seen.append(clip.text()))
    name = sandbox.account.target_profile
    try:
        elevate_in_tray(qtbot, tray, sandbox)
        creds = tray.ctx.store.credentials(tray.state.shown)
        tray.menu.rebuild()
        for entry in ("snippet", "console", "revoke"):  # every target entry that does something
            tray.menu.rebuild()
            tray.menu.action_named(f"{entry}:{name}").trigger()
        qtbot.waitUntil(lambda: opened(tray.browser_record) >= 2, timeout=5000)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    urls = tray.browser_record.read_text().splitlines()
    assert len(urls) == 2 and all("SigninToken=" in u for u in urls)
    assert seen, "the snippet went to the clipboard"  # so the scan could find something
    secrets = [
        creds.secret_access_key,
        creds.session_token,
        sandbox.account.secret_access_key,
        sandbox.account.mfa_secret,
        *urls,
        *(u.split("SigninToken=")[1] for u in urls),
    ]
    for text in (*seen, clip.text(), "\n".join(records)):
        for secret in secrets:
            assert secret not in text
    assert tray.state.mode is Mode.READ_ONLY
    assert not list(tray.ctx.dirs.secrets_dir.glob("*.json"))
