"""What the plan page asks before Apply: adopt what the setup did not create, accept widenings.

The engine marks each step (`Step.unmanaged`, `adopt_name`, `refusal`, `widenings`); the
attributes are read with getattr so that a plan without them shows no questions. The admin's
answers go back to the engine as `SetupOptions.adopt` / `accept_widening` (`with_choices`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...setup.model import SetupOptions
from ..error_text import say
from .parts import _label


def unmanaged(step: Any) -> bool:
    return bool(getattr(step, "unmanaged", False))


def widenings_of(plan: Any) -> list[tuple[Any, str]]:
    """Every widening with its step, in plan order."""
    if hasattr(plan, "widenings"):
        return list(plan.widenings())
    return [(s, w) for s in plan.steps for w in getattr(s, "widenings", None) or []]


def with_choices(options: SetupOptions, adopt: Iterable[str], accept: bool) -> SetupOptions:
    """The options with the admin's answers, for an engine that knows the two fields."""
    known = {f.name for f in dataclasses.fields(options)}
    changes: dict[str, Any] = {}
    if "adopt" in known:
        changes["adopt"] = tuple(sorted(set(adopt)))
    if "accept_widening" in known:
        changes["accept_widening"] = accept
    return dataclasses.replace(options, **changes) if changes else options


class Review:
    """The admin's answers for one plan, and what still keeps Apply disabled."""

    def __init__(self, plan: Any, adopt: set[str], accepted: bool) -> None:
        self.plan = plan
        self.adopt = adopt
        self.accepted = accepted

    def adopted(self, step: Any) -> bool:
        name = getattr(step, "adopt_name", "")
        return bool(name) and name in self.adopt

    def items(self) -> list[Any]:
        """The steps that act on something this setup did not create."""
        return [s for s in self.plan.steps if unmanaged(s)]

    def blocking(self) -> list[Any]:
        """Unmanaged steps that would change and are not adopted."""
        waiting = [s for s in self.items() if s.changes and not self.adopted(s)]
        if hasattr(self.plan, "needs_adoption"):
            waiting += [s for s in self.plan.needs_adoption() if not self.adopted(s)]
        return list({id(s): s for s in waiting}.values())

    def adopted_widenings(self) -> list[tuple[Any, str]]:
        return [(s, w) for s, w in widenings_of(self.plan) if self.adopted(s)]

    def ready(self) -> bool:
        return not self.blocking() and (self.accepted or not self.adopted_widenings())

    def why_not(self) -> str:
        if self.blocking():
            return QCoreApplication.translate(
                "Wizard",
                "Apply stays disabled until every item that exists, is not managed by this "
                "setup and would change is adopted.",
            )
        if not self.ready():
            return QCoreApplication.translate(
                "Wizard", "Apply stays disabled until you accept the widenings of what you adopt."
            )
        return ""


def _json_view(document: Any) -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setFont(QFont("monospace"))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setPlainText(
        json.dumps(document, indent=2)
        if document is not None
        else QCoreApplication.translate("Wizard", "(no document)")
    )
    view.setMaximumHeight(150)
    return view


def _widening_labels(layout: QVBoxLayout, widenings: list[str]) -> list[QLabel]:
    labels = []
    for widening in widenings:
        label = _label(
            QCoreApplication.translate("Wizard", "Gives more than before: %1").replace(
                "%1", say(widening)
            )
        )
        label.setStyleSheet("color: #8a4b00;")
        layout.addWidget(label)
        labels.append(label)
    return labels


class ItemBox(QGroupBox):
    """One unmanaged item: adopt it (or why not), its JSON now and after, its widenings."""

    def __init__(
        self, steps: list[Any], review: Review, on_adopt: Callable[[str, bool], None], busy: bool
    ) -> None:
        """steps: those of one item (adopting it, then changing it), in plan order."""
        shown = [s for s in steps if s.document is not None or s.current is not None]
        step = shown[0] if shown else steps[0]
        super().__init__(
            QCoreApplication.translate("Wizard", "%1: exists, not managed by this setup").replace(
                "%1", step.name
            )
        )
        self.step = step
        self.steps = steps
        layout = QVBoxLayout(self)
        for each in steps:
            layout.addWidget(_label(say(each.summary)))
        name = getattr(step, "adopt_name", "")
        self.adopt: QCheckBox | None = None
        self.refusal: QLabel | None = None
        if name:
            self.adopt = QCheckBox(
                QCoreApplication.translate("Wizard", "Adopt %1").replace("%1", name)
            )
            self.adopt.setChecked(review.adopted(step))
            self.adopt.setEnabled(not busy)
            self.adopt.toggled.connect(lambda checked: on_adopt(name, checked))
            layout.addWidget(self.adopt)
        else:
            refusal = getattr(step, "refusal", "") or QCoreApplication.translate(
                "Wizard", "This setup cannot adopt it."
            )
            self.refusal = _label(
                QCoreApplication.translate("Wizard", "Cannot be adopted: %1").replace(
                    "%1", say(refusal)
                )
            )
            layout.addWidget(self.refusal)
        widenings = [w for each in steps for w in getattr(each, "widenings", None) or []]
        self.widenings = _widening_labels(layout, widenings)
        self.toggle = QToolButton()
        self.toggle.setText(QCoreApplication.translate("Wizard", "Now and after apply (JSON)"))
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.documents = QWidget()
        grid = QGridLayout(self.documents)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(QCoreApplication.translate("Wizard", "Now")), 0, 0)
        grid.addWidget(QLabel(QCoreApplication.translate("Wizard", "After apply")), 0, 1)
        self.before = _json_view(step.current)
        self.after = _json_view(step.document)
        grid.addWidget(self.before, 1, 0)
        grid.addWidget(self.after, 1, 1)
        self.toggle.toggled.connect(self.documents.setVisible)
        layout.addWidget(self.toggle)
        layout.addWidget(self.documents)


class ReviewPanel(QWidget):
    """The questions of one plan; rebuilt whenever the plan is."""

    def __init__(
        self,
        review: Review,
        on_adopt: Callable[[str, bool], None],
        on_accept: Callable[[bool], None],
        busy: bool = False,
    ) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        by_item: dict[str, list[Any]] = {}
        for step in review.items():  # one box per thing to adopt, however many steps
            by_item.setdefault(getattr(step, "adopt_name", "") or step.name, []).append(step)
        self.items = [ItemBox(steps, review, on_adopt, busy) for steps in by_item.values()]
        for box in self.items:
            layout.addWidget(box)
        shown = {id(s) for b in self.items for s in b.steps}
        self.widenings: list[QLabel] = []
        by_step: dict[int, tuple[Any, list[str]]] = {}
        for step, widening in widenings_of(review.plan):
            if id(step) not in shown:
                by_step.setdefault(id(step), (step, []))[1].append(widening)
        for step, widenings in by_step.values():
            box = QGroupBox(say(step.summary))
            inner = QVBoxLayout(box)
            self.widenings += _widening_labels(inner, widenings)
            layout.addWidget(box)
        for box in self.items:
            self.widenings += box.widenings
        self.accept = QCheckBox(QCoreApplication.translate("Wizard", "I accept these widenings"))
        self.accept.setChecked(review.accepted)
        self.accept.setVisible(bool(review.adopted_widenings()))
        self.accept.toggled.connect(on_accept)
        layout.addWidget(self.accept)
        self.why = _label(review.why_not())
        self.why.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.why)
        layout.addStretch(1)

    def empty(self) -> bool:
        return not self.items and not self.widenings
