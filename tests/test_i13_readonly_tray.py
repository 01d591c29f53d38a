"""Issue 13 point 3, the tray's side: a read-only MFA session (GetSessionToken against the
sandbox) is shown in the tray's tooltip, menu and window with its time left, warned about
before it ends like the admin session, and ended at expiry; the icon stays the read-only
icon, and the one single-shot timer runs only while something lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from elevate_tray.core.context import AppContext
from elevate_tray.core.lifecycle import Mode
from elevate_tray.flows.codes import typed
from elevate_tray.flows.credentials import start_readonly
from elevate_tray.ui.texts import tooltip
from elevate_tray.ui.workers import InlineRunner
from tests.suite_support import sandbox_app_context
from tests.test_ui_support import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


@pytest.fixture
def sb_ctx(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppContext:
    return sandbox_app_context(sandbox, tmp_path, monkeypatch)


@pytest.fixture
def tray(qtbot, sb_ctx: AppContext):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    ctl = TrayController(sb_ctx, runner=InlineRunner(), tray_available=False)
    ctl.start()
    yield ctl
    ctl.timer.stop()
    if ctl.window is not None:
        ctl.window.close()


def cli_process(ctx: AppContext) -> AppContext:
    """Another process on the same files and clock: `credentials --readonly` in a terminal."""
    return AppContext(environ=dict(os.environ), clock=ctx.clock)


def start_readonly_session(ctx: AppContext, sandbox) -> None:  # type: ignore[no-untyped-def]
    other = cli_process(ctx)
    start_readonly(other, other.target(None), typed(sandbox.totp()))


def advance(ctl, sandbox, seconds: float) -> None:  # type: ignore[no-untyped-def]
    ctl.ctx.clock.advance(seconds)
    sandbox.clock.advance(seconds)


def header(ctl) -> list[str]:  # type: ignore[no-untyped-def]
    ctl.menu.rebuild()
    return [a.text() for a in ctl.menu.actions() if a.objectName().startswith("header")]


def titles(ctl) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.title for n in ctl.notifier.history]


def test_the_tray_shows_the_readonly_session_and_its_time_left(tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    assert not tray.timer.isActive()  # nothing lives: no timer
    start_readonly_session(tray.ctx, sandbox)
    tray.recheck()
    assert tray.state.mode is Mode.READ_ONLY  # the icon stays the read-only icon
    assert len(tray.state.readonly) == 1
    until = tray.state.readonly[0].expires_at.astimezone().strftime("%H:%M")
    line = f"Read-only MFA session: about 12 h left, until {until}"
    assert line in header(tray)
    assert line in tooltip(tray.state, tray.now())
    assert line in tray.window.detail.text()
    # the tooltip follows the time left (as coarse as the icon's numbers)
    advance(tray, sandbox, 11 * 3600 + 1200)  # 40 min left
    tray.recheck()
    assert "Read-only MFA session: 40 min left" in tooltip(tray.state, tray.now())
    assert any("40 min left" in h for h in header(tray))


def test_one_timer_aims_at_the_next_change_and_none_after_the_end(tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    start_readonly_session(tray.ctx, sandbox)
    tray.recheck()
    assert tray.timer.isActive() and tray.timer.isSingleShot()
    # 12 h shows "12 h"; it shows 11 once fewer than 11 h are left: in an hour, not sooner
    assert 3_598_900 <= tray.timer.interval() <= 3_600_100
    advance(tray, sandbox, 12 * 3600 - 400)  # 400 s left shows "7 min": 6 in 40 s
    tray.recheck()
    assert 39_000 <= tray.timer.interval() <= 40_100
    advance(tray, sandbox, 90)  # 310 s left shows "6 min" for 10 s: the warning comes first
    tray.recheck()
    tray.ctx.settings.warnings = [305]
    tray.recheck()
    assert 4_900 <= tray.timer.interval() <= 5_100
    advance(tray, sandbox, 400)
    tray.recheck()
    assert tray.state.readonly == ()
    assert not tray.timer.isActive()


def test_the_tray_warns_before_the_readonly_end_and_says_it_ended(tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    start_readonly_session(tray.ctx, sandbox)
    tray.recheck()
    advance(tray, sandbox, 12 * 3600 - 299)
    tray.recheck()
    warned = [n for n in tray.notifier.history if n.title == "Read-only MFA session ending"]
    assert len(warned) == 1 and "(5 min left)" in warned[0].text
    tray.recheck()  # looked at again: said once
    assert titles(tray).count("Read-only MFA session ending") == 1
    advance(tray, sandbox, 240)  # 59 s left: the 1-min warning
    tray.recheck()
    assert titles(tray).count("Read-only MFA session ending") == 2
    advance(tray, sandbox, 60)
    tray.recheck()
    assert "Read-only MFA session ended" in titles(tray)
    assert tray.ctx.store.live() == []  # ended by the tray, its secret gone
    assert not any("Read-only MFA session" in h for h in header(tray))


def test_warnings_follow_the_settings_and_a_sleep_through_them_says_one(tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    tray.ctx.settings.warnings = [900]
    start_readonly_session(tray.ctx, sandbox)
    tray.recheck()
    advance(tray, sandbox, 12 * 3600 - 30)  # slept through the 900-s warning's moment
    tray.recheck()
    assert titles(tray).count("Read-only MFA session ending") == 1


def test_an_admin_session_and_a_readonly_one_are_both_shown(tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    start_readonly_session(tray.ctx, sandbox)
    other = cli_process(tray.ctx)
    from elevate_tray.flows import elevate as flow

    sandbox.clock.advance(30)
    tray.ctx.clock.advance(30)
    prepared = flow.prepare(other, other.target(None), console=False)
    flow.elevate(other, prepared, typed(sandbox.totp()))
    tray.recheck()
    assert tray.state.mode is Mode.ADMIN
    lines = header(tray)
    assert any(line.startswith("Read-only MFA session:") for line in lines)
    assert any(sandbox.account.target_profile in line for line in lines[1:])
