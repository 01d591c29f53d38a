"""Issue 12, end to end: the console sign-in reaches the browser only through a one-shot
loopback hand-off that answers the user's own uid, in the browser chosen for the target.

Real browsers cannot run here: tests/standin_browser.py stands in for them (it records its
arguments and fetches a hand-off as a browser would)."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from elevate_tray.core.signin import logout_url

from .cli_helpers import Cli
from .suite_support import (  # noqa: F401
    ROOT,
    Tray,
    cli_fixture,
    proc_env_fixture,
    run_cli,
    standin_browser_command,
)
from .test_handoff import CHILD
from .test_handoff import _nobody_python as nobody_python

HANDOFF_URL = re.compile(r"http://127\.0\.0\.1:(\d+)/[A-Za-z0-9_-]{22,}")
STANDIN = Path(__file__).with_name("standin_browser.py")


def write_settings(home: Path, text: str) -> None:
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.toml").write_text(text, encoding="utf-8")


def calls(record: Path) -> list[dict]:  # type: ignore[type-arg]
    args = Path(str(record) + ".args")
    if not args.exists():
        return []
    return [json.loads(line) for line in args.read_text().splitlines()]


def reached(record: Path) -> str:
    """Where the stand-in was sent: it writes that after the redirect, which may be after
    the command that served the hand-off has already exited."""
    wait_until(lambda: record.exists() and record.read_text().endswith("\n"))
    return record.read_text()


def wait_until(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("the condition was not met in time")
        time.sleep(0.02)


def refused(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex(("127.0.0.1", port)) != 0


def fetch(url: str) -> int:
    import http.client

    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=10)
    try:
        conn.request("GET", parts.path)
        return conn.getresponse().status
    finally:
        conn.close()


def test_logout_first_sends_on_to_the_sign_in_through_us_east_1() -> None:
    signin = "https://eu-west-1.signin.aws.amazon.com/federation?Action=login&SigninToken=T0K"
    url = logout_url("https://eu-west-1.signin.aws.amazon.com/federation", then=signin)
    parts = urllib.parse.urlsplit(url)
    assert parts.netloc == "us-east-1.signin.aws.amazon.com" and parts.path == "/oauth"
    assert urllib.parse.parse_qs(parts.query) == {"Action": ["logout"], "redirect_uri": [signin]}
    assert "T0K" not in repr(url)  # it holds the token: hidden like a sign-in URL
    assert logout_url("http://127.0.0.1:9/federation", then="http://127.0.0.1:9/x").startswith(
        "http://127.0.0.1:9/oauth?"
    )


def test_elevate_gives_the_browser_only_the_loopback_hand_off(
    cli: Cli, sandbox, tmp_path: Path
) -> None:
    record = tmp_path / "browser.txt"
    write_settings(cli.home, f"browser_command = {json.dumps(standin_browser_command(record))}\n")
    r = cli("elevate", "--code", sandbox.totp())
    assert r.code == 0, r.err
    assert "Opened the AWS console for sandbox-admin in your browser." in r.err
    (call,) = calls(record)
    assert len(call["args"]) == 1 and HANDOFF_URL.fullmatch(call["args"][0])
    assert reached(record).startswith(sandbox.signin_url + "?Action=login")
    assert "SigninToken" not in r.out + r.err


def test_the_token_is_on_no_command_line_environment_output_or_file(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    """While the browser stand-in still runs, the token is nowhere another process reads."""
    record, hold = tmp_path / "browser.txt", tmp_path / "release"
    home = Path(proc_env["ELEVATE_TRAY_HOME"])
    write_settings(home, f"browser_command = {json.dumps(standin_browser_command(record))}\n")
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    env = dict(proc_env, STANDIN_HOLD=str(hold), TMPDIR=str(tmpdir))
    try:
        r = run_cli(env, "elevate", "--code", sandbox.totp(), stdin="")
        assert r.returncode == 0, r.stderr
        token = urllib.parse.parse_qs(urllib.parse.urlsplit(reached(record)).query)["SigninToken"][
            0
        ]
        assert len(token) > 16
        assert len(calls(record)) == 1  # the stand-in ran, and is still running
        seen = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            for part in ("cmdline", "environ"):
                try:
                    data = (proc / part).read_bytes()
                except OSError:  # gone, or not readable: nothing another user reads either
                    continue
                if token.encode() in data:
                    seen.append(f"/proc/{proc.name}/{part}")
        assert seen == [], seen
        assert token not in r.stdout + r.stderr
        for root in (home, tmpdir):
            for path in root.rglob("*"):
                if path.is_file() and path.suffix != ".sock":
                    assert token not in path.read_text(errors="replace"), path
    finally:
        hold.touch()


@pytest.mark.skipif(os.geteuid() != 0, reason="switching to a second uid needs root")
def test_another_uid_gets_403_and_the_user_still_gets_the_redirect(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    record, go = tmp_path / "browser.txt", tmp_path / "go"
    home = Path(proc_env["ELEVATE_TRAY_HOME"])
    write_settings(home, f"browser_command = {json.dumps(standin_browser_command(record))}\n")
    cli = subprocess.Popen(
        [sys.executable, "-m", "elevate_tray", "elevate", "--code", sandbox.totp()],
        env=dict(proc_env, STANDIN_GO=str(go)),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: bool(calls(record)))
        (url,) = calls(record)[0]["args"]
        python = nobody_python()
        if python is None:
            pytest.skip("no Python interpreter here can be run as uid 65534")
        other = subprocess.run(
            [python, "-I", "-S", "-c", CHILD],
            user=65534,
            group=65534,
            extra_groups=[],
            input=url,
            capture_output=True,
            text=True,
            timeout=60,
            cwd="/",
            env={"PATH": "/usr/bin:/bin"},
        )
        assert other.stdout.strip() == "403", other.stderr
        go.touch()
        out, err = cli.communicate(timeout=60)
        assert cli.returncode == 0, err
        assert reached(record).startswith(sandbox.signin_url + "?Action=login")
        assert "Opened the AWS console" in err
    finally:
        go.touch()
        if cli.poll() is None:
            cli.kill()
            cli.communicate()


def test_a_hand_off_not_taken_in_time_is_said_and_the_port_closes(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    record = tmp_path / "browser.txt"
    home = Path(proc_env["ELEVATE_TRAY_HOME"])
    command = json.dumps(standin_browser_command(record))
    write_settings(home, f"browser_command = {command}\nhandoff_timeout = 1\n")
    env = dict(proc_env, STANDIN_IGNORE="1")
    r = run_cli(env, "elevate", "--code", sandbox.totp(), stdin="")
    assert r.returncode == 0, r.stderr  # elevated all the same
    assert "did not open the AWS console for sandbox-admin within 1 s" in r.stderr
    r = run_cli(env, "console", stdin="")
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "console --print-url" in r.stderr
    port = int(HANDOFF_URL.fullmatch(calls(record)[-1]["args"][0]).group(1))  # type: ignore[union-attr]
    assert refused(port)
    # the URL is still there on explicit request, and the session was kept
    r = run_cli(proc_env, "console", "--print-url", stdin="")
    assert r.returncode == 0 and r.stdout.startswith(sandbox.signin_url + "?Action=login")


def test_with_a_tray_running_the_tray_serves_it(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    record = tmp_path / "browser.txt"
    home = Path(proc_env["ELEVATE_TRAY_HOME"])
    write_settings(home, f"browser_command = {json.dumps(standin_browser_command(record))}\n")
    assert run_cli(proc_env, "elevate", "--code", sandbox.totp(), "--no-browser").returncode == 0
    tray = Tray(proc_env)
    try:
        assert tray.wait_listening()
        r = run_cli(proc_env, "console", stdin="")
        assert r.returncode == 0, r.stderr
        assert "Opened the AWS console for sandbox-admin in your browser." in r.stderr
        (call,) = calls(record)
        assert call["ppid"] in (tray.proc.pid, 1)  # started by the tray (or reparented)
        assert reached(record).startswith(sandbox.signin_url + "?Action=login")
    finally:
        tray.stop()


def test_logout_first_goes_through_the_consoles_logout(cli: Cli, sandbox, tmp_path: Path) -> None:
    import requests

    record = tmp_path / "browser.txt"
    write_settings(
        cli.home,
        f"browser_command = {json.dumps(standin_browser_command(record))}\n"
        "[targets.sandbox-admin]\nconsole_logout_first = true\n",
    )
    r = cli("elevate", "--code", sandbox.totp())
    assert r.code == 0, r.err
    went = reached(record).strip()
    parts = urllib.parse.urlsplit(went)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{sandbox.endpoint_url}/oauth"
    then = urllib.parse.parse_qs(parts.query)["redirect_uri"][0]
    assert then.startswith(sandbox.signin_url + "?Action=login")
    answer = requests.get(went, allow_redirects=False, timeout=10)  # the sandbox honours it
    assert answer.status_code == 302 and answer.headers["Location"] == then


def install_standin(bin_dir: Path, name: str, record: Path) -> None:
    """A stand-in named like a real browser, found on PATH, as the app would find it."""
    bin_dir.mkdir(exist_ok=True)
    exe = bin_dir / name
    exe.write_text(f'#!/bin/sh\nexec {standin_browser_command(record)} "$@"\n')
    exe.chmod(0o755)


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME with browsers' profiles, and a PATH where stand-ins come first."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    return home


def test_chrome_profile_work_gets_the_hand_off(
    cli: Cli, sandbox, tmp_path: Path, desktop: Path
) -> None:
    from .test_browsers import plant_chrome

    record = tmp_path / "browser.txt"
    install_standin(tmp_path / "bin", "google-chrome", record)
    plant_chrome(desktop / ".config")
    write_settings(
        cli.home,
        "[targets.sandbox-admin]\nbrowser = 'chromium'\nbrowser_program = 'google-chrome'\n"
        "browser_profile = 'Profile 1'\n",
    )
    r = cli("elevate", "--code", sandbox.totp())
    assert r.code == 0, r.err
    (call,) = calls(record)
    flag, url = call["args"]
    assert flag == "--profile-directory=Profile 1" and HANDOFF_URL.fullmatch(url)
    assert reached(record).startswith(sandbox.signin_url + "?Action=login")


def test_firefox_container_per_target_gets_the_hand_off(
    cli: Cli, sandbox, tmp_path: Path, desktop: Path
) -> None:
    from elevate_tray.core.browsers import container_colour

    from .test_browsers import plant_firefox

    record = tmp_path / "browser.txt"
    install_standin(tmp_path / "bin", "firefox", record)
    plant_firefox(desktop / ".mozilla" / "firefox")
    write_settings(
        cli.home,
        "[targets.sandbox-admin]\nbrowser = 'firefox-container'\nbrowser_program = 'firefox'\n"
        "browser_profile = 'aws'\n",
    )
    r = cli("elevate", "--code", sandbox.totp())
    assert r.code == 0, r.err
    (call,) = calls(record)
    p_flag, profile, container = call["args"]
    assert (p_flag, profile) == ("-P", "aws")
    scheme, _, query = container.partition(":")
    fields = dict(urllib.parse.parse_qsl(query))
    assert scheme == "ext+container" and fields["name"] == "sandbox-admin"
    assert fields["color"] == container_colour("sandbox-admin")
    assert HANDOFF_URL.fullmatch(fields["url"])
    assert reached(record).startswith(sandbox.signin_url + "?Action=login")


def test_a_container_whose_extension_is_missing_is_one_sentence_and_the_session_kept(
    cli: Cli, sandbox, tmp_path: Path, desktop: Path
) -> None:
    from .test_browsers import plant_firefox

    record = tmp_path / "browser.txt"
    install_standin(tmp_path / "bin", "firefox", record)
    plant_firefox(desktop / ".mozilla" / "firefox", with_extension="")
    write_settings(
        cli.home,
        "[targets.sandbox-admin]\nbrowser = 'firefox-container'\nbrowser_program = 'firefox'\n"
        "browser_profile = 'aws'\n",
    )
    r = cli("elevate", "--code", sandbox.totp())
    assert r.code == 0, r.err  # elevated; only the console is missing
    assert "console --print-url" in r.err and calls(record) == []
    r = cli("console")
    assert r.code == 2 and r.err.count("\n") == 1, r.err
    assert cli("status", "--json").json()["mode"] == "admin"
