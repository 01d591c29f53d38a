"""The sandbox's CloudTrail event history: every API call it serves becomes an event (see
trail_record.py), kept per account and Region (IAM's in us-east-1), visible to
`cloudtrail:LookupEvents` (trail_lookup.py) once the sandbox clock has passed its eventTime
plus `delay_seconds` (Sandbox.cloudtrail_delay_seconds; AWS delivers events minutes late).

The lookup throttle is AWS's documented 2 requests per second per account and Region: a
token bucket of 2 that refills 2 a second by the sandbox clock (tests move that clock, so
they never race the wall clock; a clock moved back refills nothing).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

LOOKUPS_PER_SECOND = 2.0
KEPT = 100_000  # events kept (the oldest go first), so a long-running sandbox stays small


def check_delay(seconds: float) -> float:
    value = float(seconds)
    if not value >= 0:  # also refuses NaN
        raise ValueError(f"cloudtrail_delay_seconds must be 0 or more, not {seconds!r}")
    return value


@dataclass(frozen=True)
class TrailEvent:
    seq: int
    time: datetime
    account_id: str
    region: str
    event_id: str
    name: str
    source: str
    read_only: bool
    access_key_id: str
    username: str | None
    resources: tuple[tuple[str, str], ...]  # (type, name)
    record: str  # the record as JSON text

    def summary(self) -> dict[str, Any]:
        """The event as LookupEvents lists it."""
        item: dict[str, Any] = {
            "EventId": self.event_id,
            "EventName": self.name,
            "ReadOnly": "true" if self.read_only else "false",
            "AccessKeyId": self.access_key_id,
            "EventTime": self.time.timestamp(),
            "EventSource": self.source,
            "Resources": [{"ResourceType": t, "ResourceName": n} for t, n in self.resources],
            "CloudTrailEvent": self.record,
        }
        if self.username is not None:
            item["Username"] = self.username
        return item


class _Bucket:
    def __init__(self, now: datetime) -> None:
        self.tokens = LOOKUPS_PER_SECOND
        self.at = now

    def take(self, now: datetime) -> bool:
        elapsed = max((now - self.at).total_seconds(), 0.0)
        self.tokens = min(LOOKUPS_PER_SECOND, self.tokens + elapsed * LOOKUPS_PER_SECOND)
        self.at = max(self.at, now)
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


class Trail:
    """The event history, with the delivery delay that reset() goes back to."""

    def __init__(self, delay_seconds: float = 0.0) -> None:
        self._default_delay = check_delay(delay_seconds)
        self._delay = self._default_delay
        self._events: list[TrailEvent] = []
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._seq = 0
        self._lock = threading.Lock()

    @property
    def delay_seconds(self) -> float:
        return self._delay

    @delay_seconds.setter
    def delay_seconds(self, seconds: float) -> None:
        self._delay = check_delay(seconds)

    def reset(self) -> None:
        with self._lock:
            self._events.clear()
            self._buckets.clear()
            self._delay = self._default_delay

    def add(
        self, record: dict[str, Any], resources: list[dict[str, str]], when: datetime
    ) -> TrailEvent:
        """Keep a record made at `when` (its eventTime is `when` to the second)."""
        ident = record.get("userIdentity") or {}
        if ident.get("type") == "IAMUser":
            username = ident.get("userName")
        else:
            username = str(ident.get("arn", "")).rsplit("/", 1)[-1] or None
        with self._lock:
            self._seq += 1
            event = TrailEvent(
                seq=self._seq,
                time=when,
                account_id=str(record["recipientAccountId"]),
                region=str(record["awsRegion"]),
                event_id=str(record["eventID"]),
                name=str(record["eventName"]),
                source=str(record["eventSource"]),
                read_only=bool(record["readOnly"]),
                access_key_id=str(ident.get("accessKeyId", "")),
                username=username,
                resources=tuple((r["type"], r["name"]) for r in resources),
                record=json.dumps(record, separators=(",", ":")),
            )
            self._events.append(event)
            if len(self._events) > KEPT:
                del self._events[: len(self._events) - KEPT]
        return event

    def visible(self, account_id: str, region: str, now: datetime) -> list[TrailEvent]:
        """This account's events in this Region delivered by `now`, newest first."""
        with self._lock:
            events = [
                e
                for e in self._events
                if e.account_id == account_id
                and e.region == region
                and (now - e.time).total_seconds() >= self._delay
            ]
        return sorted(events, key=lambda e: (e.time, e.seq), reverse=True)

    def all_records(self) -> list[dict[str, Any]]:
        """Every record kept, delivered or not, oldest first (for tests' secret scans)."""
        with self._lock:
            return [json.loads(e.record) for e in self._events]

    def admit(self, account_id: str, region: str, now: datetime) -> bool:
        """Whether a LookupEvents request gets through the throttle now."""
        with self._lock:
            bucket = self._buckets.setdefault((account_id, region), _Bucket(now))
            return bucket.take(now)
