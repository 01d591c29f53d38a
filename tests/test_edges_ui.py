# ruff: noqa: F811  (pytest fixtures imported from test_ui_support are re-bound as arguments)
"""The tray's edges of issue 10, black-box through the tray (pytest-qt, offscreen, the
InlineRunner): what the person sees after each action, read from the widgets and the
notifications, never from pixels."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from elevate_tray.core.lifecycle import Mode
from elevate_tray.ui.workers import InlineRunner
from tests.fault_servers import refused_url
from tests.suite_support import sandbox_app_context
from tests.test_ui_i18n import japanese  # noqa: F401
from tests.test_ui_support import (  # noqa: F401
    QT_NOISE,
    advance,
    controller,
    ctx,
    home_env,
    start_session,
)

pytestmark = [pytest.mark.qt_log_ignore(QT_NOISE)]

CLI_WORDING = re.compile(r"--[a-z]|browser_command|`elevate-tray")


@pytest.fixture
def tray(qtbot, sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    ctx = sandbox_app_context(sandbox, tmp_path, monkeypatch)
    ctx.save_settings()
    ctl = TrayController(ctx, runner=InlineRunner(), tray_available=False)
    ctl.start()
    qtbot.addWidget(ctl.window)
    yield ctl
    ctl.timer.stop()
    for dialog in list(ctl._dialogs.values()):
        dialog.close()


def open_dialog(qtbot, ctl, name: str, extend: bool = False):  # type: ignore[no-untyped-def]
    ctl.elevate(name, extend=extend)
    dialog = ctl._dialogs[name]
    qtbot.waitUntil(lambda: dialog._prepared, timeout=10000)
    return dialog


def elevate_in_tray(qtbot, ctl, sandbox) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctl, sandbox.account.target_profile)
    dialog.open_console.setChecked(False)
    dialog.code.insert(sandbox.totp())
    qtbot.waitUntil(lambda: ctl.state.mode is Mode.ADMIN, timeout=10000)


def last_notice(ctl: Any) -> str:
    assert ctl.notifier.history, "nothing was said"
    return str(ctl.notifier.history[-1].text)


# -- 2. "Drop and revoke" revokes or says why not ------------------------------------------
def test_tray_revoke_says_it_was_revoked(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    name = sandbox.account.target_profile
    elevate_in_tray(qtbot, tray, sandbox)
    tray.menu.rebuild()
    tray.menu.action_named(f"revoke:{name}").trigger()
    assert tray.state.mode is Mode.READ_ONLY
    assert last_notice(tray) == f"Dropped {name} and revoked it in AWS."
    assert tray.window.notice.text() == f"Dropped {name} and revoked it in AWS."


def test_tray_revoke_without_aws_says_pending_and_goes_read_only(  # type: ignore[no-untyped-def]
    qtbot, tray, sandbox, monkeypatch
) -> None:
    name = sandbox.account.target_profile
    elevate_in_tray(qtbot, tray, sandbox)
    session = tray.state.shown
    unreachable = refused_url()
    tray.ctx.environ["AWS_ENDPOINT_URL_IAM"] = unreachable
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", unreachable)  # whichever environ IAM reads
    tray.menu.rebuild()
    tray.menu.action_named(f"revoke:{name}").trigger()
    assert tray.state.mode is Mode.READ_ONLY  # dropped here: nothing served any more
    assert tray.ctx.store.current_admin(name) is None
    said = last_notice(tray)
    until = session.expires_at.astimezone().strftime("%H:%M")
    assert said.startswith(f"Dropped {name} here, but the revocation in AWS is pending: ")
    assert f"it ends by itself at {until}" in said
    assert "“Drop and revoke in AWS” in the menu" in said
    assert not CLI_WORDING.search(said), said


def test_a_pending_revocation_is_shown_and_retried_from_the_menu(  # type: ignore[no-untyped-def]
    qtbot, tray, sandbox, monkeypatch
) -> None:
    name = sandbox.account.target_profile
    elevate_in_tray(qtbot, tray, sandbox)
    unreachable = refused_url()
    tray.ctx.environ["AWS_ENDPOINT_URL_IAM"] = unreachable
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", unreachable)
    tray.menu.rebuild()
    tray.menu.action_named(f"revoke:{name}").trigger()
    tray.menu.rebuild()
    headers = [a.text() for a in tray.menu.actions() if a.objectName().startswith("header")]
    assert f"{name}: dropped here, revocation in AWS pending" in headers
    retry = tray.menu.action_named(f"revoke:{name}")
    assert retry.isEnabled() and not tray.menu.action_named(f"drop:{name}").isEnabled()
    del tray.ctx.environ["AWS_ENDPOINT_URL_IAM"]  # AWS is back
    monkeypatch.delenv("AWS_ENDPOINT_URL_IAM")
    retry.trigger()
    assert last_notice(tray) == f"Dropped {name} and revoked it in AWS."
    tray.menu.rebuild()
    headers = [a.text() for a in tray.menu.actions() if a.objectName().startswith("header")]
    assert not any("pending" in h for h in headers)
    assert not tray.menu.action_named(f"revoke:{name}").isEnabled()


# -- 3. "Open console" with no usable browser ---------------------------------------------
def test_open_console_with_a_browser_command_that_cannot_start(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    name = sandbox.account.target_profile
    elevate_in_tray(qtbot, tray, sandbox)
    tray.ctx.settings.browser_command = "/nonexistent/browser {url}"
    tray.ctx.save_settings()  # the menu re-reads settings when it opens
    tray.menu.rebuild()
    tray.menu.action_named(f"console:{name}").trigger()
    said = last_notice(tray)
    assert said == (
        "The Browser command in Settings could not be started (/nonexistent/browser): fix it "
        "in Settings, or leave it empty for the default browser."
    )
    assert tray.state.mode is Mode.ADMIN  # nothing lost


def test_open_console_with_no_browser_at_all(qtbot, tray, sandbox, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import webbrowser

    name = sandbox.account.target_profile
    elevate_in_tray(qtbot, tray, sandbox)
    tray.ctx.settings.browser_command = ""
    tray.ctx.save_settings()
    empty = tmp_path / "no-programs"
    empty.mkdir()
    for var in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PATH", str(empty))  # no browser, no xdg-open: webbrowser finds none
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    tray.menu.rebuild()
    tray.menu.action_named(f"console:{name}").trigger()
    said = last_notice(tray)
    assert said == (
        "No web browser could be opened on this computer: set the browser command in "
        "Settings (for example: firefox {url})."
    )
    assert not CLI_WORDING.search(said)
    assert tray.state.mode is Mode.ADMIN


def test_every_gui_variant_is_a_sentence_the_core_still_makes() -> None:
    """The GUI's variants are keyed by the core's English: a reworded core sentence would
    silently lose its GUI wording (and show a CLI flag again)."""
    from elevate_tray.ui.gui_wording import _variants
    from tests.test_ui_i18n import core_text

    made = set(core_text().sentences())
    assert set(_variants()) <= made, set(_variants()) - made


# -- 4. the MFA dialog -----------------------------------------------------------------------
def durations_offered(dialog) -> list[int]:  # type: ignore[no-untyped-def]
    return [int(dialog.duration.itemData(i)) for i in range(dialog.duration.count())]


def test_extend_opens_a_dialog_that_says_extend(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    name = sandbox.account.target_profile
    elevate_in_tray(qtbot, tray, sandbox)
    first = tray.state.shown
    tray.menu.rebuild()
    entry = tray.menu.action_named(f"elevate:{name}")
    assert entry.text() == "&Extend…"
    entry.trigger()
    dialog = tray._dialogs[name]
    qtbot.waitUntil(lambda: dialog._prepared, timeout=10000)
    assert dialog.windowTitle() == f"Extend {name}"
    assert dialog.submit_button.text() == "&Extend"
    tray.ctx.clock.advance(30)  # the next window's code: the first one is spent
    sandbox.clock.advance(30)
    dialog.open_console.setChecked(False)
    dialog.code.insert(sandbox.totp())
    assert tray.state.mode is Mode.ADMIN
    assert tray.state.shown.expires_at > first.expires_at


def test_a_duration_the_role_refuses_is_said_in_gui_words_and_not_offered_again(  # type: ignore[no-untyped-def]
    qtbot, tray, sandbox
) -> None:
    name = sandbox.account.target_profile
    dialog = open_dialog(qtbot, tray, name)
    assert dialog.limit_label.text() == ""  # the role's maximum is unknown: no "at most"
    assert max(durations_offered(dialog)) == 12 * 3600  # AWS's own limit, all it can know
    dialog.duration.setCurrentIndex(dialog.duration.findData(2 * 3600))  # the seed's role: 1 h
    dialog.open_console.setChecked(False)
    dialog.code.insert(sandbox.totp())
    assert tray.state.mode is Mode.READ_ONLY
    said = dialog.error_label.text()
    assert said == (
        "The requested duration is longer than the role allows (its MaxSessionDuration): "
        "choose a shorter duration, or ask the admin to raise the role's maximum."
    )
    assert not CLI_WORDING.search(said)
    assert max(durations_offered(dialog)) < 2 * 3600
    assert dialog.limit_label.text() == ""  # still not known exactly: no "at most" claimed
    dialog.reject()
    again = open_dialog(qtbot, tray, name)  # what AWS said is remembered (flows/durations)
    assert max(durations_offered(again)) < 2 * 3600
    assert again.limit_label.text() == ""


def test_the_dialog_grows_with_a_long_error(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.core.errors import ConfigError

    dialog = open_dialog(qtbot, tray, sandbox.account.target_profile)
    dialog.adjustSize()
    before = dialog.height()
    dialog.show_error(ConfigError("A long sentence that says what happened. " * 12))
    assert dialog.error_label.isVisible()
    assert dialog.height() > before + dialog.error_label.fontMetrics().height()
    label = dialog.error_label
    assert label.height() >= label.heightForWidth(label.width())  # every line of it shows


def test_kept_secret_note_names_the_store_in_use_and_the_code_is_refilled_after_an_error(  # type: ignore[no-untyped-def]
    qtbot, tray, sandbox
) -> None:
    from elevate_tray.core.totp import secret_key

    tray.ctx.secrets.set(secret_key(sandbox.account.mfa_serial), sandbox.account.mfa_secret)
    assert tray.ctx.secrets.kind == "file"
    dialog = open_dialog(qtbot, tray, sandbox.account.target_profile)
    assert dialog.code.text() == sandbox.totp()
    assert dialog.totp_label.text() == "Code filled from your kept TOTP secret."
    dialog.duration.setCurrentIndex(dialog.duration.findData(2 * 3600))  # refused by the role
    dialog.submit_button.click()
    assert dialog.error_label.isVisible()
    # filled again (the same window's code, or the wait for the next one is shown)
    assert dialog.code.text() == sandbox.totp() or dialog.totp_label.text().startswith("Waiting")
    assert dialog.code.text() or dialog.totp_label.text().startswith("Waiting")


def test_kept_secret_note_says_keyring_when_the_keyring_keeps_it(  # type: ignore[no-untyped-def]
    qtbot, sandbox, tmp_path, monkeypatch
) -> None:
    import keyring

    from elevate_tray.core.totp import secret_key
    from elevate_tray.ui.controller import TrayController
    from tests.keyring_backend import DirKeyring

    ctx = sandbox_app_context(sandbox, tmp_path, monkeypatch)
    monkeypatch.setenv("ELEVATE_TEST_KEYRING", str(tmp_path / "keyring"))
    ctx.environ["ELEVATE_TRAY_SECRET_STORE"] = "keyring"
    before = keyring.get_keyring()
    keyring.set_keyring(DirKeyring(tmp_path / "keyring"))
    try:
        assert ctx.secrets.kind == "keyring"
        ctx.secrets.set(secret_key(sandbox.account.mfa_serial), sandbox.account.mfa_secret)
        ctl = TrayController(ctx, runner=InlineRunner(), tray_available=False)
        ctl.start()
        qtbot.addWidget(ctl.window)
        dialog = open_dialog(qtbot, ctl, sandbox.account.target_profile)
        assert dialog.totp_label.text() == "Code filled from the TOTP secret kept in your keyring."
        dialog.close()
        ctl.timer.stop()
    finally:
        keyring.set_keyring(before)


# -- 5. quitting while admin, old notices, the balloon's action, the Japanese verbs ----------
def box_button(box, text: str):  # type: ignore[no-untyped-def]
    return next(b for b in box.buttons() if b.text() == text)


def test_quit_while_admin_asks_and_keep_says_nothing_will_drop_it(controller) -> None:  # type: ignore[no-untyped-def]
    session = start_session(controller.ctx, 900)
    controller.menu.rebuild()
    controller.menu.action_named("quit").trigger()
    box = controller._dialogs["quit"]  # asked, not quit
    end = session.expires_at.astimezone().strftime("%H:%M")
    assert box.text() == f"You are admin in prod until {end}."
    assert "nothing on this computer will drop it at expiry" in box.informativeText()
    assert sorted(b.text() for b in box.buttons()) == sorted(
        ["Quit and &keep the session", "&Drop and quit", "Cancel"]
    )
    assert controller.timer.isActive()  # still running while it asks
    box_button(box, "Quit and &keep the session").click()
    assert not controller.timer.isActive()  # quitting
    assert controller.ctx.store.current_admin("prod") is not None  # the session stays


def test_quit_while_admin_drop_and_quit_drops(controller) -> None:  # type: ignore[no-untyped-def]
    session = start_session(controller.ctx, 900)
    controller.quit()
    box_button(controller._dialogs["quit"], "&Drop and quit").click()
    assert controller.ctx.store.current_admin("prod") is None
    assert controller.ctx.store.credentials(session) is None
    assert not controller.timer.isActive()


def test_closing_the_window_while_admin_and_cancel_keeps_everything(controller) -> None:  # type: ignore[no-untyped-def]
    start_session(controller.ctx, 900)
    controller.recheck()
    controller.window.close()  # no tray here: the window is the app
    box = controller._dialogs["quit"]
    box_button(box, "Cancel").click()
    assert "quit" not in controller._dialogs
    assert controller.window.isVisible()
    assert controller.timer.isActive()
    assert controller.state.mode is Mode.ADMIN


def test_an_old_notice_leaves_the_countdown_window(controller) -> None:  # type: ignore[no-untyped-def]
    window = controller.window
    controller.menu.rebuild()
    controller.menu.action_named("snippet:prod").trigger()
    assert window.notice.isVisible() and "on the clipboard" in window.notice.text()
    advance(controller.ctx, 5)
    controller.recheck()
    assert window.notice.isVisible()  # not yet
    advance(controller.ctx, 11)  # past its time, by the app's clock
    controller.recheck()
    assert not window.notice.isVisible()
    # and at the next change of state
    controller.menu.action_named("snippet:prod").trigger()
    assert window.notice.isVisible()
    controller._set_elevating("prod")  # the dialog asks AWS: a new state
    assert not window.notice.isVisible()


@pytest.mark.qt_log_ignore(QT_NOISE, "systemTrayWindowChanged")
def test_the_balloons_extend_opens_the_extend_dialog(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    ctl = TrayController(ctx, runner=InlineRunner(), tray_available=True)
    ctl.start()
    ctl.confirm_quit = lambda _admins, answer: answer("keep")
    try:
        start_session(ctx, 400)
        ctl.recheck()
        advance(ctx, 100)  # 5 min left: the warning, whose action is Extend…
        ctl.recheck()
        warning = ctl.notifier.history[-1]
        assert warning.title == "Admin rights ending" and warning.action_label == "Extend…"
        ctl.tray.messageClicked.emit()  # the balloon clicked
        dialog = ctl._dialogs["prod"]
        assert dialog.windowTitle() == "Extend prod"
        assert dialog.submit_button.text() == "&Extend"
    finally:
        ctl.timer.stop()
        for d in list(ctl._dialogs.values()):
            d.close()
        if ctl.window is not None:
            ctl.window.close()
        ctl.tray.hide()


def test_japanese_drop_and_quit_use_different_verbs(japanese, controller) -> None:  # type: ignore[no-untyped-def]
    start_session(controller.ctx, 900)
    controller.menu.rebuild()
    drop = controller.menu.action_named("drop:prod").text()
    revoke = controller.menu.action_named("revoke:prod").text()
    quit_ = controller.menu.action_named("quit").text()
    assert quit_ == "終了(&Q)"
    assert drop == "今すぐ降格(&D)" and revoke == "降格して AWS で無効化(&R)"
    assert "終了" not in drop and "終了" not in revoke


# -- 6. the worker logs what it catches; nothing blocks the event loop ------------------------
def test_the_worker_logs_what_it_catches(qtbot) -> None:  # type: ignore[no-untyped-def]
    import logging

    from elevate_tray.core.errors import NetworkError
    from elevate_tray.ui.workers import ThreadRunner

    def broken() -> None:
        raise KeyError("x")

    def unreachable() -> None:
        raise NetworkError("Could not reach AWS; check your network connection.")

    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):  # on the logger itself: whatever the app set up above it
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("elevate_tray.ui.workers")
    handler, level = Keep(logging.DEBUG), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False  # these records are this test's to check, and expected
    got: list[BaseException | None] = []
    try:
        for runner in (InlineRunner(), ThreadRunner()):
            records.clear()
            got.clear()
            runner.run_task(broken, lambda _r, e: got.append(e))
            runner.run_task(unreachable, lambda _r, e: got.append(e))
            qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
            errors = [r for r in records if r.levelno == logging.ERROR]
            infos = [r for r in records if r.levelno == logging.INFO]
            assert len(errors) == 1 and errors[0].exc_info and errors[0].exc_info[0] is KeyError
            assert len(infos) == 1 and "Could not reach AWS" in infos[0].getMessage()
            assert not infos[0].exc_info  # a sentence for the person, not a traceback
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = True


def test_the_menu_reads_the_aws_config_off_the_ui_thread(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController
    from elevate_tray.ui.workers import ThreadRunner

    ctl = TrayController(ctx, runner=ThreadRunner(), tray_available=False)
    ctl.confirm_quit = lambda _admins, answer: answer("keep")
    qtbot.addWidget(ctl.windows.show_window())
    ctl.menu.rebuild()  # returns at once: the config is read by the runner
    shown = [a.text() for a in ctl.menu.actions()]
    assert "Reading the AWS config…" in shown
    qtbot.waitUntil(lambda: ctl.menu.action_named("elevate:prod") is not None, timeout=5000)
    assert "Reading the AWS config…" not in [a.text() for a in ctl.menu.actions()]
    ctl.timer.stop()


def test_settings_are_written_by_the_runner(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.settings_dialog import SettingsDialog
    from elevate_tray.ui.workers import ThreadRunner

    dialog = SettingsDialog(ctx, ThreadRunner())
    qtbot.addWidget(dialog)
    dialog.browser.setText("firefox --new-window {url}")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
        assert not dialog.isEnabled()  # while the file is written elsewhere
    assert dialog.isEnabled()
    ctx.reload()
    assert ctx.settings.browser_command == "firefox --new-window {url}"


def test_a_state_the_tray_cannot_read_is_said_in_the_menu(tray) -> None:  # type: ignore[no-untyped-def]
    """TrayState.problem: a folder where state.json should be is said, not a traceback."""
    state_file = tray.ctx.dirs.state_file
    state_file.unlink(missing_ok=True)
    state_file.mkdir()
    tray.recheck()
    assert tray.state.mode is Mode.READ_ONLY
    tray.menu.rebuild()
    headers = [a.text() for a in tray.menu.actions() if a.objectName().startswith("header")]
    assert any("cannot be read" in h and str(state_file) in h for h in headers), headers
