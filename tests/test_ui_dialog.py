"""The MFA dialog against the sandbox, over real HTTP: the code field, the device and target
shown, durations, a kept TOTP secret, errors in one sentence, AWS off the UI thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from elevate_tray.core.context import AppContext
from elevate_tray.core.lifecycle import Mode
from elevate_tray.core.settings import TargetSettings
from elevate_tray.core.totp import secret_key
from elevate_tray.ui.code_field import CodeField
from elevate_tray.ui.workers import InlineRunner, ThreadRunner
from tests.suite_support import sandbox_app_context
from tests.test_ui_support import QT_NOISE

pytestmark = [
    pytest.mark.qt_log_ignore(QT_NOISE),
]


@pytest.fixture
def sb_ctx(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppContext:
    return sandbox_app_context(sandbox, tmp_path, monkeypatch)


def make_controller(qtbot, ctx, runner):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    ctl = TrayController(ctx, runner=runner, tray_available=False)
    ctl.start()
    qtbot.addWidget(ctl.window)
    return ctl


def open_dialog(qtbot, ctl, sandbox):  # type: ignore[no-untyped-def]
    ctl.elevate(sandbox.account.target_profile)
    dialog = ctl._dialogs[sandbox.account.target_profile]
    qtbot.waitUntil(lambda: dialog._prepared, timeout=10000)
    return dialog


def test_code_field_takes_pasted_spaces_and_submits_on_the_sixth_digit(qtbot) -> None:  # type: ignore[no-untyped-def]
    field = CodeField()
    qtbot.addWidget(field)
    got: list[str] = []
    field.complete.connect(got.append)
    field.insert("12345")
    assert got == []
    field.insert("6")
    assert got == ["123456"]
    field.clear()
    field.insert(" 654 321\n")  # pasted from an authenticator
    assert got[-1] == "654321" and field.text() == "654321"
    field.clear()
    field.insert("１２３-４５６")  # full-width digits from a Japanese IME
    assert got[-1] == "123456"


def test_dialog_shows_device_target_and_submits_a_pasted_code(qtbot, sandbox, sb_ctx) -> None:  # type: ignore[no-untyped-def]
    ctl = make_controller(qtbot, sb_ctx, InlineRunner())
    dialog = open_dialog(qtbot, ctl, sandbox)
    assert dialog.device_label.text() == sandbox.account.mfa_serial
    assert sandbox.account.account_id in dialog.target_label.text()
    assert dialog.windowTitle() == f"Elevate to {sandbox.account.target_profile}"
    code = sandbox.totp()
    dialog.reason.setText("ticket 42")
    dialog.code.insert(f"{code[:3]} {code[3:]}")  # the sixth digit submits
    assert ctl.state.mode is Mode.ADMIN
    assert ctl.window.big.text().endswith("60 min left")
    session = ctl.state.shown
    assert session.reason == "ticket 42"
    qtbot.waitUntil(
        lambda: sb_ctx.browser_record.exists() and sb_ctx.browser_record.read_text().endswith("\n")
    )
    assert sb_ctx.browser_record.read_text().startswith(sandbox.signin_url + "?Action=login")


def test_wrong_code_is_one_sentence_inline_and_changes_nothing(qtbot, sandbox, sb_ctx) -> None:  # type: ignore[no-untyped-def]
    ctl = make_controller(qtbot, sb_ctx, InlineRunner())
    dialog = open_dialog(qtbot, ctl, sandbox)
    wrong = f"{(int(sandbox.totp()) + 1) % 1000000:06d}"
    dialog.code.insert(wrong)
    text = dialog.error_label.text()
    assert dialog.error_label.isVisibleTo(dialog)
    assert text and "\n" not in text and "Traceback" not in text and text.endswith(".")
    assert "MFA" in text or "code" in text
    assert dialog.code.text() == "" and dialog.code.isEnabled()
    assert ctl.state.mode is Mode.READ_ONLY
    assert sb_ctx.store.live() == []


def test_letters_never_reach_aws(qtbot, sandbox, sb_ctx) -> None:  # type: ignore[no-untyped-def]
    ctl = make_controller(qtbot, sb_ctx, InlineRunner())
    dialog = open_dialog(qtbot, ctl, sandbox)
    dialog.code.setText("12ab")
    dialog.submit(dialog.code.text())
    assert (
        dialog.error_label.text() == "An MFA code is 6 digits, as your authenticator app shows it."
    )


def test_duration_choice_is_bounded_by_the_roles_maximum(qtbot, sandbox, sb_ctx) -> None:  # type: ignore[no-untyped-def]
    sb_ctx.settings.targets[sandbox.account.target_profile] = TargetSettings(max_duration=3600)
    ctl = make_controller(qtbot, sb_ctx, InlineRunner())
    dialog = open_dialog(qtbot, ctl, sandbox)
    offered = [dialog.duration.itemData(i) for i in range(dialog.duration.count())]
    assert offered == [900, 1800, 3600]
    assert dialog.limit_label.text() == "The role allows at most 1 h."
    dialog.duration.setCurrentIndex(1)
    dialog.code.insert(sandbox.totp())
    left = ctl.state.shown.seconds_left(sb_ctx.clock.now())
    assert 1790 <= left <= 1800


def test_kept_totp_secret_fills_the_code_and_shows_the_wait(qtbot, sandbox, sb_ctx) -> None:  # type: ignore[no-untyped-def]
    sb_ctx.secrets.set(secret_key(sandbox.account.mfa_serial), sandbox.account.mfa_secret)
    ctl = make_controller(qtbot, sb_ctx, InlineRunner())
    dialog = open_dialog(qtbot, ctl, sandbox)
    assert dialog.code.text() == sandbox.totp()
    assert dialog.totp_label.text() == "Code filled from your kept TOTP secret."  # a file store
    assert ctl.state.mode is Mode.READ_ONLY  # filled, not sent: duration and reason come first
    dialog.submit_button.click()
    assert ctl.state.mode is Mode.ADMIN
    # extend at once: this window's code is spent, so the dialog waits for the next one
    ctl._dialogs.clear()
    dialog = open_dialog(qtbot, ctl, sandbox)
    assert dialog.code.text() == ""
    assert dialog.totp_label.text().startswith("Waiting ")
    assert "for a fresh code" in dialog.totp_label.text()
    wait = 30 - int(sb_ctx.clock.now().timestamp()) % 30
    sb_ctx.clock.advance(wait)
    sandbox.clock.advance(wait)
    dialog.refresh_generated()
    assert dialog.code.text() == sandbox.totp()


def test_aws_runs_off_the_ui_thread_and_connections_are_warmed(qtbot, sandbox, sb_ctx) -> None:  # type: ignore[no-untyped-def]
    ctl = make_controller(qtbot, sb_ctx, ThreadRunner())
    dialog = open_dialog(qtbot, ctl, sandbox)
    # while the user types, the STS client and the sign-in connection are already open
    prepared = dialog._prepared_flow
    assert prepared.elevator._sts is not None
    assert prepared.federation._conn is not None and prepared.federation._conn.sock is not None
    dialog.code.insert(sandbox.totp())
    assert ctl.state.mode is Mode.ELEVATING  # the UI carries on while AWS answers
    assert not dialog.code.isEnabled()
    qtbot.waitUntil(lambda: ctl.state.mode is Mode.ADMIN, timeout=10000)
    assert sandbox.account.target_profile not in ctl._dialogs  # closed and let go
