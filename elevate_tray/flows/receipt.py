"""Collecting a receipt: the session's events from CloudTrail's event history, every Region.

For one elevation, `cloudtrail:LookupEvents` by `AccessKeyId` (the session's key: its
command-line and SDK calls) and by `Username` (its role session name, unique per elevation:
also the console session the app signed in, which AWS may give keys of its own), between
the session's start and end, in every Region the account has enabled (ec2:DescribeRegions),
the Regions in parallel since the documented limit (2 requests per second) is per account
and Region. Pages of 50 with NextToken; a throttled request waits and tries again, on the
context's clock. The credentials: the admin session while it lives, then the read-only MFA
session (`source`); the caller gets one when none is live (`needs_code`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from ..core import awsclients
from ..core.awserrors import CallContext, error_code, explain
from ..core.context import AppContext
from ..core.errors import ConfigError, ElevateError, NotElevated, Phrase
from ..core.receipt import Receipt, ReceiptEvent
from ..core.receipts import Pending, Receipts
from ..core.sessions import Credentials

PAGE = 50
WORKERS = 8
THROTTLE_WAITS = (0.5, 1.0, 2.0, 4.0, 8.0, 8.0)  # seconds; then the Region is given up
MARGIN = timedelta(minutes=1)  # AWS's eventTime is to the second; clocks differ a little
FALLBACK_REGION = "us-east-1"  # where IAM, STS and the console's global calls are recorded
_REFUSED = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation"}


def book(ctx: AppContext) -> Receipts:
    return Receipts(ctx.dirs)


def source(ctx: AppContext, pending: Pending) -> Credentials | None:
    """The admin session itself while it lives, else a live read-only MFA session of the
    same target; None when the caller has to start one (an MFA code)."""
    session = pending.session
    live = ctx.store.get(session.key)
    if pending.ended_at is None and live is not None and live.started_at == session.started_at:
        creds = ctx.store.credentials(live)
        if creds is not None:
            return creds
    try:
        ctx.target(session.target)
    except ConfigError:
        return None
    readonly = ctx.store.answering(session.target, True, ctx.environ.get("AWS_PROFILE"))
    return ctx.store.credentials(readonly) if readonly is not None else None


def needs_code(pending: Pending) -> NotElevated:
    return NotElevated(
        Phrase(
            "Collecting the receipt for {target} needs a read-only MFA session; give a code "
            "with --code, or start one with `elevate-tray credentials --readonly --target "
            "{target}`.",
            target=pending.session.target,
        )
    )


def collect(ctx: AppContext, pending: Pending, creds: Credentials) -> Receipt:
    """Look the session's events up now and keep the receipt (final once late enough)."""
    receipts = book(ctx)
    base = pending.current(receipts.load(pending.id))
    now = ctx.clock.now()
    session = pending.session
    start = session.started_at - MARGIN
    # to its expiry even after a drop: the key and the name are this session's alone, and a
    # dropped (not revoked) session's credentials stay valid in AWS until then
    end = min(now, session.expires_at + MARGIN)
    home = session.region or FALLBACK_REGION
    clients = _Clients(ctx, creds)
    regions, note = _regions(clients, home)
    filters = [("AccessKeyId", pending.access_key_id)]
    if session.elevation_id:  # a name of its own: not the user's others
        filters.append(("Username", session.role_session_name))
    for region in regions:
        clients.get(region)  # made here: botocore's session is not for many threads
    with ThreadPoolExecutor(max_workers=min(WORKERS, len(regions))) as pool:
        found = list(
            pool.map(lambda r: _region_events(ctx, clients.get(r), r, filters, start, end), regions)
        )
    events = [e for got, _ in found for e in got]
    problems = [p for _, p in found if p is not None]
    problem = Phrase.of(problems[0]) if problems else ""
    receipt = base.with_events(events, regions, now, problem)
    if note is not None and note not in receipt.notes:
        receipt = replace(receipt, notes=(*receipt.notes, note))
    _keep(receipts, receipt)
    if problems and all(p is not None for _, p in found):
        raise problems[0]  # nothing could be read: the sentence is the answer
    return receipt


def _keep(receipts: Receipts, receipt: Receipt) -> None:
    try:
        receipts.save(receipt)
        if receipt.final:
            receipts.settle(receipt.id)
    except OSError as exc:
        raise ConfigError(
            Phrase(
                "This computer could not keep the receipt ({problem}); free space and try again.",
                problem=exc.strerror or type(exc).__name__,
            )
        ) from None


class _Clients:
    """One botocore session, a CloudTrail client per Region (made on this thread)."""

    def __init__(self, ctx: AppContext, creds: Credentials) -> None:
        self.ctx, self.creds = ctx, creds
        self.session = awsclients.botocore_session(None, ctx.environ)
        self.made: dict[tuple[str, str], Any] = {}

    def get(self, region: str, service: str = "cloudtrail") -> Any:
        key = (service, region)
        if key not in self.made:
            self.made[key] = awsclients.client(
                service,
                region=region,
                credentials=self.creds,
                environ=self.ctx.environ,
                session=self.session,
                attempts=1,  # throttling is waited out here, on the context's clock
            )
        return self.made[key]


