"""The apply page: per-step progress; a failure in one short sentence, Try again, and Back
to the plan (the plan page is a commit page, so Back is opened only after a failure)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from ..error_text import say
from .parts import _label, _Page, error_text


class _Progress(QObject):
    """Carries step progress from the worker thread to the page (queued across threads)."""

    step = Signal(int, str, str, str)


def failure_text(error: BaseException, total: int) -> str:
    """What failed and what is done, in one short sentence (the step list has the detail)."""
    index = getattr(error, "index", None)
    cause = getattr(error, "cause", None)
    if not isinstance(index, int) or cause is None:
        return error_text(error)
    if index <= 1:
        text = QCoreApplication.translate(
            "Wizard",
            "Step %1 of %2 failed: %3 Nothing was changed before it; running Apply again "
            "starts there.",
        )
    elif index == 2:
        text = QCoreApplication.translate(
            "Wizard",
            "Step %1 of %2 failed: %3 Step 1 is done; running Apply again continues from there.",
        )
    else:
        text = QCoreApplication.translate(
            "Wizard",
            "Step %1 of %2 failed: %3 Steps 1–%4 are done; running Apply again continues "
            "from there.",
        )
    return (
        text.replace("%1", str(index))
        .replace("%2", str(max(total, index)))
        .replace("%4", str(index - 1))
        .replace("%3", error_text(cause))  # last: the cause's own text is not a template
    )


class ApplyPage(_Page):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("Wizard", "Applying"))
        self.steps = QListWidget()
        self.status = _label()
        self.retry = QPushButton(QCoreApplication.translate("Wizard", "Try again"))
        self.retry.setVisible(False)
        self.retry.clicked.connect(lambda: self.start(reviewed=False))
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.retry)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addLayout(row)
        self.progress = _Progress()
        self.progress.step.connect(self._on_step)
        self.finished = False
        self.failed = False

    def initializePage(self) -> None:
        self.start(reviewed=True)

    def cleanupPage(self) -> None:
        """Back after a failure: the plan page is a commit page again, with a fresh plan."""
        wiz = self.wiz()
        wiz.plan_page.setCommitPage(True)
        if self.failed and wiz.isVisible():
            self.failed = False
            wiz.plan_page.refresh()

    def _allow_back(self, allowed: bool) -> None:
        # QWizard disables Back on the page after a commit page
        self.wiz().plan_page.setCommitPage(not allowed)

    def start(self, reviewed: bool) -> None:
        wiz = self.wiz()
        plan = wiz.plan_page.plan if reviewed else None
        engine = wiz.current_engine()
        target = wiz.target_name()
        self.finished = self.failed = False
        self._allow_back(False)
        self.retry.setVisible(False)
        self.steps.clear()
        self.show_info(self.status, QCoreApplication.translate("Wizard", "Working…"))
        emit = self.progress.step.emit
        total = [len(plan.changes) if plan is not None else 0]

        def work() -> str:
            def on_step(i: int, step: Any, status: str, error: BaseException | None) -> None:
                emit(i, say(step.summary), status, error_text(error) if error else "")

            todo = plan if plan is not None else engine.plan()
            total[0] = len(todo.changes)
            engine.apply(todo, on_step)
            profile = engine.target_profile(target)
            engine.write_target(profile)  # the only local write, after AWS succeeded
            return profile

        def done(profile: Any, error: BaseException | None) -> None:
            if error is not None:
                self.failed = True
                self.show_error(self.status, error)
                self.status.setText(failure_text(error, total[0]))
                self.retry.setVisible(True)
                self._allow_back(True)
                return
            wiz.target_written = profile.name
            self.finished = True
            said = QCoreApplication.translate(
                "Wizard", "Done. The target profile %1 is written."
            ).replace("%1", profile.name)
            # the names used instead of profiles the setup did not write
            notes = [say(note) for note in getattr(profile, "notes", ())]
            self.show_info(self.status, " ".join([said, *notes]))

        wiz.run(work, done)

    def _on_step(self, index: int, summary: str, status: str, error: str) -> None:
        words = {
            "running": QCoreApplication.translate("Wizard", "running"),
            "done": QCoreApplication.translate("Wizard", "done"),
            "failed": QCoreApplication.translate("Wizard", "failed"),
        }
        text = f"{index}. {summary}: {words.get(status, status)}"
        if error:
            text += f" — {error}"
        existing = self.steps.findItems(f"{index}. ", Qt.MatchFlag.MatchStartsWith)
        item = existing[0] if existing else QListWidgetItem(self.steps)
        item.setText(text)
        if status == "failed":
            item.setForeground(QBrush(QColor("#b00020")))

    def isComplete(self) -> bool:
        return self.finished and not self.wiz().busy
