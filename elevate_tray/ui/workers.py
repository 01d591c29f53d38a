"""Run blocking work (AWS calls) off the UI thread and hand the result back on it.

Picard's run_task habit: `run_task(func, on_done)` queues `func` on a thread pool; when it
finishes, `on_done(result, error)` runs on the main thread. Tests swap in `InlineRunner` so
UI flows are deterministic. Both satisfy `Runner`, which is what the controller and the
dialogs are typed against.

What a task raises is logged here, where it is caught: an ElevateError (a sentence for the
person, who is shown it) at INFO, anything else with its traceback at ERROR.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.errors import ElevateError

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], None]


class Runner(Protocol):
    def run_task(self, func: Callable[[], Any], on_done: Done) -> None: ...


def _caught(func: Callable[[], Any], exc: BaseException) -> None:
    name = getattr(func, "__qualname__", type(func).__name__)
    if isinstance(exc, ElevateError):
        log.info("%s: %s", name, exc.sentence)
    else:
        log.error("%s failed", name, exc_info=exc)


class _Relay(QObject):
    finished = Signal(object, object)


class _Task(QRunnable):
    def __init__(self, func: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.func = func
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.func()
        except BaseException as exc:  # handed to the UI, which shows one sentence
            _caught(self.func, exc)
            self.relay.finished.emit(None, exc)
        else:
            self.relay.finished.emit(result, None)


class ThreadRunner:
    def __init__(self, pool: QThreadPool | None = None) -> None:
        self.pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    def run_task(self, func: Callable[[], Any], on_done: Done) -> None:
        relay = _Relay()  # lives in the main thread: its signal is delivered there
        self._relays.add(relay)

        def deliver(result: Any, error: BaseException | None) -> None:
            self._relays.discard(relay)
            on_done(result, error)

        relay.finished.connect(deliver)
        self.pool.start(_Task(func, relay))


class InlineRunner:
    """Runs tasks at once on the calling thread (tests)."""

    def run_task(self, func: Callable[[], Any], on_done: Done) -> None:
        try:
            result = func()
        except BaseException as exc:
            _caught(func, exc)
            on_done(None, exc)
        else:
            on_done(result, None)
