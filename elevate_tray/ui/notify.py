"""Notifications: the tray's balloon (or the desktop's notification server behind it), and
the countdown window's notice line when it is shown or there is no tray.

A balloon cannot carry buttons everywhere, so its action (Extend…) runs when the message is
clicked; the countdown window shows the action as a button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

if TYPE_CHECKING:
    from .countdown_window import CountdownWindow

SHOW_MS = 15000


@dataclass(frozen=True)
class Notice:
    title: str
    text: str
    action_label: str = ""
    action: Callable[[], None] | None = None


class Notifier(QObject):
    """`stale` is emitted once a notice in the countdown window is due to leave it (one
    single-shot timer, only while a notice is shown)."""

    stale = Signal()

    def __init__(
        self,
        tray: QSystemTrayIcon | None,
        parent: QObject | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.tray = tray
        self.now = now
        self.window: CountdownWindow | None = None
        self.history: list[Notice] = []
        self._clicked: Callable[[], None] | None = None
        self._stale_timer = QTimer(self)
        self._stale_timer.setSingleShot(True)
        self._stale_timer.timeout.connect(self.stale)
        if tray is not None:
            tray.messageClicked.connect(self._message_clicked)

    def notify(
        self,
        title: str,
        text: str,
        action_label: str = "",
        action: Callable[[], None] | None = None,
        warning: bool = False,
    ) -> None:
        notice = Notice(title, text, action_label, action)
        self.history.append(notice)
        self._clicked = action
        if self.tray is not None and self.tray.isVisible():
            body = text
            if action_label and action:  # a balloon has no buttons: the click is the action
                body += "\n" + QCoreApplication.translate(
                    "Notifier", "Click this message for “%1”"
                ).replace("%1", action_label)
            kind = (
                QSystemTrayIcon.MessageIcon.Warning
                if warning
                else QSystemTrayIcon.MessageIcon.Information
            )
            self.tray.showMessage(title, body, kind, SHOW_MS)
        if self.window is not None and (self.window.isVisible() or self.tray is None):
            from .countdown_window import NOTICE_SECONDS

            self.window.show_notice(
                text, action_label, action, self.now() if self.now is not None else None
            )
            self._stale_timer.start(NOTICE_SECONDS * 1000 + 100)

    def window_gone(self) -> None:
        self.window = None
        self._stale_timer.stop()

    def _message_clicked(self) -> None:
        action, self._clicked = self._clicked, None
        if action:
            action()
