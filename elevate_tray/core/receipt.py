"""An elevation receipt: what one admin session did, read back from CloudTrail's event history.

A receipt is built from `cloudtrail:LookupEvents` answers (flows/receipt.py collects them)
and holds no secret: the session's access key ID only as its last four characters, and of
each event only what a reviewer reads (time, Region, service, action, resources, error code,
console or command line). Changes (`readOnly` false) come first; reads are counted; the
app's own calls (its revocation's IAM writes, its lookups: their user agent carries the
app's name) are apart and never counted as the person's changes.

Events reach the event history minutes after the call, so a receipt is "collecting" until
FINAL_AFTER past the session's end and "final" from the first collection after that.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from .clock import format_iso, parse_iso
from .errors import Phrase, _phrase

FINAL_AFTER = timedelta(minutes=15)
APP_AGENT = "elevate-tray"  # awsclients' user_agent_extra: the app's own calls carry it
COLLECTING, FINAL = "collecting", "final"


def _said(text: str) -> dict[str, Any]:
    """A sentence as stored: its template and values, so the tray can translate it."""
    if isinstance(text, Phrase):
        return {"key": text.key, "params": text.params}
    return {"key": text.replace("{", "{{").replace("}", "}}"), "params": {}}


def _unsaid(value: Any) -> str:
    if isinstance(value, Mapping):
        try:
            params = {str(k): str(v) for k, v in dict(value.get("params") or {}).items()}
            return _phrase(str(value["key"]), params)
        except (KeyError, IndexError, ValueError, TypeError):
            return ""
    return str(value or "")


def last4(key_id: str) -> str:
    return f"…{key_id[-4:]}" if key_id else ""


@dataclass(frozen=True)
class ReceiptEvent:
    event_id: str
    time: datetime
    region: str
    service: str  # "iam" for iam.amazonaws.com
    action: str  # the event name: CreateUser
    resources: tuple[str, ...] = ()
    error_code: str = ""
    read_only: bool = False
    via: str = "cli"  # "console" or "cli" (any SDK or command line)
    by_app: bool = False

    @classmethod
    def from_lookup(cls, item: Mapping[str, Any], region: str = "") -> ReceiptEvent:
        """One event of a LookupEvents answer (its CloudTrailEvent is the record as JSON),
        in `region` (where it was looked up) when the record does not say."""
        try:
            record = json.loads(str(item.get("CloudTrailEvent") or "{}"))
        except ValueError:
            record = {}
        record = record if isinstance(record, dict) else {}
        source = str(item.get("EventSource") or record.get("eventSource") or "")
        read_only = record.get("readOnly", item.get("ReadOnly"))
        agent = str(record.get("userAgent") or "")
        console = str(record.get("sessionCredentialFromConsole", "")).lower() == "true"
        names = [
            str(r.get("ResourceName"))
            for r in item.get("Resources") or []
            if isinstance(r, Mapping) and r.get("ResourceName")
        ]
        return cls(
            event_id=str(item.get("EventId") or record.get("eventID") or ""),
            time=_event_time(item.get("EventTime") or record.get("eventTime")),
            region=str(record.get("awsRegion") or region),
            service=source.split(".", 1)[0],
            action=str(item.get("EventName") or record.get("eventName") or ""),
            resources=tuple(dict.fromkeys(names)),
            error_code=str(record.get("errorCode") or ""),
            # an event that does not say is counted as a change: a receipt errs toward showing
            read_only=str(read_only).lower() == "true",
            via="console" if console or agent.startswith("console.") else "cli",
            by_app=APP_AGENT in agent,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "time": format_iso(self.time),
            "region": self.region,
            "service": self.service,
            "action": self.action,
            "resources": list(self.resources),
            "error_code": self.error_code,
            "read_only": self.read_only,
            "via": self.via,
            "by_app": self.by_app,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ReceiptEvent:
        return cls(
            event_id=str(d["event_id"]),
            time=parse_iso(str(d["time"])),
            region=str(d.get("region", "")),
            service=str(d.get("service", "")),
            action=str(d.get("action", "")),
            resources=tuple(str(r) for r in d.get("resources", [])),
            error_code=str(d.get("error_code", "")),
            read_only=bool(d.get("read_only", False)),
            via=str(d.get("via", "cli")),
            by_app=bool(d.get("by_app", False)),
        )


def _event_time(value: Any) -> datetime:
    from datetime import UTC

    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(float(value), UTC)
    if isinstance(value, datetime):  # botocore parses the JSON protocol's timestamps
        return value.astimezone(UTC)
    return parse_iso(str(value))


@dataclass(frozen=True)
class Receipt:
    id: str
    target: str
    account: str
    role: str
    session_name: str  # the role session name: CloudTrail's Username for these events
    user: str
    key: str  # the session's access key ID as "…WXYZ"
    started_at: datetime
    ended_at: datetime | None  # None while the session lives
    ended: str = ""  # how: expired, dropped, revoked, extended, replaced
    reason: str = ""
    status: str = COLLECTING
    collected_at: datetime | None = None
    regions: tuple[str, ...] = ()
    events: tuple[ReceiptEvent, ...] = ()
    problem: str = ""  # why the last collection fell short (one sentence), if it did
    notes: tuple[str, ...] = field(default=())

    @property
    def changes(self) -> list[ReceiptEvent]:
        return [e for e in self.events if not e.read_only and not e.by_app]

    @property
    def reads(self) -> list[ReceiptEvent]:
        return [e for e in self.events if e.read_only and not e.by_app]

    @property
    def app_calls(self) -> list[ReceiptEvent]:
        return [e for e in self.events if e.by_app]

    @property
    def final(self) -> bool:
        return self.status == FINAL

    def final_at(self) -> datetime | None:
        return None if self.ended_at is None else self.ended_at + FINAL_AFTER

    def with_events(
        self, events: Iterable[ReceiptEvent], regions: Iterable[str], now: datetime, problem: str
    ) -> Receipt:
        """This receipt after a collection at `now`: final when it was complete and late
        enough for every event to have arrived."""
        by_id = {e.event_id: e for e in self.events}
        for e in events:
            by_id.setdefault(e.event_id, e)
        # a stable sort: events of one second keep the order they were kept or listed in
        ordered = tuple(sorted(by_id.values(), key=lambda e: e.time))
        done = not problem and self.ended_at is not None and now >= self.ended_at + FINAL_AFTER
        return replace(
            self,
            events=ordered,
            regions=tuple(regions),
            collected_at=now,
            problem=problem,
            status=FINAL if done else COLLECTING,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "target": self.target,
            "account": self.account,
            "role": self.role,
            "session_name": self.session_name,
            "user": self.user,
            "key": self.key,
            "started_at": format_iso(self.started_at),
            "ended_at": format_iso(self.ended_at) if self.ended_at else None,
            "ended": self.ended,
            "reason": self.reason,
            "status": self.status,
            "collected_at": format_iso(self.collected_at) if self.collected_at else None,
            "regions": list(self.regions),
            "problem": _said(self.problem) if self.problem else None,
            "notes": [_said(n) for n in self.notes],
            "changes": [e.to_json() for e in self.changes],
            "reads": [e.to_json() for e in self.reads],
            "app_calls": [e.to_json() for e in self.app_calls],
        }

    def report(self) -> dict[str, Any]:
        """`receipt --json`: as stored, with the problem and the notes in English."""
        out = self.to_json()
        out["problem"] = str(self.problem) or None
        out["notes"] = [str(n) for n in self.notes]
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Receipt:
        events = [
            ReceiptEvent.from_json(e)
            for part in ("changes", "reads", "app_calls")
            for e in d.get(part, [])
        ]

        def when(name: str) -> datetime | None:
            value = d.get(name)
            return parse_iso(str(value)) if value else None

        return cls(
            id=str(d["id"]),
            target=str(d.get("target", "")),
            account=str(d.get("account", "")),
            role=str(d.get("role", "")),
            session_name=str(d.get("session_name", "")),
            user=str(d.get("user", "")),
            key=str(d.get("key", "")),
            started_at=parse_iso(str(d["started_at"])),
            ended_at=when("ended_at"),
            ended=str(d.get("ended", "")),
            reason=str(d.get("reason", "")),
            status=FINAL if d.get("status") == FINAL else COLLECTING,
            collected_at=when("collected_at"),
            regions=tuple(str(r) for r in d.get("regions", [])),
            events=tuple(sorted(events, key=lambda e: e.time)),
            problem=_unsaid(d.get("problem")),
            notes=tuple(n for n in (_unsaid(v) for v in d.get("notes", [])) if n),
        )
