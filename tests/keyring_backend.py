"""A keyring backend for tests: one file per secret in $ELEVATE_TEST_KEYRING (shared by
processes), slow the way a desktop keyring can be. No tests here.

Use it in a process with PYTHON_KEYRING_BACKEND=tests.keyring_backend.DirKeyring and
ELEVATE_TRAY_SECRET_STORE=keyring, or in-process with keyring.set_keyring(DirKeyring(dir)).
A real Secret Service deletes in two round trips (search the item, then delete it);
`delete_delay` puts the time of one round trip between the two, as D-Bus does.

A file LOCKED in the directory makes every call raise KeyringLocked (a desktop keyring the
user has not unlocked); a file BROKEN makes every call raise a backend's own RuntimeError
(a D-Bus service that died); a file NOWRITE makes only writes fail that way (a keyring that
reads but refuses a new item). Tests lock and break it between commands.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from jaraco.classes.properties import classproperty
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class DirKeyring(KeyringBackend):
    @classproperty
    def priority(cls) -> float:  # type: ignore[override]
        # viable only where a test configured it: keyring's own auto-detection instantiates
        # every backend class it knows of, and must not pick (or trip over) this one
        if not os.environ.get("ELEVATE_TEST_KEYRING"):
            raise RuntimeError("ELEVATE_TEST_KEYRING is not set")
        return 1

    def __init__(self, directory: str | Path | None = None, delete_delay: float = 0.0) -> None:
        super().__init__()
        self.directory = Path(directory or os.environ["ELEVATE_TEST_KEYRING"])
        self.delete_delay = delete_delay

    def _refuse_if_asked(self) -> None:
        if (self.directory / "LOCKED").exists():
            raise KeyringLocked("the collection is locked")
        if (self.directory / "BROKEN").exists():
            raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")

    def _path(self, service: str, username: str) -> Path:
        self._refuse_if_asked()
        return self.directory / hashlib.sha256(f"{service}\0{username}".encode()).hexdigest()

    def get_password(self, service: str, username: str) -> str | None:
        try:
            return self._path(service, username).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self._path(service, username)
        if (self.directory / "NOWRITE").exists():
            raise RuntimeError("org.freedesktop.Secret.Error.IsLocked")
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(password)
        os.replace(tmp, path)

    def delete_password(self, service: str, username: str) -> None:
        path = self._path(service, username)
        if not path.exists():  # the search
            raise PasswordDeleteError("not found")
        time.sleep(self.delete_delay)  # the second round trip
        path.unlink(missing_ok=True)  # the delete of the item the search found
