"""Secret storage: the OS keyring, or a user-only file where no keyring is usable.

The file fallback mirrors what the AWS CLI does for its own role cache (~/.aws/cli/cache):
JSON readable by the user only. The user is told once, not on every command.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Protocol

from .awsconfig_writer import write_private
from .paths import AppDirs, private_dir

log = logging.getLogger(__name__)

SERVICE = "elevate-tray"
STORE_ENV = "ELEVATE_TRAY_SECRET_STORE"  # "keyring" or "file": overrides the probe

FALLBACK_WARNING = (
    "No usable OS keyring was found, so elevate-tray keeps secrets in files only you can "
    "read (under {dir}), as the AWS CLI does for its own role cache."
)


class SecretStore(Protocol):
    kind: str

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def delete(self, key: str) -> None: ...


class FileStore:
    kind = "file"

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, key: str) -> Path:
        import hashlib  # here, not at import: it loads OpenSSL (~3 MB of the idle tray)

        digest = hashlib.sha256(key.encode()).hexdigest()[:32]
        return self.directory / f"{digest}.json"

    def get(self, key: str) -> str | None:
        try:
            data = json.loads(self.path_for(key).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        value = data.get("value") if data.get("key") == key else None
        return value if isinstance(value, str) else None

    def set(self, key: str, value: str) -> None:
        private_dir(self.directory)
        os.chmod(self.directory, 0o700)
        write_private(self.path_for(key), json.dumps({"key": key, "value": value}))

    def delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)


class KeyringStore:
    kind = "keyring"

    def __init__(self) -> None:
        import keyring

        self._keyring = keyring

    def get(self, key: str) -> str | None:
        value = self._keyring.get_password(SERVICE, key)
        return value if isinstance(value, str) else None

    def set(self, key: str, value: str) -> None:
        self._keyring.set_password(SERVICE, key, value)

    def delete(self, key: str) -> None:
        import contextlib

        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._keyring.delete_password(SERVICE, key)


def keyring_usable() -> bool:
    """True when keyring found a real backend (not the 'fail' or an empty chainer)."""
    try:
        import keyring
        from keyring.backends import chainer, fail
    except Exception:  # a broken keyring install must not stop the app
        return False
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return False
    return float(getattr(backend, "priority", 0)) > 0


def open_secret_store(dirs: AppDirs, environ: dict[str, str] | None = None) -> SecretStore:
    env = os.environ if environ is None else environ
    forced = env.get(STORE_ENV, "").lower()
    if forced == "keyring" or (forced != "file" and keyring_usable()):
        return KeyringStore()
    store = FileStore(dirs.secrets_dir)
    marker = dirs.state / ".file-store-warned"
    if forced != "file" and not marker.exists():
        import sys

        print("note: " + FALLBACK_WARNING.format(dir=dirs.secrets_dir), file=sys.stderr)
        private_dir(dirs.state)
        marker.touch(mode=0o600)
        log.warning("no usable keyring; using user-only files")
    return store
