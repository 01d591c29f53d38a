"""Where an MFA code comes from: given, generated from a kept TOTP secret, or asked for.

aws-vault's prompt drivers, in small: a flow asks a `Codes` for the first code and, when
AWS spent that one on a refused call, for a fresh one. The callers choose the asking (the
terminal, the tray's dialog); generated codes wait for a fresh window through the clock,
so tests move time instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.context import AppContext
from ..core.totp import GeneratedCode, generate, normalise_code


@dataclass
class Codes:
    """The code to send now, and how to get another one (None: there is no other)."""

    first: Callable[[], str]
    next: Callable[[], str] | None = None
    generated: bool = False  # right by construction: a refusal means it was already used


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


def choose(
    ctx: AppContext,
    serial: str,
    given: str | None,
    ask: Callable[[], str],
    waiting: Callable[[float], None] | None = None,
) -> Codes:
    """--code when given, else the kept secret's, else `ask()` (the terminal, the dialog)."""
    secret = ctx.totp_secret(serial)
    later = from_kept_secret(ctx, serial, secret, waiting) if secret else ask
    if given:
        code = normalise_code(given)
        return Codes(lambda: code, later)
    return Codes(later, later, generated=bool(secret))


def typed(code: str, later: Callable[[], str] | None = None) -> Codes:
    """A code the person typed (the tray's dialog)."""
    normalised = normalise_code(code)
    return Codes(lambda: normalised, later)
