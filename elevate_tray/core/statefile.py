"""The shared state file: non-secret facts every process (CLI, tray) reads and watches.

Written atomically (write, then rename) under an exclusive lock, so a watcher never sees
half a file and a CLI `drop` racing the tray's expiry cannot lose an update.

Reading is stdlib-only (json, os, datetime): the credential fast path reads the file with
these same functions; writing (under the lock) is statelock.py's. Nothing read is trusted:
`entries()` hands out only entries whose every field has the type the app wrote, so a file
with the right keys and the wrong types (`"sessions": []`, an `expires_at` of 5,
`"last_elevated": {}`) is read as if those parts were absent, and a bad entry is never served.

Layout (version 1):
    {"version": 1,
     "sessions": {KEY: ENTRY},          live sessions; KEY is the target name (admin) or
                                        "readonly:<source profile>"
     "revoke_pending": {KEY: ENTRY},    dropped here, still to be revoked in AWS; never served
     "last_elevated": KEY,              the admin session elevated last
     "mfa_last_code": {...}, "callers": {...}}
ENTRY is ElevatedSession.to_json() plus "store" ("file" or "keyring") and, for the file
store, "secret_file" (the path of its secret).
"""

from __future__ import annotations

import os

from . import jsonlite

TYPE_CHECKING = False  # typing itself costs the fast path ~2 ms; mypy reads this as True
if TYPE_CHECKING:
    from datetime import UTC, datetime
    from typing import Any
else:
    # the C module itself: datetime.py first defines every class in Python and then swaps
    # in these, ~1 ms of each credential_process call
    try:
        from _datetime import datetime, timezone
    except ImportError:  # pragma: no cover - an interpreter without the C module
        from datetime import datetime, timezone
    UTC = timezone.utc  # noqa: UP017 - datetime.UTC is the Python module's

VERSION = 1
HOME_ENV = "ELEVATE_TRAY_HOME"  # the same layout as paths.app_dirs
SESSIONS = "sessions"
PENDING = "revoke_pending"
LAST_ELEVATED = "last_elevated"
STORES = ("file", "keyring")
_TEXT_FIELDS = (
    "user_name",
    "assumed_role_id",
    "source_identity",
    "reason",
    "region",
    "elevation_id",
)


def state_dir(environ: Any) -> str:
    """The state folder, as paths.app_dirs(environ).state: without a keyring or pathlib."""
    home = environ.get(HOME_ENV)
    if home:
        return os.path.join(os.path.expanduser(home), "state")
    import platformdirs  # ~3 ms; only without ELEVATE_TRAY_HOME

    return str(platformdirs.user_state_dir("elevate-tray", appauthor=False))


def read_state(path: str | os.PathLike[str]) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = jsonlite.loads(fh.read())
    except (FileNotFoundError, NotADirectoryError, ValueError, UnicodeDecodeError, RecursionError):
        # a damaged state file holds nothing we cannot rebuild: sessions in it are lost
        return {"version": VERSION}
    except OSError as exc:  # a folder in its place, no permission: said, never a traceback
        raise _unreadable(path, exc) from None
    return data if isinstance(data, dict) else {"version": VERSION}


def _unreadable(path: str | os.PathLike[str], exc: OSError) -> Exception:
    from .errors import ConfigError, Phrase  # only on this path: the fast path stays light

    return ConfigError(
        Phrase(
            "The session state file {path} cannot be read ({problem}); remove whatever is in "
            "its place, then try again.",
            path=os.fspath(path),
            problem=exc.strerror or type(exc).__name__,
        )
    )


def parse_time(value: object) -> datetime:
    """An ISO 8601 time as the state file holds it, timezone-aware UTC; ValueError else."""
    if not isinstance(value, str):
        raise ValueError("not a time")
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def table(state: dict[str, Any], name: str) -> dict[str, Any]:
    """A mapping of the state for reading: {} when it is absent or not a mapping."""
    value = state.get(name)
    return value if isinstance(value, dict) else {}


def writable_table(state: dict[str, Any], name: str) -> dict[str, Any]:
    """A mapping of the state for writing: replaced by {} when it is not a mapping."""
    value = state.get(name)
    if not isinstance(value, dict):
        value = state[name] = {}
    return value


def valid_entry(key: object, entry: object) -> dict[str, Any] | None:
    """The entry when every field has the type the app writes, else None (never served)."""
    if not isinstance(key, str) or not key or not isinstance(entry, dict):
        return None
    kind, target = entry.get("kind"), entry.get("target")
    if entry.get("key") != key or not isinstance(target, str) or not target:
        return None
    if kind == "admin":
        if key != target:
            return None
    elif kind != "read-only" or not key.startswith("readonly:"):
        return None
    for name in ("account", "role_session_arn"):
        if not isinstance(entry.get(name), str):
            return None
    for name in _TEXT_FIELDS:
        if not isinstance(entry.get(name, ""), str):
            return None
    if not isinstance(entry.get("partition", "aws"), str):
        return None
    if not isinstance(entry.get("chained", False), bool):
        return None
    store = entry.get("store")
    if store is not None and store not in STORES:
        return None
    if not isinstance(entry.get("secret_file", ""), str):
        return None
    try:
        started, expires = parse_time(entry.get("started_at")), parse_time(entry.get("expires_at"))
    except (ValueError, OverflowError):
        return None
    return entry if started <= expires else None


def entries(state: dict[str, Any], name: str = SESSIONS) -> dict[str, dict[str, Any]]:
    """The well-formed entries of a table (`sessions` or `revoke_pending`)."""
    out = {}
    for key, entry in table(state, name).items():
        good = valid_entry(key, entry)
        if good is not None:
            out[key] = good
    return out


def last_elevated(state: dict[str, Any]) -> str | None:
    value = state.get(LAST_ELEVATED)
    return value if isinstance(value, str) and value else None
