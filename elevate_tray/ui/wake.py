"""Resume from sleep, as soon as the system says so.

Qt's timers run on the monotonic clock, which stands still while the machine sleeps; so a
wake is a moment to re-read the wall clock. On Linux, logind announces it (PrepareForSleep
false on the system bus); everywhere, the app becoming active again is a hint too. The
admin timer never waits more than a minute, so a missed signal costs at most that.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)


class WakeWatcher(QObject):
    def __init__(self, on_wake: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_wake = on_wake
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)
        self.logind = self._connect_logind()

    def _connect_logind(self) -> bool:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus is part of PySide6-Essentials
            return False
        bus = QDBusConnection.systemBus()
        if not bus.isConnected():
            return False
        return bus.connect(
            "org.freedesktop.login1",
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            self,
            "1prepare_for_sleep(bool)",
        )

    @Slot(bool)
    def prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if not going_to_sleep:
            log.info("resumed from sleep: re-checking the session against the wall clock")
            self.on_wake()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.on_wake()
