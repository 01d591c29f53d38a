"""The session lifecycle as pure functions of wall-clock time (the UI asks; it never guesses).

read-only -> elevating -> admin -> (warnings) -> read-only at expiry, checked against the
wall clock on every tick and on wake, so a sleep through the expiry still drops.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime


class Mode(enum.Enum):
    READ_ONLY = "read-only"
    ELEVATING = "elevating"
    ADMIN = "admin"


def shown_number(seconds_left: int) -> tuple[int, str]:
    """What the icon shows: whole minutes left (rounded up), seconds in the last minute."""
    if seconds_left <= 0:
        return 0, "s"
    if seconds_left <= 60:
        return seconds_left, "s"
    return -(-seconds_left // 60), "m"


def shown_text(seconds_left: int) -> tuple[str, str]:
    """What the icon says and in which unit ("m" or "s").

    Minutes (rounded up) up to 99; above that whole hours rounded up ("2h"), since three
    digits no longer read at 16 px; seconds in the last minute.
    """
    n, unit = shown_number(seconds_left)
    if unit == "m" and n > 99:
        return f"{-(-n // 60)}h", "m"
    return str(n), unit


def seconds_until_change(seconds_left: int) -> int:
    """How long until shown_text() changes: the next redraw, and nothing sooner."""
    if seconds_left <= 60:
        return 1 if seconds_left > 0 else 0
    minutes = -(-seconds_left // 60)
    if minutes > 99:
        # "3h" stays until the minutes reach 120, "2h" until they reach 99
        hours = -(-minutes // 60)
        return seconds_left - max((hours - 1) * 60, 99) * 60
    rem = seconds_left % 60
    # minutes round up (61..120 s shows 2), so the number changes at each whole minute
    return rem if rem else 60


def due_warnings(
    expires_at: datetime, now: datetime, warnings: Iterable[int], already: set[int]
) -> list[int]:
    """Warnings (seconds-before-end) that are due now and not yet given, largest first."""
    left = (expires_at - now).total_seconds()
    return sorted((w for w in warnings if 0 < left <= w and w not in already), reverse=True)


def next_wakeup(expires_at: datetime, now: datetime, warnings: Iterable[int]) -> float:
    """Seconds until the next warning or the expiry: the one timer an admin session needs."""
    left = (expires_at - now).total_seconds()
    points = [left - w for w in warnings if left - w > 0] + [left]
    return max(0.0, min(points))
