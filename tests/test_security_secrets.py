"""Canary secrets through every flow: the long-term secret key, the TOTP secret, the session's
secret key and token, the sign-in token and URL. Afterwards logs, the state file, the audit
log, settings, crash and terminal output, temp files and process command lines are scanned:
none may hold a canary, except where the user asked for it (credential_process output,
--print-url) and the user-only secret store."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from .cli_helpers import Cli
from .fault_servers import fault_proxy, slow
from .suite_support import (  # noqa: F401
    ROOT,
    Tray,
    cli_fixture,
    elevate,
    proc_env_fixture,
    run_cli,
    standin_browser_command,
)


def browser(tmp_path: Path) -> tuple[str, Path]:
    record = tmp_path / "browser-got.txt"
    return standin_browser_command(record), record


def scan(where: dict[str, str], canaries: dict[str, str]) -> list[str]:
    return [
        f"{c} in {w}" for w, text in where.items() for c, v in canaries.items() if v and v in text
    ]


def files_text(root: Path, skip: Path | None = None) -> dict[str, str]:
    out = {}
    for p in root.rglob("*"):
        if p.is_file() and not (skip and skip in p.parents):
            out[str(p)] = p.read_text(encoding="utf-8", errors="replace")
    return out


def test_no_secret_outside_the_secret_store_after_every_flow(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    home = Path(proc_env["ELEVATE_TRAY_HOME"])
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    env = dict(proc_env, TMPDIR=str(tmpdir))
    command, record = browser(tmp_path)
    (home / "config").mkdir(parents=True)
    # broker_wait: with no session, `credentials` asks this tray, whose dialog nobody answers
    (home / "config" / "settings.toml").write_text(
        f"browser_command = {json.dumps(command)}\nbroker_wait = 1\n"
    )
    canaries = {
        "long-term secret key": sandbox.account.secret_access_key,
        "TOTP secret": sandbox.account.mfa_secret,
    }
    outputs: dict[str, str] = {}
    tray = Tray(env)
    assert tray.wait_listening()

    def run(
        *argv: str, stdin: str | None = None, expect: int | None = 0
    ) -> subprocess.CompletedProcess[str]:
        r = run_cli(env, *argv, stdin=stdin)
        if expect is not None:
            assert r.returncode == expect, (argv, r.stderr)
        outputs[f"stderr of {' '.join(argv)}"] = r.stderr
        return r

    run("mfa", "set-secret", stdin=sandbox.account.mfa_secret + "\n")
    run("mfa", "code")
    run("targets", "--json")
    r = run("elevate", "--reason", "canary run")  # code from the kept secret; console opened
    outputs["stdout of elevate"] = r.stdout
    creds = json.loads(run("credentials").stdout)
    canaries["session secret key"] = creds["SecretAccessKey"]
    canaries["session token"] = creds["SessionToken"]
    for argv in (
        ("status",),
        ("status", "--json"),
        ("credentials", "--target", "sandbox-admin"),
        ("console",),
        ("targets",),
    ):
        r = run(*argv)
        if argv[0] != "credentials":
            outputs[f"stdout of {' '.join(argv)}"] = r.stdout
    url = run("console", "--print-url").stdout.strip()
    canaries["sign-in URL"] = url
    canaries["sign-in token"] = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)[
        "SigninToken"
    ][0]
    for line in record.read_text().splitlines():  # the URLs the browser got: not ours to scan
        canaries.setdefault(f"browser URL {line[-8:]}", line)
    sandbox.clock.advance(30)  # a fresh code: the kept secret's would wait for the next window
    ro = run("credentials", "--readonly", "--code", sandbox.totp())
    canaries["read-only session secret key"] = json.loads(ro.stdout)["SecretAccessKey"]
    run("elevate", "--code", "000000", "--no-browser", expect=3)  # already elevated: refused code
    run("drop", "--revoke")
    # the receipt of that session, collected with the read-only session, shown every way
    for argv in (("receipt", "--json"), ("receipt", "--markdown"), ("sessions",)):
        outputs[f"stdout of {' '.join(argv)}"] = run(*argv).stdout
    run("credentials", expect=6)
    run("elevate", "--code", "123456", "--no-browser", expect=None)
    # the long-term keys into the store, served, rotated (a new secret), and put back
    source = sandbox.account.source_profile
    run("keys", "import")
    run("credentials", "--source", source)
    for argv in (("keys", "list"), ("keys", "list", "--json")):
        outputs[f"stdout of {' '.join(argv)}"] = run(*argv).stdout
    sandbox.clock.advance(30)
    # the app's wall clock is behind the sandbox's here: no second code of its own for it
    sandbox.key_sessions = "lenient"
    outputs["stdout of keys rotate"] = run("keys", "rotate", "--code", sandbox.totp()).stdout
    rotated = json.loads(run("credentials", "--source", source).stdout)
    canaries["rotated long-term secret key"] = rotated["SecretAccessKey"]
    assert rotated["SecretAccessKey"] != sandbox.account.secret_access_key
    run("keys", "export")
    run("mfa", "clear-secret")
    run("drop", "--all")
    out, err = tray.stop()
    outputs["tray stdout"], outputs["tray stderr"] = out, err

    found = scan(outputs, canaries)
    found += scan(files_text(home, skip=home / "state" / "secrets"), canaries)
    found += scan(files_text(tmpdir), canaries)
    assert found == [], found
    assert list(tmpdir.iterdir()) == []  # no temp file left behind
    assert list((home / "state" / "secrets").glob("*.json")) == []  # all dropped: all gone


def test_no_secret_on_a_command_line(sandbox, proc_env: dict[str, str]) -> None:
    """Other users can read /proc/*/cmdline: the running elevate-tray process carries no secret."""
    assert (
        run_cli(proc_env, "mfa", "set-secret", stdin=sandbox.account.mfa_secret + "\n").returncode
        == 0
    )
    with fault_proxy(
        sandbox.endpoint_url, {"AssumeRole": slow(1.0), "getSigninToken": slow(1.0)}
    ) as p:
        env = dict(proc_env, **p.env())
        proc = subprocess.Popen(
            [sys.executable, "-m", "elevate_tray", "elevate", "--print-url"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        seen = []
        while proc.poll() is None:
            try:
                seen.append(Path(f"/proc/{proc.pid}/cmdline").read_bytes())
            except OSError:
                break
            time.sleep(0.05)
        out, _err = proc.communicate(30)
    assert proc.returncode == 0
    cmdlines = b"\n".join(seen).decode(errors="replace")
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(out.decode().strip()).query)["SigninToken"][
        0
    ]
    creds = json.loads(run_cli(proc_env, "credentials").stdout)
    for secret in (
        sandbox.account.mfa_secret,
        sandbox.account.secret_access_key,
        token,
        creds["SecretAccessKey"],
        creds["SessionToken"],
    ):
        assert secret not in cmdlines


def test_the_apps_loggers_never_see_a_secret(cli: Cli, sandbox, tmp_path: Path) -> None:
    """Every elevate_tray.* logger at DEBUG, through elevation, console, revocation."""
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not record.name.startswith("elevate_tray.sandbox"):  # AWS's stand-in, not the app
                records.append(self.format(record))

    logger = logging.getLogger("elevate_tray")
    handler = Keep(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        command, record = browser(tmp_path)
        settings = cli.home / "config" / "settings.toml"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(f"browser_command = {json.dumps(command)}\n")
        assert cli("elevate", "--code", sandbox.totp(), "--reason", "log canary").code == 0
        creds = cli("credentials").json()
        url = cli("console", "--print-url").out.strip()
        assert cli("drop", "--revoke").code == 0
        cli("elevate", "--code", sandbox.totp(), "--no-browser")  # a reused code: refused
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    text = "\n".join(records)
    for secret in (
        creds["SecretAccessKey"],
        creds["SessionToken"],
        url,
        urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["SigninToken"][0],
        sandbox.account.secret_access_key,
        *record.read_text().splitlines(),
    ):
        assert secret not in text


def test_crash_output_never_holds_a_secret(sandbox, proc_env: dict[str, str]) -> None:
    env = dict(
        proc_env, ELEVATE_TRAY_SIGNIN_URL=sandbox.signin_url.replace("federation", "fed eration")
    )
    r = run_cli(env, "elevate", "--code", sandbox.totp(), "--print-url")
    creds = json.loads(run_cli(proc_env, "credentials").stdout)
    leaked = urllib.parse.quote_plus(creds["SecretAccessKey"])
    assert leaked not in r.stderr and creds["SecretAccessKey"] not in r.stderr
    assert "Traceback" not in r.stderr
