"""Issue 10's sandbox edges, tried as a person would: `elevate-tray sandbox` and `make run`
(`python -m elevate_tray.run`) as processes with stdin closed and no terminal, against a
sandbox home in tmp_path (ELEVATE_TRAY_HOME, as `default_home` reads it)."""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import boto3
import pyotp
import pytest
import requests

from elevate_tray.sandbox.facts import SECRET_HEADER, read_secret

from .sandbox_fixtures import client, long_term

REPO = Path(__file__).resolve().parents[1]
CANARY_KEY = "CANARYsecretKEYfromTHEusersSHELL000000"
CANARY_TOKEN = "CANARYsessionTOKENfromTHEusersSHELL"


def user_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A shell with no AWS target configured, no display, and its app home in tmp_path."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_", "ELEVATE_TRAY_", "XDG_"))
        and k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    (tmp_path / "empty-aws-config").touch()
    env.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_RUNTIME_DIR=str(tmp_path / "xdg-run"),
        AWS_CONFIG_FILE=str(tmp_path / "empty-aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "empty-aws-config"),
        ELEVATE_TRAY_HOME=str(tmp_path / "home"),
        PYTHONPATH=str(REPO),
        TZ="UTC",
        LANG="en_US.UTF-8",
    )
    env.update(extra)
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "elevate_tray", *args],
        env=env,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=90,
        start_new_session=True,
    )


class Foreground:
    """`elevate-tray sandbox` or `make run`, running until stopped; its output in files."""

    def __init__(self, env: dict[str, str], module: list[str], where: Path) -> None:
        where.mkdir(parents=True, exist_ok=True)
        self.out, self.err = where / "stdout", where / "stderr"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", *module],
                env=env,
                cwd=REPO,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                text=True,
                start_new_session=True,
            )

    def text(self) -> str:
        return self.out.read_text() + self.err.read_text()

    def wait_for(self, marker: str, timeout: float = 90) -> str:
        """All its output once `marker` shows (it waits for a process, not for time)."""
        end = time.monotonic() + timeout
        while marker not in self.text():
            assert self.proc.poll() is None, f"it exited ({self.proc.returncode}):\n{self.text()}"
            assert time.monotonic() < end, f"no {marker!r} in:\n{self.text()}"
            time.sleep(0.1)
        return self.text()

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


@pytest.fixture
def foreground() -> Iterator[list[Foreground]]:
    started: list[Foreground] = []
    yield started
    for proc in started:
        proc.stop()


def start(started: list[Foreground], env: dict[str, str], where: Path, make_run: bool = False):
    module = ["elevate_tray.run"] if make_run else ["elevate_tray", "sandbox"]
    proc = Foreground(env, module, where)
    started.append(proc)
    return proc, proc.wait_for("Ctrl-C")


def export_block(text: str) -> list[str]:
    """The lines a person pastes into another terminal: exports and their comments."""
    return [
        line
        for line in text.splitlines()
        if line.startswith(("export ", "# ")) and "Ctrl-C" not in line
    ]


def exports(block: list[str]) -> dict[str, str]:
    found = {}
    for line in block:
        if line.startswith("export "):
            name, _, value = line.removeprefix("export ").partition("=")
            found[name] = shlex.split(value)[0] if value else ""
    return found


def taken_port() -> socket.socket:
    """A port another program listens on."""
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    return holder


