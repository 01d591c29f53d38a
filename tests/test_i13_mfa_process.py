"""Issue 13 point 4: a profile's `mfa_process` (aws-vault's key) prints the MFA code.

Black-box through the command line against the sandbox: a stand-in command prints the
sandbox's current code (read from a file the test writes), so `elevate` and
`credentials --readonly` need no --code and no terminal; a command that fails, times out,
is not found or prints no code is one sentence with exit 2, and what it printed (a canary)
appears nowhere; `mfa set-process` / `clear-process` keep every other byte of the config and
say that it can make two factors one.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elevate_tray.core.awsconfig_writer import set_profile_values
from elevate_tray.core.lifecycle import Mode
from elevate_tray.core.paths import app_dirs

from .cli_helpers import Cli
from .suite_support import ROOT, cli_fixture, proc_env_fixture  # noqa: F401

CANARY = "canary-7f3e-stdout"
CANARY_ERR = "canary-9c1d-stderr"


def _target(sandbox) -> str:  # type: ignore[no-untyped-def]
    return str(sandbox.account.target_profile)


def _source(sandbox) -> str:  # type: ignore[no-untyped-def]
    return str(sandbox.account.source_profile)


def _script(tmp_path: Path, body: str) -> str:
    """A stand-in mfa_process: a small shell script; returns the command line naming it."""
    path = tmp_path / "standin-mfa.sh"
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o700)
    return shlex.quote(str(path))


def _code_file(tmp_path: Path, code: str) -> Path:
    path = tmp_path / "code.txt"
    path.write_text(code + "\n")
    return path


def _printing_code(tmp_path: Path, code_file: Path) -> str:
    """Prints noise, an account name, the code last (as `ykman oath accounts code` does) and
    a canary on stderr."""
    return _script(
        tmp_path,
        f"echo 'Touch your YubiKey...' >&2\necho {CANARY_ERR} >&2\n"
        f"printf 'aws:alice  '\ncat {shlex.quote(str(code_file))}\n",
    )


def _set_process(sandbox, command: str, profile: str | None = None) -> None:  # type: ignore[no-untyped-def]
    set_profile_values(sandbox.config_file, profile or _target(sandbox), {"mfa_process": command})


def _write_settings(home: Path, text: str) -> None:
    path = app_dirs({"ELEVATE_TRAY_HOME": str(home)}).settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _nowhere(home: Path, *outputs: str, canaries: tuple[str, ...] = (CANARY, CANARY_ERR)) -> None:
    """No canary in what the command said, nor in any file of the app's home (logs, state)."""
    for text in outputs:
        for canary in canaries:
            assert canary not in text
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for canary in canaries:
                assert canary.encode() not in data, path


# -- the code comes from mfa_process ------------------------------------------------------
def test_elevate_takes_the_code_from_the_target_profiles_mfa_process(
    cli: Cli, sandbox, tmp_path: Path
) -> None:
    _set_process(sandbox, _printing_code(tmp_path, _code_file(tmp_path, sandbox.totp())))
    r = cli("elevate", "--no-browser")
    assert r.code == 0, r.err
    assert "Elevated to" in r.err
    assert "mfa_process" in r.err  # it says where the code comes from (a touch may be asked)
    status = cli("status", "--json").json()
    assert status["mode"] == "admin"
    _nowhere(cli.home, r.out, r.err)


def test_the_source_profiles_mfa_process_serves_its_targets(
    cli: Cli, sandbox, tmp_path: Path
) -> None:
    _set_process(
        sandbox,
        _printing_code(tmp_path, _code_file(tmp_path, sandbox.totp())),
        profile=_source(sandbox),
    )
    r = cli("elevate", "--no-browser")
    assert r.code == 0, r.err
    assert f"profile '{_source(sandbox)}'" in r.err


def test_readonly_credentials_with_no_terminal_use_mfa_process(
    cli: Cli, sandbox, tmp_path: Path
) -> None:
    _set_process(sandbox, _printing_code(tmp_path, _code_file(tmp_path, sandbox.totp())))
    r = cli("credentials", "--readonly")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["Version"] == 1 and doc["SessionToken"]
    _nowhere(cli.home, r.out, r.err)


