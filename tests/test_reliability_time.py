"""Time jumps: a machine that sleeps through the expiry, a clock set backwards (or forwards),
the shown time never more than was granted, and one drop per session however time moves."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest

from elevate_tray.core import audit
from elevate_tray.core.lifecycle import Mode
from elevate_tray.core.paths import app_dirs
from tests.test_ui_support import (  # noqa: F401
    QT_NOISE,
    advance,
    controller,
    ctx,
    home_env,
    start_session,
)

from .cli_helpers import Cli
from .suite_support import cli_fixture, elevate, proc_env_fixture, run_cli  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def test_processes_stop_handing_out_credentials_when_the_wall_clock_passes_expiry(
    sandbox, proc_env: dict[str, str]
) -> None:
    """Real time, real processes: AWS's clock is set so a 15-minute session ends 3 s from
    now, as if the laptop had slept through the rest of it."""
    sandbox.clock.set(sandbox.clock.now() - timedelta(seconds=900 - 3))
    r = run_cli(proc_env, "elevate", "--no-browser", "--duration", "15m", "--code", sandbox.totp())
    assert r.returncode == 0, r.stderr
    fast = run_cli(proc_env, "credentials")
    assert fast.returncode == 0
    assert json.loads(run_cli(proc_env, "status", "--json").stdout)["seconds_left"] <= 3
    time.sleep(3.2)
    for argv in (("credentials",), ("credentials", "--target", "sandbox-admin"), ("console",)):
        r = run_cli(proc_env, *argv)
        assert r.returncode == 6, (argv, r.stderr)
        assert "Not elevated" in r.stderr
    status = json.loads(run_cli(proc_env, "status", "--json").stdout)
    assert status["mode"] == "read-only"
    dirs = app_dirs(proc_env)
    assert [e["event"] for e in audit.read(dirs)] == ["elevated", "ended"]
    assert audit.read(dirs)[-1]["ended"] == "expired"
    assert list(dirs.secrets_dir.glob("*.json")) == []  # the secret went with it


def test_cli_after_a_long_sleep_sees_read_only_and_can_elevate_again(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox, "--duration", "15m").code == 0
    cli.clock.advance(8 * 3600)  # a night with the lid closed
    sandbox.clock.advance(8 * 3600)
    assert cli("credentials").code == 6
    assert cli("status", "--json").json()["mode"] == "read-only"
    r = elevate(cli, sandbox)
    assert r.code == 0, r.err
    assert 3590 <= cli("status", "--json").json()["seconds_left"] <= 3600
    ended = [e for e in audit.read(app_dirs()) if e["event"] == "ended"]
    assert [e["ended"] for e in ended] == ["expired"]  # dropped once, not twice


def test_clock_set_backwards_never_shows_more_than_was_granted(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox, "--duration", "15m").code == 0
    cli.clock.advance(-2 * 3600)  # the user (or a bad NTP answer) sets the clock back 2 h
    status = cli("status", "--json").json()
    assert status["mode"] == "admin"  # AWS's session is still alive
    assert status["seconds_left"] <= 900


def test_clock_set_backwards_keeps_the_session_usable_and_drops_once(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox, "--duration", "15m").code == 0
    creds = cli("credentials").json()
    cli.clock.advance(-600)
    assert cli("credentials").json() == creds  # nothing lost by the jump
    assert cli("status", "--json").json()["mode"] == "admin"
    cli.clock.advance(600 + 900)  # the clock is right again, and the time is up
    assert cli("credentials").code == 6
    cli.clock.advance(-3600)  # and back again: an ended session stays ended
    assert cli("credentials").code == 6
    assert cli("status", "--json").json()["mode"] == "read-only"
    assert [e.get("ended") for e in audit.read(app_dirs())] == [None, "expired"]


def test_tray_after_the_clock_was_set_backwards(controller) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    session = start_session(controller.ctx, 900)
    controller.recheck()
    advance(controller.ctx, -2 * 3600)
    controller.recheck()
    assert controller.state.mode is Mode.ADMIN
    # whatever the clock says, the tray looks again within a minute: never a long sleep
    assert 0 < controller.timer.interval() <= 60_000
    advance(controller.ctx, 2 * 3600 + 900)  # the clock is put right; the time is up
    controller.timer.timeout.emit()
    assert controller.state.mode is Mode.READ_ONLY
    assert controller.ctx.store.credentials(session) is None
    ended = [n.title for n in controller.notifier.history if n.title == "Read-only again"]
    assert ended == ["Read-only again"]


def test_tray_clock_jumps_forward_and_back_around_the_warning_points(controller) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    start_session(controller.ctx, 900)
    controller.recheck()
    advance(controller.ctx, 850)  # into the last minute
    controller.recheck()
    advance(controller.ctx, -400)  # back to 7.5 minutes left
    controller.recheck()
    advance(controller.ctx, 380)  # forward into the last minute again
    controller.recheck()
    titles = [n.title for n in controller.notifier.history]
    assert titles.count("Admin rights ending") == 1  # the same warning is not given twice
    assert controller.state.mode is Mode.ADMIN
