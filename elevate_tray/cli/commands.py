"""The sub-commands' bodies: parse what the flows need, call them, print. No AWS here."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..core.context import AppContext
from ..core.errors import ConfigError, NotElevated, Phrase
from ..core.targets import Target
from ..flows import credentials as credentials_flow
from ..flows import elevate as elevate_flow
from ..flows import said
from ..flows.codes import can_generate
from ..flows.console import live_credentials
from . import prompting
from .console import Console
from .timefmt import local_hm

Command = Callable[[argparse.Namespace, AppContext, Console], int]


def run_command(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    if args.command is None:
        raise ConfigError("Name a command (see elevate-tray --help).")
    if args.command == "setup":
        from .setup_commands import run

        return int(run(args, environ=ctx.environ, out=con.stdout, stdin=con.stdin, clock=ctx.clock))
    return COMMANDS[args.command](args, ctx, con)


# -- codes -----------------------------------------------------------------------------
_codes = prompting.codes


def _offer_saving(ctx: AppContext, con: Console, target: Target, serial: str, save: bool) -> None:
    from ..core.awsconfig_writer import set_profile_values

    path = ctx.aws_config.config_file
    question = f"Write mfa_serial = {serial} into profile '{target.name}' in {path}?"
    if save or prompting.confirm(con, question):
        set_profile_values(path, target.name, {"mfa_serial": serial})
        con.say(f"Saved mfa_serial in profile '{target.name}' in {path}.")
    else:
        con.say(
            f"Using MFA device {serial} (add mfa_serial to profile '{target.name}' "
            "to skip the lookup)."
        )


# -- elevate ---------------------------------------------------------------------------
def cmd_elevate(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    from ..core.textrules import parse_duration
    from ..core.totp import normalise_code

    target = ctx.target(args.target)
    duration = parse_duration(args.duration) if args.duration is not None else None
    given = normalise_code(args.code) if args.code is not None else None  # before any call
    browser = not args.no_browser and not args.print_url
    prepared = elevate_flow.prepare(ctx, target, console=not args.no_browser or args.print_url)
    if prepared.discovered:
        _offer_saving(ctx, con, target, prepared.serial, args.save_mfa_serial)
    codes = _codes(ctx, con, target, prepared.serial, given)
    if given is None and not prepared.secret and target.mfa_process is not None:
        con.say(
            f"Getting the MFA code from the mfa_process of profile "
            f"'{target.mfa_process.profile}' (touch your security key if it asks)."
        )
    return said.elevate(
        con,
        ctx,
        prepared,
        codes,
        duration=duration,
        reason=args.reason,
        browser=browser,
        print_url=args.print_url,
    )


# -- status ----------------------------------------------------------------------------
def cmd_status(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    return said.status(con, ctx, args.target, args.json)


# -- credentials -----------------------------------------------------------------------
def cmd_credentials(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    if args.source is not None:
        from .keys_commands import cmd_source_credentials

        return cmd_source_credentials(args, ctx, con)
    if not args.readonly:
        if args.code is not None:
            raise ConfigError(
                "--code starts a read-only session only (with --readonly); admin credentials "
                "come from `elevate-tray elevate`."
            )
        if credentials_flow.answering(ctx, args.target, readonly=False) is None and (
            brokered := credentials_flow.from_tray(ctx, args.target, readonly=False)
        ):
            con.out(brokered)  # the tray asked the person for the code
            return 0
        con.out(credentials_flow.admin_credentials(ctx, args.target).process_json())
        return 0
    from .targets_commands import member_credentials

    member = member_credentials(args, ctx, con)  # an organization's account: its ReadOnlyRole
    if member is not None:
        return member
    session = credentials_flow.readonly_session(ctx, args.target)
    if session is not None:
        con.out(live_credentials(ctx, session).process_json())
        return 0
    from ..core.totp import normalise_code

    given = normalise_code(args.code) if args.code is not None else None
    if given is None and (brokered := credentials_flow.from_tray(ctx, args.target, True)):
        con.out(brokered)
        return 0
    target = ctx.target(args.target)
    serial = ctx.elevator(target).mfa_serial()[0]
    hands_free = can_generate(ctx, serial, target.mfa_process)  # a kept secret, mfa_process
    if given is None and not hands_free and not con.has_terminal():
        raise NotElevated(
            "No read-only MFA session: run `elevate-tray credentials --readonly` in a "
            "terminal once to start one (it asks for an MFA code)."
        )
    codes = _codes(ctx, con, target, serial, given)
    started = credentials_flow.start_readonly(ctx, target, codes)
    con.out(started.credentials.process_json())
    return 0


# -- console, drop ---------------------------------------------------------------------
def cmd_console(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    return said.console(con, ctx, args.target, args.print_url)


def cmd_drop(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    return said.drop(con, ctx, args.target, revoke=args.revoke, every=args.all)


# -- mfa -------------------------------------------------------------------------------
def cmd_mfa(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    from ..core.totp import secret_from_text, secret_key, window_bounds

    target = ctx.target(args.target)
    if args.action in ("set-process", "clear-process"):
        return _mfa_process(args, ctx, con, target)
    if args.process_command is not None:
        raise ConfigError(
            Phrase("`mfa {action}` takes no COMMAND (only set-process does).", action=args.action)
        )
    serial = target.mfa_serial or ctx.elevator(target).mfa_serial()[0]
    if args.action == "set-secret":
        if con.stdin_isatty:
            con.say("Paste the TOTP secret (base32, or an otpauth:// URI) and press Enter:")
        secret = secret_from_text(con.stdin.readline())
        ctx.secrets.set(secret_key(serial), secret)
        con.say(
            f"Kept the TOTP secret for {serial} in the {ctx.secrets.kind} store. Note: with the "
            "secret on the same machine as your access keys, MFA is one factor, not two."
        )
    elif args.action == "clear-secret":
        ctx.secrets.delete(secret_key(serial))
        con.say(f"Forgot the TOTP secret for {serial}.")
    else:
        from ..flows.codes import generated_code

        secret = ctx.totp_secret(serial)
        if not secret:
            raise ConfigError(
                f"No TOTP secret is kept for {serial}; use `elevate-tray mfa set-secret`."
            )
        gen = generated_code(ctx, serial, secret)
        start, end = window_bounds(ctx.clock.now(), gen.wait_seconds > 0)
        con.out(gen.code)
        note = " (the current code was already used)" if gen.wait_seconds > 0 else ""
        con.say(f"valid from {local_hm(start, True)} to {local_hm(end, True)}{note}")
    return 0


def _mfa_process(args: argparse.Namespace, ctx: AppContext, con: Console, target: Target) -> int:
    from ..flows.codes import ONE_FACTOR, clear_process, set_process

    if args.action == "set-process":
        if args.process_command is None:
            raise ConfigError(
                "Name the command that prints a code: elevate-tray mfa set-process "
                "'ykman oath accounts code -s NAME' (quoted as one argument)."
            )
        done = set_process(ctx, target, args.process_command)
        con.say(
            f"Wrote mfa_process into profile '{done.profile}' in {done.path}: elevate-tray "
            f"now runs it for the MFA code when none is given. {ONE_FACTOR}"
        )
        return 0
    if args.process_command is not None:
        raise ConfigError("`mfa clear-process` takes no COMMAND.")
    done = clear_process(ctx, target)
    if done.changed:
        con.say(f"Removed mfa_process from profile '{done.profile}' in {done.path}.")
    else:
        con.say(f"Profile '{done.profile}' in {done.path} has no mfa_process of its own.")
    if done.still_from:
        con.say(
            f"note: its source profile '{done.still_from}' has one, used by every target "
            f"without its own: remove that line from {done.path} yourself to stop it."
        )
    return 0


COMMANDS: dict[str, Command] = {
    "targets": lambda args, ctx, con: _targets(args, ctx, con),
    "elevate": cmd_elevate,
    "status": cmd_status,
    "credentials": cmd_credentials,
    "console": cmd_console,
    "drop": cmd_drop,
    "mfa": cmd_mfa,
    "keys": lambda args, ctx, con: _keys(args, ctx, con),
    "receipt": lambda args, ctx, con: _receipts("cmd_receipt", args, ctx, con),
    "sessions": lambda args, ctx, con: _receipts("cmd_sessions", args, ctx, con),
}


def _receipts(name: str, args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    from . import receipt_commands

    command: Command = getattr(receipt_commands, name)
    return command(args, ctx, con)


def _keys(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    from .keys_commands import cmd_keys

    return cmd_keys(args, ctx, con)


def _targets(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    from .targets_commands import cmd_targets

    return cmd_targets(args, ctx, con)
