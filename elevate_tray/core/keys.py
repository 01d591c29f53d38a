"""Long-term access keys kept in the secret store instead of ~/.aws/credentials.

The secret (key id and secret key) lives in the store sessions use (the OS keyring, or the
user-only file store where no keyring is usable); what is not secret lives in the state file's
"access_keys" table, one entry per profile: where the secret is, the key's id, its user, when
the key was created (when known) and kept. The credential fast path reads that table, so a
file-kept key is served without keyring or boto3, and a keyring-kept one by the running tray.

A rotation keeps its next key under a second name ("access-key-next:") until it is verified,
and leaves a journal in the entry ("rotation") so an interrupted one can be finished.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import format_iso
from .entrysecrets import EntrySecrets
from .errors import ConfigError, Phrase
from .paths import AppDirs
from .secrets import FileStore, SecretStore, SecretStoreUnavailable
from .statefile import parse_time, read_state, table, writable_table
from .statelock import recorded, update_state
from .values import Credentials

log = logging.getLogger(__name__)

KEYS = "access_keys"  # the state table
SECRET_PREFIX = "access-key:"
NEXT_PREFIX = "access-key-next:"


KEY_FIELDS = ("aws_access_key_id", "aws_secret_access_key")


def served_by_us(values: Mapping[str, Any], profile: str) -> bool:
    """A profile (its merged settings) whose credentials come from this app's
    `credentials --source PROFILE`, with no key written in a file overriding it."""
    from .commandline import serves_source

    return serves_source(values.get("credential_process"), profile) and not any(
        values.get(k) for k in KEY_FIELDS
    )


def secret_name(profile: str) -> str:
    return f"{SECRET_PREFIX}{profile}"


def next_secret_name(profile: str) -> str:
    return f"{NEXT_PREFIX}{profile}"


def masked(access_key_id: str) -> str:
    """A key id as the app shows it: its last four characters."""
    return f"…{access_key_id[-4:]}" if access_key_id else "?"


@dataclass(frozen=True)
class AccessKey:
    access_key_id: str
    secret_access_key: str

    def __repr__(self) -> str:  # never let the secret reach a log through repr()
        return f"AccessKey({masked(self.access_key_id)})"

    def to_secret(self) -> str:
        return json.dumps(
            {"AccessKeyId": self.access_key_id, "SecretAccessKey": self.secret_access_key}
        )

    @classmethod
    def from_secret(cls, text: str) -> AccessKey | None:
        try:
            data = json.loads(text)
            key, secret = data["AccessKeyId"], data["SecretAccessKey"]
        except (ValueError, KeyError, TypeError):
            return None
        if not isinstance(key, str) or not isinstance(secret, str) or not key or not secret:
            return None
        return cls(key, secret)

    def process_json(self) -> str:
        """credential_process's document for long-term keys: no token, no expiration."""
        return json.dumps(
            {
                "Version": 1,
                "AccessKeyId": self.access_key_id,
                "SecretAccessKey": self.secret_access_key,
            }
        )

    def as_credentials(self) -> Credentials:
        from datetime import UTC

        return Credentials(
            self.access_key_id, self.secret_access_key, "", datetime.max.replace(tzinfo=UTC)
        )


@dataclass(frozen=True)
class KeptKey:
    """What the state says about one profile's kept key (nothing secret)."""

    profile: str
    access_key_id: str
    store: str
    user_arn: str
    kept_at: datetime
    created: datetime | None  # the key's CreateDate in IAM, when known
    rotation: dict[str, Any]  # an unfinished rotation's journal ({} when none)

    @property
    def since(self) -> datetime:
        """The date its age counts from: the key's creation, else when it was kept."""
        return self.created or self.kept_at

    def age_days(self, now: datetime) -> int:
        return max(0, (now - self.since).days)


def _kept(profile: str, entry: object) -> KeptKey | None:
    if not isinstance(entry, dict):
        return None
    key_id, store = entry.get("access_key_id"), entry.get("store")
    if not isinstance(key_id, str) or store not in ("file", "keyring"):
        return None
    try:
        kept_at = parse_time(entry.get("kept_at"))
        created = parse_time(entry["created"]) if entry.get("created") else None
    except (ValueError, OverflowError):
        return None
    rotation = entry.get("rotation")
    return KeptKey(
        profile,
        key_id,
        str(store),
        str(entry.get("user_arn", "")),
        kept_at,
        created,
        rotation if isinstance(rotation, dict) else {},
    )


def due(kept: list[KeptKey], days: int, now: datetime) -> list[tuple[str, int]]:
    """The kept keys at least `days` old (profile, age in days); [] when `days` is 0 (off)."""
    if days <= 0:
        return []
    return [(k.profile, k.age_days(now)) for k in kept if k.age_days(now) >= days]


