"""The session store: wall-clock expiry, one state shared by concurrent processes, crashes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from elevate_tray.core.clock import ManualClock
from elevate_tray.core.paths import app_dirs
from elevate_tray.core.secrets import FileStore
from elevate_tray.core.sessions import Credentials, ElevatedSession, SessionStore

ROOT = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def make(key: str, minutes: int = 60) -> tuple[ElevatedSession, Credentials]:
    s = ElevatedSession(
        key=key,
        kind="admin",
        target=key,
        account="111122223333",
        role_session_arn=f"arn:aws:sts::111122223333:assumed-role/AdminRole/{key}",
        started_at=T0,
        expires_at=T0 + timedelta(minutes=minutes),
        user_name="alice",
    )
    return s, Credentials(f"ASIA{key.upper()}", f"secret-{key}", f"token-{key}", s.expires_at)


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    dirs = app_dirs({"ELEVATE_TRAY_HOME": str(tmp_path)})
    dirs.ensure()
    return SessionStore(dirs, FileStore(dirs.secrets_dir), ManualClock(T0))


def test_expiry_is_by_wall_clock_and_purges_secret(store: SessionStore) -> None:
    s, c = make("prod", minutes=15)
    store.save(s, c)
    assert store.current_admin() == s
    assert store.credentials(s) == c
    store.clock.advance(15 * 60)  # type: ignore[attr-defined]
    assert store.current_admin() is None
    assert store.credentials(s) is None
    assert list(store.dirs.secrets_dir.glob("*.json")) == []


def test_most_recent_admin_session_is_current(store: SessionStore) -> None:
    a, ca = make("a")
    b, cb = make("b")
    store.save(a, ca)
    store.save(b, cb)
    assert store.current_admin().key == "b"
    assert store.current_admin("a").key == "a"
    store.end("b", "dropped")
    assert store.current_admin().key == "a"


def test_concurrent_saves_and_drops_lose_nothing(store: SessionStore) -> None:
    keys = [f"t{i}" for i in range(12)]

    def work(key: str) -> None:
        s, c = make(key)
        store.save(s, c)
        if key.endswith(("1", "3", "5")):
            store.end(key, "dropped")

    threads = [threading.Thread(target=work, args=(k,)) for k in keys]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    live = {s.key for s in store.live()}
    assert live == {k for k in keys if not k.endswith(("1", "3", "5"))}
    for s in store.live():
        assert store.credentials(s) is not None  # no ghost: every entry has its secret
    files = list(store.dirs.secrets_dir.glob("*.json"))
    assert len(files) == len(live)  # no orphan


def test_concurrent_processes_share_one_state(store: SessionStore, tmp_path: Path) -> None:
    code = (
        "import sys; from datetime import datetime, UTC, timedelta\n"
        "from elevate_tray.core.paths import app_dirs\n"
        "from elevate_tray.core.secrets import FileStore\n"
        "from elevate_tray.core.sessions import SessionStore\n"
        "from tests.test_core_sessions import make\n"
        "dirs = app_dirs({'ELEVATE_TRAY_HOME': sys.argv[1]})\n"
        "st = SessionStore(dirs, FileStore(dirs.secrets_dir))\n"
        "for i in range(15):\n"
        "    s, c = make(f'{sys.argv[2]}{i}', minutes=10**6)\n"
        "    st.save(s, c)\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path), p], cwd=ROOT) for p in "abc"
    ]
    assert [p.wait(60) for p in procs] == [0, 0, 0]
    state = json.loads(store.dirs.state_file.read_text())
    assert len(state["sessions"]) == 45


def test_killed_between_secret_and_state_leaves_no_ghost(store: SessionStore) -> None:
    s, c = make("crash")
    store.secrets.set("session:crash", c.to_secret())  # the secret landed, the state did not
    assert store.live() == []  # no ghost session
    gone_s, gone_c = make("old", minutes=1)
    store.save(gone_s, gone_c)
    store.clock.advance(120)  # type: ignore[attr-defined]
    store.live()  # a purge sweeps orphans too
    assert list(store.dirs.secrets_dir.glob("*.json")) == []


def test_damaged_state_file_reads_as_read_only(store: SessionStore) -> None:
    s, c = make("x")
    store.save(s, c)
    store.dirs.state_file.write_text("{not json")
    assert store.live() == []
    store.save(s, c)  # and the next write repairs it
    assert [x.key for x in store.live()] == ["x"]


def test_state_file_is_replaced_atomically(store: SessionStore) -> None:
    s, c = make("x")
    store.save(s, c)
    inode = os.stat(store.dirs.state_file).st_ino
    store.end("x", "dropped")
    assert (
        os.stat(store.dirs.state_file).st_ino != inode
    )  # written by rename: watchers see whole files


def test_end_only_that_session_leaves_a_re_elevation_alone(store: SessionStore) -> None:
    old, old_creds = make("prod", minutes=15)
    store.save(old, old_creds)
    new = ElevatedSession(**{**old.__dict__, "expires_at": old.expires_at + timedelta(hours=1)})
    store.save(new, old_creds)  # the same target, elevated again from a terminal
    assert store.end("prod", "expired", via="tray", only=old) is None
    assert store.current_admin() == new
    assert store.end("prod", "expired", via="tray", only=new) == new
    assert store.current_admin() is None
