"""Waiting in the foreground until Ctrl-C or SIGTERM, without a lock in the signal handler.

A handler that calls `threading.Event.set()` can deadlock: the signal may arrive while the
main thread, inside `Event.wait()`, holds the very lock `set()` then takes (seen under load:
`elevate-tray sandbox` ignored Ctrl-C for good). Here the handler only sets a flag, and the
wait is a `select` on the signal wake-up file descriptor, which the interpreter writes to
before the handler runs, so a signal between the check and the wait is not lost.
"""

from __future__ import annotations

import select
import signal
import socket
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopSignals:
    """Install in the main thread; `requested` turns true at the first SIGINT or SIGTERM."""

    def __init__(self) -> None:
        self.requested = False
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._previous: dict[int, Any] = {}
        self._previous_fd = -1

    def install(self) -> StopSignals:
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._on_signal)
        return self

    def _on_signal(self, _signum: int, _frame: FrameType | None) -> None:
        self.requested = True  # no lock, no I/O: safe whatever the main thread was doing

    def wait(self) -> None:
        """Block until a stop is requested (at once if one already was)."""
        while not self.requested:
            select.select([self._read], [], [])
            try:
                while self._read.recv(512):
                    pass
            except BlockingIOError:
                pass

    def uninstall(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
        signal.set_wakeup_fd(self._previous_fd)
        self._read.close()
        self._write.close()
