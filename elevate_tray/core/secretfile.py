"""The file store's format: one user-only JSON file per secret, {"key": K, "value": V}.

Stdlib-only, shared by the file store and the credential fast path. A secret is served only
from a file that is where this app puts it (the secrets folder, the name derived from its
key), a regular file (not a link), owned by this user and readable by no one else, inside a
folder owned by this user that no one else may enter: another local user who can plant a
state.json cannot make the fast path serve a file of theirs.
"""

from __future__ import annotations

import os
import stat

from . import jsonlite

SECRETS_FOLDER = "secrets"


def secrets_dir(state_dir: str | os.PathLike[str]) -> str:
    return os.path.join(os.fspath(state_dir), SECRETS_FOLDER)


def path_for(directory: str | os.PathLike[str], key: str) -> str:
    import hashlib  # here, not at import: it loads OpenSSL (~3 MB of the idle tray)

    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return os.path.join(os.fspath(directory), f"{digest}.json")


def is_ours(st: os.stat_result) -> bool:
    """Owned by this user and closed to group and others (always true where uids do not exist)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - Windows: the folder's ACL decides
        return True
    return st.st_uid == getuid() and st.st_mode & 0o077 == 0


def expected(directory: str | os.PathLike[str], key: str, named: str | None) -> bool:
    """True when a path a state entry names is the one this app writes for `key`."""
    if named is None:
        return True
    return os.path.normpath(named) == os.path.normpath(path_for(directory, key))


def in_folder(directory: str | os.PathLike[str], named: str) -> bool:
    """A secret file's name as this app makes them, directly in `directory` (no hashing:
    the credential fast path spares OpenSSL's load; the file's own key is checked on read)."""
    name = os.path.basename(named)
    stem, dot, ext = name.partition(".")
    return (
        os.path.dirname(os.path.normpath(named)) == os.path.normpath(os.fspath(directory))
        and ext == "json"
        and bool(dot)
        and len(stem) == 32
        and all(c in "0123456789abcdef" for c in stem)
    )


def read(directory: str | os.PathLike[str], key: str, named: str | None = None) -> str | None:
    """The secret kept for `key`, or None when it is absent or its file is not safely ours.
    `named`: the file a state entry names (checked with in_folder), else computed."""
    try:
        if not is_ours(os.stat(directory)):
            return None
        if named is not None and not in_folder(directory, named):
            return None
        path = named if named is not None else path_for(directory, key)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not is_ours(st) or st.st_size > 1 << 20:
            return None
        with os.fdopen(fd, encoding="utf-8") as fh:
            fd = -1
            data = jsonlite.loads(fh.read())
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    value = data.get("value")
    return value if isinstance(value, str) else None


def write(directory: str | os.PathLike[str], key: str, value: str) -> str:
    """Keep a secret user-only (atomically: write, then rename); its file's path."""
    import tempfile
    from pathlib import Path

    from .paths import private_dir

    folder = os.fspath(directory)
    private_dir(Path(folder))
    os.chmod(folder, 0o700)
    path = path_for(folder, key)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX)  # mkstemp: 0600 from the start
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(jsonlite.dumps({"key": key, "value": value}))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        import contextlib  # here: its import is 2 ms of every credential_process call

        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


TEMP_PREFIX = ".secret."
STALE_TEMP_SECONDS = 10.0  # a write holds its temporary file for milliseconds


def sweep_temp(directory: str | os.PathLike[str], now: float | None = None) -> int:
    """Remove the temporary files of writes that never finished (a process killed between
    creating one and renaming it): they may hold a secret nobody will ever use. Only files
    older than STALE_TEMP_SECONDS, so a write in flight keeps its own."""
    import time

    cutoff = (time.time() if now is None else now) - STALE_TEMP_SECONDS
    removed = 0
    try:
        names = os.listdir(directory)
    except OSError:
        return 0
    for name in names:
        if not name.startswith(TEMP_PREFIX):
            continue
        path = os.path.join(directory, name)
        try:
            if os.lstat(path).st_mtime < cutoff:
                os.unlink(path)
                removed += 1
        except OSError:
            continue
    return removed


def delete(directory: str | os.PathLike[str], key: str) -> None:
    import contextlib

    with contextlib.suppress(FileNotFoundError):
        os.unlink(path_for(directory, key))


def key_of(path: str | os.PathLike[str]) -> str | None:
    """The key a secret file says it holds (for sweeping orphans); None if unreadable."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = jsonlite.loads(fh.read())
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None
    key = data.get("key") if isinstance(data, dict) else None
    return key if isinstance(key, str) else None
