"""One round of the tray's receipt collecting, as it runs on a worker thread (no Qt here):
every receipt whose session ended and is not resting, plus those the person asked for; for
each, the session to read CloudTrail with (flows.receipt.source, else the read-only MFA
session a code just gave), then the collection; what it found is handed back as a Round."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..core.context import AppContext
from ..core.errors import ElevateError
from ..core.receipt import Receipt
from ..core.receipts import Pending
from ..core.sessions import Credentials
from ..flows import receipt as flow

RECENT = 10  # sessions in the "Recent sessions" menu


@dataclass
class Round:
    """What one collection found."""

    now: datetime
    wanted: frozenset[str] = frozenset()  # asked for by the person
    collected: list[Receipt] = field(default_factory=list)
    needs: list[Pending] = field(default_factory=list)  # no session to read with: a code
    failed: list[tuple[Pending, ElevateError]] = field(default_factory=list)
    listed: list[flow.Entry] = field(default_factory=list)  # the recent sessions after it
    left: list[Pending] = field(default_factory=list)  # still due after it


def collect_round(
    ctx: AppContext,
    wanted: frozenset[str],
    resting: frozenset[str],
    given: dict[str, Credentials],
) -> Round:
    picked = {p.id: p for p in flow.due(ctx) if p.id not in resting}
    for entry in flow.recent(ctx) if wanted else []:
        if entry.receipt.id in wanted and entry.pending is not None:
            picked[entry.receipt.id] = entry.pending
    found = Round(ctx.clock.now(), wanted)
    for pending in picked.values():
        try:  # a locked keyring, say: that receipt waits, the others are collected
            creds = flow.source(ctx, pending) or _still(ctx, given.get(pending.session.target))
        except ElevateError as exc:
            found.failed.append((pending, exc))
            continue
        if creds is None:
            found.needs.append(pending)
            continue
        try:
            found.collected.append(flow.collect(ctx, pending, creds))
        except ElevateError as exc:
            found.failed.append((pending, exc))
    return listed(ctx, found)


def _still(ctx: AppContext, creds: Credentials | None) -> Credentials | None:
    """The session a code gave, while it lasts (the store finds it too, normally)."""
    live = creds is not None and creds.expiration > ctx.clock.now()
    return creds if live else None


def listed(ctx: AppContext, found: Round) -> Round:
    found.listed = flow.recent(ctx)[:RECENT]
    found.left = flow.due(ctx)
    return found


def recent(ctx: AppContext) -> list[flow.Entry]:
    return flow.recent(ctx)[:RECENT]