def one_sentence(r: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


# -- --port -----------------------------------------------------------------------------------


@pytest.mark.parametrize("port", ["99999", "abc", "-1"])
def test_sandbox_port_that_is_no_port_is_one_sentence_and_exit_2(tmp_path: Path, port: str):
    r = run(user_env(tmp_path), "sandbox", "--port", port)
    assert r.returncode == 2, r.stderr
    sentence = one_sentence(r)
    assert f"--port {port}" in sentence and "1 to 65535" in sentence
    assert r.stdout == ""


def test_sandbox_port_taken_by_another_program_is_one_sentence_and_exit_2(tmp_path: Path):
    with taken_port() as holder:
        port = holder.getsockname()[1]
        r = run(user_env(tmp_path), "sandbox", "--port", str(port))
    assert r.returncode == 2, r.stderr
    sentence = one_sentence(r)
    assert f"port {port} " in sentence and "taken" in sentence
    assert r.stdout == ""


# -- one export block, one port -----------------------------------------------------------------


def test_sandbox_and_make_run_print_the_same_export_lines_without_secrets(
    tmp_path: Path, foreground: list[Foreground]
):
    env = user_env(tmp_path)
    sandbox, first = start(foreground, env, tmp_path / "sandbox-run")
    assert sandbox.stop() == 0
    # `make run` from a shell that holds a real user's keys: none of them may be printed
    shell = dict(env, AWS_SECRET_ACCESS_KEY=CANARY_KEY, AWS_SESSION_TOKEN=CANARY_TOKEN)
    make_run, second = start(foreground, shell, tmp_path / "make-run", make_run=True)
    block = export_block(first)
    assert block and export_block(second) == block  # same lines: same port, same variables
    assert make_run.stop() == 0

    names = list(exports(block))
    assert names[:5] == [
        "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_ENDPOINT_URL",
        "ELEVATE_TRAY_SIGNIN_URL",
        "AWS_REGION",
    ]
    home = tmp_path / "home" / "sandbox"
    assert exports(block)["AWS_CONFIG_FILE"] == str(home / "aws" / "config")
    assert exports(block)["ELEVATE_TRAY_HOME"] == str(home / "app")  # never the user's own
    account = json.loads((home / "sandbox.json").read_text())["account"]
    for secret in (CANARY_KEY, CANARY_TOKEN, account["mfa_secret"], account["secret_access_key"]):
        assert secret not in first + second
    assert [line for line in block if "code" in line.lower()] == [
        "# MFA code for the sandbox's throwaway device: elevate-tray sandbox code"
    ]


def test_sandbox_keeps_its_port_and_says_so_when_another_program_took_it(
    tmp_path: Path, foreground: list[Foreground]
):
    env = user_env(tmp_path)
    first, text = start(foreground, env, tmp_path / "first")
    url = exports(export_block(text))["AWS_ENDPOINT_URL"]
    port = int(url.rsplit(":", 1)[1])
    assert first.stop() == 0
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:  # another program
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        holder.bind(("127.0.0.1", port))
        holder.listen()
        second, text = start(foreground, env, tmp_path / "second")
        moved = exports(export_block(text))["AWS_ENDPOINT_URL"]
        assert moved != url
        notice = [line for line in second.err.read_text().splitlines() if str(port) in line]
        assert len(notice) == 1, second.err.read_text()
        assert "taken" in notice[0] and moved.rsplit(":", 1)[1] in notice[0]
        assert second.stop() == 0
    third, text = start(foreground, env, tmp_path / "third")  # the new port is kept too
    assert exports(export_block(text))["AWS_ENDPOINT_URL"] == moved
    assert "taken" not in third.err.read_text()


# -- `elevate-tray sandbox code` ----------------------------------------------------------------


def test_sandbox_code_in_a_terminal_with_the_pasted_lines_prints_the_code_and_its_window(
    tmp_path: Path, foreground: list[Foreground]
):
    sandbox, text = start(foreground, user_env(tmp_path), tmp_path / "sandbox-run")
    block = export_block(text)
    [command] = [line.split(": ", 1)[1] for line in block if line.endswith(" code")]
    assert command == "elevate-tray sandbox code"
    # another terminal: the user's own settings, plus the pasted lines
    other = user_env(tmp_path, ELEVATE_TRAY_HOME=str(tmp_path / "users-own-home"))
    other.update(exports(block))
    endpoint = exports(block)["AWS_ENDPOINT_URL"]
    when = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)  # the sandbox's clock, moved by the test
    home = Path(exports(block)["ELEVATE_TRAY_SANDBOX_HOME"])
    secret = {SECRET_HEADER: str(read_secret(home))}
    requests.post(
        f"{endpoint}/_sandbox/clock",
        json={"set": "2030-01-02T03:04:05Z"},
        headers=secret,
        timeout=5,
    ).raise_for_status()

    r = run(other, *shlex.split(command)[1:])
    assert r.returncode == 0, r.stderr
    facts = json.loads((tmp_path / "home" / "sandbox" / "sandbox.json").read_text())["account"]
    code = pyotp.TOTP(facts["mfa_secret"]).at(when)
    assert r.stdout == f"{code}\n"  # alone: `elevate --code "$(elevate-tray sandbox code)"`
    assert "valid until 03:04:30" in r.stderr
    sts = boto3.client(
        "sts",
        region_name="us-east-1",
        endpoint_url=endpoint,
        aws_access_key_id=facts["access_key_id"],
        aws_secret_access_key=facts["secret_access_key"],
    )
    assumed = sts.assume_role(
        RoleArn=facts["role_arn"],
        RoleSessionName="alice",
        SerialNumber=facts["mfa_serial"],
        TokenCode=r.stdout.split()[0],
    )
    assert assumed["Credentials"]["Expiration"] == when + timedelta(hours=1)
    assert sandbox.stop() == 0


def test_sandbox_code_when_no_sandbox_was_ever_started_is_one_sentence_and_exit_2(
    tmp_path: Path,
):
    r = run(user_env(tmp_path), "sandbox", "code")
    assert r.returncode == 2
    sentence = one_sentence(r)
    assert "`elevate-tray sandbox`" in sentence and r.stdout == ""
    assert not (tmp_path / "home").exists()  # asking for a code creates nothing


# -- the sandbox's clock is the test's ----------------------------------------------------------


def test_the_sandbox_clock_stands_still_unless_the_test_moves_it(sandbox):
    start = sandbox.clock.now()
    sts = client(sandbox, "sts", long_term(sandbox))
    sts.get_caller_identity()  # a round trip takes time on the wall clock
    assert sandbox.clock.now() == start
    token = sts.get_session_token(DurationSeconds=900)
    assert token["Credentials"]["Expiration"] == start + timedelta(seconds=900)
    sandbox.clock.advance(30)
    assert sandbox.clock.now() == start + timedelta(seconds=30)
