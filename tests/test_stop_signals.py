"""Ctrl-C always stops a foreground sandbox, however many signals arrive and whenever: the
signal handler takes no lock (core/stopsignal.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from elevate_tray.core.stopsignal import StopSignals
from tests.test_sandbox_cli import child_env, start_foreground


def _storm_then_wait(proc: subprocess.Popen[str], signum: int, times: int) -> int:
    """Send `signum` `times` times (some land while the process is already stopping), then
    its exit status; a process still running is killed, so no test leaves one behind."""
    try:
        for _ in range(times):
            try:
                proc.send_signal(signum)
            except ProcessLookupError:
                break
        return proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_a_storm_of_signals_still_stops_the_sandbox(tmp_path: Path) -> None:
    proc, _exports, _lines = start_foreground(tmp_path / "sb")
    assert _storm_then_wait(proc, signal.SIGINT, 300) == 0


def test_a_signal_before_the_wait_is_not_lost() -> None:
    stop = StopSignals().install()
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        stop.wait()  # returns at once: the flag is set
        assert stop.requested
    finally:
        stop.uninstall()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_signal_during_the_wait_ends_it() -> None:
    stop = StopSignals().install()
    try:
        timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT))
        started = time.monotonic()
        timer.start()
        stop.wait()
        assert stop.requested and time.monotonic() - started < 10
    finally:
        stop.uninstall()


def test_make_runs_sandbox_without_a_display_stops_on_sigterm(tmp_path: Path) -> None:
    env = dict(child_env(), ELEVATE_TRAY_HOME=str(tmp_path / "app"))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)  # offscreen counts as a display
    for key in [k for k in env if k.startswith("AWS_")]:
        del env[key]
    env["AWS_CONFIG_FILE"] = str(tmp_path / "none" / "config")
    env["AWS_SHARED_CREDENTIALS_FILE"] = str(tmp_path / "none" / "credentials")
    proc = subprocess.Popen(
        [sys.executable, "-m", "elevate_tray.run"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert proc.stderr is not None
    try:
        for line in proc.stderr:
            if "Press Ctrl-C to stop" in line:
                break
    except BaseException:  # a timeout while it starts: leave no process behind
        _storm_then_wait(proc, signal.SIGKILL, 1)
        raise
    assert _storm_then_wait(proc, signal.SIGTERM, 100) == 0
