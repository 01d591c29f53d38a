"""The sandbox's clock: a source's time plus an offset that tests (or a curious user) can move.

By default the source is the wall clock, so a newcomer's sandbox ticks like AWS; a test can
jump an hour ahead to watch credentials expire without sleeping, or make the sandbox follow
its own clock (`follow`), so that time stands still unless the test moves it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from ..core.iampolicy.conditions import policy_time


def system_now() -> datetime:
    return datetime.now(UTC)


Source = Callable[[], datetime]


class SandboxClock:
    def __init__(self, source: Source = system_now) -> None:
        self._source = source
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The sandbox's current time, timezone-aware UTC."""
        with self._lock:
            return self._source() + self._offset

    def advance(self, seconds: float) -> datetime:
        with self._lock:
            self._offset += timedelta(seconds=seconds)
            return self._source() + self._offset

    def set(self, when: datetime) -> datetime:
        if when.tzinfo is None:
            raise ValueError("the sandbox clock needs a timezone-aware datetime")
        with self._lock:
            self._offset = when.astimezone(UTC) - self._source()
            return when.astimezone(UTC)

    def follow(self, source: Source) -> datetime:
        """Take the time from `source` from now on (a test's clock, or `system_now`), with
        no offset."""
        with self._lock:
            self._source, self._offset = source, timedelta(0)
            return self._source()

    def reset(self) -> None:
        """Back to the source's time (real time unless it follows another clock)."""
        with self._lock:
            self._offset = timedelta(0)


def iso(when: datetime) -> str:
    """AWS's timestamp form, second precision: 2024-06-15T10:00:00Z."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime:
    """An ISO 8601 date/time or epoch seconds, as IAM accepts in Date conditions."""
    return policy_time(text)
