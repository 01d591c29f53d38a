"""Asking the person at the terminal: MFA codes and yes/no. Nobody there: a sentence."""

from __future__ import annotations

from collections.abc import Callable

from ..core.context import AppContext
from ..core.errors import ConfigError, ElevateError, Phrase
from ..core.targets import Target
from ..core.totp import normalise_code
from ..flows.codes import Codes, choose
from .console import Console

NO_TERMINAL = (
    "No MFA code: there is no terminal to ask for one. Pass --code 123456, keep the device's "
    "TOTP secret (`elevate-tray mfa set-secret`), or elevate from the tray."
)
ATTEMPTS = 3


def ask_code(console: Console, device: str, target: str) -> str:
    """A 6-digit code typed at the terminal; a malformed one is asked again."""
    with console.terminal() as term:
        if term is None:
            raise ConfigError(NO_TERMINAL)
        inp, out = term
        for attempt in range(ATTEMPTS):
            out.write(f"MFA code for {device} (target {target}): ")
            out.flush()
            line = inp.readline()
            if not line:
                raise ConfigError(
                    "No MFA code was typed; pass --code 123456 or type it when asked."
                )
            try:
                return normalise_code(line)
            except ElevateError as exc:
                if attempt == ATTEMPTS - 1:
                    raise
                out.write(f"{exc.sentence}\n")
    raise ConfigError(NO_TERMINAL)  # pragma: no cover - the loop returns or raises


def confirm(console: Console, question: str) -> bool:
    with console.terminal() as term:
        if term is None:
            return False
        inp, out = term
        out.write(f"{question} [y/N] ")
        out.flush()
        return inp.readline().strip().lower() in ("y", "yes")


def waiting_note(console: Console) -> Callable[[float], None]:
    """Told before a generated code waits for its window."""

    def note(seconds: float) -> None:
        console.say(
            str(
                Phrase(
                    "Waiting {seconds} s for a fresh MFA code (the current one was already used)…",
                    seconds=f"{max(1, round(seconds))}",
                )
            )
        )

    return note


def codes(
    ctx: AppContext, console: Console, target: Target, serial: str, given: str | None
) -> Codes:
    """Where a command's MFA codes come from: --code, a kept secret, the mfa_process, or the
    person at the terminal (flows/codes.py's order)."""
    return choose(
        ctx,
        serial,
        given,
        ask=lambda: ask_code(console, serial, target.name),
        waiting=waiting_note(console),
        process=target.mfa_process,
    )
