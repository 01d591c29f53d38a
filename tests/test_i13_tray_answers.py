"""Issue 13, point 5: `elevate`, `status`, `console` and `drop` are answered by a running
tray, when the command line means the same AWS; otherwise the command line does the work.

Black-box: a real tray process and command lines as processes (stdin closed, a session of
their own). That the tray did the work is read from timing-independent evidence: the
command line's own imports (`-X importtime`: it never loaded botocore, nor the session
store) and the audit log's "via". Whoever did it, the command prints the same lines with
the same exit code.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.suite_support import ROOT, Tray, proc_env_fixture, tray_fixture  # noqa: F401

# an endpoint for a service this app never calls: another AWS environment, the same AWS
OTHER = {"AWS_ENDPOINT_URL_EC2": "http://127.0.0.1:9"}
WRONG_CODE = "000000"


@dataclass
class Ran:
    code: int
    out: str
    err: str
    imported: set[str]

    @property
    def by_tray(self) -> bool:
        """This command line did no work of its own: it never parsed its arguments the full
        way, nor loaded botocore or the session store."""
        return not {"botocore", "elevate_tray.core.sessions", "elevate_tray.cli.parser"} & (
            self.imported
        )


def run(env: dict[str, str], *args: str) -> Ran:
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "elevate_tray", *args],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,
    )
    imported, err = set(), []
    for line in r.stderr.splitlines():
        if line.startswith("import time:"):
            imported.add(line.rsplit("|", 1)[1].strip())
        else:
            err.append(line)
    assert "Traceback" not in r.stderr
    return Ran(r.returncode, r.stdout, "".join(f"{e}\n" for e in err), imported)


def audit(env: dict[str, str]) -> list[dict]:  # type: ignore[type-arg]
    from elevate_tray.core import audit as audit_log
    from elevate_tray.core.paths import app_dirs

    return audit_log.read(app_dirs({"ELEVATE_TRAY_HOME": env["ELEVATE_TRAY_HOME"]}))


def same_minute(text: str) -> str:
    """Output with its clock times and minutes left blanked (two runs a second apart may
    fall on both sides of a minute)."""
    return re.sub(r"\d\d:\d\d|\d+ min left", "#", text)


def test_elevate_status_and_drop_answered_by_the_tray_read_as_the_cli_itself(
    sandbox, proc_env: dict[str, str], tray: Tray
) -> None:
    other = dict(proc_env, **OTHER)
    by_tray = run(proc_env, "elevate", "--no-browser", "--code", sandbox.totp())
    assert by_tray.code == 0, by_tray.err
    assert by_tray.by_tray
    assert audit(proc_env)[-1]["event"] == "elevated"
    assert audit(proc_env)[-1]["via"] == "tray"
    assert by_tray.out == "" and by_tray.err.startswith("Elevated to ")

    for args in (("status",), ("status", "--json"), ("status", "--target", "sandbox-admin")):
        answered, itself = run(proc_env, *args), run(other, *args)
        assert answered.by_tray and not itself.by_tray
        assert answered.code == itself.code == 0
        if "--json" in args:
            a, b = json.loads(answered.out), json.loads(itself.out)
            assert a["mode"] == "admin" and abs(a.pop("seconds_left") - b.pop("seconds_left")) < 5
            assert a == b
        else:
            assert same_minute(answered.out) == same_minute(itself.out)
            assert answered.out.startswith("admin: sandbox-admin (account ")
        assert answered.err == itself.err

    dropped = run(proc_env, "drop")
    assert dropped.by_tray and (dropped.code, dropped.out) == (0, "")
    assert dropped.err == "Dropped sandbox-admin.\n"
    assert audit(proc_env)[-1]["event"] == "ended" and audit(proc_env)[-1]["via"] == "tray"
    again, again_itself = run(proc_env, "drop"), run(other, "drop")
    assert again.by_tray and not again_itself.by_tray
    assert (again.code, again.out, again.err) == (again_itself.code, "", again_itself.err)
    assert again.err == "Already read-only: no admin session to drop.\n"

    # the same elevation done by the command line itself says the same
    sandbox.clock.advance(30)
    itself = run(other, "elevate", "--no-browser", "--code", sandbox.totp())
    assert itself.code == 0 and not itself.by_tray
    assert audit(proc_env)[-1]["via"] == "cli"
    # the same but for each elevation's own id in its session name (issue 15)
    ids = [re.findall(r" as alice-([a-z2-7]{6}) for ", r.err) for r in (itself, by_tray)]
    assert all(len(found) == 1 for found in ids) and ids[0] != ids[1], ids
    assert same_minute(itself.err.replace(ids[0][0], "<id>")) == same_minute(
        by_tray.err.replace(ids[1][0], "<id>")
    )
    assert itself.out == by_tray.out == ""


def test_a_wrong_code_exits_3_with_the_same_line_either_way(
    sandbox, proc_env: dict[str, str], tray: Tray
) -> None:
    answered = run(proc_env, "elevate", "--no-browser", "--code", WRONG_CODE)
    itself = run(dict(proc_env, **OTHER), "elevate", "--no-browser", "--code", WRONG_CODE)
    assert answered.by_tray and not itself.by_tray
    assert answered.code == itself.code == 3
    assert answered.err == itself.err
    assert len(answered.err.splitlines()) == 1 and answered.err.startswith("elevate-tray: ")
    assert answered.out == itself.out == ""
    # a malformed code is refused before any call, by the same words
    bad = run(proc_env, "elevate", "--no-browser", "--code", "12ab")
    bad_itself = run(dict(proc_env, **OTHER), "elevate", "--no-browser", "--code", "12ab")
    assert bad.by_tray and (bad.code, bad.err) == (bad_itself.code, bad_itself.err)
    assert bad.code == 2


def test_not_elevated_exits_6_with_the_same_line_either_way(
    sandbox, proc_env: dict[str, str], tray: Tray
) -> None:
    for args in (("console", "--print-url"), ("console",)):
        answered, itself = run(proc_env, *args), run(dict(proc_env, **OTHER), *args)
        assert answered.by_tray and not itself.by_tray
        assert answered.code == itself.code == 6
        assert answered.err == itself.err
        assert answered.err.startswith("elevate-tray: Not elevated: ")
        assert answered.out == itself.out == ""


def test_the_tray_prints_the_console_url_for_its_live_session(
    sandbox, proc_env: dict[str, str], tray: Tray
) -> None:
    assert run(proc_env, "elevate", "--no-browser", "--code", sandbox.totp()).by_tray
    url = run(proc_env, "console", "--print-url")
    assert url.by_tray and url.code == 0 and url.err == ""
    assert url.out.startswith(sandbox.signin_url + "?Action=login")
    assert url.out.count("\n") == 1


def test_another_aws_environment_is_done_by_the_command_line_itself(
    sandbox, proc_env: dict[str, str], tray: Tray
) -> None:
    from elevate_tray.core import localsocket

    other = dict(proc_env, **OTHER)
    # the tray's own word on it
    asked = {"op": "command", "command": "status", "args": {}}
    answer = localsocket.ask(tray.socket_path, {**asked, "env": localsocket.aws_environment(other)})
    assert answer is not None and answer["error"] == localsocket.OTHER_ENVIRONMENT
    assert localsocket.ask(tray.socket_path, asked)["error"] == localsocket.OTHER_ENVIRONMENT
    mine = localsocket.ask(
        tray.socket_path, {**asked, "env": localsocket.aws_environment(proc_env)}
    )
    assert mine is not None and mine["exit"] == 0
    assert mine["lines"] == [["out", "read-only: no admin session."]]
    # a terminal in another time zone: the tray's clock times would not be its own
    elsewhere = run(dict(proc_env, TZ="Asia/Tokyo"), "status")
    assert not elsewhere.by_tray and elsewhere.code == 0

    itself = run(other, "elevate", "--no-browser", "--code", sandbox.totp())
    assert itself.code == 0, itself.err
    assert not itself.by_tray and "botocore" in itself.imported
    assert audit(proc_env)[-1]["via"] == "cli"
    # state is shared all the same: the tray tells of the session the command line started
    shown = run(proc_env, "status")
    assert shown.by_tray and shown.out.startswith("admin: sandbox-admin")


def test_arguments_the_client_does_not_know_go_to_the_full_command_line(
    sandbox, proc_env: dict[str, str], tray: Tray
) -> None:
    # without --code the code would be asked at the terminal: never by the tray
    r = run(proc_env, "elevate", "--no-browser")
    assert not r.by_tray and r.code == 2 and "No MFA code" in r.err
    r = run(proc_env, "status", "--bogus")
    assert not r.by_tray and r.code == 2  # argparse's usage error, as ever
    assert "unrecognized arguments: --bogus" in r.err


def test_elevate_with_the_browser_is_opened_by_the_tray_and_said_by_the_terminal(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    from tests.suite_support import standin_browser_command
    from tests.test_console_handoff import calls, reached, write_settings

    record = tmp_path / "browser.txt"
    home = Path(proc_env["ELEVATE_TRAY_HOME"])
    write_settings(home, f"browser_command = {json.dumps(standin_browser_command(record))}\n")
    running = Tray(proc_env, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        assert running.wait_listening()
        r = run(proc_env, "elevate", "--code", sandbox.totp())
        assert r.code == 0, r.err
        assert r.by_tray and r.out == ""
        assert r.err.splitlines()[0].startswith("Elevated to ")
        assert r.err.splitlines()[1:] == [
            "Opened the AWS console for sandbox-admin in your browser."
        ]
        (call,) = calls(record)
        assert call["ppid"] in (running.proc.pid, 1)  # started by the tray (or reparented)
        assert reached(record).startswith(sandbox.signin_url + "?Action=login")
    finally:
        running.stop()
