"""Issue 14, point 4: a locked OS keyring asks once, then says what to do in one sentence.

The keyring is tests/standin_keyring.py: locked, every call shows the desktop's unlock prompt
(as Secret Service does) and the test scripts the person's answer and counts the prompts
(per process). Black-box: the command line in-process (`cli`) or as processes with stdin
closed, and the real tray as a process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest

from tests.cli_helpers import Cli
from tests.standin_keyring import Keyring, Standin
from tests.suite_support import ROOT, Tray, cli_fixture, elevate, proc_env_fixture  # noqa: F401

TARGET = "sandbox-admin"
LOCKED = (
    "elevate-tray: The OS keyring is locked; unlock it (your desktop's keyring or password "
    "manager) and try again."
)


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


@pytest.fixture
def standin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Standin]:
    """The stand-in keyring, in this process (set after `cli`, whose store is the file)."""
    before = keyring.get_keyring()  # as this process found it, before the stand-in's env
    kr = Standin(tmp_path / "keyring" / "passwords.json")
    for name, value in kr.env().items():
        monkeypatch.setenv(name, value)
    keyring.set_keyring(Keyring(kr.path))
    yield kr
    keyring.set_keyring(before)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The command line as credential_process runs it: no terminal, no stdin."""
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "elevate_tray", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        timeout=120,
    )


def imported(r: subprocess.CompletedProcess[str]) -> set[str]:
    return {
        line.rsplit("|", 1)[1].strip()
        for line in r.stderr.splitlines()
        if line.startswith("import time:")
    }


def said(r: subprocess.CompletedProcess[str]) -> str:
    """stderr without -X importtime's lines: what the person reads."""
    return "".join(f"{x}\n" for x in r.stderr.splitlines() if not x.startswith("import time:"))


def in_process_env(kr: Standin, backend: str = "Keyring") -> dict[str, str]:
    import os

    env = dict(os.environ, **kr.env(backend))
    env["PYTHONPATH"] = os.pathsep.join((str(ROOT), env["PYTHONPATH"]))
    return env


# -- a prompt the person dismisses: asked once, one sentence, the session kept ------------
def test_a_dismissed_unlock_prompt_asks_once_says_one_sentence_and_keeps_the_session(  # type: ignore[no-untyped-def]
    cli: Cli, sandbox, standin: Standin
) -> None:
    assert elevate(cli, sandbox).code == 0
    kept = cli("credentials").json()
    assert standin.prompts() == 0 and f"elevate-tray\0session:{TARGET}" in standin.passwords()
    standin.lock("dismiss")

    refused = cli("credentials")
    assert (refused.code, one_line(refused.err), refused.out) == (2, LOCKED, "")
    assert standin.prompts() == 1  # the full path read it more than once: asked once
    status = cli("status", "--json")
    assert status.code == 0 and status.json()["mode"] == "admin"  # the session stays
    assert standin.prompts() == 1  # status needs no keyring

    again = cli("credentials", "--target", TARGET)  # a new command asks again, once
    assert (again.code, one_line(again.err)) == (2, LOCKED)
    assert standin.prompts() == 2

    standin.answer("unlock")
    served = cli("credentials")
    assert served.code == 0 and served.json()["AccessKeyId"] == kept["AccessKeyId"]
    assert standin.prompts() == 3 and not standin.locked
    assert cli("credentials").json()["AccessKeyId"] == kept["AccessKeyId"]
    assert standin.prompts() == 3  # unlocked: no prompt


def test_dropping_every_session_with_a_locked_keyring_asks_once_and_drops_them_here(  # type: ignore[no-untyped-def]
    cli: Cli, sandbox, standin: Standin
) -> None:
    assert elevate(cli, sandbox).code == 0
    sandbox.clock.advance(30)
    cli.clock.advance(30)
    started = cli("credentials", "--readonly", "--code", sandbox.totp())
    assert started.code == 0, started.err
    status = cli("status", "--json").json()
    assert status["mode"] == "admin" and status["readonly_session_expires_at"]
    standin.lock("dismiss")

    dropped = cli("drop", "--all")
    assert dropped.code == 0, dropped.err
    assert "Traceback" not in dropped.err
    assert standin.prompts() == 1  # two secrets to delete, one prompt
    status = cli("status", "--json").json()
    assert status["mode"] == "read-only" and status["readonly_session_expires_at"] is None


