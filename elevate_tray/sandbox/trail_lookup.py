"""`cloudtrail:LookupEvents` as the sandbox serves it (JSON protocol, target
CloudTrail_20131101.LookupEvents): at most one LookupAttribute (AccessKeyId, EventId,
EventName, EventSource, ReadOnly, ResourceName, ResourceType, Username), StartTime/EndTime
(epoch seconds or ISO 8601), MaxResults 1-50 (default 50), NextToken, newest first, and the
throttle (2 per second per account and Region: ThrottlingException "Rate exceeded").

A NextToken names the last event of the page before and the query it belongs to, so events
that arrive while a client pages (its own lookups among them) neither shift nor repeat a page.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from .errors import AwsError
from .trail import Trail, TrailEvent

ATTRIBUTES = (
    "AccessKeyId",
    "EventId",
    "EventName",
    "EventSource",
    "ReadOnly",
    "ResourceName",
    "ResourceType",
    "Username",
)
MAX_RESULTS = 50


def _invalid(code: str, message: str) -> AwsError:
    return AwsError(code, message, 400)


def _time(value: Any, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return datetime.fromtimestamp(float(value), UTC)
        from .clock import parse_time

        return parse_time(str(value))
    except (ValueError, OverflowError, OSError):
        raise _invalid(
            "InvalidTimeRangeException",
            f"The {name} is not a valid timestamp.",
        ) from None


def _matches(event: TrailEvent, key: str, value: str) -> bool:
    if key == "AccessKeyId":
        return event.access_key_id == value
    if key == "EventId":
        return event.event_id == value
    if key == "EventName":
        return event.name == value
    if key == "EventSource":
        return event.source == value
    if key == "ReadOnly":
        return ("true" if event.read_only else "false") == value.lower()
    if key == "ResourceName":
        return any(name == value for _, name in event.resources)
    if key == "ResourceType":
        return any(kind == value for kind, _ in event.resources)
    return event.username == value


def _attribute(request: dict[str, Any]) -> tuple[str, str] | None:
    attributes = request.get("LookupAttributes") or []
    if not isinstance(attributes, list):
        raise _invalid("InvalidLookupAttributesException", "LookupAttributes must be a list.")
    if len(attributes) > 1:
        raise _invalid(
            "InvalidLookupAttributesException",
            "You cannot specify more than one lookup attribute.",
        )
    if not attributes:
        return None
    item = attributes[0] if isinstance(attributes[0], dict) else {}
    key, value = item.get("AttributeKey"), item.get("AttributeValue")
    if key not in ATTRIBUTES:
        raise _invalid(
            "InvalidLookupAttributesException",
            f"The lookup attribute key {key!r} is not valid: use one of " + ", ".join(ATTRIBUTES),
        )
    if not isinstance(value, str) or not value:
        raise _invalid(
            "InvalidLookupAttributesException",
            f"The lookup attribute {key} needs an AttributeValue.",
        )
    return str(key), value


def _query_id(request: dict[str, Any], region: str) -> str:
    shape = {k: request.get(k) for k in ("LookupAttributes", "StartTime", "EndTime")}
    shape["region"] = region
    text = json.dumps(shape, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _token(event: TrailEvent, query: str) -> str:
    raw = json.dumps({"t": event.time.timestamp(), "s": event.seq, "q": query})
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _after(token: str, query: str) -> tuple[float, int]:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        if data["q"] != query:
            raise ValueError("another query")
        return float(data["t"]), int(data["s"])
    except (ValueError, KeyError, TypeError):
        raise _invalid(
            "InvalidNextTokenException",
            "Invalid token, or a token that was previously used in a request with "
            "different parameters.",
        ) from None


def lookup(
    trail: Trail, account_id: str, region: str, body: bytes, now: datetime
) -> dict[str, Any]:
    """The answer to one LookupEvents request (AwsError for a throttled or invalid one)."""
    if not trail.admit(account_id, region, now):
        raise AwsError("ThrottlingException", "Rate exceeded", 400)
    try:
        request = json.loads(body or b"{}")
    except ValueError:
        raise AwsError("SerializationException", "The request body is not JSON.", 400) from None
    if not isinstance(request, dict):
        raise AwsError("SerializationException", "The request body is not an object.", 400)
    attribute = _attribute(request)
    start = _time(request.get("StartTime"), "StartTime")
    end = _time(request.get("EndTime"), "EndTime")
    if start is not None and end is not None and start > end:
        raise _invalid(
            "InvalidTimeRangeException",
            "Occurs if the timestamp values are not valid. Either the start time occurs "
            "after the end time, or the time range is outside the range of possible values.",
        )
    limit = request.get("MaxResults", MAX_RESULTS)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_RESULTS:
        raise _invalid(
            "InvalidMaxResultsException",
            f"MaxResults {limit} is not valid: give 1 to {MAX_RESULTS}.",
        )
    category = request.get("EventCategory")
    query = _query_id(request, region)
    after = _after(str(request["NextToken"]), query) if request.get("NextToken") else None

    def wanted(e: TrailEvent) -> bool:
        if start is not None and e.time < start:
            return False
        if end is not None and e.time > end:
            return False
        if after is not None and (e.time.timestamp(), e.seq) >= after:
            return False
        return attribute is None or _matches(e, *attribute)

    events = [] if category == "insight" else trail.visible(account_id, region, now)
    picked = [e for e in events if wanted(e)]
    page = picked[:limit]
    answer: dict[str, Any] = {"Events": [e.summary() for e in page]}
    if len(picked) > limit:
        answer["NextToken"] = _token(page[-1], query)
    return answer


def served(answer: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
    """A LookupEvents answer on the wire (JSON 1.1)."""
    return 200, [("Content-Type", "application/x-amz-json-1.1")], json.dumps(answer).encode()
