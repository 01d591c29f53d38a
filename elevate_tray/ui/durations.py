"""Durations as people read them, translated ("1 h 30 min", "15 min"), and the list the
MFA dialog and settings offer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from ..core.targets import MIN_DURATION

DURATIONS = (900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600)


def longest_below(refused: int) -> int:
    """The longest standard duration shorter than one AWS refused."""
    return max([d for d in DURATIONS if d < refused] or [MIN_DURATION])


class DurationChoice(QComboBox):
    def offer(self, limit: int, preferred: int) -> None:
        """Every standard duration up to `limit`; the one chosen before while it is still
        offered, else `preferred` (the profile's duration_seconds, the default)."""
        before = self.currentData()
        wanted = min(limit, max(MIN_DURATION, preferred))
        if isinstance(before, int) and before <= limit:
            wanted = before
        choices = sorted({d for d in DURATIONS if d <= limit} | {wanted})
        self.clear()
        for seconds in choices:
            self.addItem(duration_label(seconds), seconds)
        self.setCurrentIndex(choices.index(wanted))

    def seconds(self) -> int:
        return int(self.currentData())


def duration_label(seconds: int) -> str:
    hours, rem = divmod(int(seconds), 3600)
    minutes = rem // 60
    if hours and minutes:
        return (
            QCoreApplication.translate("Durations", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", str(minutes))
        )
    if hours:
        return QCoreApplication.translate("Durations", "%1 h").replace("%1", str(hours))
    return QCoreApplication.translate("Durations", "%1 min").replace("%1", str(minutes))
