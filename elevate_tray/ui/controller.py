"""The tray controller: reads the core's state, shows it, and forwards clicks.

Time: one single-shot timer while admin, aimed at the next moment something visible
changes (the shown number, a warning, the expiry); none at all while read-only. Every wake
(timer, state-file change, menu opening, resume from sleep) re-reads the wall clock, so a
sleep through the expiry drops at wake.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QSystemTrayIcon

from ..core.context import AppContext
from ..core.errors import ElevateError
from ..core.lifecycle import Mode, due_warnings, next_wakeup, seconds_until_change
from ..core.sessions import ElevatedSession
from ..core.statefile import read_state
from . import actions
from .error_text import error_sentence
from .icons import CountdownPainter, shown_text
from .menu import TrayMenu
from .notify import Notifier
from .state import StateWatcher, TrayState, read_tray_state
from .texts import left_text, local_time, tooltip
from .workers import ThreadRunner

if TYPE_CHECKING:  # the window's widgets load only when it is shown (idle memory budget)
    from .countdown_window import CountdownWindow

log = logging.getLogger(__name__)

EPSILON = 0.05  # aim just past the boundary, so the clock has moved when the timer fires


def stored_sessions(ctx: AppContext) -> dict[str, ElevatedSession]:
    """The state file's entries as written, expired ones too (`store.live()` would purge
    those on the CLI's behalf)."""
    out = {}
    for key, entry in read_state(ctx.dirs.state_file).get("sessions", {}).items():
        try:
            out[key] = ElevatedSession.from_json(entry)
        except (KeyError, TypeError, ValueError):
            continue
    return out


def same_session(a: ElevatedSession, b: ElevatedSession) -> bool:
    """One AWS session, not just one target: a re-elevation starts anew."""
    return (a.role_session_arn, a.started_at, a.expires_at) == (
        b.role_session_arn,
        b.started_at,
        b.expires_at,
    )


