"""The tray's receipts ("Recent sessions" and the collecting behind it), loaded only once
there is a receipt: until the state has one pending or the receipts folder one kept, the
idle tray loads none of tray_receipts.py (its memory budget and its start)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.errors import ElevateError
from ..core.statefile import read_state

if TYPE_CHECKING:
    from .tray_receipts import TrayReceipts

PENDING = "receipts_pending"  # core/receipts.py's table in the state file


class RecentSessions:
    """The controller's: its context, runner and notifier; its menu is rebuilt when the
    recent sessions change; `ended` is the timeline's, wrapping the console's."""

    def __init__(self, controller: Any, console_ended: Callable[[Any], Any]) -> None:
        self.ctx, self.controller, self._console_ended = controller.ctx, controller, console_ended
        self._tray: TrayReceipts | None = None

    @property
    def tray(self) -> TrayReceipts:
        if self._tray is None:
            from .tray_receipts import TrayReceipts

            c = self.controller
            self._tray = TrayReceipts(self.ctx, c.runner, c.notifier, c)
            self._tray.changed.connect(c.menu.targets_changed)
        return self._tray

    def _any(self) -> bool:
        try:
            if read_state(self.ctx.dirs.state_file).get(PENDING):
                return True
        except ElevateError:
            return False
        try:
            return any((self.ctx.dirs.data / "receipts").glob("*.json"))
        except OSError:
            return False

    def check(self) -> None:
        """At start: collect what is pending (and list the recent sessions)."""
        if self._tray is not None or self._any():
            self.tray.tick()

    def ended(self, session: Any) -> Any:
        """The timeline's `ended` (the console's offer), then the session's receipt collected."""
        from PySide6.QtCore import QTimer

        offer = self._console_ended(session)
        QTimer.singleShot(0, self.tray.tick)  # after the timeline's update, not inside it
        return offer

    def entries(self) -> list[tuple[str, str]]:
        if self._tray is None and not self._any():
            return []
        return self.tray.entries()

    def open(self, receipt_id: str) -> None:
        self.tray.open(receipt_id)

    def close_all(self) -> None:
        if self._tray is not None:
            self._tray.close_all()
