"""Secret storage: the OS keyring, or a user-only file where no keyring is usable.

The file fallback mirrors what the AWS CLI does for its own role cache (~/.aws/cli/cache):
JSON readable by the user only (core/secretfile.py). The user is told once, not on every
command: the notice is handed to the caller (the CLI prints it, the tray shows it), never
printed here. A keyring that cannot be opened or is locked raises SecretStoreUnavailable,
one sentence, and never reads as "the secret is absent".

A locked keyring asks once. Backends such as Secret Service show the desktop's "unlock your
keyring" prompt on every call while the keyring is locked; when the person dismisses it
they raise KeyringLocked. From then on this process does not call the keyring again (no
second prompt) but raises SecretStoreLocked at once, until a user action starts and says
so with KeyringStore.allow_prompt(): every CLI command, and in the tray each menu action,
MFA dialog and command line it serves (never a timer tick or a program's credential
request). Keyring calls are made one at a time, so two threads do not prompt together.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any, Protocol

from . import secretfile
from .errors import ConfigError, Phrase
from .paths import AppDirs, private_dir

log = logging.getLogger(__name__)

SERVICE = "elevate-tray"
STORE_ENV = "ELEVATE_TRAY_SECRET_STORE"  # "keyring" or "file": overrides the probe
PROBE_KEY = "probe"


class SecretStoreUnavailable(ConfigError):
    """The keyring cannot be opened or is locked: nothing is known about the secret."""


class SecretStoreLocked(SecretStoreUnavailable):
    """The keyring is locked and stayed so: its unlock prompt was dismissed, or it has none."""


def locked() -> SecretStoreLocked:
    return SecretStoreLocked(
        "The OS keyring is locked; unlock it (your desktop's keyring or password manager) "
        "and try again."
    )


def unavailable(exc: BaseException) -> SecretStoreUnavailable:
    # the exception's class only: a backend's message is not ours to show (or to trust)
    return SecretStoreUnavailable(
        Phrase(
            "The OS keyring could not be used ({problem}); unlock it (or log in to your "
            "desktop session) and try again.",
            problem=type(exc).__name__,
        )
    )


class SecretStore(Protocol):
    kind: str

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def delete(self, key: str) -> None: ...

    def check(self) -> None: ...


class FileStore:
    kind = "file"

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, key: str) -> Path:
        return Path(secretfile.path_for(self.directory, key))

    def get(self, key: str) -> str | None:
        return secretfile.read(self.directory, key)

    def set(self, key: str, value: str) -> None:
        secretfile.write(self.directory, key, value)

    def delete(self, key: str) -> None:
        secretfile.delete(self.directory, key)

    def check(self) -> None:
        private_dir(self.directory)


_calls = threading.Lock()  # one keyring call at a time in this process: one prompt at a time
_stayed_locked: list[object] = []  # the backend whose unlock was refused, since allow_prompt()


class KeyringStore:
    kind = "keyring"

    def __init__(self) -> None:
        try:
            import keyring
            import keyring.errors
        except Exception as exc:  # a broken keyring install: one sentence, not a traceback
            raise unavailable(exc) from None
        self._keyring = keyring
        self._errors = keyring.errors

    @staticmethod
    def allow_prompt() -> None:
        """A user action starts: the keyring may ask to be unlocked again (once)."""
        _stayed_locked.clear()

    def _call(self, name: str, *args: str) -> Any:
        with _calls:
            try:
                backend = self._keyring.get_keyring()
            except Exception as exc:
                log.info("the keyring could not be loaded: %s", type(exc).__name__)
                raise unavailable(exc) from None
            if any(b is backend for b in _stayed_locked):
                raise locked()  # asked already in this action: not again
            try:
                return getattr(backend, name)(SERVICE, *args)
            except self._errors.KeyringLocked:
                log.info("the keyring stayed locked (%s)", name)
                _stayed_locked[:] = [backend]
                raise locked() from None
            except Exception as exc:
                if name == "delete_password" and isinstance(exc, self._errors.PasswordDeleteError):
                    return None  # already absent
                log.info("the keyring refused %s: %s", name, type(exc).__name__)
                raise unavailable(exc) from None

    def get(self, key: str) -> str | None:
        value = self._call("get_password", key)
        return value if isinstance(value, str) else None

    def set(self, key: str, value: str) -> None:
        self._call("set_password", key, value)

    def delete(self, key: str) -> None:
        self._call("delete_password", key)

    def check(self) -> None:
        """Open (and, if it is locked, have the desktop unlock) the keyring now."""
        self.get(PROBE_KEY)


def keyring_usable() -> bool:
    """True when keyring found a real backend (not the 'fail' or an empty chainer)."""
    try:
        import keyring
        from keyring.backends import chainer, fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            return False
        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            return False
        return float(getattr(backend, "priority", 0)) > 0
    except Exception:  # a broken keyring install must not stop the app
        return False


def open_secret_store(
    dirs: AppDirs,
    environ: dict[str, str] | None = None,
    notices: list[Phrase] | None = None,
) -> SecretStore:
    """The store new secrets go to. The first time the file store is chosen by default, its
    notice is appended to `notices` (said once: only when someone takes it to show)."""
    env = os.environ if environ is None else environ
    forced = env.get(STORE_ENV, "").lower()
    if forced == "keyring" or (forced != "file" and keyring_usable()):
        return KeyringStore()
    store = FileStore(dirs.secrets_dir)
    marker = dirs.state / ".file-store-warned"
    if forced != "file" and notices is not None and not marker.exists():
        notices.append(
            Phrase(
                "No usable OS keyring was found, so elevate-tray keeps secrets in files only "
                "you can read (under {dir}), as the AWS CLI does for its own role cache.",
                dir=dirs.secrets_dir,
            )
        )
        try:
            private_dir(dirs.state)
            marker.touch(mode=0o600)
        except OSError:
            log.info("could not remember that the file-store notice was given")
        log.info("no usable keyring; using user-only files")
    return store
