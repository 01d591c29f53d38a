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
from tests.test_ui_support import QT_NOISE

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
        "The browser command in Settings could not be started (/nonexistent/browser): fix it "
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
