"""Elevated (and read-only CLI) sessions: secrets in the secret store, facts in the state file.

Expiry is by wall clock: a session past its expiry is gone for every command and purged the
first time anyone looks. Each entry names the store that holds its secret, and the secret is
read from that store (a session saved to the file store stays there when a keyring appears).
A session dropped while its revocation could not reach AWS waits in "revoke_pending", its
secret under another key, until the revocation is retried or it would have expired; nothing
there is ever served.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from . import audit, receipts, secretfile
from .choice import answering_entry
from .clock import Clock, SystemClock, parse_iso
from .entrysecrets import EntrySecrets
from .errors import ConfigError, Phrase
from .paths import AppDirs
from .secrets import SecretStore, SecretStoreUnavailable
from .statefile import (
    LAST_ELEVATED,
    PENDING,
    SESSIONS,
    entries,
    last_elevated,
    read_state,
    table,
    valid_entry,
    writable_table,
)
from .statelock import StateNotWritten, recorded, update_state
from .values import (
    Credentials,
    ElevatedSession,
    EndReason,
    Kind,
    pending_secret_key,
    readonly_key,
    secret_key,
)

log = logging.getLogger(__name__)

__all__ = ["Credentials", "ElevatedSession", "EndReason", "Kind", "SessionStore", "readonly_key"]


def _same_session(entry: dict[str, Any], session: ElevatedSession) -> bool:
    """One AWS session, not just one target: a re-elevation is another session."""
    try:
        return (
            entry["role_session_arn"] == session.role_session_arn
            and parse_iso(entry["started_at"]) == session.started_at
            and parse_iso(entry["expires_at"]) == session.expires_at
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return False


def not_saved(exc: OSError) -> ConfigError:
    return ConfigError(
        Phrase(
            "AWS granted the session but this computer could not save it ({problem}); "
            "free space and elevate again.",
            problem=exc.strerror or type(exc).__name__,
        )
    )


def _session(key: str, entry: dict[str, Any] | None) -> ElevatedSession | None:
    good = valid_entry(key, entry)
    return ElevatedSession.from_json(good) if good is not None else None


class SessionStore:
    def __init__(
        self,
        dirs: AppDirs,
        secrets: SecretStore | Callable[[], SecretStore],
        clock: Clock | None = None,
        notices: list[Phrase] | None = None,
        aws_profile: str | None = None,
    ) -> None:
        self.dirs = dirs
        self.vault = EntrySecrets(dirs, secrets)
        self.clock = clock or SystemClock()
        self.notices = notices if notices is not None else []
        self.aws_profile = aws_profile  # this process's AWS_PROFILE: the rule's 4th step

    @property
    def secrets(self) -> SecretStore:
        """The store new secrets go to (an entry's own is read through `self.vault`)."""
        return self.vault.current

    # -- writing ----------------------------------------------------------------------
    def check_writable(self) -> None:
        """Before AssumeRole: the store opens and the disk has room, so no MFA code is
        spent on a session that cannot be kept. Raises SecretStoreUnavailable or ConfigError."""
        self.vault.check()

    def save(self, session: ElevatedSession, creds: Credentials, via: str = "cli") -> Phrase | None:
        """Keep a session; the notice to give when its secret had to go to the file store.
        A disk that cannot take it: one ConfigError sentence (AWS did grant the session)."""
        entry = session.to_json()
        try:
            with update_state(self.dirs) as state:
                # secret first, then the entry, both under the lock: a crash in between leaves
                # an orphan secret (swept later), never an entry whose credentials are missing;
                # a crash inside a secret's write leaves its temporary file, swept here
                secretfile.sweep_temp(self.dirs.secrets_dir)
                notice = self.vault.keep(entry, secret_key(session.key), creds.to_secret())
                old = _session(session.key, table(state, SESSIONS).get(session.key))
                writable_table(state, SESSIONS)[session.key] = entry
                if session.kind == "admin":
                    state[LAST_ELEVATED] = session.key
                    if old is not None and not _same_session(old.to_json(), session):
                        receipts.mark_ended(state, old, "replaced", self.clock.now())
                    receipts.begin(state, session, creds.access_key_id)
        except OSError as exc:
            log.info("could not save the session: %s", exc.strerror or type(exc).__name__)
            raise not_saved(exc) from None
        self._audit("elevated" if session.kind == "admin" else "read-only-session", session, via)
        if notice is not None:
            self.notices.append(notice)
        return notice

    def _audit(self, event: str, session: ElevatedSession, via: str, **kw: Any) -> None:
        try:
            audit.record(self.dirs, event, session, via=via, **kw)
        except OSError as exc:
            log.warning("could not write the audit log: %s", exc.strerror or type(exc).__name__)

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
        with recorded(), update_state(self.dirs) as state:
            sessions = table(state, SESSIONS)
            stored = sessions.get(key)
            if only is not None and not (isinstance(stored, dict) and _same_session(stored, only)):
                return None
            entry = sessions.pop(key, None)
            if last_elevated(state) == key:
                state.pop(LAST_ELEVATED)
            ended = _session(key, entry)
            if ended is not None:
                receipts.mark_ended(state, ended, how, self.clock.now())
            # the secret goes once the state says so (a disk that refuses the write leaves
            # the session whole), inside the lock as save() writes: a racing save keeps its own
            state.commit()
            self.vault.forget(entry, secret_key(key))
        session = _session(key, entry)
        if session is not None:
            self._audit("ended", session, via, ended=how, now=self.clock.now())
        return session

    # -- revocation pending -------------------------------------------------------------
    def mark_revoke_pending(self, session: ElevatedSession, via: str = "cli") -> bool:
        """Drop a session here while its revocation waits: out of "sessions" (never served
        again), its secret moved to "revoke-pending:<key>" (an older pending revocation of
        the same key is replaced: revoking the newer session denies the older one too).
        False when the session was no longer there or its secret was gone (then it is simply
        dropped)."""
        key = session.key
        with recorded(), update_state(self.dirs) as state:
            sessions = table(state, SESSIONS)
            stored = sessions.get(key)
            if not (isinstance(stored, dict) and _same_session(stored, session)):
                return False
            entry = dict(sessions.pop(key))
            if last_elevated(state) == key:
                state.pop(LAST_ELEVATED)
            receipts.mark_ended(state, session, "dropped", self.clock.now())
            try:
                raw = self.vault.read(entry, secret_key(key))
            except SecretStoreUnavailable:
                raw = None
            if raw is not None:  # kept in the store the session was in
                store = self.vault.named(entry.get("store"))
                self.vault.keep(entry, pending_secret_key(key), raw, store)
                writable_table(state, PENDING)[key] = entry
            state.commit()
            self.vault.forget(stored, secret_key(key))
        self._audit("ended", session, via, ended="dropped", now=self.clock.now())
        return raw is not None

    def revoke_pending(self) -> list[ElevatedSession]:
        """Sessions dropped here whose revocation is still to be done; the ones that would
        have expired by now are forgotten, secrets and all."""
        self.purge_expired()
        pending = entries(read_state(self.dirs.state_file), PENDING)
        now = self.clock.now()
        out = [ElevatedSession.from_json(entry) for entry in pending.values()]
        out = [s for s in out if s.expires_at > now]
        return sorted(out, key=lambda s: s.started_at, reverse=True)

    def pending_credentials(self, session: ElevatedSession) -> Credentials | None:
        entry = entries(read_state(self.dirs.state_file), PENDING).get(session.key)
        if entry is None or not _same_session(entry, session):
            return None
        return _parse(self.vault.read(entry, pending_secret_key(session.key)))

    def clear_revoke_pending(self, key: str, how: EndReason, via: str = "cli") -> None:
        """The revocation happened ("revoked") or no longer matters ("expired")."""
        with recorded(), update_state(self.dirs) as state:
            entry = table(state, PENDING).pop(key, None)
            if entry is None:
                return
            revoked = _session(key, entry)
            if how == "revoked" and revoked is not None:
                receipts.mark_ended(state, revoked, how, self.clock.now())
            state.commit()
            self.vault.forget(entry, pending_secret_key(key))
        session = _session(key, entry)
        if session is not None:
            self._audit("revoke-pending-ended", session, via, ended=how, now=self.clock.now())

    # -- reading ----------------------------------------------------------------------
    def _entries(self) -> dict[str, ElevatedSession]:
        out = {}
        for key, entry in entries(read_state(self.dirs.state_file)).items():
            session = _session(key, entry)
            if session is not None:
                out[key] = session
        return out

    def purge_expired(self) -> list[ElevatedSession]:
        """End what has expired. Housekeeping: a disk that refuses the write leaves it for
        the next look (readers skip expired entries anyway), never a traceback."""
        now = self.clock.now()
        gone = []
        state = read_state(self.dirs.state_file)
        try:
            for key, entry in entries(state).items():
                if parse_iso(entry["expires_at"]) <= now:
                    ended = self.end(key, "expired")
                    if ended:
                        gone.append(ended)
            for key, entry in entries(state, PENDING).items():
                if parse_iso(entry["expires_at"]) <= now:  # its revocation no longer matters
                    self.clear_revoke_pending(key, "expired")
            if gone:
                self.sweep_orphans()
        except (OSError, StateNotWritten):
            log.info("could not purge expired sessions; the next look will")
        return gone

    def sweep_orphans(self) -> int:
        """Delete file-kept secrets no state entry points at (a process killed between
        writing the secret and the state). Secrets are written first, so the reverse — an
        entry without its secret — cannot happen that way. The secret of a session waiting
        for its revocation is kept as long as its entry is."""
        directory = self.dirs.secrets_dir
        if not directory.is_dir():
            return 0
        with update_state(self.dirs) as state:  # under the lock: no save is half-done
            swept = secretfile.sweep_temp(directory)
            owners = {
                "session:": set(table(state, SESSIONS)),
                "revoke-pending:": set(table(state, PENDING)),
            }
            for path in directory.glob("*.json"):
                key = secretfile.key_of(path) or ""
                for prefix, keys in owners.items():
                    if key.startswith(prefix) and key.removeprefix(prefix) not in keys:
                        path.unlink(missing_ok=True)
                        swept += 1
        return swept

    def live(self) -> list[ElevatedSession]:
        """All live sessions, most recently started first; expired ones are purged."""
        self.purge_expired()
        now = self.clock.now()
        live = [s for s in self._entries().values() if s.expires_at > now]
        return sorted(live, key=lambda s: s.started_at, reverse=True)

    def get(self, key: str) -> ElevatedSession | None:
        return next((s for s in self.live() if s.key == key), None)

    def answering(
        self, target: str | None, readonly: bool, aws_profile: str | None
    ) -> ElevatedSession | None:
        """The session that answers `credentials` (core/choice.py's rule, as the fast path)."""
        self.purge_expired()
        state = read_state(self.dirs.state_file)
        entry = answering_entry(state, target, readonly, aws_profile, self.clock.now())
        return ElevatedSession.from_json(entry) if entry is not None else None

    def current_admin(self, target: str | None = None) -> ElevatedSession | None:
        """The admin session shown (status, the tray) and served: the same rule, with this
        process's AWS_PROFILE."""
        return self.answering(target, readonly=False, aws_profile=self.aws_profile)

    def credentials(self, session: ElevatedSession) -> Credentials | None:
        """The live session's credentials; None when they are absent (or not safely ours).
        Raises SecretStoreUnavailable when the store that holds them cannot be opened."""
        entry = entries(read_state(self.dirs.state_file)).get(session.key)
        if entry is None:
            return None
        return _parse(self.vault.read(entry, secret_key(session.key)))


def _parse(raw: str | None) -> Credentials | None:
    if raw is None:
        return None
    try:
        return Credentials.from_secret(raw)
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
