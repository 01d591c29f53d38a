"""The MFA dialog: a code, a duration, a reason; AWS answers off the UI thread.

Opening it warms the STS and sign-in connections, so Enter costs two round trips and no
handshakes. A kept TOTP secret fills the code; when the current window's code was already
used, the wait for the next one is shown, never hidden.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.context import AppContext
from ..core.errors import ElevateError, MfaRejected
from ..core.targets import MAX_DURATION, Target
from ..core.totp import normalise_code
from ..flows.durations import DurationLimit, duration_limit
from .code_field import CodeField, error_label
from .durations import DurationChoice, duration_label, longest_below
from .gui_wording import CHAINED_HOUR, ROLE_MAXIMUM, gui_say, gui_sentence
from .workers import Runner

log = logging.getLogger(__name__)


class MfaDialog(QDialog):
    busy = Signal(bool)  # True while AWS is being asked
    elevated = Signal(object, str)  # Elevation, and a note (console not opened, chained…)

    def __init__(
        self,
        ctx: AppContext,
        target: Target,
        runner: Runner,
        parent: QWidget | None = None,
        extend: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.target, self.runner = ctx, target, runner
        self.setObjectName("MfaDialog")
        self.setWindowTitle(
            (self.tr("Extend %1") if extend else self.tr("Elevate to %1")).replace(
                "%1", target.name
            )
        )
        self._serial = ""
        self._secret: str | None = None
        self._store_kind = ""  # the secret store in use ("keyring", "file"), read off the UI thread
        self._prepared = False
        self._pending: str | None = None
        self._filling = False
        self._busy = False
        self._prepared_flow: Any = None
        self._generated = ""
        self.extend = extend
        self.console_outcome: Callable[[bool | None], None] | None = None  # the tray's
        self._wait_timer = QTimer(self)
        self._wait_timer.setSingleShot(True)
        self._wait_timer.timeout.connect(self.refresh_generated)
        self.finished.connect(self._let_go)
        self._build()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        t = self.target
        if t.prefs.account_name:  # an organization's account (targets sync): its name too
            where = (
                self.tr("%1 in %2")
                .replace("%1", t.role_name)
                .replace("%2", f"{t.prefs.account_name} ({t.account})")
            )
        else:
            where = self.tr("%1 in account %2").replace("%1", t.role_name).replace("%2", t.account)
        self.target_label = QLabel(where + f"  ({t.name})")
        self.target_label.setObjectName("target-label")
        self.device_label = QLabel(self.tr("Looking up your MFA device…"))
        self.device_label.setWordWrap(True)
        self.code = CodeField(self)
        self.code.complete.connect(self._typed_complete)
        self.duration = DurationChoice(self)
        self.limit_label = QLabel("")
        self._cap = MAX_DURATION  # lowered by a refusal seen in this dialog
        self._apply_limit(t.max_duration or MAX_DURATION, bool(t.max_duration))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("optional: why you need admin rights"))
        self.open_console = QCheckBox(self.tr("Open the AWS console"), self)
        self.open_console.setChecked(True)
        self.totp_label = QLabel("")
        self.totp_label.hide()
        self.error_label = error_label(self.code)
        form = self.form = QFormLayout()  # the broker's dialog adds its rows (broker_dialog)
        form.addRow(self.tr("Target:"), self.target_label)
        form.addRow(self.tr("Device:"), self.device_label)
        form.addRow(self.tr("&Code:"), self.code)
        form.addRow(self.tr("&Duration:"), self.duration)
        form.addRow("", self.limit_label)
        form.addRow(self.tr("&Reason:"), self.reason)
        self.buttons = QDialogButtonBox(self)
        self.submit_button = self.buttons.addButton(
            self.tr("&Extend") if self.extend else self.tr("&Elevate"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.submit_button.setDefault(True)
        self.buttons.accepted.connect(lambda: self.submit(self.code.text()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_console)
        layout.addWidget(self.totp_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.code.setFocus()

    def _apply_limit(self, limit: int, known: bool) -> None:
        """Offer every standard duration up to the role's limit as far as it is known
        (flows/durations.py: the target's max_duration, else what AWS's refusals and grants
        taught, else AWS's 12 h); "at most" is said only of a limit known to be the role's."""
        limit = min(limit, self._cap)
        t = self.target
        self.duration.offer(limit, t.duration_seconds or self.ctx.settings.default_duration)
        known = known and limit == self.target.max_duration
        self.limit_label.setText(
            self.tr("The role allows at most %1.").replace("%1", duration_label(limit))
            if known
            else ""
        )
        self.limit_label.setVisible(known)

    def _let_go(self, _result: int = 0) -> None:
        """Closed: the warmed sign-in connection is not needed any more."""
        self._wait_timer.stop()
        federation = getattr(self._prepared_flow, "federation", None)
        if federation is not None and not self._busy:  # else the running task still uses it
            federation.close()

    # -- preparation: device, kept secret, warm connections ----------------------------
    def start(self) -> None:
        from ..core.secrets import KeyringStore

        KeyringStore.allow_prompt()  # a dialog for the person: a locked keyring may ask once
        self.runner.run_task(self._prepare, self._on_prepared)

    def _prepare(self) -> tuple[str, str | None, str, DurationLimit]:
        from ..flows.elevate import prepare

        self._prepared_flow = prepare(self.ctx, self.target)
        kind = self.ctx.secrets.kind  # opening the store may touch the keyring: not on the UI
        limit = duration_limit(self.ctx, self.target)
        return self._prepared_flow.serial, self._prepared_flow.secret, kind, limit

    def _on_prepared(self, result: Any, error: BaseException | None) -> None:
        self._prepared = True
        if error is not None:
            self.device_label.setText(self.tr("unknown"))
            self.show_error(error)
            self._pending = None
            return
        self._serial, self._secret, self._store_kind, limit = result
        self._apply_limit(limit.seconds, limit.known)
        self.device_label.setText(self._serial)
        if self._secret:
            self.refresh_generated()
        elif self._prepared_flow.process is not None:  # mfa_process: off the UI thread
            self.runner.run_task(self._process_code, self._on_process_code)
        if self._pending is not None:
            code, self._pending = self._pending, None
            self.submit(code)

    def refresh_generated(self) -> None:
        """Fill the code from the kept TOTP secret, or show how long until a fresh one."""
        from ..core.totp import generate

        if not self._secret:
            return
        gen = generate(
            self._secret, self.ctx.clock.now(), self.ctx.last_code(self._serial), self._serial
        )
        self.totp_label.show()
        if gen.wait_seconds > 0:
            seconds = max(1, round(gen.wait_seconds))
            self.totp_label.setText(
                self.tr("Waiting %1 s for a fresh code: the current one was already used.").replace(
                    "%1", str(seconds)
                )
            )
            self._wait_timer.start(min(1000, int(gen.wait_seconds * 1000) + 50))
            return
        self._filling = True
        self._generated = gen.code
        self.code.setText(gen.code)
        self._filling = False
        self.totp_label.setText(
            self.tr("Code filled from the TOTP secret kept in your keyring.")
            if self._store_kind == "keyring"
            else self.tr("Code filled from your kept TOTP secret.")
        )
        self.submit_button.setFocus()

    def _process_code(self) -> str:
        from ..flows.codes import process_code

        return process_code(self.ctx, self._prepared_flow.process)

    def _on_process_code(self, code: Any, error: BaseException | None) -> None:
        """Fill the code the profile's mfa_process printed; the person still presses Enter."""
        if self._busy or self.code.text():
            return  # the person typed (or sent) a code meanwhile
        if error is not None:
            self.show_error(error)
            return
        self._filling, self._generated = True, code
        self.code.setText(code)
        self._filling = False
        self.totp_label.setText(
            self.tr("Code filled from the mfa_process of profile %1.").replace(
                "%1", self._prepared_flow.process.profile
            )
        )
        self.totp_label.show()
        self.submit_button.setFocus()

    # -- submitting --------------------------------------------------------------------
    def _typed_complete(self, code: str) -> None:
        if not self._filling:
            self.submit(code)

    def submit(self, text: str) -> None:
        try:
            code = normalise_code(text)
        except MfaRejected as exc:
            self.show_error(exc)
            return
        if not self._prepared:
            self._pending = code  # sent as soon as the device is known
            self._set_busy(True)
            return
        if not self._serial:
            return
        self._set_busy(True)
        duration = self.duration.seconds()
        reason = self.reason.text().strip()
        console = self.open_console.isChecked()
        self.runner.run_task(lambda: self._elevate(code, duration, reason, console), self._on_done)

    def _elevate(self, code: str, duration: int, reason: str, console: bool) -> tuple[Any, str]:
        from ..flows import elevate as flow
        from ..flows.codes import typed
        from ..flows.console import open_console

        prepared = self._prepared_flow
        codes = typed(code)
        codes.generated = bool(self._secret) and code == self._generated
        run = flow.extend if self.extend else flow.elevate
        done = run(self.ctx, prepared, codes, duration=duration, reason=reason, via="tray")
        notes = [gui_say(n) for n in done.notes]
        if console:
            try:
                open_console(
                    self.ctx,
                    done.session,
                    done.credentials,
                    prepared.federation,
                    "tray",
                    self.console_outcome,
                )
            except ElevateError as exc:
                notes.append(gui_sentence(exc))
        return done, " ".join(notes)

    def _on_done(self, result: Any, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is not None:
            self._learn_limit(getattr(error, "sentence", ""), self.duration.seconds())
            self.show_error(error)
            return
        elevation, note = result
        self.elevated.emit(elevation, note)
        self.accept()

    def _learn_limit(self, sentence: str, refused: int) -> None:
        """AWS said the duration was too long: offer only shorter ones from now on (what the
        flow learnt, read off the UI thread; at least below what was refused)."""
        if sentence == CHAINED_HOUR:
            self._cap = min(self._cap, 3600)
        elif sentence == ROLE_MAXIMUM:
            self._cap = min(self._cap, longest_below(refused))
        else:
            return
        self._apply_limit(self._cap, False)
        self.runner.run_task(
            lambda: duration_limit(self.ctx, self.target),
            lambda limit, error: self._apply_limit(limit.seconds, limit.known) if limit else None,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (
            self.code,
            self.duration,
            self.reason,
            self.submit_button,
            self.open_console,
        ):
            widget.setEnabled(not busy)
        self.busy.emit(busy)

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, ElevateError):
            sentence = gui_sentence(error)
        else:  # the runner logged it with its traceback (workers.py)
            sentence = self.tr(
                "Something unexpected went wrong (%1); the log has the details."
            ).replace("%1", type(error).__name__)
        self.error_label.setText(sentence)
        self.error_label.show()
        self.code.clear()
        self.code.setEnabled(True)
        self.code.setFocus()
        if self._secret:
            self.refresh_generated()  # a fresh generated code, or the wait for one, shown
        self.adjustSize()  # the whole sentence shows: the dialog grows with it
