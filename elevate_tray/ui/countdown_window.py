"""A small always-on-top countdown window, for panels where tray icons are tiny or hidden.

Draggable, and it remembers where it was put. Without a system tray it is the app's main
surface: it says why, and its menu button opens the same menu the tray icon would.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QCloseEvent, QMouseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.lifecycle import Mode
from .icons import CountdownPainter
from .state import TrayState
from .texts import left_text, mode_title, readonly_line, session_line

NOTICE_SECONDS = 15  # a notice leaves the window after this, or at the next change of state


class CountdownWindow(QWidget):
    moved = Signal(int, int)  # where the user dropped it
    closed = Signal()

    def __init__(
        self,
        painter: CountdownPainter,
        menu: QMenu | None,
        main_surface: bool = False,
        reason: str = "",
    ) -> None:
        flags = Qt.WindowType.WindowStaysOnTopHint
        if main_surface:
            flags |= Qt.WindowType.Window
        else:
            flags |= Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
        super().__init__(None, flags)
        self.setObjectName("CountdownWindow")
        self.painter = painter
        self.main_surface = main_surface
        self._drag_from: QPoint | None = None
        self._action: Callable[[], None] | None = None
        self._notice_at: datetime | None = None  # when the notice was shown (the app's clock)
        self._notice_state: Hashable | None = None  # the state it was shown in
        self._state: Hashable | None = None  # the state last seen by age_notice
        self.icon_label = QLabel(self)
        self.big = QLabel(self)
        self.big.setObjectName("big")
        font = self.big.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.big.setFont(font)
        self.detail = QLabel(self)
        self.detail.setObjectName("detail")
        self.menu_button = QToolButton(self)
        self.menu_button.setText("☰")
        self.menu_button.setToolTip(self.tr("Menu"))
        self.menu_button.setObjectName("menu")
        if menu is not None:
            self.menu_button.setMenu(menu)
            self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.reason_label = QLabel(reason, self)
        self.reason_label.setObjectName("no-tray")
        self.reason_label.setWordWrap(True)
        self.reason_label.setVisible(bool(reason))
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice_button = QPushButton(self)
        self.notice_button.clicked.connect(self._run_action)
        self.notice.hide()
        self.notice_button.hide()
        top = QHBoxLayout()
        top.addWidget(self.icon_label)
        text = QVBoxLayout()
        text.addWidget(self.big)
        text.addWidget(self.detail)
        top.addLayout(text, 1)
        top.addWidget(self.menu_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        # always exactly as big as its text: it grows and shrinks with the countdown
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.notice)
        layout.addWidget(self.notice_button, 0, Qt.AlignmentFlag.AlignRight)
        if not main_surface:
            self.setStyleSheet("CountdownWindow { border: 1px solid #888; }")
        self.big.setMinimumWidth(240)

    # -- showing state -----------------------------------------------------------------
    def show_state(self, state: TrayState, now: datetime) -> None:
        sandbox = " — " + self.tr("SANDBOX") if state.sandbox else ""
        self.setWindowTitle("elevate-tray" + sandbox)
        left = state.shown.seconds_left(now) if state.shown else 0
        self.icon_label.setPixmap(self.painter.icon(state.mode, left).pixmap(32, 32))
        if state.mode is Mode.ADMIN and state.shown is not None:
            self.big.setText(f"{mode_title(state)} · {left_text(left)}")
            self.detail.setText(session_line(state.shown))
        else:
            self.big.setText(mode_title(state))
            lines = [self.tr("No admin rights: elevate from the menu.")]
            lines += [readonly_line(s, now, len(state.readonly) > 1) for s in state.readonly]
            self.detail.setText("\n".join(lines) if state.mode is Mode.READ_ONLY else "")

    def show_notice(
        self,
        text: str,
        action_label: str = "",
        action: Callable[[], None] | None = None,
        at: datetime | None = None,
    ) -> None:
        self.notice.setText(text)
        self.notice.show()
        self._action = action
        self._notice_at, self._notice_state = at, self._state
        self.notice_button.setText(action_label)
        self.notice_button.setVisible(bool(action_label and action))

    def age_notice(self, state: Hashable, now: datetime) -> None:
        """Told each time the tray reads the state, before it announces anything: an old
        notice leaves once the state it was shown in has changed, or after NOTICE_SECONDS
        by the app's clock."""
        self._state = state
        if self.notice.isHidden():
            return
        old = self._notice_at is not None and (now - self._notice_at).total_seconds() >= (
            NOTICE_SECONDS
        )
        if old or state != self._notice_state:
            self.clear_notice()

    def clear_notice(self) -> None:
        self.notice.hide()
        self.notice_button.hide()
        self._action = None
        self._notice_at = self._notice_state = None

    def _run_action(self) -> None:
        action = self._action
        self.clear_notice()
        if action:
            action()

    # -- dragging (frameless) ------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
            event.accept()
        elif event.button() == Qt.MouseButton.RightButton and self.menu_button.menu():
            self.menu_button.menu().popup(event.globalPosition().toPoint())
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.move(event.globalPosition().toPoint() - self._drag_from)
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            self.moved.emit(self.x(), self.y())
        super().mouseReleaseEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        if self.main_surface:
            event.ignore()  # the app itself: it closes when the app quits, after its question
            return
        super().closeEvent(event)
