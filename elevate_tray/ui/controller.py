"""The tray controller: reads the core's state, shows it, and forwards clicks.

What happens to sessions over time (ends, warnings, the one timer while admin, none while
read-only) is timeline.py's; every wake re-reads the wall clock here, in `recheck`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QSystemTrayIcon

from ..core.context import AppContext
from ..core.errors import ElevateError
from ..core.lifecycle import Mode
from ..core.sessions import ElevatedSession
from . import actions
from .error_text import error_sentence
from .gui_wording import gui_say, problem_text
from .icons import CountdownPainter, shown_text
from .key_menu import KeptKeysMenu
from .menu import TrayMenu
from .notify import Notifier
from .receipt_menu import RecentSessions
from .state import StateWatcher, TrayState, read_tray_state
from .target_list import TargetList
from .texts import copied, tooltip
from .timeline import SessionTimeline
from .tray_console import TrayConsole
from .windows import AskQuit, TrayWindows
from .workers import Runner, ThreadRunner

if TYPE_CHECKING:  # the window's widgets load only when it is shown (idle memory budget)
    from ..core.targets import Target
    from .countdown_window import CountdownWindow
    from .key_rotation import TrayKeys


class TrayController(QObject):
    """Owns the icon, the menu, the notifier, the timeline and the windows (TrayWindows);
    the menu sees it as menu_actions.MenuActions."""

    def __init__(
        self, ctx: AppContext, runner: Runner | None = None, tray_available: bool | None = None
    ) -> None:
        super().__init__()
        self.ctx, self.clock = ctx, ctx.clock
        self.runner: Runner = runner or ThreadRunner()
        self.painter = CountdownPainter()
        self.state, self.redraws = TrayState(Mode.READ_ONLY), 0
        self._elevating, self._ending = "", False
        self._drawn: tuple[object, ...] | None = None
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = QSystemTrayIcon(self) if tray_available else None
        self.target_list = TargetList(ctx, self.runner, self)
        self.menu = TrayMenu(self)
        self.target_list.changed.connect(self.menu.targets_changed)
        self.notifier = Notifier(self.tray, self, now=self.clock.now)
        self.console = TrayConsole(ctx, self.runner, self.notifier, self._report, self)
        self.notifier.stale.connect(self.recheck)
        self.receipts = RecentSessions(self, self.console.ended)  # collected at each admin end
        self.timeline = SessionTimeline(
            ctx, self.notifier, self.receipts.ended, lambda t: self.elevate(t, extend=True), self
        )
        self.timer = self.timeline.timer
        self.timer.timeout.connect(self.recheck)
        self.windows = TrayWindows(
            ctx,
            self.runner,
            self.tray,
            self.painter,
            self.menu,
            self.notifier,
            state=lambda: self.state,
            changed=self.recheck,
            quit=self.quit,
            report=self._report,
            parent=self,
        )
        # what the menu opens, TrayWindows does
        self.countdown_window_wanted = self.windows.countdown_window_wanted
        self.show_window = self.windows.show_window
        self.set_countdown_window = self.windows.set_countdown_window
        self.open_settings = self.windows.open_settings
        self.open_wizard = self.windows.open_wizard
        self.confirm_quit: AskQuit = self.windows.ask_quit  # tests answer it themselves
        self.kept_keys = KeptKeysMenu(ctx, self.runner, self.notifier, self)
        self.key_entries, self.rotate_key = self.kept_keys.entries, self.kept_keys.rotate
        self.windows.settings_saved = self.kept_keys.check  # the reminder's timer
        self.recent_sessions, self.open_receipt = self.receipts.entries, self.receipts.open
        if self.tray is not None:
            self.tray.setContextMenu(self.menu)
            self.tray.activated.connect(self._activated)
        self.watcher = StateWatcher(ctx.dirs.state_file, self)
        self.watcher.changed.connect(self.recheck)

    @property
    def keys(self) -> TrayKeys:
        return self.kept_keys.keys

    @property
    def window(self) -> CountdownWindow | None:
        return self.windows.window

    @property
    def _dialogs(self) -> dict[str, Any]:
        return self.windows.dialogs

    # -- start -------------------------------------------------------------------------
    def start(self) -> None:
        self.recheck(first=True)
        self.kept_keys.check()
        self.receipts.check()
        if self.tray is not None:
            self.tray.show()
        # some tray hosts read the menu before it is ever opened; after the icon is shown,
        # since reading the AWS config loads botocore's config loader
        QTimer.singleShot(0, self.menu.rebuild)
        if self.countdown_window_wanted():
            self.show_window()

    # -- the one place state is read and shown -----------------------------------------
    def refresh(self) -> TrayState:
        self.recheck()
        return self.state

    def recheck(self, first: bool = False) -> None:
        now = self.clock.now()
        if self.timeline.expired(now) and not self._ending:  # their secrets go: not on the UI
            self._ending = True
            done = lambda _r, error: self._expired_ended(error, first)  # noqa: E731
            self.runner.run_task(lambda: self.timeline.end_expired(now), done)
            return
        self._show(now, first)

    def _expired_ended(self, error: BaseException | None, first: bool) -> None:
        self._ending = False
        self._report(None, error)
        self._show(self.clock.now(), first)

    def _show(self, now: datetime, first: bool) -> None:
        try:
            state = read_tray_state(self.ctx, self._elevating)
        except ElevateError as exc:
            state = TrayState(
                Mode.ELEVATING if self._elevating else Mode.READ_ONLY,
                problem=error_sentence(exc),
            )
        self.state = state
        if self.window is not None:  # before this state's own notices are given
            self.window.age_notice(state.signature(), now)
        self.timeline.update(state, now, announce=not first)
        self._draw(state, now)

    def _draw(self, state: TrayState, now: datetime) -> None:
        left = state.shown.seconds_left(now) if state.shown else 0
        shown = (
            state.mode.value,
            "".join(shown_text(left)) if state.mode is Mode.ADMIN else "",
            state.sandbox,
            len(state.admins),
            # the tooltip's read-only sessions and their time left, as coarse as the icon's
            tuple((s.key, *shown_text(s.seconds_left(now))) for s in state.readonly),
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

    # -- clicks ------------------------------------------------------------------------
    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.menu.popup(QCursor.pos())

    def now(self) -> datetime:
        return self.clock.now()

    def list_targets(self) -> tuple[list[Target], str] | None:
        """The targets last read, and a fresh read asked for; None before the first read."""
        listed = self.target_list.current()
        return listed if self.target_list.loaded else None

    def elevate(self, name: str, extend: bool = False) -> None:
        if self.windows.mfa_dialog(name) is not None or (target := self._target(name)) is None:
            return
        dialog = self.windows.open_mfa_dialog(target, extend)
        dialog.console_outcome = self.console.outcome(name)
        dialog.busy.connect(lambda busy: self._set_elevating(name if busy else ""))
        dialog.elevated.connect(self._elevated)
        dialog.finished.connect(lambda _r: self._elevating == name and self._set_elevating(""))
        dialog.start()

    def _target(self, name: str) -> Target | None:
        """As the menu last read it (no config read on the UI thread), else from the config
        (a hidden target); a problem is said."""
        try:
            return self.target_list.find(name) or self.ctx.target(name)
        except ElevateError as exc:
            self._report(None, exc)
            return None

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
            self.console.open(session)

    def drop(self, name: str, revoke: bool = False) -> None:
        session = self.state.admin_for(name)
        if session is not None:
            self.runner.run_task(lambda: actions.drop(self.ctx, session, revoke), self._dropped)
        elif revoke and name in self.state.revoke_pending:
            self.runner.run_task(lambda: actions.retry_revoke(self.ctx, name), self._retried)

    def _retried(self, results: Any, error: BaseException | None) -> None:
        if error is not None:
            self._dropped(None, error)
        for result in results or ():
            self._dropped(result, None)

    def _dropped(self, result: Any, error: BaseException | None) -> None:
        """Said whenever the revocation happened or did not: a plain drop shows in the icon."""
        self.recheck()
        if error is not None:
            self._report(result, error)
            return
        from ..flows.drop import said

        warning = result.problem is not None
        if warning or result.outcome == "revoked":
            self.notifier.notify(
                QCoreApplication.translate("TrayController", "elevate-tray"),
                gui_say(said(result)),
                warning=warning,
            )

    def copy_snippet(self, name: str) -> None:
        from PySide6.QtGui import QGuiApplication

        if (target := self._target(name)) is None:
            return
        QGuiApplication.clipboard().setText(actions.profile_snippet(self.ctx, target))
        self.notifier.notify(*copied(name))

    def _report(self, result: Any, error: BaseException | None) -> None:
        if error is not None:  # else: what the runner caught, it logged (workers.py)
            title = QCoreApplication.translate("TrayController", "elevate-tray")
            self.notifier.notify(title, problem_text(error), warning=True)

    # -- windows (TrayWindows') ---------------------------------------------------------
    def activate(self) -> None:
        """A second launch asked this tray to show itself."""
        self.windows.show_window()

    # -- quit ----------------------------------------------------------------------------
    def quit(self) -> None:
        """Quit; while admin, ask first: keep the session (nothing here drops it at expiry),
        drop it, or stay (confirm_quit answers "keep", "drop" or "cancel")."""
        self.recheck()
        admins = list(self.state.admins)
        if not admins:
            self._quit_after(None, None)
        elif "quit" not in self._dialogs:  # asked once at a time
            self.confirm_quit(admins, lambda choice: self._quit_chosen(admins, choice))

    def _quit_chosen(self, admins: list[ElevatedSession], choice: str) -> None:
        if choice == "drop":
            self.runner.run_task(lambda: actions.drop_all(self.ctx, admins), self._quit_after)
        elif choice == "keep":
            self._quit_after(None, None)

    def _quit_after(self, _result: Any, error: BaseException | None) -> None:
        if error is not None:
            self._report(None, error)  # said; the tray stays, since the session may too
            return
        self.timer.stop()
        self.kept_keys.close_all()
        self.receipts.close_all()
        if self.tray is not None:
            self.tray.hide()
        QCoreApplication.quit()
