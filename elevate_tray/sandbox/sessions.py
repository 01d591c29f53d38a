"""The sandbox's own tables: temporary credentials it issued, and MFA codes already used."""

from __future__ import annotations

import secrets
import string
import threading
from dataclasses import dataclass, field
from datetime import datetime

import pyotp

from .errors import MFA_INVALID_CODE, access_denied


@dataclass
class TempCredential:
    """Credentials from GetSessionToken ("session-token") or AssumeRole ("assumed-role")."""

    access_key_id: str
    secret_access_key: str
    session_token: str
    kind: str
    account_id: str
    partition: str
    issued_at: datetime
    expires_at: datetime
    mfa_present: bool
    mfa_authenticated_at: datetime | None = None
    user_name: str | None = None  # session-token: whose session it is
    role_arn: str | None = None
    role_name: str | None = None
    role_id: str | None = None
    session_name: str | None = None
    source_identity: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    chained: bool = False  # assumed with temporary credentials (role chaining)
    session_policies: tuple[str, ...] = ()
    # the long-term access key that obtained it (a chained AssumeRole: its parent's); see keys
    source_key_id: str | None = None
    console: bool = False  # the console session's own credentials (signin.py)
    # the account of that long-term key (a cross-account role session: not account_id)
    source_account_id: str | None = None

    @property
    def key_account_id(self) -> str:
        return self.source_account_id or self.account_id

    @property
    def assumed_role_arn(self) -> str:
        return (
            f"arn:{self.partition}:sts::{self.account_id}:assumed-role/"
            f"{self.role_name}/{self.session_name}"
        )

    @property
    def assumed_role_id(self) -> str:
        return f"{self.role_id}:{self.session_name}"


_ALNUM = string.ascii_uppercase + string.digits


def new_key_id() -> str:
    return "ASIA" + "".join(secrets.choice(_ALNUM) for _ in range(16))


def new_secret() -> str:
    return secrets.token_urlsafe(30)[:40]


def new_session_token() -> str:
    return "IQoJb3JpZ2luX2VjE" + secrets.token_urlsafe(180)


class CredentialTable:
    def __init__(self) -> None:
        self._by_key: dict[str, TempCredential] = {}
        self._lock = threading.Lock()

    def add(self, cred: TempCredential) -> None:
        with self._lock:
            self._by_key[cred.access_key_id] = cred

    def get(self, access_key_id: str) -> TempCredential | None:
        with self._lock:
            return self._by_key.get(access_key_id)

    def clear(self) -> None:
        with self._lock:
            self._by_key.clear()


class MfaCodes:
    """Checks TOTP codes the way AWS does: the current 30 s window or one either side, and
    never a code of a window at or before the last one accepted for that device."""

    def __init__(self) -> None:
        self._last_counter: dict[str, int] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._last_counter.clear()

    @staticmethod
    def counter_of(secret: str, code: str, now: datetime, window: int = 1) -> int | None:
        totp = pyotp.TOTP(secret)
        current = totp.timecode(now)
        for counter in range(current - window, current + window + 1):
            if secrets.compare_digest(totp.generate_otp(counter), code):
                return counter
        return None

    def consume(self, serial: str, secret: str, code: str, now: datetime) -> None:
        """Accept the code (and remember it) or raise AWS's AccessDenied."""
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise access_denied(MFA_INVALID_CODE)
        counter = self.counter_of(secret, code, now)
        with self._lock:
            if counter is None or counter <= self._last_counter.get(serial, -1):
                raise access_denied(MFA_INVALID_CODE)
            self._last_counter[serial] = counter

    def enable(self, serial: str, secret: str, code1: str, code2: str, now: datetime) -> bool:
        """EnableMFADevice's two consecutive codes (recent windows accepted); remembers the
        second so it cannot be replayed to STS."""
        if not all(len(c) == 6 and c.isascii() and c.isdigit() for c in (code1, code2)):
            return False
        first = self.counter_of(secret, code1, now, window=3)
        second = self.counter_of(secret, code2, now, window=3)
        if first is None or second is None or second != first + 1:
            return False
        with self._lock:
            self._last_counter[serial] = max(second, self._last_counter.get(serial, -1))
        return True