def bring_to_front(widget: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() != "offscreen":  # it has no window stack, and says so
        widget.raise_()
        widget.activateWindow()


class TrayController(QObject):
    def __init__(
        self, ctx: AppContext, runner: Any = None, tray_available: bool | None = None
    ) -> None:
        super().__init__()
        self.ctx, self.clock = ctx, ctx.clock
        self.runner = runner or ThreadRunner()
        self.painter = CountdownPainter()
        self.state = TrayState(Mode.READ_ONLY)
        self.redraws = 0
        self._elevating = ""
        self._known: dict[str, ElevatedSession] = {}
        self._warned: dict[tuple[str, datetime], set[int]] = {}
        self._drawn: tuple[str, str, bool, int] | None = None
        self._dialogs: dict[str, Any] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.recheck)
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = QSystemTrayIcon(self) if tray_available else None
        self.menu = TrayMenu(self)
        self.notifier = Notifier(self.tray, self)
        self.window: CountdownWindow | None = None
        if self.tray is not None:
            self.tray.setContextMenu(self.menu)
            self.tray.activated.connect(self._activated)
        self.watcher = StateWatcher(ctx.dirs.state_file, self)
        self.watcher.changed.connect(self.recheck)

    # -- start -------------------------------------------------------------------------
    def start(self) -> None:
        self.recheck(first=True)
        if self.tray is not None:
            self.tray.show()
        # some tray hosts read the menu before it is ever opened; after the icon is shown,
        # since reading the AWS config loads botocore's config loader
        QTimer.singleShot(0, self.menu.rebuild)
        if self.countdown_window_wanted():
            self.show_window()

    def no_tray_reason(self) -> str:
        return QCoreApplication.translate(
            "TrayController",
            "No system tray is available on this desktop (on GNOME, the AppIndicator extension "
            "provides one), so elevate-tray shows this window instead.",
        )

    # -- the one place state is read and shown -----------------------------------------
    def refresh(self) -> TrayState:
        self.recheck()
        return self.state

    def recheck(self, first: bool = False) -> None:
        now = self.clock.now()
        self._end_expired(now)
        try:
            state = read_tray_state(self.ctx, self._elevating)
        except ElevateError as exc:
            state = TrayState(
                Mode.ELEVATING if self._elevating else Mode.READ_ONLY,
                problem=error_sentence(exc),
            )
        self.state = state
        if not first:
            self._announce_changes(state, now)
        self._known = {s.key: s for s in state.admins}
        self._warn(state, now)
        self._draw(state, now)
        self._schedule(state, now)

    def _end_expired(self, now: datetime) -> None:
        """End what the tray knew and saw expire (it says so, and logs via=tray), but only
        while the stored entry is still that session: a terminal may have re-elevated the
        same target since, and the file watcher's news may come after this timer."""
        expired = [old for old in self._known.values() if old.expires_at <= now]
        if not expired:
            return
        stored = stored_sessions(self.ctx)
        for old in expired:
            entry = stored.get(old.key)
            if entry is not None and same_session(entry, old):
                self.ctx.store.end(old.key, "expired", via="tray")

    def _announce_changes(self, state: TrayState, now: datetime) -> None:
        current = {s.key: s for s in state.admins}
        for key, old in self._known.items():
            if key in current:
                continue
            self._warned.pop((key, old.expires_at), None)
            text = QCoreApplication.translate(
                "TrayController", "Admin rights in %1 ended: you are read-only again."
            )
            self.notifier.notify(
                QCoreApplication.translate("TrayController", "Read-only again"),
                text.replace("%1", old.target),
            )
            if self.ctx.settings.logout_console_on_drop:
                self.runner.run_task(
                    lambda s=old: actions.logout_console(self.ctx, s), self._report
                )
        for key, new in current.items():
            old = self._known.get(key)
            if old is None or old.expires_at != new.expires_at:
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
                lambda t=session.target: self.elevate(t, extend=True),
                warning=True,
            )

    def _draw(self, state: TrayState, now: datetime) -> None:
        left = state.shown.seconds_left(now) if state.shown else 0
        shown = (
            state.mode.value,
            "".join(shown_text(left)) if state.mode is Mode.ADMIN else "",
            state.sandbox,
            len(state.admins),
        )
        if shown == self._drawn:
            return  # the budget: redraw only when what is shown changes
        self._drawn = shown
        self.redraws += 1
        if self.tray is not None:
            self.tray.setIcon(self.painter.icon(state.mode, left))
            self.tray.setToolTip(tooltip(state, now))
        if self.window is not None:
            self.window.show_state(state, now)

    def _schedule(self, state: TrayState, now: datetime) -> None:
        if not state.admins:
            self.timer.stop()  # read-only: no timers at all
            return
        warnings = self.ctx.settings.warnings
        delay = min(next_wakeup(s.expires_at, now, warnings) for s in state.admins)
        if state.shown is not None:
            exact = (state.shown.expires_at - now).total_seconds()
            whole = int(exact)
            # the shown number changes when the whole seconds left drop by seconds_until_change
            delay = min(delay, seconds_until_change(whole) - 1 + (exact - whole))
        self.timer.start(max(0, int((delay + EPSILON) * 1000)))

    # -- clicks ------------------------------------------------------------------------
    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.menu.popup(QCursor.pos())

    def list_targets(self) -> tuple[list[Any], str]:
        try:
            self.ctx.reload()  # the AWS config may have changed since the menu last opened
            return self.ctx.targets(), ""
        except ElevateError as exc:
            return [], error_sentence(exc)

    def elevate(self, name: str, extend: bool = False) -> None:
        from .mfa_dialog import MfaDialog

        dialog = self._dialogs.get(name)
        if dialog is not None:
            bring_to_front(dialog)
            return
        try:
            target = self.ctx.target(name)
        except ElevateError as exc:
            self._report(None, exc)
            return
        dialog = MfaDialog(self.ctx, target, self.runner, None, extend=extend)
        self._dialogs[name] = dialog
        dialog.busy.connect(lambda busy: self._set_elevating(name if busy else ""))
        dialog.elevated.connect(self._elevated)
        dialog.finished.connect(lambda _r: self._dialog_closed(name))
        dialog.show()
        bring_to_front(dialog)
        dialog.start()

    def _dialog_closed(self, name: str) -> None:
        dialog = self._dialogs.pop(name, None)
        if dialog is not None:
            dialog.deleteLater()
        if self._elevating == name:
            self._set_elevating("")

    def _set_elevating(self, name: str) -> None:
        self._elevating = name
        self.recheck()

    def _elevated(self, elevation: Any, note: str) -> None:
        self._elevating = ""
        self.recheck()
        if note:
            self.notifier.notify(QCoreApplication.translate("TrayController", "Admin"), note)

    def open_console(self, name: str) -> None:
        session = self.state.admin_for(name)
        if session is not None:
            self.runner.run_task(lambda: actions.open_console(self.ctx, session), self._report)

    def drop(self, name: str, revoke: bool = False) -> None:
        session = self.state.admin_for(name)
        if session is not None:
            self.runner.run_task(lambda: actions.drop(self.ctx, session, revoke), self._dropped)

    def _dropped(self, result: Any, error: BaseException | None) -> None:
        self.recheck()
        self._report(result, error)

    def copy_snippet(self, name: str) -> None:
        from PySide6.QtGui import QGuiApplication

        try:
            target = self.ctx.target(name)
        except ElevateError as exc:
            self._report(None, exc)
            return
        QGuiApplication.clipboard().setText(actions.profile_snippet(target))
        self.notifier.notify(
            QCoreApplication.translate("TrayController", "Copied"),
            QCoreApplication.translate(
                "TrayController",
                "A credential_process profile for %1 is on the clipboard: paste it into ~/.aws/config.",  # noqa: E501
            ).replace("%1", name),
        )

    def _report(self, result: Any, error: BaseException | None) -> None:
        if error is None:
            return
        if not isinstance(error, ElevateError):
            log.error("tray action failed", exc_info=error)
        text = (
            error_sentence(error)
            if isinstance(error, ElevateError)
            else QCoreApplication.translate(
                "TrayController", "Something unexpected went wrong; the log has the details."
            )
        )
        self.notifier.notify(
            QCoreApplication.translate("TrayController", "elevate-tray"), text, warning=True
        )

    # -- the countdown window, settings, wizard, quit -----------------------------------
    def countdown_window_wanted(self) -> bool:
        return self.tray is None or self.ctx.settings.countdown_window

    def show_window(self) -> CountdownWindow:
        if self.window is None:
            from .countdown_window import CountdownWindow

            main = self.tray is None
            self.window = CountdownWindow(
                self.painter, self.menu, main, self.no_tray_reason() if main else ""
            )
            self.notifier.window = self.window
            self.window.moved.connect(self._window_moved)
            self.window.closed.connect(self._window_closed)
            pos = self.ctx.settings.countdown_window_pos
            if len(pos) == 2:
                self.window.move(pos[0], pos[1])
        self.window.show_state(self.state, self.clock.now())
        self.window.show()
        bring_to_front(self.window)
        return self.window

    def set_countdown_window(self, on: bool) -> None:
        self.ctx.settings.countdown_window = on
        self.ctx.save_settings()
        if on:
            self.show_window()
        elif self.window is not None and self.tray is not None:
            self.window.hide()

    def _window_moved(self, x: int, y: int) -> None:
        self.ctx.settings.countdown_window_pos = [x, y]
        self.ctx.save_settings()

    def _window_closed(self) -> None:
        if self.tray is None:
            self.quit()  # the window is the app here
        elif self.ctx.settings.countdown_window:
            self.set_countdown_window(False)

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx)
        self._dialogs["settings"] = dialog
        dialog.accepted.connect(self.recheck)
        dialog.finished.connect(lambda _r: self._dialogs.pop("settings", None))
        dialog.show()

    def open_wizard(self) -> None:
        try:
            from .wizard import SetupWizard  # type: ignore[attr-defined]
        except ImportError:
            self._report(
                None,
                ElevateError(
                    QCoreApplication.translate(
                        "TrayController",
                        "The setup wizard is not in this build; run `elevate-tray setup plan` in a terminal.",  # noqa: E501
                    )
                ),
            )
            return
        wizard = SetupWizard(self.ctx)
        self._dialogs["wizard"] = wizard
        wizard.finished.connect(lambda _r: (self._dialogs.pop("wizard", None), self.recheck()))
        wizard.show()

    def activate(self) -> None:
        """A second launch asked this tray to show itself."""
        self.show_window()

    def quit(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()
        QCoreApplication.quit()
