"""The command line's grammar (product.md's contract): every option and action has help."""

from __future__ import annotations

import argparse
from typing import Any

from ..core import errors


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line and exit 2, as for any usage error
        self.exit(errors.USAGE, f"elevate-tray: {message} (see elevate-tray --help)\n")


TARGET_HELP = "the target (a role profile in the AWS config); default: AWS_PROFILE or the only one"


def _target(p: argparse.ArgumentParser) -> None:
    p.add_argument("--target", "-t", metavar="T", help=TARGET_HELP)


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    p = Parser(
        prog="elevate-tray",
        description="Read-only by default; AWS admin for a few minutes with MFA. "
        "Without a command, starts the tray.",
    )
    p.add_argument("--version", action="version", version=f"elevate-tray {__version__}")
    p.add_argument(
        "--smoke-test", action="store_true", help="check this installation without the tray"
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    from .targets_commands import add_parser as add_targets

    add_targets(sub)

    s = sub.add_parser("elevate", help="assume the admin role with an MFA code")
    _target(s)
    s.add_argument(
        "--code", metavar="123456", help="the 6-digit MFA code (asked for when not given)"
    )
    s.add_argument(
        "--duration",
        "-d",
        metavar="TIME",
        help="how long, e.g. 30m, 1h, 1h30m (default: the profile's duration_seconds or "
        "settings' default_duration)",
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
        help="print the console sign-in URL on stdout instead of opening it (it holds a "
        "sign-in token: keep it to yourself)",
    )
    s.add_argument(
        "--save-mfa-serial",
        action="store_true",
        help="write a discovered MFA device into the profile without asking",
    )

    s = sub.add_parser("status", help="mode, target, account, role session, expiry")
    _target(s)
    s.add_argument("--json", action="store_true", help="print it as JSON")

    s = sub.add_parser(
        "credentials", help="credential_process JSON for the live session (for AWS profiles)"
    )
    _target(s)
    s.add_argument(
        "--readonly", action="store_true", help="a read-only MFA session (GetSessionToken)"
    )
    s.add_argument("--code", metavar="123456", help="MFA code for starting a new read-only session")
    s.add_argument(
        "--source",
        metavar="P",
        help="the long-term keys kept for profile P (`keys import`), for tools that need them",
    )

    s = sub.add_parser("console", help="open the AWS console for the live admin session")
    _target(s)
    s.add_argument(
        "--print-url",
        action="store_true",
        help="print the sign-in URL on stdout instead of opening a browser",
    )

    s = sub.add_parser("drop", help="end the admin session now")
    _target(s)
    s.add_argument(
        "--revoke",
        action="store_true",
        help="also revoke the role session in AWS (again: retry a pending revocation)",
    )
    s.add_argument("--all", action="store_true", help="drop every session, read-only ones too")

    s = sub.add_parser(
        "mfa",
        help="keep or forget the MFA device's TOTP secret or the profile's mfa_process; "
        "print the current code",
    )
    s.add_argument(
        "action",
        choices=["set-secret", "clear-secret", "code", "set-process", "clear-process"],
        metavar="ACTION",
        help="set-secret: read the base32 secret or an otpauth:// URI from stdin and keep it "
        "in the secret store | clear-secret: forget it | code: print the current code | "
        "set-process COMMAND: write mfa_process = COMMAND (a command that prints the code, "
        "like 'ykman oath accounts code -s NAME'; quote it as one argument) into the target's "
        "profile | clear-process: remove it",
    )
    s.add_argument(
        "process_command",
        nargs="?",
        metavar="COMMAND",
        help="set-process only: the command that prints a code",
    )
    _target(s)

    s = sub.add_parser(
        "keys",
        help="keep an IAM user's long-term access keys in the OS keyring; rotate them with MFA",
    )
    s.add_argument(
        "action",
        choices=["import", "export", "list", "rotate"],
        metavar="ACTION",
        help="import: move the profile's keys from the AWS credentials file into the keyring "
        "(the profile then reads them through credential_process) | export: put them back | "
        "list: where each profile's key is kept and its age | rotate: replace the key with a "
        "new one (needs an MFA code)",
    )
    s.add_argument(
        "--profile",
        "-p",
        metavar="P",
        help="the profile with the keys; default: the default target's source_profile",
    )
    s.add_argument(
        "--code", metavar="123456", help="rotate: the MFA code (asked for when not given)"
    )
    s.add_argument("--json", action="store_true", help="list: print it as JSON")

    s = sub.add_parser(
        "receipt", help="what an admin session changed, from CloudTrail (the last one by default)"
    )
    which = s.add_mutually_exclusive_group()
    which.add_argument("--session", metavar="ID", help="the session (IDs: `elevate-tray sessions`)")
    which.add_argument("--last", action="store_true", help="the most recent session (the default)")
    shape = s.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print it as JSON")
    shape.add_argument(
        "--markdown", action="store_true", help="print it as Markdown, for a change ticket"
    )
    s.add_argument("--reads", action="store_true", help="list every read call, not just counts")
    s.add_argument(
        "--code",
        metavar="123456",
        help="an MFA code for the read-only session collecting needs once the admin one ended",
    )

    s = sub.add_parser(
        "sessions", help="recent admin sessions: target, reason, length, how they ended, changes"
    )
    s.add_argument("--json", action="store_true", help="print them as JSON")
    s.add_argument("--limit", type=int, default=20, metavar="N", help="at most N (default 20)")

    from .setup_commands import add_parser as add_setup

    add_setup(sub)

    # listed for --help; main() hands them their arguments before this parser runs
    sub.add_parser(
        "sandbox",
        help="run the local AWS double in the foreground; `sandbox code` prints an MFA code",
    )
    sub.add_parser("tray", help="start the tray app (the default without a command)")
    return p
