"""Asking the person at the terminal: MFA codes, yes/no, secrets from stdin."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from typing import IO

from .core.errors import MfaRejected


@contextlib.contextmanager
def _terminal() -> Iterator[tuple[IO[str], IO[str]]]:
    """The controlling terminal when there is one (credential_process captures stdout and
    stderr), else stdin/stderr."""
    try:
        tty = open("/dev/tty", "r+", encoding="utf-8")  # noqa: SIM115
    except OSError:
        yield sys.stdin, sys.stderr
        return
    with tty:
        yield tty, tty


def ask_code(device: str, target: str) -> str:
    with _terminal() as (inp, out):
        out.write(f"MFA code for {device} (target {target}): ")
        out.flush()
        line = inp.readline()
    if not line:
        raise MfaRejected("No MFA code was given; pass --code 123456 or type it when asked.")
    return line.strip()


def confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    with _terminal() as (inp, out):
        out.write(f"{question} [y/N] ")
        out.flush()
        return inp.readline().strip().lower() in ("y", "yes")


def wait_for_fresh_window(seconds: float) -> None:
    if seconds > 0:
        print(
            f"Waiting {seconds:.0f} s for a fresh MFA code (the current one was already used)…",
            file=sys.stderr,
        )
        time.sleep(seconds)