def test_elevate_as_a_process_with_no_terminal_needs_no_code(
    proc_env: dict[str, str], sandbox, tmp_path: Path
) -> None:
    code_file = _code_file(tmp_path, sandbox.totp())
    _set_process(sandbox, _printing_code(tmp_path, code_file))
    code_file.write_text(sandbox.totp() + "\n")  # the wall clock moves here: fresh now
    r = subprocess.run(
        [sys.executable, "-m", "elevate_tray", "elevate", "--no-browser"],
        env=proc_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert "Elevated to" in r.stderr
    _nowhere(Path(proc_env["ELEVATE_TRAY_HOME"]), r.stdout, r.stderr)


def test_a_code_it_prints_that_was_spent_waits_for_the_next_window(
    cli: Cli, sandbox, tmp_path: Path
) -> None:
    """A second elevate inside the same 30 s: the command prints the spent code again, so it
    is asked again once the next window begins (the clock moves, no real sleep)."""
    now = sandbox.clock.now()
    codes = tmp_path / "codes.txt"
    following = sandbox.totp(for_time=now + timedelta(seconds=30))
    codes.write_text(f"{sandbox.totp()}\n{sandbox.totp()}\n{following}\n")
    count = shlex.quote(str(tmp_path / "count"))
    body = (
        f"n=$(cat {count} 2>/dev/null || echo 0); n=$((n+1)); echo $n > {count}\n"
        f'sed -n "${{n}}p" {shlex.quote(str(codes))}\n'
    )
    _set_process(sandbox, _script(tmp_path, body))
    assert cli("elevate", "--no-browser").code == 0
    started = cli.clock.now()
    r = cli("elevate", "--no-browser")
    assert r.code == 0, r.err
    assert (tmp_path / "count").read_text().strip() == "3"
    assert 0 < (cli.clock.now() - started).total_seconds() <= 31  # waited for the window


def test_a_code_aws_rejects_names_the_mfa_process(cli: Cli, sandbox, tmp_path: Path) -> None:
    now = sandbox.clock.now()
    valid = {sandbox.totp(for_time=now + timedelta(seconds=s)) for s in (-60, -30, 0, 30, 60)}
    wrong = next(c for c in (f"{n:06d}" for n in range(0, 999999, 7919)) if c not in valid)
    _set_process(sandbox, _printing_code(tmp_path, _code_file(tmp_path, wrong)))
    r = cli("elevate", "--no-browser")
    assert r.code == 3
    line = r.err.strip().splitlines()[-1]
    assert "printed by the mfa_process of profile" in line and wrong not in line


# -- a command that gives no code: one sentence, exit 2, its output nowhere ----------------
@pytest.mark.parametrize(
    ("body", "said"),
    [
        (f"echo {CANARY} 482913\necho {CANARY_ERR} >&2\nexit 3\n", "failed (exit status 3)"),
        (f"echo {CANARY_ERR} >&2\nno-such-mfa-tool-7f3e\n", "its command was not found"),
        (f"echo {CANARY}-no-code-here\necho {CANARY_ERR} >&2\n", "printed no 6-digit code"),
        ("echo 12345\necho 1234567\n", "printed no 6-digit code"),
    ],
)
def test_a_command_that_gives_no_code_is_one_sentence(
    cli: Cli, sandbox, tmp_path: Path, body: str, said: str
) -> None:
    _set_process(sandbox, _script(tmp_path, body))
    r = cli("elevate", "--no-browser")
    assert r.code == 2
    line = r.err.strip().splitlines()[-1]
    assert said in line and f"profile '{_target(sandbox)}'" in line
    assert "mfa_process" in line
    assert cli("status", "--json").json()["mode"] == "read-only"
    _nowhere(cli.home, r.out, r.err)


def test_a_command_that_hangs_is_stopped_at_the_timeout(cli: Cli, sandbox, tmp_path: Path) -> None:
    _write_settings(cli.home, "mfa_process_timeout = 1\n")
    # sh stays the parent of sleep: only stopping the whole group lets this return at once
    _set_process(sandbox, _script(tmp_path, f"echo {CANARY}\nsleep 30\necho 123456\n"))
    started = time.monotonic()
    r = cli("credentials", "--readonly")
    elapsed = time.monotonic() - started
    assert r.code == 2
    assert "printed no code within 1 s" in r.err and "was stopped" in r.err
    assert elapsed < 15
    _nowhere(cli.home, r.out, r.err)


def test_mfa_process_timeout_out_of_range_is_a_sentence(cli: Cli, sandbox) -> None:
    _write_settings(cli.home, "mfa_process_timeout = 0\n")
    r = cli("elevate", "--no-browser")
    assert r.code == 2
    assert "mfa_process_timeout must be from 1 to 600 seconds" in r.err


def test_an_mfa_process_over_several_lines_is_the_targets_problem(cli: Cli, sandbox) -> None:
    with sandbox.config_file.open("a") as fh:
        fh.write("mfa_process = ykman oath\n    accounts code -s aws\n")
    r = cli("elevate", "--no-browser")
    assert r.code == 2
    assert "mfa_process spread over several lines" in r.err


# -- set-process / clear-process -------------------------------------------------------
CONFIG = """\
# my AWS config: hand-written, comments kept
[default]
region = eu-west-1

[profile {source}]
region = {region}
# the user's note in the source profile

[profile {target}]
role_arn = {role_arn}
source_profile = {source}
mfa_serial = {serial}
region = {region}
duration_seconds = 3600

; trailing comment of the file
[profile other]
region = ap-northeast-1
"""


def _hand_written(sandbox) -> bytes:  # type: ignore[no-untyped-def]
    acc = sandbox.account
    text = CONFIG.format(
        source=acc.source_profile,
        target=acc.target_profile,
        role_arn=acc.role_arn,
        serial=acc.mfa_serial,
        region=sandbox.env()["AWS_REGION"],
    ).encode()
    sandbox.config_file.write_bytes(text)
    return text


def test_set_process_and_clear_process_keep_every_other_byte(cli: Cli, sandbox) -> None:
    before = _hand_written(sandbox)
    command = "ykman oath accounts code -s 'AWS: alice'"
    r = cli("mfa", "set-process", command)
    assert r.code == 0, r.err
    assert "one factor, not two" in r.err
    after = sandbox.config_file.read_bytes()
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == [f"mfa_process = {command}".encode()]
    # inserted after the target's last setting, nothing else moved
    assert after.replace(added[0] + b"\n", b"", 1) == before
    assert cli("targets", "--json").code == 0
    from elevate_tray.core.context import AppContext

    target = AppContext(environ=dict(os.environ)).target(None)
    assert target.mfa_process is not None and target.mfa_process.command == command

    r = cli("mfa", "clear-process")
    assert r.code == 0, r.err
    assert "Removed mfa_process" in r.err
    assert sandbox.config_file.read_bytes() == before
    r = cli("mfa", "clear-process")
    assert r.code == 0 and "has no mfa_process of its own" in r.err
    assert sandbox.config_file.read_bytes() == before


def test_clear_process_says_the_source_profile_still_has_one(cli: Cli, sandbox) -> None:
    _hand_written(sandbox)
    _set_process(sandbox, "ykman oath accounts code -s aws", profile=_source(sandbox))
    r = cli("mfa", "clear-process")
    assert r.code == 0
    assert f"source profile '{_source(sandbox)}' has one" in r.err


def test_set_process_refuses_what_is_not_one_command_line(cli: Cli, sandbox) -> None:
    before = _hand_written(sandbox)
    for bad in ("", "   ", "ykman\nrm -rf ~"):
        r = cli("mfa", "set-process", bad)
        assert r.code == 2
        assert "must be one line of text" in r.err
    r = cli("mfa", "set-process")
    assert r.code == 2 and "Name the command" in r.err
    assert sandbox.config_file.read_bytes() == before


def test_set_process_then_elevate_uses_it(cli: Cli, sandbox, tmp_path: Path) -> None:
    command = _printing_code(tmp_path, _code_file(tmp_path, sandbox.totp()))
    assert cli("mfa", "set-process", command).code == 0
    r = cli("elevate", "--no-browser")
    assert r.code == 0, r.err


# -- the read-only session's duration --------------------------------------------------
def test_readonly_duration_reaches_get_session_token(cli: Cli, sandbox) -> None:
    _write_settings(cli.home, "readonly_duration = 7200\n")
    r = cli("credentials", "--readonly", "--code", sandbox.totp())
    assert r.code == 0, r.err
    expires = datetime.fromisoformat(json.loads(r.out)["Expiration"].replace("Z", "+00:00"))
    now = sandbox.clock.now().astimezone(UTC)
    assert abs((expires - now) - timedelta(seconds=7200)) < timedelta(seconds=5)


def test_readonly_duration_defaults_to_twelve_hours(cli: Cli, sandbox) -> None:
    r = cli("credentials", "--readonly", "--code", sandbox.totp())
    assert r.code == 0, r.err
    expires = datetime.fromisoformat(json.loads(r.out)["Expiration"].replace("Z", "+00:00"))
    left = expires - sandbox.clock.now().astimezone(UTC)
    assert abs(left - timedelta(hours=12)) < timedelta(seconds=5)


@pytest.mark.parametrize("value", [899, 129601])
def test_readonly_duration_out_of_range_is_a_sentence(cli: Cli, sandbox, value: int) -> None:
    _write_settings(cli.home, f"readonly_duration = {value}\n")
    r = cli("credentials", "--readonly", "--code", sandbox.totp())
    assert r.code == 2
    assert "readonly_duration must be from 900 to 129600 seconds" in r.err


# -- the tray's MFA dialog: filled from mfa_process off the UI thread, Enter still needed ----
@pytest.fixture
def sb_ctx(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from .suite_support import sandbox_app_context

    return sandbox_app_context(sandbox, tmp_path, monkeypatch)


def _dialog(qtbot, ctx, sandbox):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController
    from elevate_tray.ui.workers import ThreadRunner

    ctl = TrayController(ctx, runner=ThreadRunner(), tray_available=False)
    ctl.start()
    qtbot.addWidget(ctl.window)
    ctl.elevate(_target(sandbox))
    dialog = ctl._dialogs[_target(sandbox)]
    dialog.open_console.setChecked(False)
    return ctl, dialog


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_the_dialog_is_filled_from_mfa_process_off_the_ui_thread(
    qtbot, sandbox, sb_ctx, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    code_file = _code_file(tmp_path, sandbox.totp())
    go = tmp_path / "go"
    # the command waits (like a key waiting for a touch) until the test lets it go
    body = f"while [ ! -e {shlex.quote(str(go))} ]; do sleep 0.05; done\ncat {code_file}\n"
    _set_process(sandbox, _script(tmp_path, body))
    ctl, dialog = _dialog(qtbot, sb_ctx, sandbox)
    qtbot.waitUntil(lambda: dialog._prepared, timeout=10000)
    qtbot.wait(200)  # the UI thread keeps turning while the command waits
    assert dialog.code.text() == "" and dialog.isVisible()
    go.touch()
    qtbot.waitUntil(lambda: dialog.code.text() == sandbox.totp(), timeout=10000)
    assert "mfa_process of profile" in dialog.totp_label.text()
    assert ctl.state.mode is Mode.READ_ONLY  # filled, not sent: the person presses Enter
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: ctl.state.mode is Mode.ADMIN, timeout=10000)
    ctl.timer.stop()


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_the_dialog_says_a_failing_mfa_process_in_one_sentence(
    qtbot, sandbox, sb_ctx, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _set_process(
        sandbox, _script(tmp_path, f"echo {CANARY} 482913\necho {CANARY_ERR} >&2\nexit 4\n")
    )
    ctl, dialog = _dialog(qtbot, sb_ctx, sandbox)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10000)
    text = dialog.error_label.text()
    assert "mfa_process" in text and "exit status 4" in text
    assert CANARY not in text and "482913" not in text and dialog.code.text() == ""
    assert dialog.code.isEnabled()  # the person can still type the code
    _nowhere(tmp_path / "app")
    ctl.timer.stop()


# -- whatever the command prints: a 6-digit code or one sentence, never its output -------
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(printed=st.binary(max_size=300), status=st.sampled_from([0, 0, 0, 1, 2]))
def test_any_output_gives_its_last_code_or_one_sentence(
    tmp_path: Path, printed: bytes, status: int
) -> None:
    import re

    from elevate_tray.core.mfaprocess import MfaProcess, MfaProcessFailed, run

    out = tmp_path / "printed.bin"
    out.write_bytes(printed)
    command = f"cat {shlex.quote(str(out))}; exit {status}"
    codes = re.findall(rb"(?<![0-9])[0-9]{6}(?![0-9])", printed)
    try:
        code = run(MfaProcess(command, "p"), {"PATH": os.environ.get("PATH", "")}, timeout=10)
    except MfaProcessFailed as exc:
        assert status != 0 or not codes
        assert "'p'" in exc.sentence and "\n" not in exc.sentence
        for token in set(re.findall(rb"[0-9A-Za-z]{6,}", printed)):
            if re.search(rb"[0-9]", token):  # no sentence of ours holds such a word
                assert token.decode() not in exc.sentence
    else:
        assert status == 0 and codes and code == codes[-1].decode()
