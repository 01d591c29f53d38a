"""The tray's "Rotate access key…": an MFA code, then flows.rotation.rotate off the UI thread.

The dialog finds the profile's MFA device off the UI thread (and whether a kept TOTP secret
or the profile's mfa_process gives the codes, as flows.codes.choose decides; then no code is
asked, and Rotate alone starts). The steps the flow reports are shown as they come. When
the rotation needs a second code (the old key's session ended with the key), the running
task waits for it while the dialog asks again (CodeAsk); Cancel there ends the rotation
with one sentence. An MFA code AWS refused is said here and asked again; any other outcome
closes the dialog and is said in a notice (key_rotation.py).
"""

from __future__ import annotations

import queue
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from ..core.context import AppContext
from ..core.errors import MfaRejected, NotElevated
from ..core.keys import masked
from ..core.totp import normalise_code
from .code_field import CodeField, error_label
from .error_text import say
from .gui_wording import problem_text
from .workers import Runner


class CodeAsk(QObject):
    """A code asked for from the task's thread and typed on the UI thread: `ask()` blocks
    the task until `give(code)` (None: cancelled). With an inline runner the task runs on
    the UI thread, and ask() turns the event loop until the code comes."""

    wanted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._answers: queue.Queue[str | None] = queue.Queue()
        self._loop: QEventLoop | None = None

    def ask(self) -> str:
        self.wanted.emit()  # queued to the UI thread when emitted from the task's
        if threading.current_thread() is threading.main_thread():
            self._loop = QEventLoop()
            if self._answers.empty():
                self._loop.exec()
            self._loop = None
        code = self._answers.get()
        if code is None:  # said inside the flow's sentence ("... was not deleted (HERE)")
            raise NotElevated(
                QCoreApplication.translate("RotateDialog", "no second MFA code was given")
            )
        return code

    def give(self, code: str | None) -> None:
        self._answers.put(code)
        if self._loop is not None:
            self._loop.quit()


class _Steps(QObject):
    """A flow's progress, translated on the task's thread (QCoreApplication.translate is
    thread-safe) and sent as text: no Python object crosses threads in a signal."""

    step = Signal(str)

    def said(self, phrase: str) -> None:
        self.step.emit(say(phrase))


