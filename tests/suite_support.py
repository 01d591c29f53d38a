"""Fixtures and helpers shared by the reliability and security suites. No tests here.

Import the fixtures by their function names (`cli_fixture`, `proc_env_fixture`); tests ask
for them as `cli` and `proc_env`.

- `cli`: the command line in-process against the sandbox (a fresh AppContext per command,
  the clock the test moves), as tests/test_cli_elevation.py does.
- `proc_env` / `run_cli`: the command line as separate processes.
- `Tray`: the real tray app as a separate process (offscreen), to kill and restart.
- `bump(cli, sandbox)`: move both clocks to the next 30-s window, for a fresh MFA code.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from elevate_tray.core.clock import ManualClock
from elevate_tray.core.context import AppContext

from .cli_helpers import Cli, Result

ROOT = Path(__file__).resolve().parents[1]
CLEAN = (
    "AWS_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "ELEVATE_TRAY_SANDBOX",
    "AWS_DEFAULT_REGION",
)


@pytest.fixture(name="cli")
def cli_fixture(
    sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    for k, v in sandbox.env().items():
        monkeypatch.setenv(k, v)
    for k in CLEAN:
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("ELEVATE_TRAY_HOME", str(tmp_path / "app"))
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "file")
    return Cli(capsys, ManualClock(sandbox.clock.now()), tmp_path / "app")


def bump(cli: Cli, sandbox, seconds: float = 30) -> None:  # type: ignore[no-untyped-def]
    cli.clock.advance(seconds)
    sandbox.clock.advance(seconds)


def elevate(cli: Cli, sandbox, *extra: str) -> Result:  # type: ignore[no-untyped-def]
    return cli("elevate", "--code", sandbox.totp(), "--no-browser", *extra)


@pytest.fixture(name="proc_env")
def proc_env_fixture(sandbox, tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_", "ELEVATE_TRAY_")) and k not in CLEAN
    }
    env.update(
        sandbox.env(),
        ELEVATE_TRAY_HOME=str(tmp_path / "app"),
        ELEVATE_TRAY_SECRET_STORE="file",
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
        LANG="en_US.UTF-8",
    )
    return env


def run_cli(
    env: dict[str, str], *args: str, stdin: str | None = None, timeout: float = 60, **kw
) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "elevate_tray", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=timeout,
        **kw,
    )


@pytest.fixture(name="tray")
def tray_fixture(sandbox, proc_env: dict[str, str]):  # type: ignore[no-untyped-def]
    """A listening tray process on the sandbox, stopped after the test."""
    running = Tray(proc_env, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        assert running.wait_listening()
        yield running
    finally:
        running.stop()


class Tray:
    """`python -m elevate_tray tray` in its own process (offscreen: the countdown window).

    Every tray a test starts is stopped when the test ends (`stop_leftover_trays`, run by an
    autouse fixture), also when an assertion failed before the test's own stop()."""

    started: list[Tray] = []

    def __init__(self, env: dict[str, str], **kw) -> None:  # type: ignore[no-untyped-def]
        self.env = env
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "elevate_tray", "tray"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            **kw,
        )
        Tray.started.append(self)

    @property
    def socket_path(self) -> Path:
        return Path(self.env["ELEVATE_TRAY_HOME"]) / "run" / "tray.sock"

    def wait_listening(self, timeout: float = 20) -> bool:
        """True once this tray answers on its socket; False if it exited first."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                return False
            if ask(self.socket_path, {"op": "ping"}) is not None:
                return True
            time.sleep(0.05)
        raise AssertionError("the tray neither listened nor exited")

    def kill(self) -> tuple[str, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        return self.proc.communicate(timeout=10)

    def stop(self) -> tuple[str, str]:
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            out, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        return out, err


def ask(socket_path: Path, request: dict, timeout: float = 3) -> dict | None:  # type: ignore[type-arg]
    """One request to a tray over its socket, as the CLI's fast path sends it."""
    from elevate_tray.core import localsocket

    return localsocket.ask(socket_path, request, connect_timeout=timeout, timeout=timeout)


def sandbox_app_context(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppContext:  # type: ignore[no-untyped-def]
    """An AppContext on the sandbox, as the tray would build one, with a moved-by-hand clock and a
    browser command that records the URLs it is given (in ctx.browser_record)."""
    for key in (
        "AWS_PROFILE",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "LC_ALL",
        "LC_MESSAGES",
        "ELEVATE_TRAY_SANDBOX",
    ):
        monkeypatch.delenv(key, raising=False)
    env = dict(
        sandbox.env(),
        ELEVATE_TRAY_HOME=str(tmp_path / "app"),
        ELEVATE_TRAY_SECRET_STORE="file",
        LANG="en_US.UTF-8",
    )
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    ctx = AppContext(environ=dict(os.environ), clock=ManualClock(sandbox.clock.now()))
    record = tmp_path / "browser.txt"
    ctx.settings.browser_command = standin_browser_command(record)
    ctx.browser_record = record  # type: ignore[attr-defined]
    return ctx


def standin_browser_command(record: Path) -> str:
    """A browser command (settings' custom command) that runs tests/standin_browser.py: it
    takes hand-offs as a browser would and writes where each sent it to `record`."""
    script = Path(__file__).with_name("standin_browser.py")
    return f"{sys.executable} {script} {record}"


def stop_leftover_trays() -> None:
    """Stop the trays a test started and left running (a failed assertion before its stop)."""
    while Tray.started:
        tray = Tray.started.pop()
        if tray.proc.poll() is None:
            tray.kill()
