"""The receipt window: what one admin session changed, from CloudTrail's event history.

The header (target, role, account, session name, key, start–end, how it ended, reason),
whether the receipt is final, then the changes as a table, the read calls counted and shown
on request, the app's own calls apart, and the receipt's notes and last problem. Refresh asks
the tray to collect it now (off the UI thread: `refresh_wanted`); Copy as Markdown puts the
change ticket's text on the clipboard.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.receipt import Receipt, ReceiptEvent
from . import receipt_words as words
from .error_text import say

WIDTH, HEIGHT = 900, 560  # readable at 100 % on a 1280×800 screen


def _table(name: str) -> QTableWidget:
    table = QTableWidget(0, len(words.columns()))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(words.columns())
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no current cell drawn: a list to read
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the resources
    return table


def _fill(table: QTableWidget, events: list[ReceiptEvent]) -> None:
    table.setRowCount(len(events))
    for r, event in enumerate(events):
        for c, text in enumerate(words.row(event)):
            item = QTableWidgetItem(text)
            if c == 5 and event.error_code:
                item.setForeground(Qt.GlobalColor.darkRed)
            table.setItem(r, c, item)
    # tall enough for its rows (up to ten), no taller: the window scrolls no table away
    rows = min(max(len(events), 1), 10)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
    height += sum(table.rowHeight(i) for i in range(min(len(events), rows))) or 24
    table.setMinimumHeight(height)
    table.setMaximumHeight(height if len(events) <= 10 else 16777215)


class ReceiptWindow(QWidget):
    refresh_wanted = Signal(str)  # the receipt's ID: collect it now
    closed = Signal(str)

    def __init__(self, receipt: Receipt, now: Callable[[], datetime]) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("ReceiptWindow")
        self.now = now
        self.receipt = receipt
        self.header = QLabel()
        self.header.setObjectName("header")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.changes_title = QLabel()
        self.changes_title.setObjectName("changes_title")
        font = self.changes_title.font()
        font.setBold(True)
        self.changes_title.setFont(font)
        self.changes = _table("changes")
        self.reads_toggle = QToolButton()
        self.reads_toggle.setObjectName("reads_toggle")
        self.reads_toggle.setCheckable(True)
        self.reads_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.reads_toggle.setAutoRaise(True)
        self.reads_toggle.toggled.connect(self._show_reads)
        self.reads = _table("reads")
        self.reads.hide()
        self.app_calls = QLabel()
        self.app_calls.setObjectName("app_calls")
        self.notes = QLabel()
        self.notes.setObjectName("notes")
        self.notes.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox()
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("refresh")
        self.copy_button = QPushButton(self.tr("Copy as &Markdown"))
        self.copy_button.setObjectName("copy")
        close = QPushButton(self.tr("&Close"))
        close.setObjectName("close")
        for button, role in (
            (self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.copy_button, QDialogButtonBox.ButtonRole.ActionRole),
            (close, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            self.buttons.addButton(button, role)
        self.refresh_button.clicked.connect(lambda: self.refresh_wanted.emit(self.receipt.id))
        self.copy_button.clicked.connect(self.copy_markdown)
        close.clicked.connect(self.close)
        self.copied = QLabel()
        self.copied.setObjectName("copied")
        layout = QVBoxLayout(self)
        for widget in (self.header, self.status, self.changes_title, self.changes):
            layout.addWidget(widget)
        layout.addWidget(self.reads_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.reads, self.app_calls, self.notes, self.problem, self.copied):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(WIDTH, HEIGHT)
        self.show_receipt(receipt)

    # -- what is shown -------------------------------------------------------------------
    def show_receipt(self, receipt: Receipt) -> None:
        self.receipt = r = receipt
        self.setWindowTitle(self.tr("Receipt for %1").replace("%1", r.target))
        lines = [
            f"<b>{_html(r.target)}</b> — "
            + _html(
                self.tr("role %1 in account %2").replace("%1", r.role).replace("%2", r.account)
            ),
            _html(
                self.tr("Session %1 · key %2").replace("%1", r.session_name).replace("%2", r.key)
            ),
            _html(words.span(r)),
        ]
        if r.reason:
            lines.append(_html(self.tr("Reason: %1").replace("%1", r.reason)))
        self.header.setText("<br>".join(lines))
        self.status.setText(words.status_line(r))
        changes = r.changes
        self.changes_title.setText(
            words.changes_text(len(changes)) if changes else self.tr("No changes.")
        )
        _fill(self.changes, changes)
        self.changes.setVisible(bool(changes))
        reads = r.reads
        self.reads_toggle.setText(words.reads_text(len(reads)))
        self.reads_toggle.setEnabled(bool(reads))
        _fill(self.reads, reads)
        self._show_reads(self.reads_toggle.isChecked())
        self.app_calls.setText(
            self.tr("elevate-tray's own calls (not counted): %1").replace(
                "%1", str(len(r.app_calls))
            )
        )
        self.app_calls.setVisible(bool(r.app_calls))
        self.notes.setText("\n".join(self.tr("Note: %1").replace("%1", say(n)) for n in r.notes))
        self.notes.setVisible(bool(r.notes))
        self.problem.setText(
            self.tr("Last collection: %1").replace("%1", say(r.problem)) if r.problem else ""
        )
        self.problem.setVisible(bool(r.problem))
        self.refresh_button.setEnabled(not r.final)

    def _show_reads(self, on: bool) -> None:
        arrow = Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow
        self.reads_toggle.setArrowType(arrow)
        self.reads.setVisible(on and bool(self.receipt.reads))

    def set_busy(self, busy: bool) -> None:
        """While the tray collects it: Refresh waits, and the status says so."""
        self.refresh_button.setEnabled(not busy and not self.receipt.final)
        if busy:
            self.status.setText(self.tr("Collecting from CloudTrail…"))
        else:
            self.status.setText(words.status_line(self.receipt))

    def show_problem(self, sentence: str) -> None:
        self.problem.setText(self.tr("Last collection: %1").replace("%1", sentence))
        self.problem.show()

    # -- buttons -------------------------------------------------------------------------
    def copy_markdown(self) -> None:
        from ..flows.receipt_text import markdown

        QGuiApplication.clipboard().setText(markdown(self.receipt, self.now()))
        self.copied.setText(self.tr("The receipt is on the clipboard, as Markdown."))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.closed.emit(self.receipt.id)
        super().closeEvent(event)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