class RotateDialog(QDialog):
    rotated = Signal(object)  # flows.rotation.Rotated
    failed = Signal(object)  # an error other than a refused code: said in a notice
    busy = Signal(bool)

    def __init__(
        self, ctx: AppContext, profile: str, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.profile, self.runner = ctx, profile, runner
        self.setObjectName("RotateDialog")
        self.setWindowTitle(self.tr("Rotate the access key of %1").replace("%1", profile))
        self._serial = ""
        self._generates = False  # a kept TOTP secret or the mfa_process gives the codes
        self._process: Any = None
        self._prepared = self._busy = self._second = False
        self._asked_again = False  # this run asked for a second code: the new key is in use
        self.asker = CodeAsk(self)
        self.asker.wanted.connect(self._second_code_wanted)
        self._steps = _Steps(self)
        self._steps.step.connect(self._show_step)
        self._build()

    def _build(self) -> None:
        kept = self.ctx.kept_keys.info(self.profile)
        key = masked(kept.access_key_id) if kept else "?"
        self.explain = QLabel(
            self.tr(
                "Replace the access key %1 of profile %2 with a new one: AWS creates the new "
                "key, elevate-tray keeps it in place of the old one, then deactivates and "
                "deletes the old key."
            )
            .replace("%1", key)
            .replace("%2", self.profile)
        )
        self.explain.setWordWrap(True)
        self.device_label = QLabel(self.tr("Looking up your MFA device…"))
        self.device_label.setWordWrap(True)
        self.code = CodeField(self)
        self.code.complete.connect(self.submit)
        self.code_note = QLabel("")
        self.code_note.setObjectName("code_note")
        self.code_note.setWordWrap(True)
        self.code_note.hide()
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("progress")
        self.progress_label.setWordWrap(True)
        self.progress_label.hide()
        self.error_label = error_label(self.code)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Device:"), self.device_label)
        self.form.addRow(self.tr("&Code:"), self.code)
        self.buttons = QDialogButtonBox(self)
        self.submit_button = self.buttons.addButton(
            self.tr("&Rotate"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.submit_button.setDefault(True)
        self.submit_button.setEnabled(False)
        self.buttons.accepted.connect(lambda: self.submit(self.code.text()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # wrapped sentences get the height their width needs (never clipped), at a width
        # that keeps them to a few lines
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.explain.setMinimumWidth(400)
        layout.addWidget(self.explain)
        layout.addLayout(self.form)
        for widget in (self.code_note, self.progress_label, self.error_label, self.buttons):
            layout.addWidget(widget)
        self.code.setFocus()

    # -- preparation: the device, and where the codes come from (off the UI thread) ------
    def start(self) -> None:
        self.runner.run_task(self._prepare, self._on_prepared)

    def _prepare(self) -> tuple[str, bool, Any]:
        from ..flows.rotation import target_for

        target = target_for(self.ctx, self.profile)
        serial = target.mfa_serial or self.ctx.elevator(target).mfa_serial()[0]
        kept_secret = bool(self.ctx.totp_secret(serial))  # the store: never on the UI thread
        return serial, kept_secret, None if kept_secret else target.mfa_process

    def _on_prepared(self, result: Any, error: BaseException | None) -> None:
        self._prepared = True
        if error is not None:
            self.device_label.setText(self.tr("unknown"))
            self.show_error(error)
            return
        self._serial, kept_secret, self._process = result
        self._generates = kept_secret or self._process is not None  # as codes.choose says
        self.device_label.setText(self._serial)
        self.submit_button.setEnabled(True)
        if self._generates:
            self.form.setRowVisible(self.code, False)
            self.code_note.setText(
                self.tr("The code comes from your kept TOTP secret.")
                if kept_secret
                else self.tr("The code comes from the mfa_process of profile %1.").replace(
                    "%1", self._process.profile
                )
            )
            self.code_note.show()
            self.submit_button.setFocus()

    # -- rotating --------------------------------------------------------------------------
    def submit(self, text: str = "") -> None:
        if self._busy or not self._prepared or not self._serial:
            return
        code = ""
        if not self._generates or self._second:
            try:
                code = normalise_code(text)
            except MfaRejected as exc:
                self.show_error(exc)
                return
        if self._second:  # the running task waits for this one
            self._second = False
            self._set_busy(True)
            self.asker.give(code)
            return
        self._set_busy(True)
        self._asked_again = False
        self.error_label.hide()
        self.runner.run_task(lambda: self._rotate(code), self._on_done)

    def _rotate(self, code: str) -> Any:
        from ..flows.codes import choose, typed
        from ..flows.rotation import rotate

        if self._generates:
            codes = choose(
                self.ctx, self._serial, None, self.asker.ask, self._waiting, self._process
            )
        else:
            codes = typed(code, self.asker.ask)
        return rotate(self.ctx, self.profile, codes, progress=self._steps.said)

    def _waiting(self, seconds: float) -> None:
        """A generated code waits for a fresh window (AWS takes each code once): said."""
        self._steps.step.emit(
            QCoreApplication.translate(
                "RotateDialog", "Waiting %1 s for a fresh code: the current one was already used."
            ).replace("%1", str(max(1, round(seconds))))
        )

    def _show_step(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress_label.show()

    def _second_code_wanted(self) -> None:
        """The old key's session ended with it: one more code deletes the old key."""
        self._second = self._asked_again = True
        self._set_busy(False)
        self.form.setRowVisible(self.code, True)
        self.code_note.setText(
            self.tr("AWS needs one more MFA code to delete the old key: enter the next code.")
        )
        self.code_note.show()
        self.code.clear()
        self.code.setFocus()

    def _on_done(self, result: Any, error: BaseException | None) -> None:
        self._set_busy(False)
        self._second = False
        if isinstance(error, MfaRejected) and not self._asked_again:
            self.show_error(error)  # nothing changed: another code may be typed
            return
        if error is not None:
            self.failed.emit(error)
        else:
            self.rotated.emit(result)
        self.accept()

    def reject(self) -> None:
        if self._second:  # the running task waits for a code: it ends, and says so
            self._second = False
            self._set_busy(True)  # until its answer comes (and closes the dialog)
            self.asker.give(None)
            return
        if not self._busy:  # while AWS answers, its answer decides
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.code.setEnabled(not busy)
        self.submit_button.setEnabled(not busy)
        self.busy.emit(busy)

    def show_error(self, error: BaseException) -> None:
        self.error_label.setText(problem_text(error))
        self.error_label.show()
        self.progress_label.hide()
        self.code.clear()
        self.code.setEnabled(True)
        self.code.setFocus()
        self.adjustSize()
