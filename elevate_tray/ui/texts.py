"""The sentences the tray says about its state, translated (context "State")."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from ..core.lifecycle import Mode
from ..core.sessions import ElevatedSession
from ..core.values import READONLY_PREFIX
from .icons import shown_text
from .state import TrayState


def local_time(when: datetime) -> str:
    return when.astimezone().strftime("%H:%M")


def left_text(seconds_left: int) -> str:
    text, unit = shown_text(seconds_left)
    if unit == "s":
        return QCoreApplication.translate("State", "%1 s left").replace("%1", text)
    if text.endswith("h"):
        return QCoreApplication.translate("State", "about %1 h left").replace("%1", text[:-1])
    return QCoreApplication.translate("State", "%1 min left").replace("%1", text)


def session_line(session: ElevatedSession) -> str:
    """'prod · 123456789012 · alice · until 14:32'"""
    parts = [session.target, session.account]
    if session.user_name:
        parts.append(session.user_name)
    parts.append(
        QCoreApplication.translate("State", "until %1").replace(
            "%1", local_time(session.expires_at)
        )
    )
    return " · ".join(parts)


def readonly_profile(session: ElevatedSession) -> str:
    """The source profile a read-only session belongs to (its key is readonly:PROFILE)."""
    return session.key.removeprefix(READONLY_PREFIX)


def readonly_line(session: ElevatedSession, now: datetime, name_it: bool = False) -> str:
    """'Read-only MFA session: about 12 h left, until 23:40' (with its profile when several)."""
    text = (
        QCoreApplication.translate("State", "Read-only MFA session (%3): %1, until %2").replace(
            "%3", readonly_profile(session)
        )
        if name_it
        else QCoreApplication.translate("State", "Read-only MFA session: %1, until %2")
    )
    return text.replace("%1", left_text(session.seconds_left(now))).replace(
        "%2", local_time(session.expires_at)
    )


def mode_title(state: TrayState) -> str:
    if state.mode is Mode.ELEVATING:
        text = QCoreApplication.translate("State", "Elevating to %1…").replace(
            "%1", state.elevating
        )
    elif state.mode is Mode.ADMIN:
        text = QCoreApplication.translate("State", "ADMIN")
    else:
        text = QCoreApplication.translate("State", "Read-only")
    if state.sandbox:
        text += " · " + QCoreApplication.translate("State", "SANDBOX")
    return text


def header_lines(state: TrayState, now: datetime) -> list[str]:
    """The menu header and the tooltip: mode, then target, account, user and end time."""
    lines = [mode_title(state)]
    for session in state.admins:
        lines.append(f"{session_line(session)} ({left_text(session.seconds_left(now))})")
    for session in state.readonly:
        lines.append(readonly_line(session, now, len(state.readonly) > 1))
    for target in state.revoke_pending:
        lines.append(
            QCoreApplication.translate(
                "State", "%1: dropped here, revocation in AWS pending"
            ).replace("%1", target)
        )
    if state.problem:  # the state could not be read: said where the user looks
        lines.append(state.problem)
    return lines


def copied(target: str) -> tuple[str, str]:
    """The notification after "Copy credential_process profile": title and text."""
    return (
        QCoreApplication.translate("TrayController", "Copied"),
        QCoreApplication.translate(
            "TrayController",
            "A credential_process profile for %1 is on the clipboard: paste it into ~/.aws/config.",  # noqa: E501
        ).replace("%1", target),
    )


def tooltip(state: TrayState, now: datetime) -> str:
    return "elevate-tray — " + "\n".join(header_lines(state, now))
