"""The command line (product.md's contract). Thin: parse, call the core, print, exit code."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from .core import errors

if TYPE_CHECKING:
    from .core.context import AppContext


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line and exit 2, as for any usage error
        self.exit(errors.USAGE, f"elevate-tray: {message} (see elevate-tray --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="elevate-tray", description="Read-only by default; AWS admin for a few minutes with MFA.")
    from . import __version__

    p.add_argument("--version", action="version", version=f"elevate-tray {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("targets", help="list targets (role profiles) found in the AWS config")
    s.add_argument("--json", action="store_true")
    s.add_argument("--all", action="store_true", help="include targets hidden in settings")

    s = sub.add_parser("elevate", help="assume the admin role with an MFA code")
    s.add_argument("--target", "-t")
    s.add_argument("--code", help="the 6-digit MFA code (asked for when not given)")
    s.add_argument("--duration", "-d", help="e.g. 30m, 1h, 1h30m (default: the profile's or settings')")
    s.add_argument("--reason", default="", help="why: recorded in the audit log (and a session tag when allowed)")
    s.add_argument("--no-browser", action="store_true", help="do not open the console")
    s.add_argument("--print-url", action="store_true", help="print the console sign-in URL instead of opening it")
    s.add_argument("--save-mfa-serial", action="store_true", help="write a discovered MFA device into the profile")

    s = sub.add_parser("status", help="mode, target, account, role session, expiry")
    s.add_argument("--target", "-t")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("credentials", help="credential_process JSON for the live session")
    s.add_argument("--target", "-t")
    s.add_argument("--readonly", action="store_true", help="a read-only MFA session (GetSessionToken)")
    s.add_argument("--code", help="MFA code for a new read-only session")

    s = sub.add_parser("console", help="open the AWS console for the live session")
    s.add_argument("--target", "-t")
    s.add_argument("--print-url", action="store_true")

    s = sub.add_parser("drop", help="end the admin session now")
    s.add_argument("--target", "-t")
    s.add_argument("--revoke", action="store_true", help="also revoke the role session in AWS")
    s.add_argument("--all", action="store_true", help="drop every session, read-only ones too")

    s = sub.add_parser("mfa", help="keep or forget the MFA device's TOTP secret in the keyring")
    s.add_argument("action", choices=["set-secret", "clear-secret", "code"])
    s.add_argument("--target", "-t")

    try:
        from .setup import cli as setup_cli
    except ImportError:
        setup_cli = None  # type: ignore[assignment]
    if setup_cli is not None and hasattr(setup_cli, "add_parser"):
        setup_cli.add_parser(sub)

    s = sub.add_parser("sandbox", help="run the local AWS double in the foreground", add_help=False)
    s.add_argument("rest", nargs=argparse.REMAINDER)

    s = sub.add_parser("tray", help="start the tray app (the default)", add_help=False)
    s.add_argument("rest", nargs=argparse.REMAINDER)
    return p


def main(argv: list[str] | None = None, ctx: AppContext | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    command = args.command or "tray"
    if command == "sandbox":
        from .sandbox.__main__ import main as sandbox_main

        return sandbox_main(args.rest)
    if command == "tray":
        from .ui.app import main as tray_main

        return tray_main(getattr(args, "rest", []), ctx)
    if ctx is None:
        from .core.context import AppContext

        ctx = AppContext()
    from .commands import run_command

    try:
        return run_command(command, args, ctx)
    except errors.ElevateError as exc:
        print(f"elevate-tray: {exc.sentence}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("elevate-tray: interrupted.", file=sys.stderr)
        return 130


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))
