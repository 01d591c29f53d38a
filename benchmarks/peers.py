"""elevate-tray beside its peers, on one sandbox in one run, and MFA submit → browser opened.

    .venv/bin/python benchmarks/peers.py [--runs 7] [--json FILE]

Whole processes, as a user's shell starts them (fresh process each time):
- getting admin credentials with MFA (the code given up front, on stdin for the peers):
  `elevate-tray elevate --no-browser`, the AWS CLI v1 (a profile with role_arn + mfa_serial,
  no cached credentials) and `awsume` (from its own venv; see PEERS_VENV below);
- reading the live admin credentials: `elevate-tray credentials` (credential_process), and
  `aws sts get-caller-identity` once through that credential_process and once through the
  AWS CLI's own cached role credentials (~/.aws/cli/cache; the CLI v1 has no command that
  only prints credentials, so both AWS CLI rows include the same STS call).

In this process: MFA submit → browser opened, the tray's path (ui/mfa_dialog.py): the
connections warmed as while the user types, then Elevator.elevate + ConsoleSignin.url + the
loopback hand-off (core.handoff) + open_url of its address with a browser command that only
records the call. "Our share" is that time minus
the time this process spent blocked on the sandbox's sockets (connect, send, receive).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cli_budgets import timed  # noqa: E402

from elevate_tray.sandbox import Sandbox  # noqa: E402

BIN = Path(sys.executable).parent
# awsume pins its own boto3; it lives in a venv of its own, made on first use
PEERS_VENV = Path(os.environ.get("ELEVATE_PEERS_VENV", "/tmp/elevate-tray-peers-venv"))
AWSUME_VERSION = "4.5.4"


def ensure_awsume() -> Path | None:
    exe = PEERS_VENV / "bin" / "awsumepy"
    if exe.exists():
        return exe
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        subprocess.run(
            [str(PEERS_VENV / "bin" / "pip"), "install", "-q", f"awsume=={AWSUME_VERSION}"],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"awsume could not be installed: {exc}", file=sys.stderr)
        return None
    return exe if exe.exists() else None


def row(
    name: str, samples: list[float], unit: str = "s", budget: float | None = None, note: str = ""
) -> dict:  # type: ignore[type-arg]
    return {"name": name, "samples": samples, "unit": unit, "budget": budget, "note": note}


class SocketWait:
    """Time this process spends blocked in socket calls (the sandbox's share)."""

    def __init__(self) -> None:
        import threading

        self.total = 0.0
        self._saved: dict[str, object] = {}
        self._thread = threading.get_ident()  # the sandbox serves from other threads

    def __enter__(self) -> SocketWait:
        import threading

        for name in ("connect", "recv", "recv_into", "sendall", "send"):
            original = getattr(socket.socket, name)
            self._saved[name] = original

            def wrapped(sock, *a, __original=original, **k):  # type: ignore[no-untyped-def]
                if threading.get_ident() != self._thread:
                    return __original(sock, *a, **k)
                t = time.perf_counter()
                try:
                    return __original(sock, *a, **k)
                finally:
                    self.total += time.perf_counter() - t

            setattr(socket.socket, name, wrapped)
        return self

    def __exit__(self, *exc: object) -> None:
        for name, original in self._saved.items():
            setattr(socket.socket, name, original)


def mfa_submit_to_browser(sb: Sandbox, env: dict[str, str], runs: int, tmp: Path) -> list[dict]:  # type: ignore[type-arg]
    from elevate_tray.core.browser import open_url
    from elevate_tray.core.context import AppContext
    from elevate_tray.core.handoff import serve
    from elevate_tray.core.signin import (
        ConsoleSignin,
        FederationClient,
        federation_endpoint,
    )

    os.environ.update(env)  # botocore reads the endpoint and files from os.environ
    record = tmp / "browser-called"
    browser = f"/bin/sh -c 'date +%s.%N >> {record}'"
    ctx = AppContext(environ=dict(env))
    target = ctx.target(None)
    totals, ours, warm_sts = [], [], []
    for i in range(runs + 1):  # the first is the user's first elevation of the day: not counted
        for s in ctx.store.live():
            ctx.store.end(s.key, "dropped")
        sb.clock.advance(30)
        code = sb.totp()
        # what MfaDialog._prepare does while the user types
        elevator = ctx.elevator(target)
        serial, _ = elevator.mfa_serial()
        ctx.totp_secret(serial)
        fed = FederationClient(federation_endpoint(target.partition, target.region, ctx.environ))
        elevator.warm()
        fed.warm()
        warm_sts.append(elevator._sts is not None)
        # Enter
        with SocketWait() as wait:
            t0 = time.perf_counter()
            elevation = elevator.elevate(
                code, duration=None, default_duration=3600, reason="", via="tray"
            )
            url = ConsoleSignin(
                elevation.session, target.prefs.console_destination, ctx.environ, fed
            ).url(elevation.credentials)
            handoff = serve(url, timeout=30, runtime_dir=tmp)
            open_url(handoff.url, browser)
            total = time.perf_counter() - t0
        handoff.close()
        fed.close()
        if i:
            totals.append(total)
            ours.append(total - wait.total)
    time.sleep(0.2)
    assert len(record.read_text().split()) == runs + 1, "the browser was not called each time"
    note = (
        ""
        if all(warm_sts[1:])
        else ("STS client not warmed once the caller is cached: Elevator.warm() skips it")
    )
    return [
        row("MFA submit → browser opened (sandbox)", totals, budget=0.100, note=note),
        row("  of which our own work", ours, budget=0.020),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "7")))
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    runs = args.runs
    tmp = Path(tempfile.mkdtemp(prefix="elevate-peers-"))
    sb = Sandbox(tmp / "sandbox").start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ELEVATE_TRAY_"))}
    env.update(sb.env(), ELEVATE_TRAY_HOME=str(tmp / "app"), ELEVATE_TRAY_SECRET_STORE="file")
    tray = (
        [str(BIN / "elevate-tray")]
        if (BIN / "elevate-tray").exists()
        else [sys.executable, "-m", "elevate_tray"]
    )
    aws = shutil.which("aws", path=str(BIN)) or shutil.which("aws")
    awsume = ensure_awsume()
    rows = []

    def fresh_code() -> str:
        sb.clock.advance(30)  # a new window: the sandbox refuses reused codes, as AWS does
        return sb.totp()

    rows.append(
        row(
            "python -c pass (reference)",
            [timed([sys.executable, "-c", "pass"], env) for _ in range(runs)],
        )
    )
    # -- admin credentials with MFA ------------------------------------------------------
    timed([*tray, "elevate", "--no-browser", "--code", fresh_code()], env)  # learns the user
    samples = []
    for _ in range(runs):
        timed([*tray, "drop"], env)
        code = fresh_code()
        samples.append(timed([*tray, "elevate", "--no-browser", "--code", code], env))
    rows.append(
        row(
            "elevate-tray elevate --no-browser (whole process)",
            samples,
            budget=0.300,
            note="AssumeRole: 1 STS call",
        )
    )
    if aws:
        samples = []
        for _ in range(runs):
            home = tmp / "awscli-home"
            shutil.rmtree(home, ignore_errors=True)  # no cached role credentials
            samples.append(
                timed(
                    [aws, "sts", "get-caller-identity", "--profile", "sandbox-admin"],
                    dict(env, HOME=str(home)),
                    stdin=fresh_code() + "\n",
                )
            )
        rows.append(
            row(
                "AWS CLI v1: role profile + mfa_serial, code on stdin",
                samples,
                note="AssumeRole + GetCallerIdentity",
            )
        )
    else:
        rows.append(row("AWS CLI v1", [], note="not measured: aws not installed"))
    if awsume:
        template = tmp / "awsume-template"
        template.mkdir()
        subprocess.run(
            [str(awsume), "sandbox-admin"],
            env=dict(env, HOME=str(template)),
            input=fresh_code() + "\n",
            capture_output=True,
            text=True,
        )  # config.yaml
        shutil.rmtree(template / ".awsume" / "cache", ignore_errors=True)
        samples = []
        for _ in range(runs):
            home = tmp / "awsume-home"
            shutil.rmtree(home, ignore_errors=True)
            shutil.copytree(template, home)  # its settings, but no cached MFA session
            samples.append(
                timed(
                    [str(awsume), "sandbox-admin"],
                    dict(env, HOME=str(home)),
                    stdin=fresh_code() + "\n",
                )
            )
        rows.append(
            row(
                f"awsume {AWSUME_VERSION}: sandbox-admin, code on stdin",
                samples,
                note="GetSessionToken + AssumeRole (role chaining, capped at 1 h)",
            )
        )
    else:
        rows.append(row("awsume", [], note="not measured: could not be installed"))

    # -- reading the live credentials ------------------------------------------------------
    rows.append(
        row(
            "elevate-tray credentials (warm, credential_process)",
            [timed([*tray, "credentials"], env) for _ in range(runs)],
            budget=0.060,
        )
    )
    if aws:
        cfg = Path(env["AWS_CONFIG_FILE"])
        cfg.write_text(
            cfg.read_text() + "\n[profile via-elevate-tray]\nregion = us-east-1\n"
            f"credential_process = {' '.join(tray)} credentials\n"
        )
        home = tmp / "awscli-cached"
        shutil.rmtree(home, ignore_errors=True)
        whoami = [aws, "sts", "get-caller-identity"]
        timed(
            [*whoami, "--profile", "sandbox-admin"],
            dict(env, HOME=str(home)),
            stdin=fresh_code() + "\n",
        )  # fills ~/.aws/cli/cache
        rows.append(
            row(
                "aws sts get-caller-identity, credentials from elevate-tray",
                [timed([*whoami, "--profile", "via-elevate-tray"], env) for _ in range(runs)],
            )
        )
        rows.append(
            row(
                "aws sts get-caller-identity, AWS CLI's own cached role credentials",
                [
                    timed([*whoami, "--profile", "sandbox-admin"], dict(env, HOME=str(home)))
                    for _ in range(runs)
                ],
            )
        )
    timed([*tray, "drop"], env)

    rows += mfa_submit_to_browser(sb, env, runs, tmp)
    sb.stop()
    for r in rows:
        s = r["samples"]
        if s:
            print(
                f"{r['name']:<66} {statistics.median(s) * 1000:8.1f} ms  (min "
                f"{min(s) * 1000:.1f}, max {max(s) * 1000:.1f}, n={len(s)})  {r['note']}"
            )
        else:
            print(f"{r['name']:<66} {r['note']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
