"""Which session answers `elevate-tray credentials`: one rule for the fast and the slow path.

The rule, as a user would expect it:

1. Only live sessions can answer: well-formed entries of the state's "sessions" table whose
   expiry is still ahead. A session waiting for its revocation ("revoke_pending") never
   answers, nor does a malformed entry.
2. `--readonly` asks for a read-only session, otherwise an admin session; the two kinds
   never stand in for each other.
3. `--target T` names the session: the admin session of T, or the read-only session started
   for T (the newest, should there be several). No session for T: nothing answers, even if
   another target is elevated (credentials for the wrong account are worse than none).
4. Without `--target`: the session whose target AWS_PROFILE names, when there is one; else
   the admin session elevated last ("last_elevated"), when it is still live; else the
   newest one (latest start, then the greater key, so that the answer never depends on the
   order of the file).

`fastpath.py` calls it on the state file as read; `SessionStore.answering` on the same file
through the store. Stdlib-only: the fast path's 60 ms budget.
"""

from __future__ import annotations

from .statefile import entries, last_elevated, parse_time

TYPE_CHECKING = False  # typing costs the fast path ~2 ms; mypy reads this as True
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any


def answering_entry(
    state: dict[str, Any],
    target: str | None,
    readonly: bool,
    aws_profile: str | None,
    now: datetime,
) -> dict[str, Any] | None:
    """The state entry that answers, or None (see the module's rule)."""
    kind = "read-only" if readonly else "admin"
    live = [
        entry
        for entry in entries(state).values()
        if entry["kind"] == kind and parse_time(entry["expires_at"]) > now
    ]
    if target:
        live = [entry for entry in live if entry["target"] == target]
    elif aws_profile and any(entry["target"] == aws_profile for entry in live):
        live = [entry for entry in live if entry["target"] == aws_profile]
    else:
        last = last_elevated(state)
        chosen = next((entry for entry in live if entry["key"] == last), None)
        if chosen is not None:
            return chosen
    if not live:
        return None
    return max(live, key=lambda entry: (parse_time(entry["started_at"]), entry["key"]))
