"""The sub-commands' bodies: each takes parsed args and the AppContext, returns an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from .cli import print_json
from .core.context import AppContext
from .core.errors import ConfigError, NotElevated
from .core.sessions import ElevatedSession
from .core.targets import Target


def run_command(command: str, args: argparse.Namespace, ctx: AppContext) -> int:
    if command == "setup":
        from .setup import cli as setup_cli

        return int(setup_cli.run(args))
    handler: Callable[[argparse.Namespace, AppContext], int] = COMMANDS[command]
    return handler(args, ctx)


# -- targets ---------------------------------------------------------------------------
def cmd_targets(args: argparse.Namespace, ctx: AppContext) -> int:
    targets = ctx.targets(include_hidden=args.all)
    if args.json:
        print_json([t.as_dict() for t in targets])
        return 0
    if not targets:
        print(
            f"No targets in {ctx.aws_config.config_file}: a target is a profile with role_arn "
            "and source_profile (see README), or run `elevate-tray setup`."
        )
        return 0
    for t in targets:
        mfa = t.mfa_serial or "MFA device: discovered at elevation"
        print(f"{t.name}\t{t.role_arn}\t{t.region}\t{mfa}")
    return 0


# -- codes -----------------------------------------------------------------------------
def _code_source(
    ctx: AppContext, target: Target, serial: str, given: str | None
) -> Callable[[], str]:
    """A function giving the code to send: --code, else from a kept TOTP secret, else asked."""
    from . import prompting
    from .core.totp import generate, normalise_code

    def next_code() -> str:
        secret = ctx.totp_secret(serial)
        if secret:
            gen = generate(secret, ctx.clock.now(), ctx.last_code(serial), serial)
            prompting.wait_for_fresh_window(gen.wait_seconds)
            return gen.code
        return normalise_code(prompting.ask_code(serial, target.name))

    def first_code() -> str:
        return normalise_code(given) if given else next_code()

    first_code.next_code = next_code  # type: ignore[attr-defined]
    return first_code


def _mfa_serial(ctx: AppContext, target: Target, save: bool) -> str:
    from . import prompting

    serial, discovered = ctx.elevator(target).mfa_serial()
    if discovered:
        from .core.awsconfig_writer import set_profile_values

        path = ctx.aws_config.config_file
        if save or prompting.confirm(
            f"Write mfa_serial = {serial} into profile '{target.name}' in {path}?"
        ):
            set_profile_values(path, target.name, {"mfa_serial": serial})
            print(f"Saved mfa_serial in profile '{target.name}'.", file=sys.stderr)
        else:
            print(
                f"Using MFA device {serial} (add mfa_serial to profile '{target.name}' "
                "to skip the lookup).",
                file=sys.stderr,
            )
    return serial


# -- elevate ---------------------------------------------------------------------------
def cmd_elevate(args: argparse.Namespace, ctx: AppContext) -> int:
    from .core.textrules import format_duration, parse_duration
    from .core.totp import normalise_code

    target = ctx.target(args.target)
    duration = parse_duration(args.duration) if args.duration else None
    if args.code:
        normalise_code(args.code)  # a mistyped code fails before any network call
    serial = _mfa_serial(ctx, target, args.save_mfa_serial)
    source = _code_source(ctx, target, serial, args.code)
    elevator = ctx.elevator(target)
    federation = None
    if not args.no_browser and not args.print_url:
        federation = _warm_federation(target, ctx)
    result = elevator.elevate(
        source(),
        duration=duration,
        default_duration=ctx.settings.default_duration,
        reason=args.reason,
        next_code=source.next_code,  # type: ignore[attr-defined]
    )
    if result.note:
        print(f"note: {result.note}", file=sys.stderr)
    s = result.session
    left = format_duration(s.seconds_left(ctx.clock.now()))
    print(
        f"Elevated to {target.role_name} in {s.account} as {s.role_session_name} for {left} "
        f"(until {_local(s)}).",
        file=sys.stderr,
    )
    if args.no_browser:
        return 0
    return _console(ctx, target, s, result.credentials, args.print_url, federation)


def _warm_federation(target: Target, ctx: AppContext) -> Any:
    """Open the sign-in connection now so the console URL costs one round trip, not two."""
    from .core.signin import FederationClient, federation_endpoint

    federation = FederationClient(federation_endpoint(target.partition, target.region, ctx.environ))
    federation.warm()
    return federation


def _console(
    ctx: AppContext,
    target: Target,
    session: ElevatedSession,
    creds: Any,
    print_url: bool,
    federation: Any = None,
) -> int:
    from .core.signin import ConsoleSignin, open_url

    signin = ConsoleSignin(session, target.prefs.console_destination, ctx.environ, federation)
    url = signin.url(creds)
    if print_url:
        print(url)
    else:
        open_url(url, ctx.settings.browser_command)
        print("Opened the AWS console in your browser.", file=sys.stderr)
    return 0


def _local(session: ElevatedSession) -> str:
    return session.expires_at.astimezone().strftime("%H:%M")


# -- status ----------------------------------------------------------------------------
def _admin_session(ctx: AppContext, target_name: str | None) -> ElevatedSession | None:
    if target_name:
        ctx.target(target_name)  # a clear error for a name that is no target
    return ctx.store.current_admin(target_name)


def cmd_status(args: argparse.Namespace, ctx: AppContext) -> int:
    s = _admin_session(ctx, args.target)
    now = ctx.clock.now()
    readonly = [x for x in ctx.store.live() if x.kind == "read-only"]
    if args.json:
        from .core.clock import format_iso

        print_json(
            {
                "mode": "admin" if s else "read-only",
                "target": s.target if s else args.target,
                "account": s.account if s else None,
                "role_session_arn": s.role_session_arn if s else None,
                "expires_at": format_iso(s.expires_at) if s else None,
                "seconds_left": s.seconds_left(now) if s else 0,
                "reason": s.reason if s else None,
                "readonly_session_expires_at": format_iso(readonly[0].expires_at)
                if readonly
                else None,
            }
        )
        return 0
    if not s:
        print("read-only: no admin session" + (f" for {args.target}" if args.target else "") + ".")
    else:
        from .core.textrules import format_duration

        mins = (
            format_duration(s.seconds_left(now))
            if s.seconds_left(now) >= 60
            else f"{s.seconds_left(now)}s"
        )
        print(f"admin: {s.target} (account {s.account}), {mins} left, until {_local(s)}")
        print(f"role session: {s.role_session_arn}")
    if readonly:
        print(f"read-only CLI session until {_local(readonly[0])}")
    return 0


# -- credentials -----------------------------------------------------------------------
def cmd_credentials(args: argparse.Namespace, ctx: AppContext) -> int:
    from .core.sessions import readonly_key

    if args.readonly:
        target = ctx.target(args.target)
        session = ctx.store.get(readonly_key(target.source_profile))
        if session is None:
            serial = ctx.elevator(target).mfa_serial()[0]
            if not args.code and not ctx.totp_secret(serial) and not sys.stdin.isatty():
                raise NotElevated(
                    "No read-only MFA session: run `elevate-tray credentials --readonly` in a "
                    "terminal once to start one (it asks for an MFA code)."
                )
            code = _code_source(ctx, target, serial, args.code)()
            result = ctx.elevator(target).readonly_session(code)
            print(result.credentials.process_json())
            return 0
    else:
        session = _admin_session(ctx, args.target)
        if session is None:
            which = f" for {args.target}" if args.target else ""
            raise NotElevated(
                f"Not elevated{which}: no admin session. "
                "Run `elevate-tray elevate` or use the tray."
            )
    creds = ctx.store.credentials(session)
    if creds is None:
        ctx.store.end(session.key, "dropped")
        raise NotElevated("The session's credentials are gone from the keyring; elevate again.")
    print(creds.process_json())
    return 0


# -- console, drop ---------------------------------------------------------------------
def cmd_console(args: argparse.Namespace, ctx: AppContext) -> int:
    session = _admin_session(ctx, args.target)
    if session is None:
        raise NotElevated(
            "Not elevated: the console sign-in needs a live admin session; elevate first."
        )
    creds = ctx.store.credentials(session)
    if creds is None:
        raise NotElevated("The session's credentials are gone; elevate again.")
    target = ctx.target(session.target)
    return _console(ctx, target, session, creds, args.print_url)


def cmd_drop(args: argparse.Namespace, ctx: AppContext) -> int:
    sessions = [s for s in ctx.store.live() if args.all or s.kind == "admin"]
    if not args.all:
        current = _admin_session(ctx, args.target)
        sessions = [current] if current else []
    if not sessions:
        print("Already read-only: no admin session to drop.", file=sys.stderr)
        return 0
    for s in sessions:
        how = "dropped"
        try:
            if args.revoke and s.kind == "admin":
                from .core.revoke import revoke

                creds = ctx.store.credentials(s)
                if creds is None:
                    raise NotElevated(
                        "The session's credentials are gone, so it cannot revoke itself."
                    )
                revoke(s, creds, ctx.clock.now())
                how = "revoked"
        except BaseException:
            # dropped here even when AWS refused the revocation: never "admin" with dead keys
            ctx.store.end(s.key, "dropped")
            raise
        ctx.store.end(s.key, how)  # type: ignore[arg-type]
        print(
            f"Dropped {s.target}" + (" and revoked it in AWS" if how == "revoked" else "") + ".",
            file=sys.stderr,
        )
    return 0


# -- mfa -------------------------------------------------------------------------------
def cmd_mfa(args: argparse.Namespace, ctx: AppContext) -> int:
    from .core.totp import generate, normalise_secret, secret_key

    target = ctx.target(args.target)
    serial = target.mfa_serial or ctx.elevator(target).mfa_serial()[0]
    if args.action == "set-secret":
        if sys.stdin.isatty():
            print("Paste the TOTP secret (base32) and press Enter:", file=sys.stderr)
        secret = normalise_secret(sys.stdin.readline())
        ctx.secrets.set(secret_key(serial), secret)
        print(
            f"Kept the TOTP secret for {serial} in the {ctx.secrets.kind} store. Note: with the "
            "secret on the same machine as your access keys, MFA is one factor, not two.",
            file=sys.stderr,
        )
    elif args.action == "clear-secret":
        ctx.secrets.delete(secret_key(serial))
        print(f"Forgot the TOTP secret for {serial}.", file=sys.stderr)
    else:
        secret = ctx.totp_secret(serial)
        if not secret:
            raise ConfigError(
                f"No TOTP secret is kept for {serial}; use `elevate-tray mfa set-secret`."
            )
        print(generate(secret, ctx.clock.now(), ctx.last_code(serial), serial).code)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, AppContext], int]] = {
    "targets": cmd_targets,
    "elevate": cmd_elevate,
    "status": cmd_status,
    "credentials": cmd_credentials,
    "console": cmd_console,
    "drop": cmd_drop,
    "mfa": cmd_mfa,
}