class KeptKeys:
    """The kept keys of this app home."""

    def __init__(self, dirs: AppDirs, current: SecretStore | Callable[[], SecretStore]) -> None:
        self.dirs = dirs
        self.vault = EntrySecrets(dirs, current)
        # keys read once per process (the tray serves them from here): a rotation or an
        # import elsewhere changes the key id in the state, and the key is read again
        self._memo: dict[str, AccessKey] = {}

    # -- reading ------------------------------------------------------------------------
    def all(self) -> list[KeptKey]:
        found = (_kept(p, e) for p, e in table(read_state(self.dirs.state_file), KEYS).items())
        return sorted((k for k in found if k is not None), key=lambda k: k.profile)

    def info(self, profile: str) -> KeptKey | None:
        return _kept(profile, table(read_state(self.dirs.state_file), KEYS).get(profile))

    def _read(self, entry: dict[str, Any], name: str) -> AccessKey | None:
        text = self.vault.read(entry, name)
        return AccessKey.from_secret(text) if text else None

    def read(self, profile: str) -> AccessKey | None:
        """The profile's kept key; None when none is kept; SecretStoreUnavailable when its
        store cannot be opened (a locked keyring)."""
        entry = table(read_state(self.dirs.state_file), KEYS).get(profile)
        kept = _kept(profile, entry)
        if kept is None or not isinstance(entry, dict):
            return None
        memo = self._memo.get(profile)
        if memo is not None and memo.access_key_id == kept.access_key_id:
            return memo
        key = self._read(entry, secret_name(profile))
        if key is not None and key.access_key_id == kept.access_key_id:
            self._memo[profile] = key
        return key

    def read_next(self, profile: str) -> AccessKey | None:
        """The new key of an unfinished rotation, if it was stored."""
        entry = table(read_state(self.dirs.state_file), KEYS).get(profile)
        pending = entry.get("next") if isinstance(entry, dict) else None
        if not isinstance(pending, dict):
            return None
        return self._read(pending, next_secret_name(profile))

    # -- writing ------------------------------------------------------------------------
    def _store_for(self, entry: dict[str, Any] | None) -> SecretStore:
        """A profile's keys stay in the store that holds them; new ones go to the current."""
        name = entry.get("store") if isinstance(entry, dict) else None
        return self.vault.named(name) if name else self.vault.current

    def _put(self, holder: dict[str, Any], name: str, key: AccessKey, store: SecretStore) -> None:
        """Write one secret (no fallback: long-term keys never land in a file unasked)."""
        store.set(name, key.to_secret())
        holder["store"] = store.kind
        holder.pop("secret_file", None)
        if isinstance(store, FileStore):
            holder["secret_file"] = str(store.path_for(name))

    def keep(
        self,
        profile: str,
        key: AccessKey,
        *,
        user_arn: str,
        created: datetime | None,
        now: datetime,
    ) -> str:
        """Keep `key` as the profile's; the store's kind. The secret is written first."""
        with recorded(), update_state(self.dirs) as state:
            keys = writable_table(state, KEYS)
            old = keys.get(profile)
            entry: dict[str, Any] = {
                "access_key_id": key.access_key_id,
                "user_arn": user_arn,
                "kept_at": format_iso(now),
            }
            if created is not None:
                entry["created"] = format_iso(created)
            self._put(entry, secret_name(profile), key, self._store_for(old))
            keys[profile] = entry
            return str(entry["store"])

    def journal(self, profile: str, rotation: dict[str, Any] | None) -> None:
        """Record (or, with None, clear) the profile's rotation journal."""
        with recorded(), update_state(self.dirs) as state:
            entry = writable_table(state, KEYS).get(profile)
            if not isinstance(entry, dict):
                return
            if rotation is None:
                entry.pop("rotation", None)
            else:
                entry["rotation"] = rotation

    def keep_next(
        self, profile: str, key: AccessKey, created: datetime | None, rotation: dict[str, Any]
    ) -> None:
        """Store a rotation's new key beside the current one, at once, with the journal's
        next step in the same write."""
        with recorded(), update_state(self.dirs) as state:
            entry = writable_table(state, KEYS).get(profile)
            if not isinstance(entry, dict):
                raise ConfigError(
                    Phrase("No key is kept for profile '{profile}'.", profile=profile)
                )
            pending: dict[str, Any] = {"access_key_id": key.access_key_id}
            if created is not None:
                pending["created"] = format_iso(created)
            self._put(pending, next_secret_name(profile), key, self._store_for(entry))
            entry["next"] = pending
            entry["rotation"] = rotation

    def promote(self, profile: str, now: datetime, rotation: dict[str, Any]) -> None:
        """The rotation's verified new key becomes the profile's key; the journal's next
        step is written with it."""
        new = self.read_next(profile)
        with recorded(), update_state(self.dirs) as state:
            entry = writable_table(state, KEYS).get(profile)
            pending = entry.get("next") if isinstance(entry, dict) else None
            if new is None or not isinstance(entry, dict) or not isinstance(pending, dict):
                return
            self._put(entry, secret_name(profile), new, self._store_for(entry))
            entry["access_key_id"] = new.access_key_id
            entry["kept_at"] = format_iso(now)
            entry["created"] = pending.get("created") or format_iso(now)
            entry.pop("next", None)
            entry["rotation"] = rotation
        self._delete({"store": pending.get("store")}, next_secret_name(profile))

    def drop_next(self, profile: str) -> None:
        with recorded(), update_state(self.dirs) as state:
            entry = writable_table(state, KEYS).get(profile)
            pending = entry.pop("next", None) if isinstance(entry, dict) else None
        if isinstance(pending, dict):
            self._delete(pending, next_secret_name(profile))

    def forget(self, profile: str) -> None:
        """Remove the profile's key from the store and the state (after `keys export`)."""
        with recorded(), update_state(self.dirs) as state:
            entry = writable_table(state, KEYS).pop(profile, None)
        if isinstance(entry, dict):
            self._delete(entry, secret_name(profile))
            pending = entry.get("next")
            if isinstance(pending, dict):
                self._delete(pending, next_secret_name(profile))

    def _delete(self, entry: dict[str, Any], name: str) -> None:
        try:
            self.vault.named(entry.get("store")).delete(name)
        except SecretStoreUnavailable:
            log.info("the keyring is unavailable: a kept key's secret stays there")
