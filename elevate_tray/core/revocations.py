"""The `ElevateTrayRevocations` document: one Deny statement per user, merged and pruned
(core/revoke.py writes it to the role with the dropping session's own rights).

A statement, Sid `Revoke<letters and digits of the user's name><8 hex of "<RoleId>:<name>">`:

    Deny * on * when aws:userid is like "<RoleId>:<name>"         (every session of that user
                                     or "<RoleId>:<base>-??????"   on the role)
                and aws:TokenIssueTime < cut-off             (issued before the drop)
                and aws:CurrentTime < expiry                 (only while such a session lives)

Each elevation's session is named `<base>-<id>` (core/textrules: the user's name, cut to 57
characters, and a 6-character id of its own), so the second pattern matches every one of
them. `?` is exactly one character: user alice's statement never matches user alice-x's
sessions (`alice-x-<id>`). The first pattern is the name versions before per-elevation ids
gave the whole session: `<name>` is the user's name as a session name, the same as `<base>`
unless it is longer than 57 characters. The Sid is the one those versions wrote for the same
user (and a statement of theirs is also recognised by its exact aws:userid), so a drop
replaces the user's one statement, old or new, instead of adding another. The user is the
session's stored user name; without one (or if the patterns it gives would miss the dropped
session itself) the session's own name, less its `-<id>` when the session has an id.

What matching by a prefix costs (IAM's patterns have no character classes): a session on the
role that another tool named `<base>-` and six characters more is denied too, and so is, while
sessions issued by older versions live, a session of a user named `<base>-xxxxxx`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .clock import format_iso, parse_iso
from .iampolicy.globs import glob_match
from .textrules import (
    ELEVATION_ID_LEN,
    LONGEST_SESSION,
    base_of_session_name,
    session_name,
    session_name_base,
)
from .values import ElevatedSession

LONGEST = timedelta(seconds=LONGEST_SESSION)
_NOT_SID = re.compile(r"[^A-Za-z0-9]")


def size(document: str) -> int:
    """Characters IAM counts against the quota: all but whitespace."""
    return sum(1 for ch in document if not ch.isspace())


def compact(document: Mapping[str, Any]) -> str:
    return json.dumps(document, separators=(",", ":"))


def sid_for(user_id: str) -> str:
    name = _NOT_SID.sub("", user_id.split(":", 1)[-1])[:40]
    return f"Revoke{name}{hashlib.sha256(user_id.encode()).hexdigest()[:8]}"


@dataclass(frozen=True)
class UserSessions:
    """Every session of one user on one role: what aws:userid holds for each of them."""

    role_id: str  # the role's unique id, "AROA…"
    name: str  # the whole session name versions before per-elevation ids gave
    base: str  # what each elevation's session name starts with, before "-<id>"

    @property
    def legacy_id(self) -> str:
        return f"{self.role_id}:{self.name}"

    @property
    def sid(self) -> str:
        return sid_for(self.legacy_id)  # the older versions' Sid for the same user

    @property
    def patterns(self) -> list[str]:
        return [self.legacy_id, f"{self.role_id}:{self.base}-" + "?" * ELEVATION_ID_LEN]


def user_sessions(session: ElevatedSession) -> UserSessions:
    """The dropped session's user: by the user name it stores, else (or should that not
    match the session itself) by its session name."""
    role_id, _, named = session.assumed_role_id.partition(":")
    if session.user_name:
        who = UserSessions(
            role_id, session_name(session.user_name), session_name_base(session.user_name)
        )
        if any(glob_match(p, session.assumed_role_id) for p in who.patterns):
            return who
    base = base_of_session_name(named, session.elevation_id)
    return UserSessions(role_id, base, session_name_base(base))


def _is_users(stmt: Any, who: UserSessions) -> bool:
    """This user's statement: ours by its Sid, or an older version's for the same session name."""
    if not isinstance(stmt, Mapping):
        return False
    if stmt.get("Sid") == who.sid:
        return True
    try:
        exact = stmt["Condition"]["StringEquals"]["aws:userid"]
    except (KeyError, TypeError):
        return False
    return exact in (who.legacy_id, [who.legacy_id])


def statement(who: UserSessions, cutoff: datetime, expiry: datetime) -> dict[str, Any]:
    return {
        "Sid": who.sid,
        "Effect": "Deny",
        "Action": "*",
        "Resource": "*",
        "Condition": {
            "StringLike": {"aws:userid": who.patterns},
            "DateLessThan": {
                "aws:TokenIssueTime": format_iso(cutoff),
                "aws:CurrentTime": format_iso(expiry),
            },
        },
    }


def dates(stmt: Any) -> tuple[datetime | None, datetime | None]:
    """A statement's (cut-off, expiry), None where it has none that parses."""
    try:
        before = {k.lower(): v for k, v in stmt["Condition"]["DateLessThan"].items()}
    except (KeyError, TypeError, AttributeError):
        return None, None

    def one(key: str) -> datetime | None:
        value = before.get(key)
        value = value[0] if isinstance(value, list) and value else value
        try:
            return parse_iso(value) if isinstance(value, str) else None
        except ValueError:
            return None

    return one("aws:tokenissuetime"), one("aws:currenttime")


def dead_after(stmt: Any) -> datetime | None:
    """When no session a statement denies can be alive any more (None: cannot tell)."""
    cutoff, expiry = dates(stmt)
    if cutoff is None:
        return expiry
    return min(expiry, cutoff + LONGEST) if expiry is not None else cutoff + LONGEST


def statements(document: Mapping[str, Any] | None) -> list[Any]:
    found = (document or {}).get("Statement", [])
    return list(found) if isinstance(found, list) else [found]


def merged(
    document: Mapping[str, Any] | None,
    who: UserSessions,
    cutoff: datetime,
    expiry: datetime,
    aws_now: datetime,
) -> dict[str, Any]:
    """Our policy with this user's statement replaced and dead statements pruned."""
    kept: list[Any] = []
    for stmt in statements(document):
        if _is_users(stmt, who):
            old_cutoff, old_expiry = dates(stmt)
            cutoff = max(cutoff, old_cutoff or cutoff)
            expiry = max(expiry, old_expiry or expiry)
            continue
        end = dead_after(stmt)
        if end is not None and end <= aws_now:
            continue
        kept.append(stmt)
    expiry = min(expiry, cutoff + LONGEST)
    kept.append(statement(who, cutoff, expiry))
    return {"Version": "2012-10-17", "Statement": kept}
