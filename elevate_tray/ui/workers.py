"""Run blocking work (AWS calls) off the UI thread and hand the result back on it.

Picard's run_task habit: `run_task(func, on_done)` runs `func` on a worker thread; when it
finishes, `on_done(result, error)` runs on the main thread. Tests swap in `InlineRunner` so
UI flows are deterministic. Both satisfy `Runner`, which is what the controller and the
dialogs are typed against.

The workers are plain Python threads and touch Qt in one way only: they emit a signal
without arguments on one relay object that lives in the main thread, for the whole
process, and whose receiver is a slot of its own. The task, its result and its error go
through a locked list instead, and the main thread holds the last reference to each, so
nothing made or captured by a task (a widget in a closure, a traceback's frames) is ever
freed on a worker thread. PySide 6.8 and later crash when Python objects cross threads
inside a queued signal to a plain function (PYSIDE-3124); this shape has nothing for them
to cross.

What a task raises is logged here, where it is caught: an ElevateError (a sentence for the
person, who is shown it) at INFO, anything else with its traceback at ERROR.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal, Slot

from ..core.errors import ElevateError

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], None]

IDLE_SECONDS = 30.0  # an idle worker leaves after this long (QThreadPool's expiry time)
THREADS = 4


class Runner(Protocol):
    def run_task(self, func: Callable[[], Any], on_done: Done) -> None: ...


def _caught(func: Callable[[], Any], exc: BaseException) -> None:
    name = getattr(func, "__qualname__", type(func).__name__)
    if isinstance(exc, ElevateError):
        log.info("%s: %s", name, exc.sentence)
    else:
        log.error("%s failed", name, exc_info=exc)


class _Relay(QObject):
    """The one object workers touch: `ready` tells the main thread that results wait."""

    ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.tasks: dict[int, tuple[Callable[[], Any], Done]] = {}  # the main thread's refs
        self.finished: list[tuple[int, Any, BaseException | None]] = []
        self.ready.connect(self.deliver, Qt.ConnectionType.QueuedConnection)

    def take(self, token: int) -> Callable[[], Any]:
        with self.lock:
            return self.tasks[token][0]

    def put(self, token: int, result: Any, error: BaseException | None) -> None:
        with self.lock:
            self.finished.append((token, result, error))

    @Slot()
    def deliver(self) -> None:
        """One result per signal (each `put` is followed by one emit), so a callback that
        raises loses nobody else's."""
        with self.lock:
            if not self.finished:
                return
            token, result, error = self.finished.pop(0)
            on_done = self.tasks.pop(token)[1]
        on_done(result, error)


_relay: _Relay | None = None
_tokens = itertools.count(1)


def _main_relay() -> _Relay:
    """Made on the first task, which the UI starts on the main thread; never freed."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


def _work(relay: _Relay, token: int) -> None:
    func = relay.take(token)
    try:
        result, error = func(), None
    except BaseException as exc:  # handed to the UI, which shows one sentence
        _caught(func, exc)
        result, error = None, exc
    relay.put(token, result, error)
    del func, result, error  # the main thread now holds the only references
    relay.ready.emit()


class _Workers:
    """Up to `size` daemon threads taking task tokens from a queue (Qt-free). There are
    always as many threads as tasks queued or running, up to `size`."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.queue: queue.SimpleQueue[int] = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.threads = 0
        self.load = 0  # tasks queued or running

    def submit(self, relay: _Relay, token: int) -> None:
        with self.lock:  # the same lock as a leaving worker's last look at the queue
            self.load += 1
            if self.load > self.threads < self.size:
                self.threads += 1
                name = f"elevate-tray-worker-{self.threads}"
                threading.Thread(target=self._loop, args=(relay,), name=name, daemon=True).start()
            self.queue.put(token)

    def _loop(self, relay: _Relay) -> None:
        while True:
            try:
                token = self.queue.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self.lock:
                    if self.queue.empty():
                        self.threads -= 1
                        return
                continue
            try:
                _work(relay, token)
            finally:
                with self.lock:
                    self.load -= 1


class ThreadRunner:
    """`threads` workers of its own: a console waiting for a browser must not hold the
    threads that answer credentials."""

    def __init__(self, threads: int = THREADS) -> None:
        self._workers = _Workers(threads)

    def run_task(self, func: Callable[[], Any], on_done: Done) -> None:
        relay = _main_relay()
        token = next(_tokens)
        with relay.lock:
            relay.tasks[token] = (func, on_done)
        self._workers.submit(relay, token)


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
