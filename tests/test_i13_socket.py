"""Issue 13, point 5: the tray's socket under attack and under pressure, and core dumps.

A real tray process each time: another uid that can reach the socket gets no answer; a
request too large, too deep or too slow is cut off; running out of file descriptors neither
wedges the tray nor spins a core, and it answers again once descriptors are free; the
tray's secrets never reach a core file.
"""

from __future__ import annotations

import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.suite_support import ROOT, Tray, ask, proc_env_fixture, tray_fixture  # noqa: F401
from tests.test_handoff import NOBODY, _nobody_python

PING = b'{"op": "ping", "protocol": 1}\n'
CHILD = r"""
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(sys.argv[1])
try:
    s.sendall(b'{"op": "ping", "protocol": 1}\n')
    got = s.recv(4096)
except (BrokenPipeError, ConnectionResetError):
    got = b""  # closed on it before a word was said
print(got.decode() or "closed, no answer")
"""


def exchange(path: Path, data: bytes, wait: float = 10, pace: float = 0) -> bytes:
    """Send bytes as a client would (one at a time every `pace` s when given); what came back."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(wait)
        s.connect(str(path))
        try:
            if pace:
                for byte in data:
                    s.sendall(bytes([byte]))
                    time.sleep(pace)
            else:
                s.sendall(data)
        except OSError:
            pass  # the tray cut it off: what it said, if anything, is read below
        buf = b""
        try:
            while chunk := s.recv(65536):
                buf += chunk
        except TimeoutError:
            return buf + b"<still open>"
        except OSError:
            pass
        return buf


# -- another uid -------------------------------------------------------------------------
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root, to run a child as another uid")
def test_another_uid_that_can_reach_the_socket_is_refused_by_the_peer_check(
    sandbox, proc_env: dict[str, str]
) -> None:
    python = _nobody_python()
    if python is None:
        pytest.skip("no Python interpreter here can be run as uid 65534")
    parent = Path(tempfile.mkdtemp(prefix="elevate-peer-"))
    try:
        parent.chmod(0o755)
        env = dict(proc_env, ELEVATE_TRAY_HOME=str(parent / "app"))
        tray = Tray(env, stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            assert tray.wait_listening()
            # for this test only: a folder the other uid may traverse, a socket it may connect
            # to (a mode gone wrong); only the peer check stands between it and the tray
            for folder in (parent / "app", tray.socket_path.parent):
                folder.chmod(0o711)
            tray.socket_path.chmod(0o777)

            def child(**as_user: object) -> str:
                r = subprocess.run(
                    [python, "-I", "-S", "-c", CHILD, str(tray.socket_path)],
                    cwd="/",
                    env={"PATH": "/usr/bin:/bin"},
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    text=True,
                    timeout=60,
                    **as_user,  # type: ignore[arg-type]
                )
                assert r.returncode == 0, r.stderr
                return r.stdout.strip()

            assert child(user=NOBODY, group=NOBODY, extra_groups=[]) == "closed, no answer"
            # the same child as the tray's own uid is answered: the check could fail
            assert '"ok": true' in child()
            assert ask(tray.socket_path, {"op": "ping"}) == {"ok": True}  # still serving
        finally:
            tray.stop()
    finally:
        shutil.rmtree(parent, ignore_errors=True)


# -- bounds ------------------------------------------------------------------------------
def test_too_large_too_deep_and_too_slow_requests_are_cut_off(tray: Tray) -> None:
    path = tray.socket_path
    # larger than the bound, and never a newline: answered once the bound is passed
    large = exchange(path, b'{"protocol": 1, "op": "' + b"a" * (80 * 1024))
    assert b'"error": "too-large"' in large and b"<still open>" not in large
    deep = exchange(path, b'{"protocol": 1, "op": ' + b"[" * 50 + b"]" * 50 + b"}\n")
    assert b'"error": "too-deep"' in deep
    # a client that trickles its request (a byte every 0.3 s) is dropped by the idle
    # timeout, which data does not restart: closed, unanswered, long before it is done
    slow = exchange(path, PING * 4, wait=20, pace=0.3)
    assert slow == b""
    # one that says nothing at all is dropped too
    assert exchange(path, b"", wait=20) == b""
    assert ask(path, {"op": "ping"}) == {"ok": True}


# -- file descriptors ----------------------------------------------------------------------
def cpu_seconds(pid: int) -> float:
    """User plus system time of a process so far (/proc/PID/stat, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and prlimit")
@pytest.mark.expect_log("local socket accept failed")
def open_fds(pid: int) -> set[int]:
    return {int(fd) for fd in os.listdir(f"/proc/{pid}/fd")}


def settled_fds(pid: int) -> set[int]:
    """The tray's descriptors once its start-up work (after the socket listens) is over."""
    seen, end = open_fds(pid), time.monotonic() + 20
    while time.monotonic() < end:
        time.sleep(0.5)
        now = open_fds(pid)
        if now == seen:
            return now
        seen = now
    return seen


def test_out_of_file_descriptors_the_tray_idles_and_answers_again(tray: Tray) -> None:
    pid = tray.proc.pid
    limit = resource.prlimit(pid, resource.RLIMIT_NOFILE)
    in_use = settled_fds(pid)
    lowest_free = min(set(range(len(in_use) + 1)) - in_use)
    waiting = []
    try:
        # below the lowest free descriptor: the next accept() has none (EMFILE)
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (lowest_free, limit[1]))
        for _ in range(4):  # clients the tray cannot take: they wait in the backlog
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.setblocking(False)
            s.connect_ex(str(tray.socket_path))
            waiting.append(s)
        time.sleep(0.5)
        before = cpu_seconds(pid)
        time.sleep(1.5)
        spent = cpu_seconds(pid) - before
        assert spent < 0.3, f"the tray spent {spent:.2f} s of CPU in 1.5 s, out of descriptors"
        assert tray.proc.poll() is None
    finally:
        if tray.proc.poll() is None:
            resource.prlimit(pid, resource.RLIMIT_NOFILE, limit)
        for s in waiting:
            s.close()
    assert ask(tray.socket_path, {"op": "ping"}, timeout=5) == {"ok": True}
    _, err = tray.stop()
    assert err.count("local socket accept failed, pausing: [Errno 24]") == 1, err


# -- core dumps --------------------------------------------------------------------------
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/PID/limits")
def test_the_tray_keeps_its_secrets_out_of_core_dumps(tray: Tray) -> None:
    limits = Path(f"/proc/{tray.proc.pid}/limits").read_text().splitlines()
    (core,) = [line for line in limits if line.startswith("Max core file size")]
    assert core.split()[4:6] == ["0", "0"], core  # soft and hard: it cannot be raised again
    # the dumpable flag has no /proc field: the helper the tray runs at start, in a
    # process of its own, reports what the kernel then says of it
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "from elevate_tray.core.hardening import dumpable, keep_out_of_core_dumps as k;"
            "before = dumpable(); done = k(); print(before, dumpable(), done)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert r.stdout.strip() == "True False ['core size 0', 'not dumpable']", r.stderr
