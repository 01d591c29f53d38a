"""A code from a profile's `mfa_process`: aws-vault's key for a command that prints a TOTP code
(`ykman oath accounts code -s NAME`, `op item get ITEM --otp`).

Run as aws-vault runs it: through the shell (`/bin/sh -c`, `cmd.exe /C` on Windows) with the
app's environment. Unlike aws-vault, stdin is closed and stderr is thrown away: the command
may run under a credential_process caller or the tray, with no terminal to prompt on, and
nothing it says may reach ours. What it prints is a secret (and may hold more than the code:
an `op` item), so its output is never logged and never put in an exception; every failure is
one sentence naming the profile. It runs in its own process group, so a timeout stops the
whole pipeline, not just the shell.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from .commandline import launch_environment
from .errors import ConfigError, Phrase

if TYPE_CHECKING:  # subprocess loads when a command runs, not with the tray
    import subprocess

DEFAULT_TIMEOUT = 60  # seconds: a YubiKey may wait for a touch
_KEPT = 64 * 1024  # the tail of the output kept: the code is printed last
_CODE = re.compile(r"(?<![0-9])[0-9]{6}(?![0-9])")
NOT_FOUND = 127  # the shell's "command not found"


@dataclass(frozen=True)
class MfaProcess:
    """The command, and the profile of the AWS config it was read from (named in errors)."""

    command: str
    profile: str


class MfaProcessFailed(ConfigError):
    """The mfa_process gave no code (failed, timed out, printed none): exit 2."""


def _shell(command: str) -> list[str]:
    if os.name == "nt":
        return [os.environ.get("COMSPEC", "cmd.exe"), "/C", command]
    return ["/bin/sh", "-c", command]


def _drain(stream: IO[bytes], kept: bytearray) -> None:
    """Read to the end, keeping only the tail: a command that floods stdout costs no memory."""
    while chunk := stream.read(4096):
        kept.extend(chunk)
        del kept[:-_KEPT]


def _stop(proc: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "nt":
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run(process: MfaProcess, environ: Mapping[str, str], timeout: float = DEFAULT_TIMEOUT) -> str:
    """The 6-digit code the command prints (its last one); MfaProcessFailed otherwise."""
    import subprocess

    profile = process.profile
    kept = bytearray()
    options: dict[str, object] = (
        {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}  # type: ignore[attr-defined]
        if os.name == "nt"
        else {"start_new_session": True}
    )
    try:
        proc = subprocess.Popen(  # noqa: S603 (the user's own command, as aws-vault runs it)
            _shell(process.command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=launch_environment(environ),  # frozen: not the bundle's libraries
            **options,  # type: ignore[call-overload]
        )
    except OSError as exc:
        raise MfaProcessFailed(
            Phrase(
                "The mfa_process of profile '{profile}' could not be started ({error}); check "
                "the command, or type the code instead.",
                profile=profile,
                error=exc.strerror or type(exc).__name__,
            )
        ) from None
    assert proc.stdout is not None
    reader = threading.Thread(target=_drain, args=(proc.stdout, kept), daemon=True)
    reader.start()
    try:
        status = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(proc)
        proc.wait()
        reader.join(1)  # a child that left the group may keep the pipe: not waited for
        if not reader.is_alive():
            proc.stdout.close()
        raise MfaProcessFailed(
            Phrase(
                "The mfa_process of profile '{profile}' printed no code within {seconds} s "
                "and was stopped (a security key waiting for a touch?); run it in a terminal "
                "to see why, or type the code instead.",
                profile=profile,
                seconds=round(timeout),
            )
        ) from None
    reader.join(timeout)
    if reader.is_alive():  # the shell is gone but a child of it still holds the pipe
        _stop(proc)
        reader.join(1)
    if not reader.is_alive():
        proc.stdout.close()
    if status == NOT_FOUND:
        raise MfaProcessFailed(
            Phrase(
                "The mfa_process of profile '{profile}' failed: its command was not found; "
                "install it or correct mfa_process in your AWS config.",
                profile=profile,
            )
        )
    if status != 0:
        raise MfaProcessFailed(
            Phrase(
                "The mfa_process of profile '{profile}' failed (exit status {status}); run it "
                "in a terminal to see why, or type the code instead.",
                profile=profile,
                status=status,
            )
        )
    codes = _CODE.findall(bytes(kept).decode("utf-8", "replace"))
    kept[:] = b"\0" * len(kept)
    if not codes:
        raise MfaProcessFailed(
            Phrase(
                "The mfa_process of profile '{profile}' printed no 6-digit code; make it print "
                "the code (like `ykman oath accounts code -s NAME`), or type the code instead.",
                profile=profile,
            )
        )
    return str(codes[-1])
