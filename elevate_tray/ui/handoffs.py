"""The tray's side of console hand-offs: their outcomes, brought back to the UI thread.

A hand-off (core.handoff) reports from its own server thread when the browser took it or
its time ran out; Qt widgets, the notifier and the local socket's connections live on the
UI thread. `relay(fn)` gives the hand-off a callback that runs `fn(taken)` there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

Outcome = Callable[[bool | None], None]


class HandoffRelay(QObject):
    _arrived = Signal(object, object)  # the callback, the outcome (True, False or None)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # a bound slot of this object: emitted from a server thread, queued to the UI thread
        self._arrived.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, fn: Outcome, taken: bool | None) -> None:
        fn(taken)

    def relay(self, fn: Outcome) -> Outcome:
        return lambda taken: self._arrived.emit(fn, taken)
