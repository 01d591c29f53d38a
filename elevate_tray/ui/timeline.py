"""The admin sessions and read-only MFA sessions over time, as the tray sees them: which it
knew, which ended, which warnings it gave, and when it must look again.

Time: one single-shot timer while a session lives (admin or read-only), aimed at the next
moment something visible changes (the shown number, a session's time left in the tooltip, a
warning, an expiry); none at all while nothing lives. Every wake (timer, state-file change,
menu opening, resume from sleep) re-reads the wall clock, so a sleep through the expiry
drops at wake.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ..core.context import AppContext
from ..core.lifecycle import due_warnings, next_wakeup, seconds_until_change
from ..core.sessions import ElevatedSession
from .notify import Notifier
from .state import TrayState
from .texts import left_text, local_time

Offer = tuple[str, Callable[[], None]]
EPSILON = 0.05  # aim just past the boundary, so the clock has moved when the timer fires


class SessionTimeline(QObject):
    """`ended(session)` runs for each admin session that went away and may answer an offer
    for its notice (a label and an action: "Log out of the console"); `extend(target)` is
    the warning's button."""

    def __init__(
        self,
        ctx: AppContext,
        notifier: Notifier,
        ended: Callable[[ElevatedSession], Offer | None],
        extend: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.notifier = ctx, notifier
        self.ended, self.extend = ended, extend
        self.known: dict[str, ElevatedSession] = {}
        self.known_readonly: dict[str, ElevatedSession] = {}
        self._warned: dict[tuple[str, datetime], set[int]] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)

    def expired(self, now: datetime) -> list[ElevatedSession]:
        known = [*self.known.values(), *self.known_readonly.values()]
        return [s for s in known if s.expires_at <= now]

    def end_expired(self, now: datetime) -> None:
        """End what the tray knew and saw expire (it says so, and logs via=tray), but only
        while the stored entry is still that session: a terminal may have re-elevated the
        same target since, and the file watcher's news may come after this timer."""
        for old in self.expired(now):
            self.ctx.store.end(old.key, "expired", via="tray", only=old)

    def update(self, state: TrayState, now: datetime, announce: bool = True) -> None:
        if announce:
            self._announce_changes(state)
            self._announce_readonly_ended(state)
        self.known = {s.key: s for s in state.admins}
        self.known_readonly = {s.key: s for s in state.readonly}
        self._warn(state, now)
        self._warn_readonly(state, now)
        self._schedule(state, now)

    def _announce_readonly_ended(self, state: TrayState) -> None:
        current = {s.key for s in state.readonly}
        for key, old in self.known_readonly.items():
            if key in current:
                continue
            self._warned.pop((key, old.expires_at), None)
            self.notifier.notify(
                QCoreApplication.translate("TrayController", "Read-only MFA session ended"),
                QCoreApplication.translate(
                    "TrayController",
                    "AWS commands in terminals need a new MFA code for read-only access.",
                ),
            )

    def _warn_readonly(self, state: TrayState, now: datetime) -> None:
        for session in state.readonly:
            given = self._warned.setdefault((session.key, session.expires_at), set())
            due = due_warnings(session.expires_at, now, self.ctx.settings.warnings, given)
            if not due:
                continue
            given.update(due)
            text = QCoreApplication.translate(
                "TrayController", "Your read-only MFA session ends at %2 (%1)."
            )
            self.notifier.notify(
                QCoreApplication.translate("TrayController", "Read-only MFA session ending"),
                text.replace("%1", left_text(session.seconds_left(now))).replace(
                    "%2", local_time(session.expires_at)
                ),
                warning=True,
            )

    def _announce_changes(self, state: TrayState) -> None:
        current = {s.key: s for s in state.admins}
        for key, old in self.known.items():
            if key in current:
                continue
            self._warned.pop((key, old.expires_at), None)
            text = QCoreApplication.translate(
                "TrayController", "Admin rights in %1 ended: you are read-only again."
            )
            offer = self.ended(old)
            self.notifier.notify(
                QCoreApplication.translate("TrayController", "Read-only again"),
                text.replace("%1", old.target),
                *(offer or ()),
            )
        for key, new in current.items():
            before = self.known.get(key)
            if before is None or before.expires_at != new.expires_at:
                text = QCoreApplication.translate("TrayController", "You are admin in %1 until %2.")
                self.notifier.notify(
                    QCoreApplication.translate("TrayController", "Admin"),
                    text.replace("%1", new.target).replace("%2", local_time(new.expires_at)),
                )

    def _warn(self, state: TrayState, now: datetime) -> None:
        for session in state.admins:
            given = self._warned.setdefault((session.key, session.expires_at), set())
            due = due_warnings(session.expires_at, now, self.ctx.settings.warnings, given)
            if not due:
                continue
            given.update(due)  # after a sleep several may be due: say it once
            text = QCoreApplication.translate(
                "TrayController", "Admin rights in %1 end at %3 (%2)."
            )
            self.notifier.notify(
                QCoreApplication.translate("TrayController", "Admin rights ending"),
                text.replace("%1", session.target)
                .replace("%2", left_text(session.seconds_left(now)))
                .replace("%3", local_time(session.expires_at)),
                QCoreApplication.translate("TrayController", "Extend…"),
                partial(self.extend, session.target),
                warning=True,
            )

    def _schedule(self, state: TrayState, now: datetime) -> None:
        if not state.admins and not state.readonly:
            self.timer.stop()  # nothing lives: no timers at all
            return
        warnings = self.ctx.settings.warnings
        lives = (*state.admins, *state.readonly)
        delay = min(next_wakeup(s.expires_at, now, warnings) for s in lives)
        for s in state.readonly:  # the tooltip's time left, as coarse as the icon's
            exact = (s.expires_at - now).total_seconds()
            whole = s.seconds_left(now)
            delay = min(delay, seconds_until_change(whole) - 1 + (exact - int(exact)))
            if exact > whole + 1:  # this clock is behind AWS's: look again soon
                delay = min(delay, 60.0)
        if state.shown is not None:
            exact = (state.shown.expires_at - now).total_seconds()
            whole = state.shown.seconds_left(now)  # what the icon shows, capped at the grant
            # the shown text changes when the whole seconds left drop by seconds_until_change
            delay = min(delay, seconds_until_change(whole) - 1 + (exact - int(exact)))
            if exact > whole + 1:  # this clock is behind AWS's: look again soon, not in hours
                delay = min(delay, 60.0)
        self.timer.start(max(0, int((delay + EPSILON) * 1000)))
