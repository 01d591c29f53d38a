"""The code the tray asks to collect a receipt after its admin session ended: the read-only
MFA session's dialog of a program's credentials request (broker_dialog.py), saying why."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..core.context import AppContext
from ..core.targets import Target
from .broker_dialog import BrokerDialog
from .workers import Runner


class ReceiptCodeDialog(BrokerDialog):
    """Emits `elevated(elevation, "")` once the read-only MFA session started."""

    def __init__(
        self, ctx: AppContext, target: Target, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, target, runner, readonly=True, parent=parent)
        self.setObjectName("ReceiptCodeDialog")
        self.setWindowTitle(self.tr("Receipt for %1").replace("%1", target.name))
        self.explain.setText(
            self.tr(
                "Your admin session in %1 ended. To read what it changed from CloudTrail, "
                "elevate-tray needs a read-only MFA session: enter an MFA code. Cancel to skip; "
                "“Recent sessions” in the menu can collect it later."
            ).replace("%1", target.name)
        )
        self.form.setRowVisible(self.asked_by, False)
        self.submit_button.setText(self.tr("&Collect"))

    def start(self) -> None:
        """As the MFA dialog starts, but the tray opened it, not the person: a keyring the
        person left locked is not asked again (a typed code does)."""
        self.runner.run_task(self._prepare, self._on_prepared)
