# ruff: noqa: F811  (pytest fixtures imported from test_ui_support are re-bound as arguments)
"""The tray menu: built from the current state each time it opens, actions that do what they
say, usable from the keyboard."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from elevate_tray.core.lifecycle import Mode
from tests.test_ui_support import QT_NOISE, controller, ctx, home_env, start_session  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def texts(menu) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_read_only_menu(controller) -> None:  # type: ignore[no-untyped-def]
    menu = controller.menu
    menu.rebuild()
    assert texts(menu)[0] == "Read-only"
    assert "prod — 123456789012" in texts(menu)
    assert menu.action_named("elevate:prod").isEnabled()
    assert menu.action_named("elevate:prod").text() == "&Elevate…"
    for name in ("console:prod", "drop:prod", "revoke:prod"):
        assert not menu.action_named(name).isEnabled()
    for name in ("countdown-window", "settings", "wizard", "quit", "snippet:prod"):
        assert menu.action_named(name) is not None


def test_admin_menu_header_says_mode_target_account_and_end(controller) -> None:  # type: ignore[no-untyped-def]
    session = start_session(controller.ctx, 900)
    menu = controller.menu
    menu.rebuild()
    end = session.expires_at.astimezone().strftime("%H:%M")
    assert texts(menu)[0] == "ADMIN"
    assert texts(menu)[1] == f"prod · 123456789012 · alice · until {end} (15 min left)"
    assert menu.action_named("elevate:prod").text() == "&Extend…"
    assert menu.action_named("drop:prod").isEnabled()


def test_drop_now_from_the_menu(controller) -> None:  # type: ignore[no-untyped-def]
    session = start_session(controller.ctx, 900)
    controller.menu.rebuild()
    controller.menu.action_named("drop:prod").trigger()
    assert controller.state.mode is Mode.READ_ONLY
    assert controller.ctx.store.credentials(session) is None
    controller.menu.rebuild()
    assert not controller.menu.action_named("drop:prod").isEnabled()


def test_copy_credential_process_snippet(controller) -> None:  # type: ignore[no-untyped-def]
    controller.menu.rebuild()
    controller.menu.action_named("snippet:prod").trigger()
    text = QGuiApplication.clipboard().text()
    # setup's name for the profile, and the config file it belongs in
    config = controller.ctx.aws_config.config_file
    assert text.startswith(f"# paste into {config}\n[profile prod-cli]\n")
    assert re.search(r"^credential_process = .* credentials --target prod$", text, re.M)
    assert "canary" not in text


def test_sandbox_is_obvious(controller) -> None:  # type: ignore[no-untyped-def]
    controller.ctx.environ["ELEVATE_TRAY_SANDBOX"] = "1"
    controller.menu.rebuild()
    assert texts(controller.menu)[0] == "Read-only · SANDBOX"
    assert "SANDBOX" in controller.window.windowTitle()


def test_a_broken_aws_config_is_said_in_the_menu(controller) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    Path(controller.ctx.environ["AWS_CONFIG_FILE"]).write_text(
        "[profile prod]\nrole_arn = arn:aws:iam::123456789012:user/bob\nsource_profile = me\n"
    )
    controller.menu.rebuild()
    problem = [a for a in controller.menu.actions() if "not an IAM role ARN" in a.text()]
    assert problem and not problem[0].isEnabled()


def test_every_entry_has_its_own_mnemonic(controller) -> None:  # type: ignore[no-untyped-def]
    start_session(controller.ctx, 900)
    controller.menu.rebuild()
    entries = [a for a in controller.menu.actions() if a.isEnabled() and not a.isSeparator()]
    keys = []
    for action in entries:
        assert "&" in action.text(), action.text()
        keys.append(action.text().split("&", 1)[1][0].lower())
    assert len(keys) == len(set(keys))


@pytest.mark.qt_log_ignore(QT_NOISE, r"does not support raise\(\)", "does not support grabbing")
def test_keyboard_opens_settings(qtbot, controller) -> None:  # type: ignore[no-untyped-def]
    controller.menu.popup(QPoint(10, 10))
    qtbot.waitUntil(controller.menu.isVisible)
    qtbot.keyClick(controller.menu, Qt.Key.Key_S)  # "&Settings…"
    qtbot.waitUntil(lambda: "settings" in controller._dialogs)
    assert controller._dialogs["settings"].windowTitle() == "elevate-tray settings"


def test_countdown_window_toggle_is_remembered(controller) -> None:  # type: ignore[no-untyped-def]
    controller.menu.rebuild()
    controller.menu.action_named("countdown-window").setChecked(False)
    assert controller.ctx.settings.countdown_window is False
    controller.menu.action_named("countdown-window").setChecked(True)
    controller.ctx.reload()
    assert controller.ctx.settings.countdown_window is True


def test_countdown_window_remembers_where_it_was_dragged(qtbot, controller) -> None:  # type: ignore[no-untyped-def]
    window = controller.window
    qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.mouseMove(window, QPoint(140, 90))
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(140, 90))
    controller.ctx.reload()
    assert controller.ctx.settings.countdown_window_pos == [window.x(), window.y()]


def test_settings_dialog_saves_what_was_chosen(qtbot, controller) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(controller.ctx)
    qtbot.addWidget(dialog)
    dialog.duration.setCurrentIndex(dialog.duration.findData(1800))
    dialog.browser.setText("firefox --new-window {url}")
    dialog.logout.setChecked(True)
    dialog.warnings.setText("10, 2")
    dialog.login.setChecked(True)
    dialog.save()
    controller.ctx.reload()
    s = controller.ctx.settings
    assert (
        s.default_duration,
        s.browser_command,
        s.logout_console_on_drop,
        s.warnings,
        s.start_at_login,
    ) == (1800, "firefox --new-window {url}", True, [600, 120], True)
    from pathlib import Path

    desktop = Path(controller.ctx.environ["XDG_CONFIG_HOME"]) / "autostart" / "elevate-tray.desktop"
    assert "Exec=" in desktop.read_text()


def test_settings_dialog_rejects_bad_warnings_with_a_sentence(qtbot, controller) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(controller.ctx)
    qtbot.addWidget(dialog)
    dialog.warnings.setText("five")
    dialog.save()
    assert dialog.error.text().startswith("Warnings are minutes before the end")
    controller.ctx.reload()
    assert controller.ctx.settings.warnings == [300, 60]
