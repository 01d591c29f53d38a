"""The session value types every layer shares: what a session is, and its credentials.

Stdlib-only, and importing nothing of the store or the audit log, so both (and the fast
path) can use them without importing each other.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Literal

from .clock import format_iso, parse_iso

Kind = Literal["admin", "read-only"]
EndReason = Literal["expired", "dropped", "revoked"]
READONLY_PREFIX = "readonly:"


def readonly_key(source_profile: str) -> str:
    return f"{READONLY_PREFIX}{source_profile}"


def secret_key(session_key: str) -> str:
    """Where a live session's credentials are kept in the secret store."""
    return f"session:{session_key}"


def pending_secret_key(session_key: str) -> str:
    """Where a dropped session's credentials wait for its revocation (never served)."""
    return f"revoke-pending:{session_key}"


@dataclass(frozen=True)
class Credentials:
    access_key_id: str
    secret_access_key: str
    session_token: str
    expiration: datetime

    def __repr__(self) -> str:  # never let a secret reach a log through repr()
        return f"Credentials(access_key_id={self.access_key_id[:4]}…, expiration={self.expiration})"

    def process_json(self) -> str:
        """The credential_process document (Version 1)."""
        return json.dumps(
            {
                "Version": 1,
                "AccessKeyId": self.access_key_id,
                "SecretAccessKey": self.secret_access_key,
                "SessionToken": self.session_token,
                "Expiration": format_iso(self.expiration),
            }
        )

    def to_secret(self) -> str:
        return self.process_json()

    @classmethod
    def from_secret(cls, text: str) -> Credentials:
        d = json.loads(text)
        return cls(
            d["AccessKeyId"], d["SecretAccessKey"], d["SessionToken"], parse_iso(d["Expiration"])
        )


@dataclass(frozen=True)
class ElevatedSession:
    """What is known about a live session, none of it secret."""

    key: str  # target name (admin) or "readonly:<source profile>"
    kind: Kind
    target: str
    account: str
    role_session_arn: str  # for a read-only session: the user's ARN
    started_at: datetime
    expires_at: datetime
    user_name: str = ""
    assumed_role_id: str = ""  # "AROA…:session-name", what aws:userid holds
    source_identity: str = ""
    reason: str = ""
    region: str = ""
    partition: str = "aws"
    chained: bool = False  # came through GetSessionToken → AssumeRole (capped at 1 h)
    # the elevation's public id, the `-<id>` ending its role session name ("": a read-only
    # session, or one stored by a version before per-elevation ids); never a secret
    elevation_id: str = ""

    def seconds_left(self, now: datetime) -> int:
        """Seconds until expiry, never more than AWS granted (a clock set back cannot stretch
        the countdown past what the credentials really have)."""
        left = min(self.expires_at - now, self.expires_at - self.started_at)
        return max(0, int(left.total_seconds()))

    @property
    def role_session_name(self) -> str:
        return self.assumed_role_id.split(":", 1)[-1] if self.assumed_role_id else ""

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["started_at"] = format_iso(self.started_at)
        d["expires_at"] = format_iso(self.expires_at)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ElevatedSession:
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        known["started_at"] = parse_iso(d["started_at"])
        known["expires_at"] = parse_iso(d["expires_at"])
        return cls(**known)
