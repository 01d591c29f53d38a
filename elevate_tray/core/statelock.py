"""Writing the state file: read-modify-write under an exclusive lock, atomically.

The reading side (and the format) is statefile.py's, kept light for the credential fast path.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, Phrase
from .statefile import VERSION, read_state

if TYPE_CHECKING:
    from .paths import AppDirs

log = logging.getLogger(__name__)


@contextlib.contextmanager
def _locked(lock_file: str | os.PathLike[str]) -> Iterator[None]:
    from .paths import private_dir

    private_dir(_parent(lock_file))
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.name == "nt":  # pragma: no cover - exercised on Windows only
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _parent(path: str | os.PathLike[str]) -> Any:
    from pathlib import Path

    return Path(path).parent


class LockedState(dict[str, Any]):
    """The state as read under the lock; `commit()` writes it now (if it changed), so that
    what must follow a successful write (deleting a secret) can, still under the lock."""

    def __init__(self, dirs: AppDirs, data: dict[str, Any]) -> None:
        super().__init__(data)
        self._dirs = dirs
        self._written = json.dumps(dict(self, version=VERSION), sort_keys=True)

    def commit(self) -> None:
        from .awsconfig_writer import write_private

        self["version"] = VERSION
        text = json.dumps(self, sort_keys=True)
        if text != self._written:
            write_private(self._dirs.state_file, json.dumps(self, indent=1, sort_keys=True))
            self._written = text


@contextlib.contextmanager
def update_state(dirs: AppDirs) -> Iterator[LockedState]:
    """Read-modify-write the state under the lock; written back only if it changed."""
    with _locked(dirs.lock_file):
        state = LockedState(dirs, read_state(dirs.state_file))
        yield state
        state.commit()


class StateNotWritten(ConfigError):
    """The disk refused a change to the sessions (a drop, an expiry): nothing changed."""


@contextlib.contextmanager
def recorded() -> Iterator[None]:
    """Around update_state where the disk may refuse: one sentence, not an OSError."""
    try:
        yield
    except OSError as exc:
        log.info("could not write the state: %s", exc.strerror or type(exc).__name__)
        raise StateNotWritten(
            Phrase(
                "This computer could not record the change to its sessions ({problem}); "
                "free space and try again.",
                problem=exc.strerror or type(exc).__name__,
            )
        ) from None
