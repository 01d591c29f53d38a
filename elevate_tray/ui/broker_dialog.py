"""The MFA dialog as a program's credentials request shows it: who asks, for which target.

The MFA dialog itself (a code filled from a kept secret waits for Enter: a person confirms
every request), plus a line naming the requester ("aws s3 ls, from bash"), no console
opened, and for a read-only request GetSessionToken instead of AssumeRole
(flows.credentials.start_readonly).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from ..core.context import AppContext
from ..core.requester import Requester
from ..core.targets import Target
from .mfa_dialog import MfaDialog
from .workers import Runner


class BrokerDialog(MfaDialog):
    def __init__(
        self,
        ctx: AppContext,
        target: Target,
        runner: Runner,
        readonly: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, target, runner, parent)
        self.readonly = readonly
        self.setObjectName("BrokerDialog")
        self.asked_by = QLabel("")
        self.asked_by.setObjectName("asked_by")
        self.asked_by.setWordWrap(True)
        self.form.insertRow(0, self.tr("Asked by:"), self.asked_by)
        self.explain = QLabel(
            self.tr(
                "A program asks for credentials. Enter the MFA code to let it have them, or "
                "Cancel to refuse."
            )
        )
        self.explain.setWordWrap(True)
        self.layout().insertWidget(0, self.explain)  # type: ignore[attr-defined]
        self.open_console.setChecked(False)  # a program asks, not the person: no browser
        self.open_console.hide()
        if readonly:
            self.setWindowTitle(self.tr("Read-only session for %1").replace("%1", target.name))
            self.target_label.setText(
                self.tr("a read-only MFA session of %1's user").replace("%1", target.name)
            )
            for widget in (self.duration, self.limit_label, self.reason):
                self.form.setRowVisible(widget, False)
            self.submit_button.setText(self.tr("&Allow"))
        self.show_requesters([])

    def show_requesters(self, requesters: list[Any]) -> None:
        """The first requester by name; the others counted."""
        first = self.requester_text(requesters[0] if requesters else None)
        if len(requesters) > 1:
            first = (
                self.tr("%1 and %2 more")
                .replace("%1", first)
                .replace("%2", str(len(requesters) - 1))
            )
        self.asked_by.setText(first)

    def requester_text(self, requester: Requester | None) -> str:
        """ "aws s3 ls, from bash"; "a program" where it cannot be told."""
        if requester is None or not requester.program:
            return self.tr("a program")
        if requester.parent:
            return (
                self.tr("%1, from %2")
                .replace("%1", requester.program)
                .replace("%2", requester.parent)
            )
        return requester.program

    # -- closing: never while AWS answers, never deleted under a running task -----------
    gone = False  # closed before its preparation came back: deleted when it does

    def reject(self) -> None:
        if not self._busy:  # while AWS answers, its answer decides (no code thrown away)
            super().reject()

    def let_go(self) -> None:
        if self._prepared:
            self.deleteLater()
        else:
            self.gone = True

    def _on_prepared(self, result: Any, error: BaseException | None) -> None:
        if self.gone:
            self._prepared = True
            self.deleteLater()
            return
        super()._on_prepared(result, error)

    # -- the flows ---------------------------------------------------------------------
    def _prepare(self) -> Any:
        from ..flows.durations import duration_limit
        from ..flows.elevate import prepare

        self._prepared_flow = prepare(self.ctx, self.target, console=False)
        kind = self.ctx.secrets.kind
        limit = duration_limit(self.ctx, self.target)
        return self._prepared_flow.serial, self._prepared_flow.secret, kind, limit

    def _elevate(self, code: str, duration: int, reason: str, console: bool) -> tuple[Any, str]:
        if not self.readonly:
            return super()._elevate(code, duration, reason, False)
        from ..flows.codes import typed
        from ..flows.credentials import start_readonly

        return start_readonly(self.ctx, self.target, typed(code), via="tray"), ""
