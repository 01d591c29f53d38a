"""Issue 12 in the tray: a console hand-off the browser did not take is said in a notice, and
the "read-only again" notice offers to log the console out, in the target's browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from elevate_tray.core.lifecycle import Mode
from elevate_tray.ui.workers import InlineRunner
from tests.suite_support import sandbox_app_context
from tests.test_ui_support import QT_NOISE

pytestmark = [pytest.mark.qt_log_ignore(QT_NOISE)]


@pytest.fixture
def tray(qtbot, sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    ctx = sandbox_app_context(sandbox, tmp_path, monkeypatch)
    ctx.save_settings()  # on disk: the tray re-reads settings when they change
    ctl = TrayController(ctx, runner=InlineRunner(), tray_available=False)
    ctl.start()
    qtbot.addWidget(ctl.window)
    yield ctl
    ctl.timer.stop()
    for dialog in list(ctl._dialogs.values()):
        dialog.close()


def elevate_in_tray(qtbot, ctl, sandbox) -> None:  # type: ignore[no-untyped-def]
    name = sandbox.account.target_profile
    ctl.elevate(name)
    dialog = ctl._dialogs[name]
    qtbot.waitUntil(lambda: dialog._prepared, timeout=10000)
    dialog.open_console.setChecked(False)
    dialog.code.insert(sandbox.totp())
    qtbot.waitUntil(lambda: ctl.state.mode is Mode.ADMIN, timeout=10000)


def texts(ctl) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.text for n in ctl.notifier.history]


def test_a_console_the_browser_did_not_take_is_said_in_a_notice(
    qtbot, tray, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    elevate_in_tray(qtbot, tray, sandbox)
    monkeypatch.setenv("STANDIN_IGNORE", "1")  # a browser that never opens the page
    tray.ctx.settings.handoff_timeout = 1
    tray.ctx.save_settings()
    tray.open_console(sandbox.account.target_profile)
    want = (
        f"The browser did not open the AWS console for {sandbox.account.target_profile} within 1 s"
    )
    qtbot.waitUntil(lambda: any(want in t for t in texts(tray)), timeout=15000)
    assert tray.state.mode is Mode.ADMIN  # the session is kept


def test_a_console_the_browser_took_says_nothing_more(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    elevate_in_tray(qtbot, tray, sandbox)
    before = len(tray.notifier.history)
    record = tray.ctx.browser_record
    tray.open_console(sandbox.account.target_profile)
    qtbot.waitUntil(lambda: record.exists() and record.read_text().endswith("\n"), timeout=15000)
    assert record.read_text().startswith(sandbox.signin_url + "?Action=login")
    qtbot.wait(200)  # the outcome arrives through the event loop: let it
    assert len(tray.notifier.history) == before


def test_read_only_again_offers_to_log_the_console_out(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    elevate_in_tray(qtbot, tray, sandbox)
    tray.drop(sandbox.account.target_profile)
    assert tray.state.mode is Mode.READ_ONLY
    notice = tray.notifier.history[-1]
    assert notice.action_label == "Log out of the console" and notice.action is not None
    record = tray.ctx.browser_record
    assert not record.exists()  # offered, not done
    notice.action()
    qtbot.waitUntil(lambda: record.exists() and record.read_text().endswith("\n"), timeout=15000)
    assert record.read_text().strip() == sandbox.logout_url


def test_log_out_at_drop_does_it_without_asking(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    tray.ctx.settings.logout_console_on_drop = True
    tray.ctx.save_settings()
    elevate_in_tray(qtbot, tray, sandbox)
    tray.drop(sandbox.account.target_profile)
    record = tray.ctx.browser_record
    qtbot.waitUntil(lambda: record.exists() and record.read_text().endswith("\n"), timeout=15000)
    assert record.read_text().strip() == sandbox.logout_url
    assert tray.notifier.history[-1].action is None


def test_a_terminals_console_request_is_checked_before_anything_opens(qtbot, tray) -> None:  # type: ignore[no-untyped-def]
    answers: list[dict] = []  # type: ignore[type-arg]
    for request in (
        {"op": "console"},
        {"op": "console", "target": "sandbox-admin", "url": 7},
        {"op": "console", "target": "sandbox-admin", "url": "file:///etc/passwd"},
        {"op": "console", "target": "", "url": "https://example.com/"},
    ):
        tray.console.serve(request, answers.append)
    assert answers == [{"error": "bad-request"}] * 4
    assert not tray.ctx.browser_record.exists()
