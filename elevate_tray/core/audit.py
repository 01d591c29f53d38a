"""Append-only audit log (JSON lines): who elevated where, when, for how long, why, how it ended.

Never holds a secret: only the facts an ElevatedSession carries.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .clock import format_iso
from .paths import AppDirs, private_dir

if TYPE_CHECKING:
    from .values import ElevatedSession


def record(
    dirs: AppDirs,
    event: str,
    session: ElevatedSession,
    *,
    via: str = "cli",
    ended: str | None = None,
    now: datetime | None = None,
) -> None:
    when = now or datetime.now(UTC)
    entry: dict[str, Any] = {
        "ts": format_iso(when),
        "event": event,
        "user": session.user_name,
        "kind": session.kind,
        "target": session.target,
        "account": session.account,
        "role_session_arn": session.role_session_arn,
        "started_at": format_iso(session.started_at),
        "expires_at": format_iso(session.expires_at),
        "duration_seconds": int((session.expires_at - session.started_at).total_seconds()),
        "reason": session.reason,
        "via": via,
    }
    if ended:
        entry["ended"] = ended
    private_dir(dirs.data)
    fd = os.open(dirs.audit_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")


def read(dirs: AppDirs) -> list[dict[str, Any]]:
    try:
        # split on newlines only: a reason may hold U+2028 and the like, which json.dumps
        # leaves raw (ensure_ascii=False) and str.splitlines() would break at
        lines = dirs.audit_file.read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            entry = json.loads(line) if line.strip() else None
        except ValueError:
            continue  # a line cut short by a full disk or a crash
        if isinstance(entry, dict):
            out.append(entry)
    return out
