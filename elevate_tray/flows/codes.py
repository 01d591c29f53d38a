"""Where an MFA code comes from: given, generated from a kept TOTP secret, printed by the
profile's `mfa_process`, or asked for.

aws-vault's prompt drivers, in small: a flow asks a `Codes` for the first code and, when
AWS spent that one on a refused call, for a fresh one. The callers choose the asking (the
terminal, the tray's dialog); generated codes wait for a fresh window through the clock,
so tests move time instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.codes import SpentCodes
from ..core.context import AppContext
from ..core.errors import ConfigError, Phrase
from ..core.mfaprocess import MfaProcess, run
from ..core.targets import Target
from ..core.totp import GeneratedCode, generate, normalise_code, window_bounds


@dataclass
class Codes:
    """The code to send now, and how to get another one (None: there is no other)."""

    first: Callable[[], str]
    next: Callable[[], str] | None = None
    generated: bool = False  # right by construction: a refusal means it was already used
    process: MfaProcess | None = None  # the first code was printed by this mfa_process


def generated_code(ctx: AppContext, serial: str, secret: str) -> GeneratedCode:
    """The kept secret's code for now, or the next window's and how long to wait for it."""
    return generate(secret, ctx.clock.now(), ctx.last_code(serial), serial)


def from_kept_secret(
    ctx: AppContext, serial: str, secret: str, waiting: Callable[[float], None] | None = None
) -> Callable[[], str]:
    """Codes from the kept secret; `waiting(seconds)` is told before the clock sleeps."""

    def code() -> str:
        gen = generated_code(ctx, serial, secret)
        if gen.wait_seconds > 0:
            if waiting is not None:
                waiting(gen.wait_seconds)
            ctx.clock.sleep(gen.wait_seconds)
        return gen.code

    return code


def process_code(ctx: AppContext, process: MfaProcess) -> str:
    """What the profile's mfa_process prints now (a blocking call: never on the UI thread)."""
    return run(process, ctx.environ, ctx.settings.mfa_process_timeout)


def from_process(
    ctx: AppContext,
    serial: str,
    process: MfaProcess,
    waiting: Callable[[float], None] | None = None,
) -> Callable[[], str]:
    """Codes from the mfa_process; one it prints that was already spent (AWS takes each code
    once) is asked for again when the next 30-second window begins."""

    def code() -> str:
        printed = process_code(ctx, process)
        if not SpentCodes(ctx.dirs, ctx.clock).was_spent(serial, printed):
            return printed
        wait = (window_bounds(ctx.clock.now(), True)[0] - ctx.clock.now()).total_seconds()
        if waiting is not None:
            waiting(wait)
        ctx.clock.sleep(wait)
        return process_code(ctx, process)

    return code


def can_generate(ctx: AppContext, serial: str, process: MfaProcess | None) -> bool:
    """A code can come without a person: a kept TOTP secret, or an mfa_process."""
    return process is not None or bool(ctx.totp_secret(serial))


def choose(
    ctx: AppContext,
    serial: str,
    given: str | None,
    ask: Callable[[], str],
    waiting: Callable[[float], None] | None = None,
    process: MfaProcess | None = None,
) -> Codes:
    """--code when given, else the kept secret's, else the mfa_process's, else `ask()` (the
    terminal, the dialog)."""
    secret = ctx.totp_secret(serial)
    if secret:
        later = from_kept_secret(ctx, serial, secret, waiting)
    elif process is not None:
        later = from_process(ctx, serial, process, waiting)
    else:
        later = ask
    if given:
        code = normalise_code(given)
        return Codes(lambda: code, later)
    return Codes(later, later, generated=bool(secret), process=None if secret else process)


def typed(code: str, later: Callable[[], str] | None = None) -> Codes:
    """A code the person typed (the tray's dialog)."""
    normalised = normalise_code(code)
    return Codes(lambda: normalised, later)


# -- turning mfa_process on and off (`elevate-tray mfa set-process|clear-process`) --------
ONE_FACTOR = Phrase(
    "Note: with a command on the same machine as your access keys printing your MFA codes, "
    "MFA is one factor, not two, unless the command needs you every time (a security key "
    "you touch, a password manager you unlock)."
)


@dataclass(frozen=True)
class ProcessChange:
    changed: bool  # False: clear-process found nothing to remove
    profile: str  # the profile written
    path: Path  # the AWS config file written
    still_from: str = ""  # after clear-process: the source profile whose mfa_process remains


def set_process(ctx: AppContext, target: Target, command: str) -> ProcessChange:
    """Write `mfa_process = COMMAND` into the target's profile, every other line kept."""
    from ..core.awsconfig_writer import set_profile_values

    command = command.strip()
    if not command or any(ch in command for ch in "\r\n\0"):
        raise ConfigError(
            "The mfa_process command must be one line of text, like "
            "'ykman oath accounts code -s NAME' (quote it as one argument)."
        )
    path = ctx.aws_config.config_file
    set_profile_values(path, target.name, {"mfa_process": command})
    ctx.reload()
    return ProcessChange(True, target.name, path)


def clear_process(ctx: AppContext, target: Target) -> ProcessChange:
    """Remove mfa_process from the target's profile; says when its source profile has one."""
    from ..core.awsconfig_writer import remove_profile_value

    path = ctx.aws_config.config_file
    changed = remove_profile_value(path, target.name, "mfa_process")
    ctx.reload()
    remaining = ctx.target(target.name).mfa_process
    return ProcessChange(changed, target.name, path, remaining.profile if remaining else "")
