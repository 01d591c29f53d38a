"""A session's secret, kept in and read from the store its state entry names.

"store": "file" is the user-only file store (core/secretfile.py), whatever store this process
would pick for new secrets; "keyring" is the OS keyring; an entry that names none (written
before entries named their store) uses this process's store. A file entry is read only from
the path this app writes for its key: a state entry cannot point a secret elsewhere.

A secret this process wrote to or read from the keyring is held for as long as the state
entry it belongs to is the same AWS session: the running tray reads each session's secret
from the keyring once (or never, when it elevated), so a keyring locked meanwhile does not
ask to be unlocked for every credential request a terminal sends it.
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Callable
from typing import Any

from . import secretfile
from .errors import ConfigError, Phrase
from .paths import AppDirs
from .secrets import FileStore, KeyringStore, SecretStore, SecretStoreUnavailable

log = logging.getLogger(__name__)

MIN_FREE_BYTES = 64 * 1024  # a state file, a secret and an audit line, many times over


def _session_of(entry: dict[str, Any]) -> tuple[object, ...]:
    """Which AWS session (or kept access key) an entry is: a re-elevation or a rotation, by
    any process, is another one."""
    fields = ("role_session_arn", "started_at", "expires_at", "access_key_id")
    return tuple(entry.get(k) for k in fields)


class EntrySecrets:
    def __init__(self, dirs: AppDirs, current: SecretStore | Callable[[], SecretStore]) -> None:
        self.dirs = dirs
        self._current = current
        self._held: dict[str, tuple[tuple[object, ...], str]] = {}  # keyring-kept, by key

    def _resolved(self) -> bool:
        return not (callable(self._current) and not hasattr(self._current, "get"))

    @property
    def current(self) -> SecretStore:
        """The store new secrets go to; opened on first use (`status` needs no keyring)."""
        if not self._resolved():
            self._current = self._current()  # type: ignore[operator]
        return self._current  # type: ignore[return-value]

    def file_store(self) -> FileStore:
        current = self.current if self._resolved() else None
        if isinstance(current, FileStore) and current.directory == self.dirs.secrets_dir:
            return current
        return FileStore(self.dirs.secrets_dir)

    def named(self, name: object) -> SecretStore:
        if name == "file":
            return self.file_store()
        if name == "keyring":
            return self.current if self.current.kind == "keyring" else KeyringStore()
        return self.current

    def read(self, entry: dict[str, Any], key: str) -> str | None:
        """The secret, None when absent (or not safely ours); SecretStoreUnavailable when its
        store cannot be opened."""
        name = entry.get("store")
        if name == "file" or (name is None and isinstance(self.current, FileStore)):
            named = entry.get("secret_file") or None
            if not secretfile.expected(self.dirs.secrets_dir, key, named):
                log.info("a state entry names a secret file outside the secrets folder")
                return None
            return self.file_store().get(key)
        store = self.named(name)
        if store.kind != "keyring":
            return store.get(key)
        held = self._held.get(key)
        if held is not None and held[0] == _session_of(entry):
            return held[1]
        value = store.get(key)
        if value is not None:
            self._held[key] = (_session_of(entry), value)
        return value

    def keep(
        self, entry: dict[str, Any], key: str, value: str, store: SecretStore | None = None
    ) -> Phrase | None:
        """Write a secret to `store` (the current one by default), or to the file store when
        the keyring fails, and record where in `entry`. The notice to give, if it fell back."""
        store, notice = store or self.current, None
        try:
            store.set(key, value)
        except SecretStoreUnavailable:
            store = self.file_store()
            store.set(key, value)
            notice = Phrase(
                "The OS keyring could not be used, so this session's credentials are kept in "
                "a file only you can read (under {dir}).",
                dir=self.dirs.secrets_dir,
            )
        entry["store"] = store.kind
        entry.pop("secret_file", None)
        if store.kind == "keyring":
            self._held[key] = (_session_of(entry), value)
        else:
            self._held.pop(key, None)
        if isinstance(store, FileStore):
            # lets `credentials` read it without importing keyring (the 60 ms budget)
            entry["secret_file"] = str(store.path_for(key))
        return notice

    def forget(self, entry: object, key: str) -> None:
        """Delete a secret; a keyring that cannot be opened leaves it (it expires anyway)
        rather than keep a session that the user dropped."""
        self._held.pop(key, None)
        try:
            self.named(entry.get("store") if isinstance(entry, dict) else None).delete(key)
        except SecretStoreUnavailable:
            log.info("the keyring is unavailable: a session secret stays until overwritten")

    def check(self) -> None:
        """The folders can be made, the disk has room, and the store for new secrets opens."""
        import shutil

        try:
            self.dirs.ensure()
            room = shutil.disk_usage(self.dirs.state).free >= MIN_FREE_BYTES
            problem = "" if room else os.strerror(errno.ENOSPC)
        except OSError as exc:
            problem = exc.strerror or type(exc).__name__
        if problem:
            raise ConfigError(
                Phrase(
                    "This computer cannot keep a session in {path} ({problem}); free space "
                    "there and elevate again.",
                    path=os.fspath(self.dirs.state),
                    problem=problem,
                )
            )
        self.current.check()
