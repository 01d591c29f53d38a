"""Issue 10's command-line edges, each as a user meets them: one sentence, the contract's
exit code, state kept. Run in-process (the `cli` fixture) or as a process with stdin closed
and no controlling terminal, as an IDE runs credential_process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from elevate_tray.core.context import AppContext

from .cli_helpers import Cli
from .suite_support import (  # noqa: F401
    ROOT,
    bump,
    cli_fixture,
    elevate,
    proc_env_fixture,
    standin_browser_command,
)

NO_TTY = {"stdin": subprocess.DEVNULL, "start_new_session": True}


def run(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "elevate_tray", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        **NO_TTY,  # type: ignore[arg-type]
    )


def no_browser_env(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """No default browser at all: an empty PATH for the launcher lookup, no BROWSER."""
    out = dict(env)
    out.pop("BROWSER", None)
    out["PATH"] = str(tmp_path / "empty-bin")
    (tmp_path / "empty-bin").mkdir(exist_ok=True)
    return out


def test_elevate_without_a_browser_succeeds_and_says_how_to_get_the_url(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    env = no_browser_env(proc_env, tmp_path)
    r = run(env, "elevate", "--code", sandbox.totp())
    assert r.returncode == 0, r.stderr
    assert "Elevated to" in r.stderr
    assert "elevate-tray console --print-url" in r.stderr
    assert "Traceback" not in r.stderr
    # the session is live, and the advice does not spend a second code
    status = json.loads(run(env, "status", "--json").stdout)
    assert status["mode"] == "admin"


def test_console_with_no_usable_browser_exits_2(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    assert run(proc_env, "elevate", "--code", sandbox.totp(), "--no-browser").returncode == 0
    r = run(no_browser_env(proc_env, tmp_path), "console")
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "--print-url" in r.stderr
    assert json.loads(run(proc_env, "status", "--json").stdout)["mode"] == "admin"


def test_a_launchers_stderr_never_reaches_ours(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    """gio and others print the URL they were given on stderr; it holds the sign-in token."""
    launcher = tmp_path / "bin" / "noisy-browser"
    launcher.parent.mkdir()
    record = tmp_path / "browser.txt"
    launcher.write_text(
        f'#!/bin/sh\necho opening "$@" >&2\nexec {standin_browser_command(record)} "$@"\n'
    )
    launcher.chmod(0o755)
    env = dict(proc_env, BROWSER=str(launcher))
    r = run(env, "elevate", "--code", sandbox.totp())
    assert r.returncode == 0, r.stderr
    assert "Opened the AWS console" in r.stderr
    assert "SigninToken" not in r.stderr and "opening" not in r.stderr
    assert record.read_text().startswith(sandbox.signin_url + "?Action=login")


def test_a_browser_that_stays_in_the_foreground_does_not_block_elevate(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    launcher = tmp_path / "bin" / "slow-browser"
    launcher.parent.mkdir()
    record, release = tmp_path / "browser.txt", tmp_path / "release"
    launcher.write_text(f'#!/bin/sh\nexec {standin_browser_command(record)} "$@"\n')
    launcher.chmod(0o755)
    env = dict(proc_env, BROWSER=str(launcher), STANDIN_HOLD=str(release))
    try:  # it takes the sign-in, then stays in the foreground until released
        r = run(env, "elevate", "--code", sandbox.totp(), timeout=30)
        assert r.returncode == 0, r.stderr
        assert "Opened the AWS console" in r.stderr
    finally:
        release.touch()


class TtyInput(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_malformed_code_typed_at_the_terminal_is_asked_again(
    cli: Cli, sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    from elevate_tray.cli import main
    from elevate_tray.cli.console import Console

    typed = TtyInput(f"12345\n{sandbox.totp()}\n")
    err = io.StringIO()
    con = Console(io.StringIO(), err, typed, tty_path=None)
    code = main(["elevate", "--no-browser"], ctx=cli.context(), console=con)
    assert code == 0, err.getvalue()
    said = err.getvalue()
    assert said.count("MFA code for") == 2
    assert "6 digits" in said


def test_no_code_and_no_terminal_is_a_usage_error(sandbox, proc_env: dict[str, str]) -> None:
    r = run(proc_env, "elevate", "--no-browser")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "no terminal" in r.stderr
    assert "Traceback" not in r.stderr


def test_asking_for_an_hour_says_an_hour_and_status_agrees_with_the_tray(cli: Cli, sandbox) -> None:
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", "--duration", "1h")
    assert r.code == 0 and " for 1h " in r.err, r.err
    bump(cli, sandbox, 90)  # 58.5 minutes left: the tray's icon says 59
    assert "59 min left" in cli("status").out


def test_mfa_code_says_which_window_it_belongs_to(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(sandbox.account.mfa_secret + "\n"))
    assert cli("mfa", "set-secret").code == 0
    r = cli("mfa", "code")
    assert r.code == 0 and len(r.out.strip()) == 6 and r.out.strip().isdigit()
    assert "valid from" in r.err and " to " in r.err


def test_set_secret_takes_an_otpauth_uri(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = f"otpauth://totp/AWS:alice?secret={sandbox.account.mfa_secret}&issuer=AWS"
    monkeypatch.setattr("sys.stdin", io.StringIO(uri + "\n"))
    assert cli("mfa", "set-secret").code == 0
    assert cli("elevate", "--no-browser").code == 0  # the kept secret makes the code


def test_a_generated_code_does_not_wait_for_a_code_the_user_sent_for_another_window(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyotp

    monkeypatch.setattr("sys.stdin", io.StringIO(sandbox.account.mfa_secret + "\n"))
    assert cli("mfa", "set-secret").code == 0
    # a second into a window, the user types the code their device still shows: last window's
    now = cli.clock.now().timestamp()
    bump(cli, sandbox, 30 - now % 30 + 1)
    previous = pyotp.TOTP(sandbox.account.mfa_secret).at(cli.clock.now().timestamp() - 30)
    assert cli("elevate", "--code", previous, "--no-browser").code == 0
    assert cli("drop").code == 0
    waited: list[float] = []
    monkeypatch.setattr(cli.clock, "sleep", waited.append, raising=False)
    r = cli("elevate", "--no-browser")
    assert r.code == 0
    # this window's code was never sent: no need to wait for the next
    assert "Waiting" not in r.err and waited == []


def test_targets_prints_a_header(cli: Cli) -> None:
    out = cli("targets").out.splitlines()
    assert out[0].split()[:2] == ["TARGET", "ROLE"]


def test_drop_all_says_what_it_dropped(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox).code == 0
    bump(cli, sandbox)
    assert cli("credentials", "--readonly", "--code", sandbox.totp()).code == 0
    r = cli("drop", "--all")
    assert r.code == 0
    assert "admin session for" in r.err and "read-only session" in r.err
    assert cli("drop", "--all").err.strip() == "Nothing to drop: no live session."


def test_every_option_and_action_has_help() -> None:
    from elevate_tray.cli.parser import build_parser

    parser = build_parser()
    missing = []
    for action in parser._subparsers._group_actions[0].choices.items():  # type: ignore[union-attr]
        name, sub = action
        for opt in sub._actions:
            if opt.help is None and opt.dest != "help":
                missing.append(f"{name} {opt.dest}")
    assert missing == []
    mfa = parser._subparsers._group_actions[0].choices["mfa"].format_help()  # type: ignore[union-attr]
    assert "stdin" in mfa and "otpauth://" in mfa


@pytest.mark.parametrize(
    "argv", [[], ["tray"], ["--tpyo"], ["tray", "--help"]], ids=["bare", "tray", "typo", "help"]
)
def test_the_tray_with_no_display_is_a_sentence_never_qts_abort(
    argv: list[str], tmp_path: Path
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(ELEVATE_TRAY_HOME=str(tmp_path / "app"), PYTHONPATH=str(ROOT))
    r = run(env, *argv, timeout=30)
    assert "Traceback" not in r.stderr and "xcb" not in r.stderr and "Aborted" not in r.stderr
    if argv == ["tray", "--help"]:
        assert r.returncode == 0 and "usage: elevate-tray tray" in r.stdout
    elif argv == ["--tpyo"]:
        assert r.returncode == 2 and "--tpyo" in r.stderr
    else:
        assert r.returncode == 2 and "no display" in r.stderr.lower()
        assert r.stderr.count("\n") == 1


def test_extend_ends_the_old_session_in_the_audit_log_after_the_new_one_is_kept(
    cli: Cli, sandbox
) -> None:
    from elevate_tray.core import audit

    assert elevate(cli, sandbox).code == 0
    bump(cli, sandbox)
    assert elevate(cli, sandbox).code == 0
    events = [(e["event"], e.get("ended")) for e in audit.read(cli.context().dirs)]
    assert events == [("elevated", None), ("elevated", None), ("ended", "extended")]


def test_credentials_with_code_but_no_readonly_is_a_usage_error(cli: Cli, sandbox) -> None:
    r = cli("credentials", "--code", sandbox.totp())
    assert r.code == 2 and "--readonly" in r.err


def test_a_console_object_is_all_a_command_writes_to(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    from elevate_tray.cli import main
    from elevate_tray.cli.console import Console

    out, err = io.StringIO(), io.StringIO()
    ctx: AppContext = cli.context()
    assert main(["status", "--json"], ctx=ctx, console=Console(out, err)) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert json.loads(out.getvalue())["mode"] == "read-only"


def test_at_most_names_awss_limit_when_the_roles_is_unknown(cli: Cli, sandbox) -> None:
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", "--duration", "13h")
    assert r.code == 2
    assert "AWS allows" in r.err and "at most 12h" in r.err and "AdminRole allows" not in r.err


def test_every_aws_client_reads_the_contexts_environ_not_the_processes(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tray builds its AppContext once; a client made behind its back from os.environ
    would talk to another endpoint than the one the context names."""
    ctx = cli.context()
    for key in [k for k in os.environ if k.startswith("AWS_ENDPOINT_URL")]:
        monkeypatch.setenv(key, "http://127.0.0.1:9/")  # nothing listens there
    from elevate_tray.cli import main

    capsys.readouterr()
    assert main(["elevate", "--code", sandbox.totp(), "--no-browser"], ctx=ctx) == 0
    assert main(["drop", "--revoke"], ctx=ctx) == 0
    assert "revoked it in AWS" in capsys.readouterr().err


