"""Durations as people read them, translated ("1 h 30 min", "15 min")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


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
