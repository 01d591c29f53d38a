"""Times as the command line says them (the CLI, and the tray answering for it), agreeing
with the icon: the granted duration as asked ("1h", never "59m"), the time left as the icon
counts it, local clock times."""

from __future__ import annotations

from datetime import datetime

from ..core.lifecycle import shown_text
from ..core.sessions import ElevatedSession
from ..core.textrules import format_duration


def granted(session: ElevatedSession) -> str:
    """What AWS granted (its own issue time to its expiry)."""
    return format_duration(round((session.expires_at - session.started_at).total_seconds()))


def shown_left(session: ElevatedSession, now: datetime) -> str:
    """The time left in the tray icon's words: minutes rounded up, hours above 99 minutes,
    seconds in the last minute."""
    text, unit = shown_text(session.seconds_left(now))
    if unit == "s":
        return f"{text} s"
    if text.endswith("h"):
        return f"about {text[:-1]} h"
    return f"{text} min"


def local_hm(when: datetime, seconds: bool = False) -> str:
    return when.astimezone().strftime("%H:%M:%S" if seconds else "%H:%M")
