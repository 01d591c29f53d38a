# ruff: noqa: F811  (pytest fixtures imported from test_ui_support are re-bound as arguments)
"""Edges of the state file and the secret stores, tried as a user would (issue 10): a state
file with the right keys and the wrong types, a secret read from the store its entry names,
a secret file planted outside our own folder, a locked or broken keyring, a disk that
refuses the session after AssumeRole, the local socket's bounds and version, and sessions
waiting for their revocation. Each ends in one sentence with state kept."""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import socket
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import keyring
import pytest

from elevate_tray.core import audit
from elevate_tray.core.clock import ManualClock
from elevate_tray.core.codes import SpentCodes
from elevate_tray.core.paths import AppDirs, app_dirs
from elevate_tray.core.secrets import FileStore, KeyringStore
from elevate_tray.core.sessions import Credentials, SessionStore
from tests.test_core_sessions import T0, make

from .cli_helpers import Cli
from .keyring_backend import DirKeyring
from .suite_support import ROOT, bump, cli_fixture, elevate, proc_env_fixture  # noqa: F401
from .test_ui_support import QT_NOISE, controller, ctx, home_env, start_session  # noqa: F401

TARGET = "sandbox-admin"


def state_path(home: Path) -> Path:
    return home / "state" / "state.json"


def read_state(home: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(state_path(home).read_text())


def write_state(home: Path, state: dict) -> None:  # type: ignore[type-arg]
    state_path(home).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    state_path(home).write_text(json.dumps(state))


def fast(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`credentials` as credential_process runs it: its own process, no terminal, no stdin,
    with this test's environment (the in-process CLI's) and `env` on top."""
    return subprocess.run(
        [sys.executable, "-m", "elevate_tray", "credentials", *args],
        env=dict(os.environ, PYTHONPATH=str(ROOT), **env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        timeout=60,
    )


def one_sentence(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


# -- 4. the right keys, the wrong types --------------------------------------------------
def poisoned(sandbox) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    serial, profile = sandbox.account.mfa_serial, sandbox.account.source_profile
    bad_times = {
        "key": TARGET,
        "kind": "admin",
        "target": TARGET,
        "account": sandbox.account.account_id,
        "role_session_arn": "arn:aws:sts::1:assumed-role/AdminRole/alice",
        "started_at": 5,
        "expires_at": 5,
        "store": "file",
        "secret_file": "/etc/passwd",
    }
    return [
        {
            "version": 1,
            "sessions": [],
            "last_elevated": {},
            "mfa_last_code": [],
            "callers": "nobody",
            "revoke_pending": 7,
        },
        {
            "version": 1,
            "sessions": {TARGET: bad_times, "readonly:x": {"kind": 7}, "y": "string"},
            "last_elevated": 5,
            "mfa_last_code": {serial: {"window": "soon", "fingerprint": 5}},
            "callers": {profile: []},
        },
        {
            "version": 1,
            "sessions": {TARGET: dict(bad_times, started_at="2026-01-01T00:00:00Z", chained="x")},
            "last_elevated": [TARGET],
            "mfa_last_code": {serial: []},
            "callers": {profile: {"arn": 1, "account": None, "user_id": {}}},
            "revoke_pending": {TARGET: "x"},
        },
    ]


@pytest.mark.parametrize("case", [0, 1, 2])
def test_a_state_file_with_the_wrong_types_never_gives_a_traceback(
    cli: Cli, sandbox, case: int
) -> None:
    write_state(cli.home, poisoned(sandbox)[case])

    status = cli("status", "--json")
    assert status.code == 0 and status.json()["mode"] == "read-only"
    creds = cli("credentials")
    assert creds.code == 6 and "Not elevated" in one_sentence(creds.err)
    served = fast()
    assert served.returncode == 6 and "Not elevated" in one_sentence(served.stderr)
    assert "root:" not in served.stdout  # the entry's secret_file is never read
    drop = cli("drop")
    assert drop.code == 0 and "Already read-only" in drop.err

    up = elevate(cli, sandbox)
    assert up.code == 0, up.err
    assert cli("status", "--json").json()["mode"] == "admin"
    assert cli("credentials").json()["AccessKeyId"].startswith("ASIA")
    assert json.loads(fast().stdout)["AccessKeyId"].startswith("ASIA")


def test_bad_entries_beside_a_good_session_are_ignored_and_the_good_one_works(
    cli: Cli, sandbox
) -> None:
    assert elevate(cli, sandbox).code == 0
    state = read_state(cli.home)
    good = state["sessions"][TARGET]
    state["sessions"].update(
        {
            "other": dict(good, key="other", target="other", expires_at=5),
            "third": dict(good, key="third", target="third", kind=["admin"]),
            "readonly:me": dict(good, key="readonly:me", kind="read-only", started_at={}),
            "x": None,
        }
    )
    state["last_elevated"] = {}
    write_state(cli.home, state)

    status = cli("status", "--json").json()
    assert status["mode"] == "admin" and status["target"] == TARGET
    mine = cli("credentials").json()["AccessKeyId"]
    assert json.loads(fast().stdout)["AccessKeyId"] == mine
    assert json.loads(fast("--target", TARGET).stdout)["AccessKeyId"] == mine
    for name in ("other", "third"):  # malformed: never served, by either path
        assert fast("--target", name).returncode != 0
    assert fast("--readonly", "--target", "me").returncode != 0
    drop = cli("drop")
    assert drop.code == 0 and f"Dropped {TARGET}" in drop.err
    assert cli("status", "--json").json()["mode"] == "read-only"


# -- 5. the secret comes from the store its entry names ---------------------------------
@pytest.fixture
def dir_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    directory = tmp_path / "keyring"
    monkeypatch.setenv("ELEVATE_TEST_KEYRING", str(directory))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.keyring_backend.DirKeyring")
    before = keyring.get_keyring()
    kr = DirKeyring(directory)
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(before)


def test_a_file_kept_session_is_served_from_the_file_store_when_a_keyring_appears(
    cli: Cli, sandbox, dir_keyring: DirKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert elevate(cli, sandbox).code == 0  # the file store (the fixture forces it)
    kept = cli("credentials").json()
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "keyring")  # now a keyring is usable
    again = cli("credentials")
    assert again.code == 0, again.err
    assert again.json()["AccessKeyId"] == kept["AccessKeyId"]
    assert cli("status", "--json").json()["mode"] == "admin"


def test_a_keyring_kept_session_is_read_from_the_keyring_when_files_are_forced(
    cli: Cli, sandbox, dir_keyring: DirKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "keyring")
    assert elevate(cli, sandbox).code == 0
    assert read_state(cli.home)["sessions"][TARGET]["store"] == "keyring"
    kept = cli("credentials").json()
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "file")
    again = cli("credentials")
    assert again.code == 0, again.err
    assert again.json()["AccessKeyId"] == kept["AccessKeyId"]


PLANTED = {
    "Version": 1,
    "AccessKeyId": "ASIAPLANTEDPLANTED00",
    "SecretAccessKey": "planted",
    "SessionToken": "planted",
    "Expiration": "2099-01-01T00:00:00Z",
}


@pytest.mark.parametrize("how", ["outside-our-folder", "readable-by-others", "owned-by-another"])
def test_a_secret_file_that_is_not_safely_ours_is_never_served(
    cli: Cli, sandbox, tmp_path: Path, how: str
) -> None:
    assert elevate(cli, sandbox).code == 0
    state = read_state(cli.home)
    entry = state["sessions"][TARGET]
    ours = Path(entry["secret_file"])
    if how == "outside-our-folder":
        planted = tmp_path / "planted.json"
        planted.write_text(json.dumps({"key": f"session:{TARGET}", "value": json.dumps(PLANTED)}))
        planted.chmod(0o600)
        ours.unlink()
        entry["secret_file"] = str(planted)
        write_state(cli.home, state)
    else:
        ours.write_text(json.dumps({"key": f"session:{TARGET}", "value": json.dumps(PLANTED)}))
        if how == "readable-by-others":
            ours.chmod(0o644)
        else:
            ours.chmod(0o600)
            os.chown(ours, 65534, 65534)

    served = fast("--target", TARGET)
    assert "PLANTED" not in served.stdout
    assert served.returncode == 6, served.stdout
    one_sentence(served.stderr)
    slow = cli("credentials", "--target", TARGET)
    assert "PLANTED" not in slow.out and slow.code == 6


# -- 6. a keyring that is locked or broken ----------------------------------------------
@pytest.mark.parametrize("fault", ["LOCKED", "BROKEN"])
def test_a_locked_or_broken_keyring_never_ends_a_live_session(
    cli: Cli,
    sandbox,
    dir_keyring: DirKeyring,
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
) -> None:
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "keyring")
    assert elevate(cli, sandbox).code == 0
    kept = cli("credentials").json()
    (dir_keyring.directory / fault).touch()

    said = "keyring is locked" if fault == "LOCKED" else "keyring could not be used"
    refused = cli("credentials")
    assert refused.code == 2
    assert said in one_sentence(refused.err)
    served = fast(ELEVATE_TRAY_SECRET_STORE="keyring")  # no tray: the full path
    assert served.returncode == 2, served.stderr
    assert said in one_sentence(served.stderr)
    assert cli("status", "--json").json()["mode"] == "admin"  # the session lives on

    (dir_keyring.directory / fault).unlink()
    assert cli("credentials").json()["AccessKeyId"] == kept["AccessKeyId"]


def test_a_keyring_that_cannot_be_written_after_assume_role_falls_back_to_the_file_store(
    cli: Cli,
    sandbox,
    dir_keyring: DirKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "keyring")
    # reads work (so a check before AssumeRole passes), writes fail: the save falls back
    dir_keyring.directory.mkdir(parents=True, exist_ok=True)
    (dir_keyring.directory / "NOWRITE").touch()
    up = elevate(cli, sandbox)
    assert up.code == 0, up.err
    assert "kept in a file only you can read" in up.err
    entry = read_state(cli.home)["sessions"][TARGET]
    assert entry["store"] == "file" and Path(entry["secret_file"]).stat().st_mode & 0o077 == 0
    assert cli("credentials").json()["AccessKeyId"].startswith("ASIA")
    served = fast(ELEVATE_TRAY_SECRET_STORE="keyring")
    assert json.loads(served.stdout)["AccessKeyId"].startswith("ASIA")


def test_a_locked_keyring_is_found_before_assume_role(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.core.secrets import SecretStoreUnavailable

    monkeypatch.setenv("ELEVATE_TEST_KEYRING", str(tmp_path / "kr"))
    before = keyring.get_keyring()
    kr = DirKeyring(tmp_path / "kr")
    keyring.set_keyring(kr)
    try:
        dirs = app_dirs({"ELEVATE_TRAY_HOME": str(tmp_path / "app")})
        store = SessionStore(dirs, KeyringStore(), ManualClock(T0))
        store.check_writable()  # an open keyring passes
        kr.directory.mkdir(parents=True, exist_ok=True)
        (kr.directory / "LOCKED").touch()
        with pytest.raises(SecretStoreUnavailable) as err:
            store.check_writable()
        assert err.value.exit_code == 2 and "unlock it" in err.value.sentence
    finally:
        keyring.set_keyring(before)


def test_dropping_with_a_locked_keyring_still_drops_here(
    cli: Cli, sandbox, dir_keyring: DirKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "keyring")
    assert elevate(cli, sandbox).code == 0
    (dir_keyring.directory / "LOCKED").touch()
    drop = cli("drop")
    assert drop.code == 0 and f"Dropped {TARGET}" in one_sentence(drop.err)
    assert cli("status", "--json").json()["mode"] == "read-only"


# -- 8. a disk that refuses the session after AssumeRole --------------------------------
def test_a_full_disk_after_assume_role_is_one_sentence_and_the_code_stays_spent(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    home = Path(proc_env["ELEVATE_TRAY_HOME"])

    def run(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
        def cap() -> None:  # a file-size limit: writes past it fail (EFBIG), as a full disk
            if limit is not None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        return subprocess.run(
            [sys.executable, "-m", "elevate_tray", *args],
            env=proc_env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=cap,
            timeout=60,
        )

    first = run("elevate", "--code", sandbox.totp(), "--no-browser")
    assert first.returncode == 0, first.stderr
    assert run("drop").returncode == 0
    log = home / "logs" / "elevate-tray.log"
    log.unlink()
    log.symlink_to(os.devnull)  # the log is not what this test fills
    sandbox.clock.advance(30)
    code = sandbox.totp()
    room = state_path(home).stat().st_size + 64  # the spent code fits; the session does not

    full = run("elevate", "--code", code, "--no-browser", limit=room)
    assert full.returncode == 2, full.stderr
    sentence = one_sentence(full.stderr)
    assert "AWS granted the session but this computer could not save it" in sentence
    assert "free space and elevate again" in sentence and "reach AWS" not in sentence
    assert run("status", "--json").returncode == 0
    again = run("elevate", "--code", code, "--no-browser")
    assert again.returncode == 3 and "already" in one_sentence(again.stderr)


def test_a_disk_that_refuses_writes_is_found_before_assume_role(tmp_path: Path) -> None:
    from elevate_tray.core.errors import ConfigError

    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the app's folders should be")
    dirs = AppDirs(*(blocker / name for name in ("config", "state", "data", "logs", "run")))
    store = SessionStore(dirs, FileStore(dirs.secrets_dir), ManualClock(T0))
    with pytest.raises(ConfigError) as err:
        store.check_writable()
    assert err.value.exit_code == 2
    assert (
        "cannot keep a session in" in err.value.sentence and "elevate again" in err.value.sentence
    )


def test_looking_at_an_expired_session_on_a_full_disk_is_no_traceback(
    sandbox, proc_env: dict[str, str]
) -> None:
    home = Path(proc_env["ELEVATE_TRAY_HOME"])
    dirs = app_dirs({"ELEVATE_TRAY_HOME": str(home)})
    dirs.ensure()
    s, c = make("sandbox-admin", minutes=15)  # long expired by the wall clock
    SessionStore(dirs, FileStore(dirs.secrets_dir), ManualClock(T0)).save(s, c)
    (dirs.logs / "elevate-tray.log").symlink_to(os.devnull)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))  # every write fails (EFBIG)

    for args in (("status", "--json"), ("credentials",)):
        r = subprocess.run(
            [sys.executable, "-m", "elevate_tray", *args],
            env=proc_env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=cap,
            timeout=60,
        )
        assert "Traceback" not in r.stderr, r.stderr
        if args[0] == "status":
            assert r.returncode == 0 and json.loads(r.stdout)["mode"] == "read-only"
        else:
            assert r.returncode == 6 and "Not elevated" in one_sentence(r.stderr)


def test_dropping_on_a_full_disk_is_one_sentence_and_the_session_stays(
    sandbox, proc_env: dict[str, str]
) -> None:
    home = Path(proc_env["ELEVATE_TRAY_HOME"])

    def run(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
        def cap() -> None:
            if limit is not None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        return subprocess.run(
            [sys.executable, "-m", "elevate_tray", *args],
            env=proc_env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=cap,
            timeout=60,
        )

    assert run("elevate", "--code", sandbox.totp(), "--no-browser").returncode == 0
    log = home / "logs" / "elevate-tray.log"
    log.unlink()
    log.symlink_to(os.devnull)
    drop = run("drop", limit=1)
    assert drop.returncode == 2, drop.stderr
    assert "could not record the change to its sessions" in one_sentence(drop.stderr)
    assert json.loads(run("status", "--json").stdout)["mode"] == "admin"  # nothing lost
    assert json.loads(run("credentials").stdout)["AccessKeyId"].startswith("ASIA")
    assert run("drop").returncode == 0


def test_remembering_a_spent_code_never_raises_and_memory_still_knows_it(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the state folder should be")
    dirs = AppDirs(*(blocker / name for name in ("config", "state", "data", "logs", "run")))
    codes = SpentCodes(dirs, ManualClock(T0))
    codes.remember("arn:aws:iam::1:mfa/alice", "123456")  # the disk refuses: no exception
    assert codes.was_spent("arn:aws:iam::1:mfa/alice", "123456")
    assert not codes.was_spent("arn:aws:iam::1:mfa/alice", "654321")
    assert SpentCodes(dirs, ManualClock(T0)).was_spent("arn:aws:iam::1:mfa/alice", "123456")


# -- 2. the local socket: bounds and version, both ends ---------------------------------
def serve_once(path: Path, answer: bytes) -> threading.Thread:
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(str(path))
    srv.listen(1)

    def run() -> None:
        conn, _ = srv.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(answer)
        srv.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_an_answer_of_another_protocol_version_is_taken_as_no_tray(tmp_path: Path) -> None:
    from elevate_tray.core import localsocket

    path = tmp_path / "tray.sock"
    serve_once(path, json.dumps({"protocol": 2, "credentials": PLANTED}).encode() + b"\n")
    assert localsocket.ask(path, {"op": "credentials", "key": TARGET}) is None
    path.unlink()
    serve_once(path, json.dumps({"protocol": 1, "ok": True}).encode() + b"\n")
    assert localsocket.ask(path, {"op": "ping"}) == {"ok": True}


def test_the_fast_path_does_not_serve_a_tray_of_another_protocol_version(
    cli: Cli, sandbox, dir_keyring: DirKeyring, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "keyring")
    assert elevate(cli, sandbox).code == 0
    sock = cli.home / "run" / "tray.sock"
    answer = {"protocol": 2, "credentials": PLANTED, **PLANTED}
    serve_once(sock, json.dumps(answer).encode() + b"\n")
    served = fast(ELEVATE_TRAY_SECRET_STORE="keyring")
    assert served.returncode == 0, served.stderr  # the full path read the keyring itself
    assert "PLANTED" not in served.stdout
    assert json.loads(served.stdout)["AccessKeyId"].startswith("ASIA")


def test_the_protocol_refuses_other_versions_large_and_deep_messages() -> None:
    from elevate_tray.core import localsocket

    good = localsocket.encode({"op": "ping"})
    assert localsocket.decode(good.rstrip(b"\n")) == {"op": "ping", "protocol": 1}
    cases = {
        json.dumps({"op": "ping", "protocol": 2}).encode(): "protocol-version",
        json.dumps({"op": "ping"}).encode(): "protocol-version",
        b'{"protocol": 1, "x": ' + b"[" * 50 + b"]" * 50 + b"}": "too-deep",
        b'{"protocol": 1, "x": "' + b"a" * (64 * 1024) + b'"}': "too-large",
        b"\xff not json": "bad-request",
        b"[1, 2]": "bad-request",
    }
    for line, code in cases.items():
        with pytest.raises(localsocket.ProtocolError) as err:
            localsocket.decode(line)
        assert err.value.code == code
        assert localsocket.error_answer(code)["message"].endswith(".")
    # a bracket inside a string is not nesting
    assert localsocket.decode(b'{"protocol": 1, "x": "' + b"[" * 50 + b'"}')["x"] == "[" * 50


# -- 9. revoke pending, at the store (the lead tests drop --revoke end to end) ------------
@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    dirs = app_dirs({"ELEVATE_TRAY_HOME": str(tmp_path / "app")})
    return SessionStore(dirs, FileStore(dirs.secrets_dir), ManualClock(T0))


def test_a_session_waiting_for_its_revocation_is_never_served(store: SessionStore) -> None:
    from elevate_tray.fastpath import pick_entry

    s, c = make("prod", minutes=60)
    store.save(s, c)
    assert store.mark_revoke_pending(s)

    assert store.credentials(s) is None
    assert store.answering("prod", False, None) is None and store.current_admin() is None
    assert pick_entry(str(store.dirs.state_file), "prod", False, None, T0) is None
    assert pick_entry(str(store.dirs.state_file), None, False, "prod", T0) is None
    assert [p.key for p in store.revoke_pending()] == ["prod"]
    assert store.pending_credentials(s) == c
    events = audit.read(store.dirs)
    assert events[-1]["event"] == "ended" and events[-1]["ended"] == "dropped"

    # a re-elevation of the same target keeps the pending secret apart
    s2, _ = make("prod", minutes=30)
    s2 = dataclasses.replace(s2, role_session_arn=s2.role_session_arn + "-2")
    c2 = Credentials("ASIANEWNEWNEWNEW", "new", "new", s2.expires_at)
    store.save(s2, c2)
    assert store.credentials(s2) == c2
    assert store.pending_credentials(s) == c
    store.end("prod", "dropped")
    store.secrets.set("revoke-pending:gone", "a secret whose entry a crash lost")
    assert store.sweep_orphans() == 1  # that orphan goes; a pending session's secret stays
    assert store.pending_credentials(s) == c

    store.clear_revoke_pending("prod", "revoked")
    assert store.revoke_pending() == [] and store.pending_credentials(s) is None
    assert list(store.dirs.secrets_dir.glob("*.json")) == []


def test_a_pending_revocation_ends_by_itself_when_the_session_would_have_expired(
    store: SessionStore,
) -> None:
    s, c = make("prod", minutes=15)
    store.save(s, c)
    assert store.mark_revoke_pending(s)
    assert len(store.revoke_pending()) == 1
    assert isinstance(store.clock, ManualClock)
    store.clock.advance(timedelta(minutes=15).total_seconds())
    assert store.revoke_pending() == []
    assert store.pending_credentials(s) is None
    assert list(store.dirs.secrets_dir.glob("*.json")) == []  # purged with its secret


def test_marking_a_session_that_is_gone_keeps_nothing(store: SessionStore) -> None:
    s, c = make("prod")
    store.save(s, c)
    store.end("prod", "dropped")
    assert not store.mark_revoke_pending(s)
    assert store.revoke_pending() == []


def test_values_import_without_sessions_or_audit() -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, elevate_tray.core.values, elevate_tray.core.choice, "
            "elevate_tray.core.secretfile, elevate_tray.core.localsocket; "
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('keyring', 'boto3', 'botocore', 'PySide6', 'platformdirs') "
            "or m in ('elevate_tray.core.sessions', 'elevate_tray.core.audit')]; print(bad)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert r.stdout.strip() == "[]", r.stderr


# -- 2. the tray's end of the socket: version, bounds, idle clients ---------------------
@pytest.fixture
def tray_server(controller):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.app import _handle
    from elevate_tray.ui.single_instance import SingleInstance

    srv = SingleInstance(
        controller.ctx.dirs.socket_path,
        lambda req, reply, peer: _handle(controller, req, reply, peer),
    )
    assert srv.listen()
    yield srv
    srv.close()


def raw_exchange(qtbot, path: Path, data: bytes, wait: float = 5) -> bytes:  # type: ignore[no-untyped-def]
    """Send bytes as a client would and read what comes back, the tray's loop running."""
    out: dict[str, bytes] = {}

    def run() -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(wait)
            s.connect(str(path))
            if data:
                s.sendall(data)
            buf = b""
            try:
                while b"\n" not in buf:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    buf += chunk
            except TimeoutError:
                buf += b"<still open>"
            out["answer"] = buf

    thread = threading.Thread(target=run)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=int(wait * 2000))
    return out["answer"]


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_the_tray_refuses_other_versions_and_oversized_or_deep_requests(qtbot, tray_server) -> None:  # type: ignore[no-untyped-def]
    path = tray_server.socket_path
    cases = {
        json.dumps({"op": "activate", "protocol": 2}).encode() + b"\n": "protocol-version",
        json.dumps({"op": "activate"}).encode() + b"\n": "protocol-version",
        b'{"protocol": 1, "op": ' + b"[" * 40 + b"]" * 40 + b"}\n": "too-deep",
        b'{"protocol": 1, "op": "' + b"a" * (70 * 1024) + b'"}\n': "too-large",
    }
    for data, code in cases.items():
        answer = json.loads(raw_exchange(qtbot, path, data))
        assert answer["error"] == code and answer["protocol"] == 1
        assert "version" in answer["message"] or code != "protocol-version"
    ok = json.loads(raw_exchange(qtbot, path, b'{"protocol": 1, "op": "ping"}\n'))
    assert ok == {"ok": True, "protocol": 1}


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_the_tray_drops_a_client_that_never_sends_its_request(qtbot, tray_server) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.single_instance import IDLE_TIMEOUT

    answer = raw_exchange(qtbot, tray_server.socket_path, b"", wait=IDLE_TIMEOUT + 3)
    assert answer == b""  # closed by the tray, not left open


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_the_tray_never_answers_for_a_session_waiting_for_its_revocation(
    qtbot, controller, tray_server
) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.core import localsocket

    session = start_session(controller.ctx, 900)
    env = localsocket.aws_environment(controller.ctx.environ)
    request = localsocket.encode({"op": "credentials", "key": "prod", "env": env})
    served = json.loads(raw_exchange(qtbot, tray_server.socket_path, request))
    assert served["credentials"]["AccessKeyId"] == "ASIAEXAMPLEEXAMPLE00"
    assert controller.ctx.store.mark_revoke_pending(session)
    refused = json.loads(raw_exchange(qtbot, tray_server.socket_path, request))
    assert refused["error"] == "not-elevated" and "credentials" not in refused


def test_elevate_with_a_locked_keyring_spends_no_code(
    cli: Cli, sandbox, dir_keyring: DirKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store is checked before AssumeRole: the same code still works once it is unlocked."""
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "keyring")
    dir_keyring.directory.mkdir(parents=True, exist_ok=True)
    (dir_keyring.directory / "LOCKED").touch()
    code = sandbox.totp()
    refused = cli("elevate", "--code", code, "--no-browser")
    assert refused.code == 2 and "unlock it" in one_sentence(refused.err)
    (dir_keyring.directory / "LOCKED").unlink()
    assert cli("elevate", "--code", code, "--no-browser").code == 0  # never sent to AWS
