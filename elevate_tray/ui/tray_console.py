"""The tray's console: open it for a session, serve a terminal's sign-in, log it out.

Every sign-in goes through a hand-off (flows.console); what a hand-off reports comes back
on the UI thread (HandoffRelay) and is said through the notifier when the browser did not
take it in time, the one sign that it did not open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from ..core.context import AppContext
from ..core.sessions import ElevatedSession
from . import actions
from .gui_wording import gui_say
from .handoffs import HandoffRelay, Outcome
from .notify import Notifier
from .workers import Done, Runner

Offer = tuple[str, Callable[[], None]]
Reply = Callable[[dict[str, Any]], None]
OUTCOMES = {True: "taken", False: "not-taken"}


class TrayConsole(QObject):
    def __init__(
        self,
        ctx: AppContext,
        runner: Runner,
        notifier: Notifier,
        report: Done,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.notifier, self.report = ctx, runner, notifier, report
        self.handoffs = HandoffRelay(self)

    def open(self, session: ElevatedSession) -> None:
        outcome = self.outcome(session.target)
        self.runner.run_task(lambda: actions.open_console(self.ctx, session, outcome), self.report)

    def outcome(self, target: str) -> Outcome:
        """A hand-off's report for `target`, said when the browser did not take it."""
        timeout = float(self.ctx.settings.handoff_timeout)

        def arrived(taken: bool | None) -> None:
            if taken is False:
                from ..flows.console import not_taken

                self.notifier.notify(
                    QCoreApplication.translate("TrayController", "elevate-tray"),
                    gui_say(not_taken(target, timeout)),
                    warning=True,
                )

        return self.handoffs.relay(arrived)

    def serve(self, request: dict[str, Any], reply: Reply) -> None:
        """A terminal's sign-in, served here (the tray has the desktop and outlives the
        command). The answer waits for the outcome: taken, or not taken in time. The
        browser failing here is said by the terminal, which then tries itself."""
        target, url = request.get("target"), request.get("url")
        if not isinstance(target, str) or not target or not isinstance(url, str):
            reply({"error": "bad-request"})
            return
        if not url.startswith(("https://", "http://")):
            reply({"error": "bad-request"})
            return
        answered = self.handoffs.relay(
            lambda taken: reply({"handoff": OUTCOMES.get(taken, "unknown")})  # type: ignore[call-overload]
        )
        self.runner.run_task(
            lambda: actions.serve_console(self.ctx, target, url, answered),
            lambda _result, error: None if error is None else reply({"error": "unavailable"}),
        )

    def ended(self, session: ElevatedSession) -> Offer | None:
        """Log the console out as well: at once when settings say so, else offered on the
        "read-only again" notice (the console session may outlive a drop or a revoke)."""

        def log_out() -> None:
            self.runner.run_task(lambda: actions.logout_console(self.ctx, session), self.report)

        if self.ctx.settings.logout_console_on_drop:
            log_out()
            return None
        return QCoreApplication.translate("TrayController", "Log out of the console"), log_out
