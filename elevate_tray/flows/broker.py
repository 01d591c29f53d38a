"""The tray's credentials broker, without Qt: who waits for which session, one dialog at a
time, and the cool-down after a refusal.

A request wants a session of one kind (admin or read-only) for one target (`Want`). The
first request for a want opens its dialog; more requests for the same want wait on it (single
flight: one dialog, one MFA code, one session for all of them); a request for another want
queues and its dialog opens when the open one closes (never stacked windows). A dialog
cancelled or left unanswered answers every waiter so, and for `cooldown` seconds further
requests for that want are answered at once without a dialog (IDEs retry immediately).

Time for the cool-down is the controller's clock (tests move it); the wait for the person is
the UI's timer.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

CANCELLED = "cancelled"
TIMED_OUT = "timed-out"
COOLING_DOWN = "cooling-down"
REFUSALS = (CANCELLED, TIMED_OUT, COOLING_DOWN)

Reply = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Want:
    target: str
    readonly: bool

    @property
    def key(self) -> str:
        return f"{'readonly' if self.readonly else 'admin'}:{self.target}"


@dataclass
class Waiter:
    """One waiting request: how to answer it and who sent it (what the dialog shows)."""

    reply: Reply
    requester: Any = None
    arrived: datetime | None = None


class Arrival(Enum):
    OPEN = "open"  # the first for its want and nothing else is open: open its dialog
    JOINED = "joined"  # its want's dialog is open: it waits on it
    QUEUED = "queued"  # another want's dialog is open: its turn comes after
    COOLING = "cooling"  # answered at once: a refusal for the want is moments old


@dataclass
class Cooling:
    until: datetime
    was: str  # CANCELLED or TIMED_OUT


@dataclass
class BrokerQueue:
    now: Callable[[], datetime]
    cooldown: Callable[[], float]
    waiting: dict[Want, list[Waiter]] = field(default_factory=dict)  # in arrival order
    open: Want | None = None
    cooling: dict[Want, Cooling] = field(default_factory=dict)

    def arrive(self, want: Want, waiter: Waiter) -> Arrival:
        now = self.now()
        cooling = self.cooling.get(want)
        if cooling is not None and now < cooling.until:
            return Arrival.COOLING
        self.cooling.pop(want, None)
        waiter.arrived = waiter.arrived or now
        self.waiting.setdefault(want, []).append(waiter)
        if self.open is None:
            self.open = want
            return Arrival.OPEN
        return Arrival.JOINED if self.open == want else Arrival.QUEUED

    def refusal(self, want: Want) -> dict[str, Any]:
        """The answer to a request for a want that is cooling down."""
        cooling = self.cooling[want]
        left = max(1, round((cooling.until - self.now()).total_seconds()))
        return {"error": COOLING_DOWN, "was": cooling.was, "retry_in": left}

    def settle(self, want: Want, outcome: str | None = None) -> list[Waiter]:
        """The dialog for `want` is done: every waiter of it, to be answered the same way.
        `outcome` CANCELLED or TIMED_OUT starts the cool-down; None (a session) does not."""
        waiters = self.waiting.pop(want, [])
        if self.open == want:
            self.open = None
        if outcome in (CANCELLED, TIMED_OUT) and self.cooldown() > 0:
            until = self.now() + timedelta(seconds=self.cooldown())
            self.cooling[want] = Cooling(until, outcome)
        return waiters

    def next_open(self, too_old: float | None = None) -> tuple[Want | None, list[Waiter]]:
        """The next want whose dialog opens (the oldest waiting), or None. Waiters older than
        `too_old` seconds are dropped first and returned: their programs gave up waiting."""
        gone: list[Waiter] = []
        if too_old is not None:
            limit = self.now() - timedelta(seconds=too_old)
            for want in list(self.waiting):
                kept = [w for w in self.waiting[want] if w.arrived is None or w.arrived > limit]
                gone += [w for w in self.waiting[want] if w not in kept]
                if kept:
                    self.waiting[want] = kept
                else:
                    del self.waiting[want]
        self.open = next(iter(self.waiting), None) if self.open is None else self.open
        return self.open, gone

    def waiters(self, want: Want) -> list[Waiter]:
        return list(self.waiting.get(want, ()))


def credentials_answer(process_json: str) -> dict[str, Any]:
    """Every waiter's answer: the session's credential_process document."""
    import json

    document: dict[str, Any] = json.loads(process_json)
    return {"credentials": document}


def refused(outcome: str) -> dict[str, Any]:
    return {"error": outcome}


def ask_patiently(
    path: str | os.PathLike[str],
    request: dict[str, Any],
    *,
    connect_timeout: float,
    timeout: float,
) -> dict[str, Any] | None:
    """localsocket.ask, but a tray whose listen backlog is full (twenty programs asking at
    once) is waited for up to `connect_timeout` rather than taken for none: connecting to a
    full Unix-domain backlog fails at once with EAGAIN. No tray (no socket, or a dead one's)
    is still None at once."""
    import socket

    from ..core import localsocket

    if not hasattr(socket, "AF_UNIX"):  # pragma: no cover - Windows before AF_UNIX support
        return None
    end = time.monotonic() + connect_timeout
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.setblocking(False)
        while True:
            try:
                sock.connect(os.fspath(path))
                break
            except BlockingIOError as exc:
                if exc.errno != errno.EAGAIN or time.monotonic() > end:
                    return None
                time.sleep(0.02)
            except OSError:
                return None
        sock.settimeout(timeout)
        buf = b""
        try:
            sock.sendall(localsocket.encode(request))
            while b"\n" not in buf and len(buf) <= localsocket.MAX_MESSAGE:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                buf += chunk
        except OSError:
            return localsocket.error_answer(localsocket.BAD_ANSWER)
    try:
        answer = localsocket.decode(buf.split(b"\n", 1)[0])
    except localsocket.ProtocolError as exc:
        wrong = exc.code == localsocket.WRONG_VERSION
        return None if wrong else localsocket.error_answer(localsocket.BAD_ANSWER)
    answer.pop(localsocket.FIELD)
    return answer
