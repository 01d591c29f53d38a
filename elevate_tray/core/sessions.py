"""Elevated (and read-only CLI) sessions: secrets in the secret store, facts in the state file.

Expiry is by wall clock: a session past its expiry is gone for every command and purged the
first time anyone looks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

from . import audit
from .clock import Clock, SystemClock, format_iso, parse_iso
from .paths import AppDirs
from .secrets import FileStore, SecretStore
from .statefile import read_state, update_state

Kind = Literal["admin", "read-only"]
EndReason = Literal["expired", "dropped", "revoked"]


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
    extra: dict[str, Any] = field(default_factory=dict)

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


def _same_session(entry: dict[str, Any], session: ElevatedSession) -> bool:
    """One AWS session, not just one target: a re-elevation is another session."""
    try:
        return (
            entry["role_session_arn"] == session.role_session_arn
            and parse_iso(entry["started_at"]) == session.started_at
            and parse_iso(entry["expires_at"]) == session.expires_at
        )
    except (KeyError, TypeError, ValueError):
        return False


def readonly_key(source_profile: str) -> str:
    return f"readonly:{source_profile}"


def _secret_key(session_key: str) -> str:
    return f"session:{session_key}"


class SessionStore:
    def __init__(
        self,
        dirs: AppDirs,
        secrets: SecretStore | Callable[[], SecretStore],
        clock: Clock | None = None,
    ) -> None:
        self.dirs = dirs
        self._secrets = secrets
        self.clock = clock or SystemClock()

    @property
    def secrets(self) -> SecretStore:
        # resolved on first use: `status` should not pay for importing keyring
        if callable(self._secrets) and not hasattr(self._secrets, "get"):
            self._secrets = self._secrets()
        return self._secrets  # type: ignore[return-value]

    # -- writing ----------------------------------------------------------------------
    def save(self, session: ElevatedSession, creds: Credentials, via: str = "cli") -> None:
        entry = session.to_json()
        entry["store"] = self.secrets.kind
        if isinstance(self.secrets, FileStore):
            # lets `credentials` read it without importing keyring (the 60 ms budget)
            entry["secret_file"] = str(self.secrets.path_for(_secret_key(session.key)))
        with update_state(self.dirs) as state:
            # secret first, then the entry, both under the lock: a crash in between leaves
            # an orphan secret (swept later), never an entry whose credentials are missing
            self.secrets.set(_secret_key(session.key), creds.to_secret())
            state.setdefault("sessions", {})[session.key] = entry
            if session.kind == "admin":
                state["last_elevated"] = session.key
        audit.record(
            self.dirs,
            "elevated" if session.kind == "admin" else "read-only-session",
            session,
            via=via,
        )

    def end(
        self,
        key: str,
        how: EndReason,
        via: str = "cli",
        only: ElevatedSession | None = None,
    ) -> ElevatedSession | None:
        """Forget a session (secret and facts); returns what it was, if anything.

        With `only`, end it only while the stored entry is still that AWS session, decided
        under the lock: a terminal may have re-elevated the same target meanwhile."""
        with update_state(self.dirs) as state:
            stored = state.get("sessions", {}).get(key)
            if only is not None and not (stored and _same_session(stored, only)):
                return None
            entry = state.get("sessions", {}).pop(key, None)
            if state.get("last_elevated") == key:
                state.pop("last_elevated")
            # inside the lock, as save() writes: a save racing this drop keeps its secret
            self.secrets.delete(_secret_key(key))
        if entry is None:
            return None
        session = ElevatedSession.from_json(entry)
        audit.record(self.dirs, "ended", session, ended=how, via=via, now=self.clock.now())
        return session

    # -- reading ----------------------------------------------------------------------
    def _entries(self) -> dict[str, ElevatedSession]:
        raw = read_state(self.dirs.state_file).get("sessions", {})
        out = {}
        for key, entry in raw.items():
            try:
                out[key] = ElevatedSession.from_json(entry)
            except (KeyError, TypeError, ValueError):
                continue
        return out

    def purge_expired(self) -> list[ElevatedSession]:
        now = self.clock.now()
        gone = []
        entries = self._entries()
        for key, session in entries.items():
            if session.expires_at <= now:
                ended = self.end(key, "expired")
                if ended:
                    gone.append(ended)
        if gone:
            self.sweep_orphans()
        return gone

    def sweep_orphans(self) -> int:
        """Delete file-kept session secrets no state entry points at (a process killed
        between writing the secret and the state). Secrets are written first, so the
        reverse — a state entry without its secret — cannot happen that way."""
        if not isinstance(self.secrets, FileStore) or not self.secrets.directory.is_dir():
            return 0
        with update_state(self.dirs) as state:  # under the lock: no save is half-done
            live = set(state.get("sessions", {}))
            swept = 0
            for path in self.secrets.directory.glob("*.json"):
                try:
                    key = json.loads(path.read_text(encoding="utf-8")).get("key", "")
                except (OSError, ValueError):
                    continue
                if key.startswith("session:") and key.removeprefix("session:") not in live:
                    path.unlink(missing_ok=True)
                    swept += 1
        return swept

    def live(self) -> list[ElevatedSession]:
        """All live sessions, most recently started first; expired ones are purged."""
        self.purge_expired()
        return sorted(self._entries().values(), key=lambda s: s.started_at, reverse=True)

    def get(self, key: str) -> ElevatedSession | None:
        return next((s for s in self.live() if s.key == key), None)

    def current_admin(self, target: str | None = None) -> ElevatedSession | None:
        admins = [s for s in self.live() if s.kind == "admin"]
        if target:
            return next((s for s in admins if s.target == target), None)
        last = read_state(self.dirs.state_file).get("last_elevated")
        return next((s for s in admins if s.key == last), admins[0] if admins else None)

    def credentials(self, session: ElevatedSession) -> Credentials | None:
        raw = self.secrets.get(_secret_key(session.key))
        if raw is None:
            return None
        try:
            return Credentials.from_secret(raw)
        except (KeyError, ValueError):
            return None


# -- TEMPORARY (lead): replaced by the state work's real implementation at merge ------------
def _tmp_answering(
    self: SessionStore, target: str | None, readonly: bool, aws_profile: str | None
) -> ElevatedSession | None:
    if readonly:
        ro = [s for s in self.live() if s.kind == "read-only"]
        return next((s for s in ro if target is None or s.target == target), None)
    return self.current_admin(target)


SessionStore.answering = _tmp_answering  # type: ignore[attr-defined]
SessionStore.check_writable = lambda self: None  # type: ignore[attr-defined]
SessionStore.revoke_pending = lambda self: []  # type: ignore[attr-defined]
SessionStore.mark_revoke_pending = lambda self, s: self.end(s.key, "dropped")  # type: ignore[attr-defined]
SessionStore.pending_credentials = lambda self, s: None  # type: ignore[attr-defined]
SessionStore.clear_revoke_pending = lambda self, k, how: None  # type: ignore[attr-defined]
