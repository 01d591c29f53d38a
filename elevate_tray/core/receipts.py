"""Where receipts live: beside the audit log, one user-only JSON file per elevation, and the
state file's table of receipts still to collect.

The pending table ("receipts_pending", in the user-only state file) holds what collecting
needs after the session is gone: the session's facts, its full access key ID (LookupEvents
filters by it; it is no secret, but the stored receipt keeps only its last four
characters), and when and how the session ended. The session store adds an entry when an
admin session is kept and marks it ended when the session ends, so every way of elevating
and dropping (CLI, tray, expiry) leaves a receipt to collect. An entry goes once its receipt
is final.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .clock import format_iso, parse_iso
from .paths import AppDirs, private_dir
from .receipt import Receipt, last4
from .statefile import read_state, table, writable_table
from .statelock import recorded, update_state
from .values import ElevatedSession

TABLE = "receipts_pending"
KEPT = 200  # receipts kept on disk, newest first; older ones are removed
PENDING_KEPT = 100  # receipts still to collect
HISTORY = timedelta(days=90)  # CloudTrail's event history: older events are gone
_ID = re.compile(r"^[a-z0-9]{1,16}$")


def receipt_id(session: ElevatedSession) -> str:
    """The elevation's ID: its own (the role session name's suffix) or, for a session from
    an older version, one derived from its facts."""
    own = session.elevation_id
    if own:
        return own
    facts = f"{session.role_session_arn}|{format_iso(session.started_at)}"
    return hashlib.sha256(facts.encode()).hexdigest()[:6]


def begin(state: dict[str, Any], session: ElevatedSession, access_key_id: str) -> None:
    """Inside the session store's update_state: a receipt to collect for this session.

    Entries nobody collected (a command-line user who never runs `receipt`) go once their
    session is older than the event history keeps events, and beyond the newest
    PENDING_KEPT, so the state file every credential_process reads stays small."""
    pending = writable_table(state, TABLE)
    pending[receipt_id(session)] = {
        "session": session.to_json(),
        "access_key_id": access_key_id,
        "ended_at": None,
        "ended": "",
    }
    started = {rid: _started(entry) for rid, entry in pending.items()}
    oldest = session.started_at - HISTORY
    newest = sorted(started, key=lambda rid: started[rid] or oldest, reverse=True)
    for rid in newest[PENDING_KEPT:] + [r for r in newest if (started[r] or oldest) <= oldest]:
        pending.pop(rid, None)


def _started(entry: Any) -> datetime | None:
    try:
        return parse_iso(str(entry["session"]["started_at"]))
    except (KeyError, TypeError, ValueError):
        return None


def mark_ended(state: dict[str, Any], session: ElevatedSession, how: str, now: datetime) -> None:
    """Inside update_state: the session ended `how` at `now` (never later than its expiry).
    A drop whose revocation then succeeds becomes "revoked"; nothing else is rewritten."""
    rid = receipt_id(session)
    if rid not in table(state, TABLE):
        return
    entry = writable_table(state, TABLE)[rid]
    if not isinstance(entry, dict):
        return
    if not entry.get("ended_at"):
        entry["ended_at"] = format_iso(min(now, session.expires_at))
        entry["ended"] = how
    elif how == "revoked" and entry.get("ended") == "dropped":
        entry["ended"] = how


@dataclass(frozen=True)
class Pending:
    id: str
    session: ElevatedSession
    access_key_id: str
    ended_at: datetime | None
    ended: str

    def current(self, kept: Receipt | None) -> Receipt:
        """The receipt kept so far with how the session has ended since (or a first one)."""
        if kept is None:
            return self.first_receipt()
        from dataclasses import replace

        return replace(kept, ended_at=self.ended_at, ended=self.ended)

    def first_receipt(self) -> Receipt:
        s = self.session
        return Receipt(
            id=self.id,
            target=s.target,
            account=s.account,
            role=_role_of(s.role_session_arn),
            session_name=s.role_session_name,
            user=s.user_name,
            key=last4(self.access_key_id),
            started_at=s.started_at,
            ended_at=self.ended_at,
            ended=self.ended,
            reason=s.reason,
        )


def _role_of(arn: str) -> str:
    parts = arn.split(":", 5)[-1].split("/")
    return parts[1] if len(parts) > 2 else ""


def _pending(rid: str, entry: Any, now: datetime) -> Pending | None:
    try:
        session = ElevatedSession.from_json(entry["session"])
        ended_at = parse_iso(entry["ended_at"]) if entry.get("ended_at") else None
        ended = str(entry.get("ended") or "")
        if ended_at is None and session.expires_at <= now:  # expired with no app to see it
            ended_at, ended = session.expires_at, "expired"
        return Pending(rid, session, str(entry["access_key_id"]), ended_at, ended)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


class Receipts:
    def __init__(self, dirs: AppDirs) -> None:
        self.dirs = dirs
        self.folder = dirs.data / "receipts"

    def pending(self, now: datetime) -> list[Pending]:
        """Receipts still to collect, oldest session first."""
        found = table(read_state(self.dirs.state_file), TABLE)
        out = [p for rid, e in found.items() if (p := _pending(rid, e, now)) is not None]
        return sorted(out, key=lambda p: p.session.started_at)

    def settle(self, rid: str) -> None:
        """The receipt is final: nothing of the session is kept but the receipt."""
        with recorded(), update_state(self.dirs) as state:
            if rid in table(state, TABLE):
                writable_table(state, TABLE).pop(rid, None)

    def _path(self, rid: str) -> Path | None:
        return self.folder / f"{rid}.json" if _ID.match(rid) else None

    def load(self, rid: str) -> Receipt | None:
        path = self._path(rid)
        if path is None:
            return None
        try:
            return Receipt.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def save(self, receipt: Receipt) -> None:
        """Atomically, user-only (OSError when the disk refuses: the caller says so)."""
        from .awsconfig_writer import write_private

        path = self._path(receipt.id)
        if path is None:
            raise ValueError("not a receipt ID")
        private_dir(self.folder)
        write_private(path, json.dumps(receipt.to_json(), ensure_ascii=False, indent=1) + "\n")
        self._prune()

    def all(self) -> list[Receipt]:
        """Every stored receipt, the most recent session first."""
        try:
            names = sorted(p.stem for p in self.folder.glob("*.json"))
        except OSError:
            return []
        found = [r for n in names if (r := self.load(n)) is not None]
        return sorted(found, key=lambda r: r.started_at, reverse=True)

    def _prune(self) -> None:
        """Beyond KEPT files, the least recently written go (names and times only: no file
        is read for it, at every save)."""
        try:
            paths = list(self.folder.glob("*.json"))
            if len(paths) <= KEPT:
                return
            paths.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        for path in paths[KEPT:]:
            with contextlib.suppress(OSError):
                os.unlink(path)
