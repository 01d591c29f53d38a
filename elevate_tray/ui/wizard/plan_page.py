"""The plan page: every step and document, and, before anything is applied, what exists
without this setup's tag (adopt it or not) and every change that gives someone more."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPlainTextEdit, QScrollArea, QSplitter, QVBoxLayout, QWizard

from ...setup.plan import Plan
from ..error_text import say
from .parts import _label, _Page
from .review import Review, ReviewPanel, unmanaged, widenings_of


class PlanPage(_Page):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("Wizard", "Review the plan"))
        self.setSubTitle(
            QCoreApplication.translate(
                "Wizard", "Nothing has been changed yet. Every policy document is shown."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(
            QWizard.WizardButton.CommitButton, QCoreApplication.translate("Wizard", "Apply")
        )
        self.summary = _label()
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFont("monospace"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setVisible(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.scroll)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.plan: Plan | None = None
        self.panel: ReviewPanel | None = None
        self.adopt: set[str] = set()
        self.accepted = False

    # -- the admin's answers, read by the wizard's setup_options() -------------------------
    def adopt_chosen(self) -> tuple[str, ...]:
        return tuple(sorted(self.adopt))

    def widening_accepted(self) -> bool:
        return self.accepted

    def review(self) -> Review | None:
        return Review(self.plan, self.adopt, self.accepted) if self.plan is not None else None

    # -- building the plan -----------------------------------------------------------------
    def initializePage(self) -> None:
        """Coming from the options: a new plan, nothing adopted or accepted yet."""
        self.adopt = set()
        self.accepted = False
        self.plan = None
        self.text.clear()
        self._show_panel()  # nothing from another visit's names
        self.refresh()

    def refresh(self) -> None:
        """(Re)build the plan with the current answers, through the runner."""
        self.plan = None
        if self.panel is not None:
            self.panel.setEnabled(False)  # the questions wait for the new plan
        self.show_info(
            self.summary,
            QCoreApplication.translate("Wizard", "Comparing the account with the setup…"),
        )
        wiz = self.wiz()
        engine = wiz.current_engine()

        def done(plan: Any, error: BaseException | None) -> None:
            if error is not None:
                self.show_error(self.summary, error)
                if self.panel is not None:
                    self.panel.setEnabled(True)  # ticking again plans again
                return
            self.show_plan(plan)

        wiz.run(engine.plan, done)

    def show_plan(self, plan: Plan) -> None:
        self.plan = plan
        self.text.setPlainText(plan_text(plan))
        n = len(plan.changes)
        self.show_info(
            self.summary,
            QCoreApplication.translate("Wizard", "%1 change(s) to make in account %2.")
            .replace("%1", str(n))
            .replace("%2", plan.account.account_id)
            if n
            else QCoreApplication.translate(
                "Wizard",
                "No changes: the account already matches. Apply "
                "writes the target profile on this computer.",
            ),
        )
        self._show_panel()
        self.completeChanged.emit()

    def _show_panel(self) -> None:
        review = self.review()
        self.panel = None
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()  # a checkbox in it may be the one whose signal got us here
        if review is not None:
            panel = ReviewPanel(review, self._on_adopt, self._on_accept, busy=self.wiz().busy)
            if not panel.empty():
                self.panel = panel
        if self.panel is None:
            self.scroll.setVisible(False)
            return
        self.scroll.setWidget(self.panel)
        self.scroll.setVisible(True)

    def _on_adopt(self, name: str, checked: bool) -> None:
        (self.adopt.add if checked else self.adopt.discard)(name)
        self.refresh()  # the engine plans the adoption: the documents and widenings change

    def _on_accept(self, checked: bool) -> None:
        self.accepted = checked
        if self.panel is not None:
            review = self.review()
            self.panel.why.setText(review.why_not() if review else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        review = self.review()
        return review is not None and review.ready() and not self.wiz().busy


def plan_text(plan: Plan) -> str:
    lines = []
    marks = {"create": "+", "update": "~", "unchanged": "=", "delete": "-", "keep": "="}
    widened: dict[int, list[str]] = {}
    for step, widening in widenings_of(plan):
        widened.setdefault(id(step), []).append(widening)
    for step in plan.steps:
        lines.append(f"{marks.get(step.action, '?')} {say(step.summary)}")
        if unmanaged(step):
            lines.append(
                "    " + QCoreApplication.translate("Wizard", "exists, not managed by this setup")
            )
        for widening in widened.get(id(step), []):
            lines.append(
                "    "
                + QCoreApplication.translate("Wizard", "Gives more than before: %1").replace(
                    "%1", say(widening)
                )
            )
    for note in plan.notes:
        lines.append(QCoreApplication.translate("Wizard", "Note: %1").replace("%1", say(note)))
    for step in plan.steps:
        if step.document is None:
            continue
        title = (
            QCoreApplication.translate("Wizard", "%1 trust policy").replace("%1", step.name)
            if step.kind == "role"
            else step.name
        )
        lines += ["", f"== {title} ({step.action}) ==", json.dumps(step.document, indent=4)]
        if step.diff:
            lines += ["", QCoreApplication.translate("Wizard", "Changes:"), step.diff]
    return "\n".join(lines)
