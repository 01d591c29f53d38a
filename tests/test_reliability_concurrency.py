"""One session, several actors: the tray and terminals at once, a process killed in the middle
of an elevation, trays started together. No session may be lost, and no ghost may stay (an
entry without its credentials, or credentials nothing points at)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import keyring
import pytest

from elevate_tray.core.clock import ManualClock
from elevate_tray.core.lifecycle import Mode
from elevate_tray.core.paths import app_dirs
from elevate_tray.core.secrets import KeyringStore
from elevate_tray.core.sessions import SessionStore
from tests.test_core_sessions import T0, make
from tests.test_ui_support import (  # noqa: F401
    QT_NOISE,
    advance,
    controller,
    ctx,
    home_env,
    other_process,
    start_session,
)

from .fault_servers import fault_proxy, slow
from .keyring_backend import DirKeyring
from .suite_support import ROOT, Tray, ask, proc_env_fixture, run_cli  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def consistent(home: Path, secrets_dir: Path | None = None) -> dict:  # type: ignore[type-arg]
    """Every session entry has its secret and every secret file its entry; the state parses."""
    dirs = app_dirs({"ELEVATE_TRAY_HOME": str(home)})
    state = json.loads(dirs.state_file.read_text()) if dirs.state_file.exists() else {}
    sessions = state.get("sessions", {})
    kept = secrets_dir or dirs.secrets_dir
    # a write killed between creating its temporary file and renaming it leaves that file:
    # not a secret of the store (nothing reads it), swept at the next save (see below)
    files = {p.name for p in kept.glob("*") if not p.name.startswith(".secret.")}
    files = files if kept.exists() else set()
    if secrets_dir is None:  # the file store: entries name their files
        named = {Path(e["secret_file"]).name for e in sessions.values()}
        assert named == files, (named, files)
    else:
        assert len(files) == len(sessions), (files, sessions)
    return sessions


# -- the tray and a terminal on one session -----------------------------------------------
def test_tray_expiry_does_not_end_a_session_re_elevated_from_a_terminal(controller) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    start_session(controller.ctx, 900)
    controller.recheck()
    advance(controller.ctx, 890)
    start_session(other_process(controller.ctx), 3600)  # `elevate-tray elevate` 10 s before the end
    advance(controller.ctx, 10)
    controller.timer.timeout.emit()  # the expiry timer fires before the file watcher's news
    assert controller.state.mode is Mode.ADMIN
    assert controller.ctx.store.credentials(controller.state.shown) is not None


def test_drop_in_a_terminal_while_the_tray_counts_down(qtbot, controller) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    session = start_session(controller.ctx, 900)
    controller.recheck()
    other_process(controller.ctx).store.end("prod", "dropped", via="cli")
    advance(controller.ctx, 900)
    controller.timer.timeout.emit()  # the tray's own expiry comes after the terminal's drop
    assert controller.state.mode is Mode.READ_ONLY
    ended = [e for e in controller.ctx.dirs.audit_file.read_text().splitlines() if '"ended"' in e]
    assert len(ended) == 1 and '"via": "cli"' in ended[0]  # one end, by whoever was first
    assert controller.ctx.store.credentials(session) is None


@pytest.fixture
def slow_keyring(tmp_path: Path):  # type: ignore[no-untyped-def]
    before = keyring.get_keyring()
    kr = DirKeyring(tmp_path / "keyring", delete_delay=0.3)
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(before)


def test_drop_racing_an_elevation_of_the_same_target_leaves_no_ghost(
    tmp_path: Path, slow_keyring: DirKeyring
) -> None:
    dirs = app_dirs({"ELEVATE_TRAY_HOME": str(tmp_path / "app")})
    dirs.ensure()
    tray = SessionStore(dirs, KeyringStore(), ManualClock(T0))
    terminal = SessionStore(dirs, KeyringStore(), ManualClock(T0))
    old, old_creds = make("prod", minutes=60)
    tray.save(old, old_creds)
    dropping = threading.Thread(target=tray.end, args=("prod", "dropped"))
    dropping.start()  # "Drop now" in the tray; the keyring takes its time
    time.sleep(0.1)
    new, new_creds = make("prod", minutes=120)
    terminal.save(new, new_creds)  # meanwhile `elevate-tray elevate` in a terminal
    dropping.join()
    live = terminal.get("prod")
    assert live is not None and live.expires_at == new.expires_at
    assert terminal.credentials(live) == new_creds


# -- processes ----------------------------------------------------------------------------
def test_many_terminals_and_a_tray_on_one_session(sandbox, proc_env: dict[str, str]) -> None:
    # with no session, `credentials` asks the tray, whose dialog nobody here answers: it
    # gives up after a second (exit 6), then refuses at once during the cool-down
    settings = Path(proc_env["ELEVATE_TRAY_HOME"]) / "config" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("broker_wait = 1\n")
    tray = Tray(proc_env)
    assert tray.wait_listening()
    stop = threading.Event()
    codes: list[int] = []
    errors: list[str] = []

    def reader() -> None:
        while not stop.is_set():
            r = run_cli(proc_env, "credentials")
            codes.append(r.returncode)
            if r.returncode == 0:
                json.loads(r.stdout)
            elif (
                r.returncode != 6
                or "Traceback" in r.stderr
                or len(r.stderr.strip().splitlines()) != 1
            ):
                errors.append(f"exit {r.returncode}: {r.stderr}")

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        for _ in range(3):
            sandbox.clock.advance(30)
            r = run_cli(proc_env, "elevate", "--no-browser", "--code", sandbox.totp())
            assert r.returncode == 0, r.stderr
            consistent(Path(proc_env["ELEVATE_TRAY_HOME"]))
            # one call of our own inside the window and one after it, whatever the readers'
            # timing (on a busy machine they may all fall outside the windows)
            inside = run_cli(proc_env, "credentials")
            codes.append(inside.returncode)
            assert inside.returncode == 0, inside.stderr
            assert run_cli(proc_env, "drop").returncode == 0
            after = run_cli(proc_env, "credentials")
            codes.append(after.returncode)
            assert after.returncode == 6, after.stderr
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert errors == []
    assert set(codes) <= {0, 6} and 0 in codes and 6 in codes, codes
    assert consistent(Path(proc_env["ELEVATE_TRAY_HOME"])) == {}
    events = [
        json.loads(x)["event"]
        for x in (Path(proc_env["ELEVATE_TRAY_HOME"]) / "data" / "audit.jsonl")
        .read_text()
        .splitlines()
    ]
    assert events == ["elevated", "ended"] * 3
    assert tray.proc.poll() is None  # the tray lived through it
    _out, err = tray.stop()
    assert "Traceback" not in err


def test_elevation_killed_mid_flight_leaves_a_consistent_state(
    sandbox, proc_env: dict[str, str]
) -> None:
    home = Path(proc_env["ELEVATE_TRAY_HOME"])
    with fault_proxy(sandbox.endpoint_url, {"AssumeRole": slow(1.0)}) as proxy:
        env = dict(proc_env, **proxy.env())
        for delay in (0.3, 0.6, 0.9, 1.1, 1.3):
            sandbox.clock.advance(30)
            p = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "elevate_tray",
                    "elevate",
                    "--no-browser",
                    "--code",
                    sandbox.totp(),
                ],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait(10)
            sessions = consistent(home)  # never a ghost, whenever it died
            status = json.loads(run_cli(env, "status", "--json", timeout=10).stdout)
            assert status["mode"] == ("admin" if sessions else "read-only")
            run_cli(env, "drop", timeout=10)
    # restarted: the lock is free and a fresh elevation works
    secrets = app_dirs({"ELEVATE_TRAY_HOME": str(home)}).secrets_dir
    left = (secrets / ".secret.killed-mid-write").resolve()
    left.write_text('{"key": "session:x", "value": "canary"}')  # as a kill mid-write leaves
    old = time.time() - 60
    for temp in secrets.glob(".secret.*"):
        os.utime(temp, (old, old))
    sandbox.clock.advance(30)
    r = run_cli(proc_env, "elevate", "--no-browser", "--code", sandbox.totp(), timeout=20)
    assert r.returncode == 0, r.stderr
    assert json.loads(run_cli(proc_env, "credentials").stdout)["Version"] == 1
    assert list(secrets.glob(".secret.*")) == []  # the next save swept what was left


def keyring_env(proc_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    return dict(
        proc_env,
        ELEVATE_TRAY_SECRET_STORE="keyring",
        PYTHON_KEYRING_BACKEND="tests.keyring_backend.DirKeyring",
        ELEVATE_TEST_KEYRING=str(tmp_path / "keyring"),
    )


FAST_PROBE = (
    "import sys; from elevate_tray.__main__ import main; rc = main(['credentials']);"
    "print('keyring' in sys.modules, file=sys.stderr); sys.exit(rc)"
)


def test_tray_killed_and_restarted_with_a_live_session(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    env = keyring_env(proc_env, tmp_path)
    tray = Tray(env)
    assert tray.wait_listening()
    r = run_cli(env, "elevate", "--no-browser", "--code", sandbox.totp())
    assert r.returncode == 0, r.stderr
    probe = [sys.executable, "-c", FAST_PROBE]
    via_tray = subprocess.run(probe, env=env, cwd=ROOT, capture_output=True, text=True)
    assert via_tray.returncode == 0 and via_tray.stderr.strip() == "False"  # the tray answered
    creds = json.loads(via_tray.stdout)
    tray.kill()  # no clean-up: a stale socket stays behind
    assert tray.socket_path.exists()
    without = subprocess.run(probe, env=env, cwd=ROOT, capture_output=True, text=True)
    assert without.returncode == 0 and json.loads(without.stdout) == creds  # full path, keyring
    again = Tray(env)
    assert again.wait_listening()  # the stale socket did not stop it
    after = subprocess.run(probe, env=env, cwd=ROOT, capture_output=True, text=True)
    assert after.stderr.strip() == "False" and json.loads(after.stdout) == creds
    consistent(Path(env["ELEVATE_TRAY_HOME"]), tmp_path / "keyring")
    _out, err = again.stop()
    assert "Traceback" not in err


def test_trays_started_together_leave_exactly_one(proc_env: dict[str, str]) -> None:
    for _round in range(3):
        trays = [Tray(proc_env) for _ in range(3)]
        for t in trays:
            t.wait_listening()
        # a loser may still be importing Qt under load when the winner answers: wait for the
        # processes (two that both keep running is the failure), not for a fixed time
        deadline = time.monotonic() + 60
        while sum(t.proc.poll() is None for t in trays) > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        running = [t for t in trays if t.proc.poll() is None]
        assert len(running) == 1, [t.proc.returncode for t in trays]
        for t in trays:
            if t is not running[0]:
                out, err = t.stop()
                assert t.proc.returncode == 0
                assert "already running" in out and "Traceback" not in err
        assert ask(running[0].socket_path, {"op": "activate"}) == {"ok": True}
        running[0].kill()  # the winner dies hard: the next round starts over a stale socket
    assert not any(Path(proc_env["ELEVATE_TRAY_HOME"], "run").glob("*.lock"))


def test_a_second_tray_does_not_take_over_a_busy_first(proc_env: dict[str, str]) -> None:
    first = Tray(proc_env)
    assert first.wait_listening()
    first.proc.send_signal(signal.SIGSTOP)  # alive but not answering (swapping, debugger…)
    try:
        second = Tray(proc_env)
        second.proc.wait(15)
        out, err = second.stop()
        assert second.proc.returncode == 0 and "already running" in out, (out, err)
    finally:
        first.proc.send_signal(signal.SIGCONT)
    assert first.wait_listening()
    assert os.path.exists(first.socket_path)
    first.stop()
