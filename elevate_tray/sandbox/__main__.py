"""`elevate-tray sandbox` / `python -m elevate_tray.sandbox`: run the local AWS double in the
foreground, or print a valid MFA code for its seeded (throwaway) device."""

from __future__ import annotations

import argparse
import json
import logging
import os
import shlex
import signal
import sys
import threading
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

from .facts import read_facts

PROG = "elevate-tray sandbox"


def default_home() -> Path:
    home = os.environ.get("ELEVATE_TRAY_HOME")
    if home:
        return Path(home).expanduser() / "sandbox"
    import platformdirs

    return Path(platformdirs.user_data_dir("elevate-tray", appauthor=False)) / "sandbox"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="A local AWS double (IAM, STS, console sign-in) on 127.0.0.1."
    )
    parser.add_argument(
        "--home",
        type=Path,
        default=None,
        help="where the sandbox keeps its AWS config and sandbox.json "
        "(default: $ELEVATE_TRAY_HOME/sandbox or the user data dir)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=None,
        help="port on 127.0.0.1 (default: the last one used, else a free one)",
    )
    sub = parser.add_subparsers(dest="command")
    code = sub.add_parser(
        "code", help="print an MFA code valid now for the sandbox's seeded (throwaway) MFA device"
    )
    code.add_argument("--home", type=Path, default=argparse.SUPPRESS)
    return parser


def _sandbox_now(endpoint: str | None) -> datetime:
    """The running sandbox's clock (tests may have moved it), else the wall clock."""
    if endpoint and urlsplit(endpoint).hostname == "127.0.0.1":
        try:
            with urllib.request.urlopen(f"{endpoint}/_sandbox/clock", timeout=1) as answer:
                now = json.loads(answer.read())["now"]
            return datetime.fromisoformat(now.replace("Z", "+00:00"))
        except (OSError, ValueError, KeyError):
            pass
    return datetime.now(UTC)


def print_code(home: Path) -> int:
    import pyotp

    facts = read_facts(home / "sandbox.json")
    account = facts.get("account") if facts else None
    if not isinstance(account, dict) or not account.get("mfa_secret"):
        print(
            f"{PROG}: no seeded sandbox account in {home}; start the sandbox first", file=sys.stderr
        )
        return 2
    now = _sandbox_now(facts.get("endpoint_url") if facts else None)
    print(pyotp.TOTP(account["mfa_secret"]).at(now))
    return 0


def _last_port(home: Path) -> int:
    facts = read_facts(home / "sandbox.json")
    try:
        return int(urlsplit(str(facts.get("endpoint_url"))).port or 0) if facts else 0
    except ValueError:
        return 0


def run(home: Path, port: int | None) -> int:
    try:
        from .sandbox import Sandbox
    except ImportError as exc:
        print(
            f"{PROG}: the sandbox needs the 'sandbox' extra "
            f"(pip install 'elevate-tray[sandbox]'): {exc}",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    sandbox = None
    for candidate in [port] if port is not None else [_last_port(home), 0]:
        try:
            sandbox = Sandbox(home, port=candidate).start()
            break
        except OSError as exc:
            if port is not None or candidate == 0:
                print(f"{PROG}: cannot listen on 127.0.0.1:{candidate}: {exc}", file=sys.stderr)
                return 5
    assert sandbox is not None
    stop = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
    account = sandbox.account
    code_cmd = shlex.join(
        [sys.executable, "-m", "elevate_tray.sandbox", "--home", str(home), "code"]
    )
    print(
        f"# elevate-tray sandbox on {sandbox.endpoint_url}: account {account.account_id}, "
        f"user {account.user_name}, target profile {account.target_profile}"
    )
    for name, value in sandbox.env().items():
        print(f"export {name}={shlex.quote(value)}")
    print(f"# MFA code now (the sandbox's throwaway device): {code_cmd}")
    print(
        f"# try: aws --profile {account.target_profile} iam list-users   # Ctrl-C stops the sandbox"
    )
    sys.stdout.flush()
    try:
        stop.wait()
    finally:
        sandbox.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    home = (args.home or default_home()).expanduser().resolve()
    if args.command == "code":
        return print_code(home)
    return run(home, args.port)


if __name__ == "__main__":
    sys.exit(main())
