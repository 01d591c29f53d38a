"""`elevate-tray sandbox` / `python -m elevate_tray.sandbox`: run the local AWS double in the
foreground, or print a valid MFA code for its seeded (throwaway) device."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from ..core.stopsignal import StopSignals
from .facts import SECRET_HEADER, read_facts, read_secret
from .launch import (
    CODE_COMMAND,
    HOME_ENV,
    PROG,
    LaunchError,
    default_home,
    export_lines,
    launch,
    parse_cloudtrail_delay,
    parse_port,
    parse_propagation,
)

__all__ = ["default_home", "main", "print_code", "run"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line and exit 2, as for any usage error
        self.exit(2, f"{PROG}: {message} (see {PROG} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, description="A local AWS double (IAM, STS, console sign-in) on 127.0.0.1."
    )
    parser.add_argument(
        "--home",
        type=Path,
        default=None,
        help=f"where the sandbox keeps its AWS config and sandbox.json (default: ${HOME_ENV}, "
        "else $ELEVATE_TRAY_HOME/sandbox, else the user data dir)",
    )
    parser.add_argument(
        "--port",
        default=None,
        help="port on 127.0.0.1 (default: the one it used last time, else a free one)",
    )
    parser.add_argument(
        "--key-propagation",
        metavar="DELAY",
        default=None,
        help="how long an access key made by iam:CreateAccessKey is refused (as an invalid "
        "token) before it works, as while IAM propagates a new key: 10s, 2m (default: 0, "
        "at once)",
    )
    parser.add_argument(
        "--cloudtrail-delay",
        metavar="DELAY",
        default=None,
        help="how long after a call its CloudTrail event reaches cloudtrail:LookupEvents, as "
        "AWS delivers events minutes late: 30s, 3m (default: 0, at once)",
    )
    parser.add_argument(
        "--organization",
        action="store_true",
        help="an AWS Organization of five accounts instead of one: management, identity "
        "(alice), three members in two OUs, with Organizations and CloudFormation StackSets",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    code = sub.add_parser(
        "code",
        help="print an MFA code valid now for the sandbox's seeded (throwaway) MFA device, "
        "and the 30-second window it belongs to",
    )
    code.add_argument("--home", type=Path, default=argparse.SUPPRESS)
    code.add_argument(
        "--user",
        default=None,
        help="the seeded user whose device it is (default: alice; in the organization "
        "sandbox also sandbox-account-admin)",
    )
    return parser


def _sandbox_now(endpoint: object, home: Path) -> datetime:
    """The running sandbox's clock (tests may have moved it), else the wall clock. The clock
    answers only with the sandbox's own secret, which it wrote into its home folder."""
    secret = read_secret(home)
    if secret and isinstance(endpoint, str) and urlsplit(endpoint).hostname == "127.0.0.1":
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only
        request = urllib.request.Request(
            f"{endpoint}/_sandbox/clock", headers={SECRET_HEADER: secret}
        )
        try:
            with opener.open(request, timeout=1) as answer:
                now = json.loads(answer.read())["now"]
            return datetime.fromisoformat(str(now).replace("Z", "+00:00"))
        except (OSError, ValueError, KeyError, TypeError):
            pass
    return datetime.now(UTC)


def _secret_of(facts: dict[str, object] | None, user: str | None) -> str | None:
    """The MFA secret of the seeded user's device (None: no such user or device)."""
    account = facts.get("account") if facts else None
    if isinstance(account, dict) and (user is None or account.get("user_name") == user):
        return account.get("mfa_secret") or None
    org = facts.get("organization") if facts else None
    users = org.get("users") if isinstance(org, dict) else None
    found = users.get(user) if isinstance(users, dict) and user else None
    return found.get("mfa_secret") or None if isinstance(found, dict) else None


def print_code(home: Path, user: str | None = None) -> int:
    import pyotp

    facts = read_facts(home / "sandbox.json")
    secret = _secret_of(facts, user)
    if facts and user and not isinstance(secret, str):
        print(
            f"{PROG}: the sandbox in {home} has no seeded user {user} with an MFA device: "
            f"leave --user out for alice's, or name a user that sandbox.json lists.",
            file=sys.stderr,
        )
        return 2
    if not facts or not isinstance(secret, str) or not secret:
        print(
            f"{PROG}: no sandbox has been started in {home}, so it has no MFA device yet: "
            f"start it with `{PROG}`, then run `{CODE_COMMAND}` again.",
            file=sys.stderr,
        )
        return 2
    now = _sandbox_now(facts.get("endpoint_url"), home)
    totp = pyotp.TOTP(secret)
    window = totp.timecode(now)
    until = datetime.fromtimestamp((window + 1) * totp.interval, UTC).astimezone()
    # the code alone on stdout, as `elevate-tray mfa code` gives it: --code "$(... code)"
    print(totp.generate_otp(window))
    print(f"valid until {until:%H:%M:%S}", file=sys.stderr)
    return 0


def run(
    home: Path,
    port: int | None,
    key_propagation: float = 0.0,
    cloudtrail_delay: float = 0.0,
    organization: bool = False,
) -> int:
    try:
        launched = launch(home, port, key_propagation, cloudtrail_delay, organization)
    except LaunchError as exc:
        print(exc.sentence, file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    sandbox = launched.sandbox
    stop = (
        StopSignals().install() if threading.current_thread() is threading.main_thread() else None
    )
    try:
        if launched.notice:
            print(launched.notice, file=sys.stderr)
        print("\n".join(export_lines(sandbox)))
        if key_propagation:
            print(f"# new access keys work {key_propagation:g} s after they are made")
        if cloudtrail_delay:
            print(f"# CloudTrail events reach LookupEvents {cloudtrail_delay:g} s after the call")
        print("# Ctrl-C stops the sandbox")
        sys.stdout.flush()
        if stop is not None:
            stop.wait()
        else:  # not the main thread: no signal reaches us; the caller ends the process
            threading.Event().wait()
    finally:
        sandbox.stop()
        if stop is not None:
            stop.uninstall()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    home = (args.home or default_home()).expanduser().resolve()
    if args.command == "code":
        return print_code(home, args.user)
    try:
        port = None if args.port is None else parse_port(args.port)
        delay = 0.0 if args.key_propagation is None else parse_propagation(args.key_propagation)
        late = args.cloudtrail_delay
        trail_delay = 0.0 if late is None else parse_cloudtrail_delay(late)
    except LaunchError as exc:
        print(exc.sentence, file=sys.stderr)
        return 2
    return run(home, port, delay, trail_delay, args.organization)


if __name__ == "__main__":
    sys.exit(main())