def test_a_file_kept_session_keeps_being_served_while_the_keyring_is_locked(  # type: ignore[no-untyped-def]
    cli: Cli, sandbox, standin: Standin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "file")
    assert elevate(cli, sandbox).code == 0  # admin: the user-only file store
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "keyring")
    sandbox.clock.advance(30)
    cli.clock.advance(30)
    assert cli("credentials", "--readonly", "--code", sandbox.totp()).code == 0  # the keyring
    admin = cli("credentials").json()
    standin.lock("dismiss")

    served = cli("credentials")
    assert served.code == 0 and served.json()["AccessKeyId"] == admin["AccessKeyId"]
    fast = run(in_process_env(standin), "credentials")
    assert fast.returncode == 0 and json.loads(fast.stdout)["AccessKeyId"] == admin["AccessKeyId"]
    assert standin.prompts() == 0

    refused = cli("credentials", "--readonly")
    assert (refused.code, one_line(refused.err)) == (2, LOCKED)
    assert standin.prompts() == 1
    status = cli("status", "--json").json()  # both sessions stay
    assert status["mode"] == "admin" and status["readonly_session_expires_at"]


# -- a keyring with no unlock prompt of its own -------------------------------------------
def test_a_locked_keyring_without_an_unlock_prompt_says_what_to_do_in_one_sentence(  # type: ignore[no-untyped-def]
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    kr = Standin(tmp_path / "keyring" / "passwords.json")
    env = dict(proc_env, **kr.env("PromptlessKeyring"))
    env["PYTHONPATH"] = f"{proc_env['PYTHONPATH']}:{env['PYTHONPATH']}"
    up = run(env, "elevate", "--no-browser", "--code", sandbox.totp())
    assert up.returncode == 0, said(up)
    kr.lock()

    for args in (("credentials",), ("console", "--print-url")):
        refused = run(env, *args)
        assert (refused.returncode, one_line(said(refused)), refused.stdout) == (2, LOCKED, "")
    sandbox.clock.advance(30)
    code = sandbox.totp()
    again = run(env, "elevate", "--no-browser", "--code", code)
    assert (again.returncode, one_line(said(again))) == (2, LOCKED)  # found before AssumeRole
    status = run(env, "status", "--json")
    assert json.loads(status.stdout)["mode"] == "admin"
    assert kr.prompts() == 0

    kr.unlock()
    assert run(env, "elevate", "--no-browser", "--code", code).returncode == 0  # not spent
    assert run(env, "credentials").returncode == 0


# -- the running tray: read once, served without an unlock per call ----------------------
def tray_env(proc_env: dict[str, str], kr: Standin) -> dict[str, str]:
    env = dict(proc_env, **kr.env())
    env["PYTHONPATH"] = f"{proc_env['PYTHONPATH']}:{env['PYTHONPATH']}"
    return env


def test_a_running_tray_serves_a_keyring_session_without_an_unlock_prompt(  # type: ignore[no-untyped-def]
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    kr = Standin(tmp_path / "keyring" / "passwords.json")
    env = tray_env(proc_env, kr)
    tray = Tray(env, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        assert tray.wait_listening()
        up = run(env, "elevate", "--no-browser", "--code", sandbox.totp())  # done by the tray
        assert up.returncode == 0, said(up)
        assert "botocore" not in imported(up)
        kept = json.loads(run(env, "credentials").stdout)
        kr.lock("dismiss")  # the desktop locked the keyring meanwhile

        for _ in range(3):
            served = run(env, "credentials")
            assert served.returncode == 0, said(served)
            assert json.loads(served.stdout)["AccessKeyId"] == kept["AccessKeyId"]
            assert not {"keyring", "elevate_tray.core.secrets"} & imported(served)
        assert kr.prompts() == 0
    finally:
        tray.stop()

    # no tray: the full path opens the keyring, asking at most once per command
    for n in (1, 2):
        refused = run(env, "credentials")
        assert (refused.returncode, one_line(said(refused))) == (2, LOCKED)
        assert kr.prompts() == n
    kr.answer("unlock")
    assert json.loads(run(env, "credentials").stdout)["AccessKeyId"] == kept["AccessKeyId"]
    assert json.loads(run(env, "credentials").stdout)["AccessKeyId"] == kept["AccessKeyId"]
    assert kr.prompts() == 3


def test_a_locked_keyring_in_the_tray_asks_once_per_user_action_not_per_request(  # type: ignore[no-untyped-def]
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    kr = Standin(tmp_path / "keyring" / "passwords.json")
    env = tray_env(proc_env, kr)
    up = run(env, "elevate", "--no-browser", "--code", sandbox.totp())  # no tray: the CLI
    assert up.returncode == 0, said(up)
    kr.lock("dismiss")
    tray = Tray(env, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        assert tray.wait_listening()
        pid = tray.proc.pid
        for n in (1, 2, 3):  # programs' credential requests: the tray asks once in all
            refused = run(env, "credentials")
            assert (refused.returncode, one_line(said(refused))) == (2, LOCKED)
            assert kr.prompts(pid) == 1
            assert kr.prompts() == 1 + n  # and each command line, once, on its full path
        for n in (2, 3):  # a command line's command is a user action: asked once each
            console = run(env, "console", "--print-url")
            assert (console.returncode, one_line(said(console))) == (2, LOCKED)
            assert "botocore" not in imported(console)  # the tray answered it
            assert kr.prompts(pid) == n
        status = run(env, "status", "--json")
        assert json.loads(status.stdout)["mode"] == "admin"  # the session stays
        assert kr.prompts(pid) == 3
        assert tray.proc.poll() is None
    finally:
        out, err = tray.stop()
    assert "Traceback" not in err


# -- the tray's own dialogs and timer -----------------------------------------------------
def test_the_tray_asks_once_per_dialog_and_never_again_on_its_timer(  # type: ignore[no-untyped-def]
    qtbot, sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, standin: Standin
) -> None:
    from elevate_tray.core.lifecycle import Mode
    from elevate_tray.ui.controller import TrayController
    from elevate_tray.ui.workers import InlineRunner
    from tests.suite_support import sandbox_app_context

    ctx = sandbox_app_context(sandbox, tmp_path, monkeypatch)
    ctx.environ["ELEVATE_TRAY_SECRET_STORE"] = "keyring"
    ctl = TrayController(ctx, runner=InlineRunner(), tray_available=False)
    ctl.start()
    name = sandbox.account.target_profile

    def dialog() -> Any:
        ctl.elevate(name)
        opened = ctl._dialogs[name]
        qtbot.waitUntil(lambda: opened._prepared, timeout=10000)
        return opened

    try:
        first = dialog()
        first.open_console.setChecked(False)
        first.code.insert(sandbox.totp())
        qtbot.waitUntil(lambda: ctl.state.mode is Mode.ADMIN, timeout=10000)
        assert f"elevate-tray\0session:{name}" in standin.passwords()
        standin.lock("dismiss")

        again = dialog()  # the person opens the dialog: the keyring asks, once
        assert again.error_label.text() == LOCKED.removeprefix("elevate-tray: ")
        assert standin.prompts() == 1
        again.close()
        ctx.clock.advance(13 * 3600)  # type: ignore[attr-defined]
        for _ in range(3):  # the timer's ticks end the expired session: no prompt
            ctl.recheck()
        assert ctl.state.mode is Mode.READ_ONLY
        assert standin.prompts() == 1

        third = dialog()  # another time the person opens it: asked again, once
        assert third.error_label.text() == LOCKED.removeprefix("elevate-tray: ")
        assert standin.prompts() == 2
        third.close()
    finally:
        ctl.timer.stop()
        for opened in list(ctl._dialogs.values()):
            opened.close()
        if ctl.window is not None:
            ctl.window.close()
