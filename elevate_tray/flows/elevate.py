"""Elevate: prepare (device, kept secret, warm connections), elevate, extend, console URL.

`prepare` runs while the person types the code (the tray's dialog opens it; the CLI calls it
before asking), so the AssumeRole after Enter pays no lookups and no handshakes. The secret
store is checked there too: an MFA code is never spent on a store that cannot keep the
session.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..core import audit
from ..core.context import AppContext
from ..core.elevation import Elevator
from ..core.errors import ConfigError, ElevateError, MfaRejected, Phrase
from ..core.mfaprocess import MfaProcess
from ..core.sessions import Credentials, ElevatedSession
from ..core.signin import FederationClient, SigninUrl, federation_endpoint
from ..core.targets import Target
from ..core.totp import GeneratedCode
from . import durations
from .codes import Codes, generated_code

log = logging.getLogger(__name__)

GENERATED_CODE_REFUSED = (
    "AWS refused the code generated from your kept TOTP secret: another program (the AWS "
    "CLI, an SDK) probably used it a moment ago, and AWS accepts each code once. Try again "
    "when the next code appears (within 30 seconds)."
)


@dataclass
class Prepared:
    """What an elevation needs before the code is in."""

    target: Target
    elevator: Elevator
    serial: str
    discovered: bool  # the device was looked up, not named in the profile
    secret: str | None  # a kept TOTP secret: codes can be generated
    federation: FederationClient | None = None
    process: MfaProcess | None = None  # the profile's mfa_process (used when no secret is kept)

    def generated(self, ctx: AppContext) -> GeneratedCode | None:
        return generated_code(ctx, self.serial, self.secret) if self.secret else None


@dataclass(frozen=True)
class Elevated:
    session: ElevatedSession
    credentials: Credentials
    notes: tuple[str, ...] = field(default=())  # to say: why the fallback, where it was kept


def prepare(
    ctx: AppContext,
    target: Target,
    *,
    console: bool = True,
    elevator: Elevator | None = None,
    warm: bool = True,
) -> Prepared:
    """Find the device and the kept secret, check the secret store, warm STS and sign-in.

    A process that keeps an Elevator (the tray, answering command lines) passes it, with
    `warm=False` once its STS connection is open."""
    ctx.store.check_writable()
    elevator = elevator or ctx.elevator(target)
    serial, discovered = elevator.mfa_serial()
    secret = ctx.totp_secret(serial)
    federation = None
    if console:
        federation = FederationClient(
            federation_endpoint(target.partition, target.region, ctx.environ)
        )
    try:
        if warm:
            elevator.warm()
        if federation is not None:
            federation.warm()
    except ElevateError as exc:  # the real call says it again, in context
        log.info("warming the connections failed: %s", exc.sentence)
    return Prepared(target, elevator, serial, discovered, secret, federation, target.mfa_process)


class WarmElevators:
    """One Elevator per target for a process that lives on (the tray, answering command
    lines), so its STS connection stays open from one elevation to the next. A target whose
    profile changed, or source keys whose file changed, get a fresh one."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[Target, tuple[int, int], Elevator]] = {}
        self._lock = threading.Lock()

    def prepare(self, ctx: AppContext, target: Target, *, console: bool = True) -> Prepared:
        stamp = _stamp(ctx.aws_config.credentials_file)
        with self._lock:
            kept = self._kept.get(target.name)
            fresh = kept is None or kept[:2] != (target, stamp)
            if kept is None or fresh:
                kept = self._kept[target.name] = (target, stamp, ctx.elevator(target))
        return prepare(ctx, target, console=console, elevator=kept[2], warm=fresh)

    def forget(self, name: str) -> None:
        """After a failure that was not the code's: the next elevation starts afresh (keys
        that changed where no file says so, a connection gone bad)."""
        with self._lock:
            self._kept.pop(name, None)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


def elevate(
    ctx: AppContext,
    prepared: Prepared,
    codes: Codes,
    *,
    duration: int | None = None,
    reason: str = "",
    via: str = "cli",
) -> Elevated:
    """AssumeRole with the code; the session is saved before this returns."""
    asked = prepared.elevator.duration(duration, ctx.settings.default_duration)
    code = codes.first()
    try:
        elevation = prepared.elevator.elevate(
            code,
            duration=duration,
            default_duration=ctx.settings.default_duration,
            reason=reason,
            next_code=codes.next,
            via=via,
        )
    except MfaRejected as exc:
        if codes.generated and _wrong_code(exc):
            # a generated code is right by construction: someone else spent it
            prepared.elevator.codes.remember(prepared.serial, code)
            raise MfaRejected(GENERATED_CODE_REFUSED) from None
        if codes.process is not None and _wrong_code(exc):
            raise MfaRejected(
                Phrase(
                    "AWS rejected the code printed by the mfa_process of profile '{profile}': "
                    "it may print another device's code (this one is {serial}), or another "
                    "program used the code a moment ago; check the command, or type the code.",
                    profile=codes.process.profile,
                    serial=prepared.serial,
                )
            ) from None
        raise
    except ConfigError as exc:
        if exc.sentence.startswith(durations.REFUSED):
            durations.learn(ctx, prepared.target, refused=asked)
        raise
    s = elevation.session
    durations.learn(
        ctx, prepared.target, granted=round((s.expires_at - s.started_at).total_seconds())
    )
    notes = tuple(n for n in (elevation.note, *ctx.take_notices()) if n)
    return Elevated(elevation.session, elevation.credentials, notes)


def extend(
    ctx: AppContext,
    prepared: Prepared,
    codes: Codes,
    *,
    duration: int | None = None,
    reason: str = "",
    via: str = "cli",
) -> Elevated:
    """A new session for the same target; the old one ends only once the new one is kept."""
    old = ctx.store.get(prepared.target.name)
    new = elevate(ctx, prepared, codes, duration=duration, reason=reason, via=via)
    was = (old.role_session_arn, old.started_at) if old is not None else None
    if old is not None and was != (new.session.role_session_arn, new.session.started_at):
        audit.record(ctx.dirs, "ended", old, ended="extended", via=via, now=ctx.clock.now())
    return new


def console_url(
    ctx: AppContext,
    session: ElevatedSession,
    credentials: Credentials,
    federation: FederationClient | None = None,
) -> SigninUrl:
    from ..core.signin import ConsoleSignin

    prefs = ctx.settings.target(session.target)
    return ConsoleSignin(session, prefs.console_destination, ctx.environ, federation).url(
        credentials
    )


def _wrong_code(exc: MfaRejected) -> bool:
    """AWS's "invalid one time pass code" (wrong, or reused: the same words)."""
    return exc.sentence.startswith("AWS rejected the MFA code")