def test_drop_revoke_without_aws_drops_here_and_keeps_the_revocation_pending(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .fault_servers import refused_url

    assert elevate(cli, sandbox).code == 0
    creds = cli("credentials").json()
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", refused_url())
    r = cli("drop", "--revoke")
    assert r.code == 5 and r.err.count("\n") == 1, r.err
    assert "pending" in r.err and "drop --revoke" in r.err
    # dropped here: nothing is served, status says read-only with the revocation pending
    assert cli("credentials").code == 6
    status = cli("status", "--json").json()
    assert status["mode"] == "read-only" and status["revoke_pending"][0]["target"]
    assert "revoke pending" in cli("status").out
    # AWS is back: the same command retries, with the keys it kept for that alone
    monkeypatch.delenv("AWS_ENDPOINT_URL_IAM")
    r = cli("drop", "--revoke")
    assert r.code == 0 and "revoked it in AWS" in r.err, r.err
    assert cli("status", "--json").json()["revoke_pending"] == []
    from .test_cli_elevation import creds_client

    with pytest.raises(Exception, match="AccessDenied|explicit deny"):
        creds_client(sandbox, "iam", creds).list_users()


def test_a_pending_revocation_ends_by_itself_when_the_session_would_have_expired(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .fault_servers import refused_url

    assert elevate(cli, sandbox, "--duration", "15m").code == 0
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", refused_url())
    assert cli("drop", "--revoke").code == 5
    bump(cli, sandbox, 16 * 60)
    assert cli("status", "--json").json()["revoke_pending"] == []
    home = cli.context().dirs.state
    leftovers = [p.name for p in (home / "secrets").glob("*.json")] if home.exists() else []
    assert leftovers == []  # its keys went with it


def test_a_refused_duration_teaches_the_limit_offered_next(cli: Cli, sandbox) -> None:
    """Long-term keys cannot read the role: what AWS refused is remembered, so the tray's
    dialog stops offering durations the role will not grant."""
    from elevate_tray.flows.durations import duration_limit

    ctx = cli.context()
    target = ctx.target(None)
    assert duration_limit(ctx, target).seconds == 12 * 3600  # nothing known yet
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", "--duration", "2h")
    assert r.code == 2 and "longer than the role allows" in r.err, r.err
    limit = duration_limit(cli.context(), target)
    assert limit.seconds == 3600 and not limit.known
    bump(cli, sandbox)
    assert cli("elevate", "--code", sandbox.totp(), "--no-browser", "--duration", "1h").code == 0
    assert duration_limit(cli.context(), target).seconds == 3600


def test_a_folder_where_the_state_file_should_be_is_one_sentence(
    sandbox, proc_env: dict[str, str]
) -> None:
    state = Path(proc_env["ELEVATE_TRAY_HOME"]) / "state" / "state.json"
    state.mkdir(parents=True)
    for command in (["status"], ["credentials"], ["elevate", "--code", sandbox.totp()]):
        r = run(proc_env, *command)
        assert r.returncode == 2, (command, r.stderr)
        assert r.stderr.count("\n") == 1 and "cannot be read" in r.stderr, r.stderr
