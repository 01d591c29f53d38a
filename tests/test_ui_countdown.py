# ruff: noqa: F811  (pytest fixtures imported from test_ui_support are re-bound as arguments)
"""Countdown, warnings, expiry and sleep, with a clock the test moves; and sessions other
processes start or end showing up in the tray at once."""

from __future__ import annotations

import pytest

from elevate_tray.core.lifecycle import Mode
from elevate_tray.core.statefile import read_state
from tests.test_ui_support import (  # noqa: F401  (controller, ctx, home_env: fixtures)
    QT_NOISE,
    advance,
    controller,
    ctx,
    home_env,
    other_process,
    start_session,
)

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def titles(ctl) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.title for n in ctl.notifier.history]


def test_read_only_runs_no_timer_and_shows_the_read_only_icon(controller) -> None:  # type: ignore[no-untyped-def]
    assert controller.state.mode is Mode.READ_ONLY
    assert not controller.timer.isActive()
    assert controller.window is not None  # no tray offscreen: the window is the surface
    assert "Read-only" in controller.window.big.text()


def test_session_started_by_the_cli_shows_within_a_second(qtbot, controller) -> None:  # type: ignore[no-untyped-def]
    start_session(other_process(controller.ctx), 900)
    qtbot.waitUntil(lambda: controller.state.mode is Mode.ADMIN, timeout=1000)
    assert controller.window.big.text().endswith("15 min left")
    assert "prod · 123456789012 · alice · until" in controller.window.detail.text()
    assert titles(controller) == ["Admin"]


def test_session_dropped_by_the_cli_goes_read_only_within_a_second(qtbot, controller) -> None:  # type: ignore[no-untyped-def]
    start_session(controller.ctx, 900)
    controller.recheck()
    other_process(controller.ctx).store.end("prod", "dropped", via="cli")
    qtbot.waitUntil(lambda: controller.state.mode is Mode.READ_ONLY, timeout=1000)
    assert not controller.timer.isActive()
    assert "Read-only again" in titles(controller)


def test_timer_aims_at_the_next_change_of_the_shown_number(controller) -> None:  # type: ignore[no-untyped-def]
    start_session(controller.ctx, 900)
    controller.recheck()
    # 900 s shows 15; 14 shows once fewer than 841 whole seconds are left: 59 s from now
    assert 59_000 <= controller.timer.interval() <= 59_100
    advance(controller.ctx, 900 - 45.5)
    controller.recheck()
    assert controller.window.big.text().endswith("45 s left")
    assert 500 <= controller.timer.interval() <= 600  # seconds: the next whole second


def test_icon_is_redrawn_only_when_the_shown_number_changes(controller) -> None:  # type: ignore[no-untyped-def]
    start_session(controller.ctx, 900)
    controller.recheck()
    before = controller.redraws
    for _ in range(180):  # three minutes, looked at every second
        advance(controller.ctx, 1)
        controller.recheck()
    assert controller.redraws - before == 3  # 15 -> 14 -> 13 -> 12
    assert controller.window.big.text().endswith("12 min left")


def test_warnings_at_five_and_one_minute_with_extend(qtbot, controller) -> None:  # type: ignore[no-untyped-def]
    start_session(controller.ctx, 900)
    controller.recheck()
    advance(controller.ctx, 600)  # 5:00 left
    controller.recheck()
    controller.recheck()
    warnings = [n for n in controller.notifier.history if n.title == "Admin rights ending"]
    assert len(warnings) == 1
    assert "(5 min left)" in warnings[0].text and warnings[0].action_label == "Extend…"
    advance(controller.ctx, 240)  # 1:00 left
    controller.recheck()
    warnings = [n for n in controller.notifier.history if n.title == "Admin rights ending"]
    assert len(warnings) == 2 and "(60 s left)" in warnings[1].text
    # the window carries the action as a button; pressing it asks for a fresh code
    assert controller.window.notice_button.text() == "Extend…"
    controller.window.notice_button.click()
    dialog = controller._dialogs["prod"]
    assert dialog.windowTitle() == "Extend prod"


def test_drop_at_expiry_clears_icon_credentials_and_state(controller) -> None:  # type: ignore[no-untyped-def]
    session = start_session(controller.ctx, 900)
    controller.recheck()
    assert controller.ctx.store.credentials(session) is not None
    advance(controller.ctx, 900)
    controller.timer.timeout.emit()  # the timer firing at the expiry
    assert controller.state.mode is Mode.READ_ONLY
    assert controller.ctx.store.credentials(session) is None
    assert read_state(controller.ctx.dirs.state_file).get("sessions") == {}
    assert not controller.timer.isActive()
    assert titles(controller)[-1] == "Read-only again"
    assert "Read-only" in controller.window.big.text()
    audit = controller.ctx.dirs.audit_file.read_text()
    assert '"ended": "expired"' in audit.replace("'", '"') or "expired" in audit


def test_sleep_through_the_expiry_drops_at_wake(controller) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.wake import WakeWatcher

    wake = WakeWatcher(controller.recheck)
    session = start_session(controller.ctx, 900)
    controller.recheck()
    advance(controller.ctx, 120)
    controller.recheck()
    # the lid closes with 13 min left; it opens two hours later
    wake.prepare_for_sleep(True)
    advance(controller.ctx, 2 * 3600)
    assert controller.state.mode is Mode.ADMIN  # nothing happened while asleep
    wake.prepare_for_sleep(False)
    assert controller.state.mode is Mode.READ_ONLY
    assert controller.ctx.store.credentials(session) is None
    # no stale warnings for a session that is already over: just the drop
    assert "Admin rights ending" not in titles(controller)
    assert titles(controller)[-1] == "Read-only again"


def test_sleep_into_the_warning_window_warns_once_at_wake(controller) -> None:  # type: ignore[no-untyped-def]
    start_session(controller.ctx, 900)
    controller.recheck()
    advance(controller.ctx, 870)  # slept past both warning points: 30 s left
    controller.recheck()
    warnings = [n for n in controller.notifier.history if n.title == "Admin rights ending"]
    assert len(warnings) == 1 and "30 s" in warnings[0].text


def test_logout_console_on_drop_opens_the_logout_page(qtbot, controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sys

    record = tmp_path / "opened.txt"
    script = tmp_path / "browser.py"
    script.write_text(f"import sys; open({str(record)!r}, 'a').write(sys.argv[1] + '\\n')\n")
    controller.ctx.settings.browser_command = f"{sys.executable} {script}"
    controller.ctx.settings.logout_console_on_drop = True
    start_session(controller.ctx, 900)
    controller.recheck()
    controller.drop("prod")
    assert controller.state.mode is Mode.READ_ONLY
    qtbot.waitUntil(lambda: record.exists() and record.read_text().endswith("\n"), timeout=5000)
    assert record.read_text().strip() == "http://127.0.0.1:9/oauth?Action=logout"