def _regions(clients: _Clients, home: str) -> tuple[list[str], Phrase | None]:
    """The account's enabled Regions; without ec2:DescribeRegions, home and us-east-1."""
    try:
        answer = clients.get(home, "ec2").describe_regions()
        names = sorted({str(r["RegionName"]) for r in answer.get("Regions", [])})
        if names:
            return names, None
    except Exception as exc:
        if isinstance(exc, ElevateError) or error_code(exc) not in _REFUSED:
            action = Phrase("list the account's Regions")
            raise explain(exc, CallContext(action=action)) from None
    regions = sorted({home, FALLBACK_REGION})
    return regions, Phrase(
        "Looked in {regions} only: these credentials cannot list the account's Regions "
        "(ec2:DescribeRegions).",
        regions=", ".join(regions),
    )


def _region_events(
    ctx: AppContext,
    client: Any,
    region: str,
    filters: Iterable[tuple[str, str]],
    start: datetime,
    end: datetime,
) -> tuple[list[ReceiptEvent], ElevateError | None]:
    out: list[ReceiptEvent] = []
    try:
        for key, value in filters:
            out.extend(_lookup(ctx, client, region, key, value, start, end))
    except Exception as exc:  # noqa: BLE001 - one Region's failure is said, the rest kept
        action = Phrase("read CloudTrail's event history in {region}", region=region)
        return out, explain(exc, CallContext(action=action))
    return out, None


def _lookup(
    ctx: AppContext,
    client: Any,
    region: str,
    key: str,
    value: str,
    start: datetime,
    end: datetime,
) -> list[ReceiptEvent]:
    params: dict[str, Any] = {
        "LookupAttributes": [{"AttributeKey": key, "AttributeValue": value}],
        "StartTime": start,
        "EndTime": end,
        "MaxResults": PAGE,
    }
    newest_first: list[ReceiptEvent] = []
    while True:
        answer = _patiently(ctx, lambda: client.lookup_events(**params))
        for item in answer.get("Events", []):
            newest_first.append(ReceiptEvent.from_lookup(item, region))
        token = answer.get("NextToken")
        if not token:
            break
        params["NextToken"] = token
    # oldest first; within one second (eventTime's precision) the order AWS listed them in
    return list(reversed(newest_first))


def _patiently(ctx: AppContext, call: Callable[[], Any]) -> Any:
    for wait in (*THROTTLE_WAITS, None):
        try:
            return call()
        except Exception as exc:
            if wait is None or error_code(exc) not in ("ThrottlingException", "Throttling"):
                raise
            ctx.clock.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


# -- which receipt, and bringing it up to date -------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One elevation's receipt as kept now, and what collecting it needs (None: final)."""

    receipt: Receipt
    pending: Pending | None


def recent(ctx: AppContext) -> list[Entry]:
    """Every elevation with a receipt, the most recent first."""
    receipts = book(ctx)
    pending = {p.id: p for p in receipts.pending(ctx.clock.now())}
    stored = {r.id: r for r in receipts.all()}
    out = [Entry(p.current(stored.get(rid)), p) for rid, p in pending.items()]
    out += [Entry(r, None) for rid, r in stored.items() if rid not in pending]
    return sorted(out, key=lambda e: e.receipt.started_at, reverse=True)


def find(ctx: AppContext, session_id: str | None) -> Entry:
    found = recent(ctx)
    if session_id is None:
        if not found:
            raise ConfigError(
                "There is no receipt yet: receipts are kept for admin sessions from now on; "
                "elevate, and `elevate-tray receipt` shows what the session changed."
            )
        return found[0]
    for entry in found:
        if entry.receipt.id == session_id.strip().lower():
            return entry
    raise ConfigError(
        Phrase(
            "There is no session {id}: `elevate-tray sessions` lists the recent ones.",
            id=session_id,
        )
    )


def kept(ctx: AppContext, entry: Entry) -> Receipt:
    """The receipt as kept now (after a collection that fell short, what it did keep), with
    how its session has ended."""
    stored = book(ctx).load(entry.receipt.id)
    if entry.pending is not None:
        return entry.pending.current(stored)
    return stored or entry.receipt


def refresh(
    ctx: AppContext, entry: Entry, start: Callable[[Pending], Credentials] | None
) -> Receipt:
    """Collect a receipt that is not final yet; `start` makes a read-only MFA session when
    none is live (None: say how to get one)."""
    if entry.pending is None:
        return entry.receipt
    creds = source(ctx, entry.pending)
    if creds is None:
        if start is None:
            raise needs_code(entry.pending)
        creds = start(entry.pending)
    return collect(ctx, entry.pending, creds)


def due(ctx: AppContext) -> list[Pending]:
    """Receipts to collect without being asked: their session has ended."""
    return [p for p in book(ctx).pending(ctx.clock.now()) if p.ended_at is not None]
