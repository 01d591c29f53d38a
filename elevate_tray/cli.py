"""The command line (product.md's contract). Thin: parse, call the core, print, exit code."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from .core import errors

if TYPE_CHECKING:
    from .core.context import AppContext


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line and exit 2, as for any usage error
        self.exit(errors.USAGE, f"elevate-tray: {message} (see elevate-tray --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="elevate-tray",
        description="Read-only by default; AWS admin for a few minutes with MFA.",
    )
    from . import __version__

    p.add_argument("--version", action="version", version=f"elevate-tray {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("targets", help="list targets (role profiles) found in the AWS config")
    s.add_argument("--json", action="store_true")
    s.add_argument("--all", action="store_true", help="include targets hidden in settings")

    s = sub.add_parser("elevate", help="assume the admin role with an MFA code")
    s.add_argument("--target", "-t")
    s.add_argument("--code", help="the 6-digit MFA code (asked for when not given)")
    s.add_argument(
        "--duration", "-d", help="e.g. 30m, 1h, 1h30m (default: the profile's or settings')"
    )
    s.add_argument(
        "--reason",
        default="",
        help="why: recorded in the audit log (and a session tag when allowed)",
    )
    s.add_argument("--no-browser", action="store_true", help="do not open the console")
    s.add_argument(
        "--print-url",
        action="store_true",
        help="print the console sign-in URL instead of opening it",
    )
    s.add_argument(
        "--save-mfa-serial",
        action="store_true",
        help="write a discovered MFA device into the profile",
    )

    s = sub.add_parser("status", help="mode, target, account, role session, expiry")
    s.add_argument("--target", "-t")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("credentials", help="credential_process JSON for the live session")
    s.add_argument("--target", "-t")
    s.add_argument(
        "--readonly", action="store_true", help="a read-only MFA session (GetSessionToken)"
    )
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

    # listed for --help; main() hands them their arguments before this parser runs
    sub.add_parser(
        "sandbox", help="run the local AWS double in the foreground (--help for its options)"
    )
    sub.add_parser("tray", help="start the tray app (the default without a command)")
    return p


def main(argv: list[str] | None = None, ctx: AppContext | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # these two own their options: hand them everything after the command's name
    if argv[:1] == ["sandbox"]:
        try:
            from .sandbox.__main__ import main as sandbox_main
        except ImportError:
            print(
                "elevate-tray: the sandbox needs the 'sandbox' extra: "
                "pip install 'elevate-tray[sandbox]'.",
                file=sys.stderr,
            )
            return errors.USAGE
        return sandbox_main(argv[1:])
    if argv[:1] == ["--smoke-test"]:
        from .smoke import main as smoke_main

        return smoke_main(argv[1:])
    if (
        not argv
        or argv[0] == "tray"
        or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"))
    ):
        from .ui.app import main as tray_main

        return tray_main(argv[1:] if argv[:1] == ["tray"] else argv, ctx)
    args = build_parser().parse_args(argv)
    command = args.command
    _log_to_file(ctx)
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
    finally:
        for notice in ctx.take_notices():  # the core returns its notices; it never prints
            print(f"note: {notice}", file=sys.stderr)


def _log_to_file(ctx: AppContext | None) -> None:
    """Commands log to the app's log file (never secrets), not to the terminal."""
    import logging

    from .core.paths import app_dirs, private_dir

    root = logging.getLogger("elevate_tray")
    if root.handlers:
        return
    try:
        dirs = ctx.dirs if ctx is not None else app_dirs()
        private_dir(dirs.logs)
        log_file = dirs.logs / "elevate-tray.log"
        os.close(os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))
