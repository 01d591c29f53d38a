"""Every file, folder and socket the app creates is the user's alone: checked by mode bits
under a permissive umask, and by another local user actually trying to read the files and to
ask the tray for credentials."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from .suite_support import ROOT, Tray, ask, proc_env_fixture, run_cli  # noqa: F401


def created_paths(home: Path) -> list[Path]:
    return [home, *sorted(home.rglob("*"))]


def exercise(sandbox, env: dict[str, str], **kw) -> None:  # type: ignore[no-untyped-def]
    """The flows that write files: a kept TOTP secret, an elevation, a read-only session,
    the log, the audit log, the state and its lock."""

    def ok(*argv: str, stdin: str | None = None) -> None:
        r = run_cli(env, *argv, stdin=stdin, **kw)
        assert r.returncode == 0, (argv, r.stderr)

    ok("mfa", "set-secret", stdin=sandbox.account.mfa_secret + "\n")
    ok("elevate", "--no-browser", "--reason", "permissions")
    sandbox.clock.advance(30)
    ok("credentials", "--readonly", "--code", sandbox.totp())
    ok("status")


def test_all_the_app_creates_is_user_only_even_with_umask_000(
    sandbox, proc_env: dict[str, str]
) -> None:
    home = Path(proc_env["ELEVATE_TRAY_HOME"])
    assert not home.exists()  # the app creates all of it
    tray = Tray(proc_env, umask=0)
    try:
        assert tray.wait_listening()
        exercise(sandbox, proc_env, umask=0)
        paths = created_paths(home)
        kinds = {stat.S_IFMT(p.lstat().st_mode) for p in paths}
        assert stat.S_IFSOCK in kinds and stat.S_IFREG in kinds  # the socket was looked at too
        loose = [
            f"{p} {oct(p.lstat().st_mode & 0o777)}"
            for p in paths
            if p.lstat().st_mode & 0o077 and p != home
        ]
        assert loose == []
    finally:
        tray.stop()


def test_the_home_folder_the_app_creates_is_user_only_too(
    sandbox, proc_env: dict[str, str]
) -> None:
    home = Path(proc_env["ELEVATE_TRAY_HOME"])
    assert run_cli(proc_env, "status", umask=0).returncode == 0
    assert home.stat().st_mode & 0o077 == 0, oct(home.stat().st_mode)


PROBE = r"""
import json, os, socket, sys
report = {}
for p in json.loads(sys.argv[1]):
    try:
        if os.path.isdir(p):
            os.listdir(p)
        elif p.endswith(".sock"):
            s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(p)
            s.sendall(b'{"op": "credentials"}\n'); report[p] = s.recv(4096).decode(); continue
        else:
            open(p, "rb").read()
        report[p] = "readable"
    except OSError as e:
        report[p] = type(e).__name__
print(json.dumps(report))
"""


SYSTEM_PYTHON = "/usr/bin/python3"  # the other user cannot run the project's venv


@pytest.mark.skipif(
    os.geteuid() != 0 or not os.access(SYSTEM_PYTHON, os.X_OK),
    reason="needs root (to act as another user) and a system python3",
)
def test_another_local_user_can_read_nothing_and_ask_the_tray_nothing(
    sandbox, proc_env: dict[str, str]
) -> None:
    other = pwd.getpwnam("nobody")
    parent = Path(tempfile.mkdtemp(prefix="elevate-perm-"))
    try:
        parent.chmod(0o755)  # a world-traversable place, as a home folder often is
        env = dict(proc_env, ELEVATE_TRAY_HOME=str(parent / "app"))
        tray = Tray(env)
        try:
            assert tray.wait_listening()
            exercise(sandbox, env)
            # the home folder itself: test_the_home_folder_the_app_creates_is_user_only_too
            paths = [str(p) for p in created_paths(parent / "app")[1:]]
            r = subprocess.run(
                [SYSTEM_PYTHON, "-c", PROBE, json.dumps(paths)],
                user=other.pw_uid,
                group=other.pw_gid,
                extra_groups=[],
                capture_output=True,
                text=True,
                cwd="/",
                env={"PATH": os.environ.get("PATH", "")},
            )
            assert r.returncode == 0, r.stderr
            report = json.loads(r.stdout)
            assert {k: v for k, v in report.items() if v != "PermissionError"} == {}
            # and the owner still gets them, so the check could fail
            assert ask(tray.socket_path, {"op": "credentials"}) is not None
        finally:
            tray.stop()
    finally:
        shutil.rmtree(parent, ignore_errors=True)
