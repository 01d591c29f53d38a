"""The shared state file: non-secret facts every process (CLI, tray) reads and watches.

Written atomically (write, then rename) under an exclusive lock, so a watcher never sees
half a file and a CLI `drop` racing the tray's expiry cannot lose an update.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .awsconfig_writer import write_private
from .paths import AppDirs, private_dir

VERSION = 1


def read_state(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        # a damaged state file holds nothing we cannot rebuild: sessions in it are lost
        return {"version": VERSION}
    return data if isinstance(data, dict) else {"version": VERSION}


@contextlib.contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    private_dir(lock_file.parent)
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


@contextlib.contextmanager
def update_state(dirs: AppDirs) -> Iterator[dict[str, Any]]:
    """Read-modify-write the state under the lock; written back only if it changed."""
    with _locked(dirs.lock_file):
        state = read_state(dirs.state_file)
        before = json.dumps(state, sort_keys=True)
        yield state
        state["version"] = VERSION
        if json.dumps(state, sort_keys=True) != before:
            write_private(dirs.state_file, json.dumps(state, indent=1, sort_keys=True))
