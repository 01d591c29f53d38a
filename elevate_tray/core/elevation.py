"""Elevation: sts:AssumeRole with the source profile's long-term keys and an MFA code.

Direct AssumeRole is the default (aws-facts.md): a GetSessionToken first would make it role
chaining, capped at one hour. That path is only the fallback when the direct call meets an
explicit deny, and the user is told why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from . import awsclients
from .awserrors import CODE_ALREADY_USED, INVALID_OTP, NOT_AWS, CallContext, explain
from .clock import Clock, SystemClock
from .codes import SpentCodes
from .errors import ConfigError, ElevateError, MfaRejected, NetworkError, Phrase
from .partitions import Arn
from .sessions import Credentials, ElevatedSession, SessionStore, readonly_key
from .statefile import read_state, table, writable_table
from .statelock import update_state
from .targets import MIN_DURATION, Target
from .textrules import (
    elevation_session_name,
    format_duration,
    new_elevation_id,
    sanitise_tag_value,
    source_identity,
)

log = logging.getLogger(__name__)

CHAINED_MAX = 3600
READONLY_DEFAULT = 12 * 3600
REASON_TAG = "ElevateReason"


@dataclass(frozen=True)
class Caller:
    arn: str
    account: str
    user_id: str

    @property
    def user_name(self) -> str:
        return Arn.parse(self.arn).name


@dataclass(frozen=True)
class Elevation:
    session: ElevatedSession
    credentials: Credentials
    note: str = ""  # said to the user, e.g. why the fallback path was taken


def _checked(resp: dict[str, Any]) -> dict[str, Any]:
    """An STS answer that holds credentials, or the endpoint is not AWS (a captive portal, a
    proxy's error page that botocore parsed into nothing useful)."""
    c = resp.get("Credentials") if isinstance(resp, dict) else None
    keys = ("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration")
    if not isinstance(c, dict) or not all(c.get(k) for k in keys):
        raise NetworkError(NOT_AWS)
    return resp


def _creds(raw: dict[str, Any]) -> Credentials:
    from .clock import parse_iso

    exp = raw["Expiration"]
    return Credentials(
        raw["AccessKeyId"],
        raw["SecretAccessKey"],
        raw["SessionToken"],
        exp if not isinstance(exp, str) else parse_iso(exp),
    )


class Elevator:
    """Everything between a target plus a code and a stored admin session."""

    def __init__(
        self,
        target: Target,
        store: SessionStore,
        clock: Clock | None = None,
        environ: Mapping[str, str] | None = None,
        readonly_duration: int = READONLY_DEFAULT,
        long_term: Callable[[], Credentials | None] | None = None,
        elevation_ids: Callable[[], str] = new_elevation_id,
    ) -> None:
        self.target = target
        self.elevation_ids = elevation_ids  # each elevation's public id (a test fixes it)
        # the source profile's kept long-term key (core/keys.py), read directly rather than
        # through the profile's credential_process; None: botocore's own credential chain
        self.long_term = long_term
        self.readonly_duration = readonly_duration  # the settings' (ctx.elevator passes it)
        self.store = store
        self.clock = clock or SystemClock()
        self.environ = environ  # the AppContext's: AWS files and endpoints come from it
        self.codes = SpentCodes(store.dirs, self.clock)
        self._sts: Any = None

    # -- clients and identity ---------------------------------------------------------
    def _ctx(self, action: str, **kw: Any) -> CallContext:
        return CallContext(
            action=action, profile=self.target.source_profile, target=self.target.name, **kw
        )

    def client(self, service: str) -> Any:
        """A client for the source profile: signed with its kept key when the app keeps it."""
        keys = self.long_term() if self.long_term is not None else None
        if keys is None:
            return awsclients.client(
                service,
                profile=self.target.source_profile,
                region=self.target.region,
                environ=self.environ,
            )
        return awsclients.client(
            service,
            region=self.target.region,
            credentials=keys,
            environ=self.environ,
            session=awsclients.botocore_session(self.target.source_profile, self.environ),
        )

    def sts(self) -> Any:
        if self._sts is None:
            try:
                self._sts = self.client("sts")
            except Exception as exc:
                raise explain(exc, self._ctx(Phrase("create the STS client"))) from None
        return self._sts

    def caller(self, refresh: bool = False) -> Caller:
        """The IAM user behind the source profile, cached in the state file (not secret)."""
        cache = table(read_state(self.store.dirs.state_file), "callers")
        cached = cache.get(self.target.source_profile)
        fields = ("arn", "account", "user_id")
        if (
            not refresh
            and isinstance(cached, dict)
            and all(isinstance(cached.get(k), str) for k in fields)
        ):
            return Caller(cached["arn"], cached["account"], cached["user_id"])
        try:
            ident = self.sts().get_caller_identity()
        except Exception as exc:
            raise explain(exc, self._ctx(Phrase("identify your IAM user"))) from None
        caller = Caller(ident["Arn"], ident["Account"], ident["UserId"])
        with update_state(self.store.dirs) as state:
            writable_table(state, "callers")[self.target.source_profile] = {
                "arn": caller.arn,
                "account": caller.account,
                "user_id": caller.user_id,
            }
        return caller

    def warm(self) -> None:
        """While the user types the code: open the STS connection (a GetCallerIdentity, which
        is always allowed) so AssumeRole pays no connection set-up, and refresh the user."""
        self.caller(refresh=True)

    def mfa_serial(self) -> tuple[str, bool]:
        """The device ARN, and whether it was discovered (so the user may save it)."""
        if self.target.mfa_serial:
            return self.target.mfa_serial, False
        try:
            iam = self.client("iam")
            devices = iam.list_mfa_devices(UserName=self.caller().user_name)["MFADevices"]
        except Exception as exc:
            raise explain(exc, self._ctx(Phrase("list your MFA devices"))) from None
        if not devices:
            raise ConfigError(
                Phrase(
                    "The IAM user of profile '{profile}' has no MFA device; assign one in the "
                    "IAM console (or with `elevate-tray setup mfa-device`) first.",
                    profile=self.target.source_profile,
                )
            )
        return devices[0]["SerialNumber"], True

    # -- durations --------------------------------------------------------------------
    def duration(self, requested: int | None, default: int) -> int:
        seconds = requested or self.target.duration_seconds or default
        if seconds < MIN_DURATION:
            raise ConfigError(
                Phrase(
                    "The shortest elevation AWS allows is 15 minutes; you asked for {asked}.",
                    asked=format_duration(seconds),
                )
            )
        known = self.target.max_duration  # the profile's or one learned from AWS
        if known and seconds > known:
            raise ConfigError(
                Phrase(
                    "{role} allows at most {limit}; you asked for {asked}. "
                    "Choose a shorter duration.",
                    role=self.target.role_name,
                    limit=format_duration(known),
                    asked=format_duration(seconds),
                )
            )
        return seconds

    # -- the elevation ----------------------------------------------------------------
    def _assume_params(
        self, caller: Caller, duration: int, reason: str, elevation_id: str
    ) -> dict[str, Any]:
        """AssumeRole's parameters (also the chained path's): the session named for this one
        elevation, the source identity (if the role allows it) for the person."""
        params: dict[str, Any] = {
            "RoleArn": self.target.role_arn,
            "RoleSessionName": elevation_session_name(caller.user_name, elevation_id),
            "DurationSeconds": duration,
        }
        if self.target.prefs.allows_source_identity:
            params["SourceIdentity"] = source_identity(caller.user_name)
        tag = sanitise_tag_value(reason)
        if tag and self.target.prefs.allows_session_tags:
            params["Tags"] = [{"Key": REASON_TAG, "Value": tag}]
        return params

    def elevate(
        self,
        code: str,
        *,
        duration: int | None = None,
        default_duration: int = 3600,
        reason: str = "",
        next_code: Callable[[], str] | None = None,
        via: str = "cli",
    ) -> Elevation:
        serial, _ = self.mfa_serial()
        seconds = self.duration(duration, default_duration)
        if self.codes.was_spent(serial, code):
            raise MfaRejected(CODE_ALREADY_USED)
        caller = self.caller()
        elevation_id = self.elevation_ids()
        params = self._assume_params(caller, seconds, reason, elevation_id)
        action = Phrase(
            "assume {role} in account {account}",
            role=self.target.role_name,
            account=self.target.account,
        )
        note = ""
        try:
            resp = _checked(self.sts().assume_role(SerialNumber=serial, TokenCode=code, **params))
            self.codes.remember(serial, code)
        except Exception as exc:
            message = str(
                ((getattr(exc, "response", None) or {}).get("Error") or {}).get("Message", "")
            )
            if message and INVALID_OTP not in message:
                self.codes.remember(serial, code)  # AWS may have spent it: never resend it
            if "explicit deny" not in message:
                raise explain(exc, self._ctx(action, mfa_serial=serial)) from None
            resp, note = self._chained(serial, code, params, next_code, action)
        granted = min(seconds, CHAINED_MAX) if note else seconds
        session = self._session(resp, caller, reason, granted, bool(note), elevation_id)
        creds = _creds(resp["Credentials"])
        self.store.save(session, creds, via=via)
        return Elevation(session, creds, note)

    def _chained(
        self,
        serial: str,
        code: str,
        params: dict[str, Any],
        next_code: Callable[[], str] | None,
        action: str,
    ) -> tuple[dict[str, Any], str]:
        """The fallback: an MFA session first, then AssumeRole with it (role chaining)."""
        log.info("direct AssumeRole met an explicit deny; trying through an MFA session")
        params = dict(params, DurationSeconds=min(params["DurationSeconds"], CHAINED_MAX))
        ctx = self._ctx(Phrase("start an MFA session"), mfa_serial=serial, code_was_reused=True)
        try:
            tok = self._session_token(serial, code, CHAINED_MAX)
        except Exception as exc:
            if INVALID_OTP not in str(exc) or next_code is None:
                raise explain(exc, ctx) from None
            code = next_code()  # the refused direct call spent the first code
            try:
                tok = self._session_token(serial, code, CHAINED_MAX)
            except Exception as exc2:
                raise explain(
                    exc2, self._ctx(Phrase("start an MFA session"), mfa_serial=serial)
                ) from None
        self.codes.remember(serial, code)
        chained_sts = awsclients.client(
            "sts",
            region=self.target.region,
            credentials=_creds(tok["Credentials"]),
            environ=self.environ,
        )
        try:
            resp = _checked(chained_sts.assume_role(**params))
        except Exception as exc:
            raise explain(exc, self._ctx(action)) from None
        note = Phrase(
            "A policy denies assuming the role directly with your access keys, so elevate-tray "
            "went through an MFA session first; AWS limits such sessions to 1 hour."
        )
        return resp, note

    def _session_token(self, serial: str, code: str, seconds: int) -> dict[str, Any]:
        """GetSessionToken with MFA: the fallback's first step, and the read-only session."""
        return _checked(
            self.sts().get_session_token(
                SerialNumber=serial, TokenCode=code, DurationSeconds=seconds
            )
        )

    def _session(
        self,
        resp: dict[str, Any],
        caller: Caller,
        reason: str,
        seconds: int,
        chained: bool,
        elevation_id: str,
    ) -> ElevatedSession:
        creds = _creds(resp["Credentials"])
        # AWS's own issue time (its clock, not ours): what revocation must compare against
        issued = creds.expiration - timedelta(seconds=seconds)
        assumed = resp["AssumedRoleUser"]
        return ElevatedSession(
            key=self.target.name,
            kind="admin",
            target=self.target.name,
            account=self.target.account,
            role_session_arn=assumed["Arn"],
            started_at=issued,
            expires_at=creds.expiration,
            user_name=caller.user_name,
            assumed_role_id=assumed["AssumedRoleId"],
            source_identity=resp.get("SourceIdentity", ""),
            reason=reason,
            region=self.target.region,
            partition=self.target.partition,
            chained=chained,
            elevation_id=elevation_id,
        )

    # -- read-only CLI session ---------------------------------------------------------
    def readonly_session(
        self, code: str, duration: int | None = None, via: str = "cli"
    ) -> Elevation:
        """GetSessionToken with MFA: the seed's users need it even to read from a terminal;
        for `duration` seconds, by default the settings' readonly_duration."""
        duration = duration or self.readonly_duration
        serial, _ = self.mfa_serial()
        if self.codes.was_spent(serial, code):
            raise MfaRejected(CODE_ALREADY_USED)
        caller = self.caller()
        try:
            tok = self._session_token(serial, code, duration)
        except Exception as exc:
            raise explain(
                exc, self._ctx(Phrase("start a read-only MFA session"), mfa_serial=serial)
            ) from None
        self.codes.remember(serial, code)
        creds = _creds(tok["Credentials"])
        session = ElevatedSession(
            key=readonly_key(self.target.source_profile),
            kind="read-only",
            target=self.target.name,
            account=caller.account,
            role_session_arn=caller.arn,
            started_at=creds.expiration - timedelta(seconds=duration),  # AWS's clock
            expires_at=creds.expiration,
            user_name=caller.user_name,
            region=self.target.region,
            partition=self.target.partition,
        )
        self.store.save(session, creds, via=via)
        return Elevation(session, creds)


__all__ = ["Caller", "Elevation", "Elevator", "ElevateError"]
