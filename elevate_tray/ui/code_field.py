"""The 6-digit code field: takes pasted spaces and dashes, submits on the sixth digit."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

_FULLWIDTH = {0xFF10 + i: ord("0") + i for i in range(10)}


def digits_of(text: str) -> str:
    return re.sub(r"[^0-9]", "", text.translate(_FULLWIDTH))


class CodeField(QLineEdit):
    complete = Signal(str)  # six digits, typed or pasted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code")
        self.setPlaceholderText("000000")
        self.setMaxLength(32)  # room for a pasted "123 456\n" with stray spaces
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.textChanged.connect(self._changed)

    def _changed(self, text: str) -> None:
        digits = digits_of(text)
        if digits != text:
            # keep only the digits, so what is shown is what will be sent
            self.blockSignals(True)
            self.setText(digits[:6] if len(digits) >= 6 else digits)
            self.blockSignals(False)
        if len(digits) == 6:
            self.complete.emit(digits)


def error_label(code: CodeField) -> QLabel:
    """The red sentence under a code field (a refused code, what to do): hidden until said,
    and hidden again as soon as the person edits the code."""
    label = QLabel("")
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.hide()
    code.textEdited.connect(lambda _t: label.hide())
    return label
