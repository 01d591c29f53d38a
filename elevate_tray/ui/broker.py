"""The tray brokers credentials: a program's `credentials` request with no live session
raises the MFA dialog here, and every request waiting for that session gets its answer.

The queue, single flight and cool-down are flows/broker.py's (Qt-free); this module opens
and closes the dialogs, one at a time, and times the wait for the person with a QTimer
(`broker_wait`); the cool-down is on the controller's clock. Before a dialog opens, a live
session that answers (elevated from the menu meanwhile) serves the waiters without one.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer

from ..core.peers import Peer
from ..core.requester import requester_of
from ..flows.broker import (
    CANCELLED,
    TIMED_OUT,
    Arrival,
    BrokerQueue,
    Waiter,
    Want,
    credentials_answer,
    refused,
)
from .windows import bring_to_front

log = logging.getLogger(__name__)


class TrayBroker(QObject):
    """One per tray (`TrayBroker.of(controller)`); it opens at most one dialog at a time."""

    def __init__(self, controller: Any) -> None:
        super().__init__(controller)
        self.controller, self.ctx = controller, controller.ctx
        self.queue = BrokerQueue(
            now=controller.clock.now, cooldown=lambda: self.ctx.settings.broker_cooldown
        )
        self.dialog: Any = None  # the open BrokerDialog
        self.dialogs_opened = 0
        self._outcome: str | None = None  # why the open dialog closes, when not by the person
        self.wait = QTimer(self)
        self.wait.setSingleShot(True)
        self.wait.timeout.connect(self.expire)
        controller.watcher.changed.connect(self.state_changed)

    @classmethod
    def of(cls, controller: Any) -> TrayBroker:
        broker = getattr(controller, "broker", None)
        if not isinstance(broker, TrayBroker):
            broker = controller.broker = cls(controller)
        return broker

    # -- requests ----------------------------------------------------------------------
    def serve(self, request: dict[str, Any], reply: Any, peer: Peer | None = None) -> None:
        target, readonly = request.get("target"), request.get("readonly", False)
        if not isinstance(target, str) or not target or not isinstance(readonly, bool):
            reply({"error": "bad-request"})
            return
        want = Want(target, readonly)
        waiter = Waiter(reply, requester_of(peer.pid if peer else None))
        log.info("credentials request for %s (pid %s)", want.key, peer.pid if peer else None)
        arrival = self.queue.arrive(want, waiter)
        if arrival is Arrival.COOLING:
            reply(self.queue.refusal(want))
        elif arrival is Arrival.OPEN:
            self._look(want)
        elif arrival is Arrival.JOINED and hasattr(self.dialog, "show_requesters"):
            self.dialog.show_requesters([w.requester for w in self.queue.waiters(want)])

    def _look(self, want: Want) -> None:
        """Off the UI thread: the target, and a live session that answers already."""
        from ..flows.console import live_credentials
        from ..flows.credentials import answering

        def look() -> tuple[Any, str | None]:
            session = answering(self.ctx, want.target, want.readonly)
            if session is not None:
                return None, live_credentials(self.ctx, session, "tray").process_json()
            found = self.controller.target_list.find(want.target)  # read already: fast
            return found or self.ctx.target(want.target), None

        self.controller.runner.run_task(look, lambda r, e: self._looked(want, r, e))

    def _looked(self, want: Want, result: Any, error: BaseException | None) -> None:
        if error is not None:  # a target the config no longer has: the program does it itself
            self._answer(want, {"error": "unavailable"})
            return
        target, process_json = result
        if process_json is not None:
            self._answer(want, credentials_answer(process_json))
            return
        self._open(want, target)

    def _open(self, want: Want, target: Any) -> None:
        from .broker_dialog import BrokerDialog

        menus = None if want.readonly else self.controller.windows.dialogs.get(target.name)
        if menus is not None:  # the person is elevating from the menu: that dialog answers
            self._adopt(want, menus)
            return
        dialog = BrokerDialog(self.ctx, target, self.controller.runner, want.readonly)
        self.dialog, self._outcome = dialog, None
        self.dialogs_opened += 1
        dialog.show_requesters([w.requester for w in self.queue.waiters(want)])
        dialog.elevated.connect(lambda elevation, _note: self._elevated(want, elevation))
        dialog.finished.connect(lambda _r: self._closed(want, dialog))
        if not want.readonly:  # the menu finds it (no second dialog) and the icon says so
            self.controller.windows.dialogs[target.name] = dialog
            name = target.name
            dialog.busy.connect(lambda on: self.controller._set_elevating(name if on else ""))
        dialog.show()
        bring_to_front(dialog)
        dialog.start()
        self.wait.start(self.ctx.settings.broker_wait * 1000)

    def _adopt(self, want: Want, dialog: Any) -> None:
        self.dialog, self._outcome = dialog, None
        dialog.elevated.connect(lambda elevation, _note: self._elevated(want, elevation))
        dialog.finished.connect(lambda _r: self._closed(want, dialog))
        bring_to_front(dialog)
        self.wait.start(self.ctx.settings.broker_wait * 1000)

    def state_changed(self) -> None:
        """A session started elsewhere meanwhile (a terminal's `elevate`): it serves the open
        dialog's waiters, and the dialog closes unanswered (no code spent)."""
        from ..flows.console import live_credentials
        from ..flows.credentials import answering

        want, dialog = self.queue.open, self.dialog
        if want is None or dialog is None or dialog._busy:
            return

        def look() -> str | None:
            session = answering(self.ctx, want.target, want.readonly)
            return live_credentials(self.ctx, session, "tray").process_json() if session else None

        def looked(process_json: str | None, error: BaseException | None) -> None:
            if process_json is None or self.dialog is not dialog or dialog._busy:
                return
            self._answer(want, credentials_answer(process_json))
            dialog.reject()

        self.controller.runner.run_task(look, looked)

    # -- the dialog's end --------------------------------------------------------------
    def expire(self) -> None:
        """The wait ran out: the dialog closes and its waiters hear so. While AWS is being
        asked, the answer decides instead (an MFA code is never thrown away)."""
        dialog = self.dialog
        if dialog is None:
            return
        if dialog._busy:
            self.wait.start(1000)
            return
        self._outcome = TIMED_OUT
        dialog.reject()

    def _elevated(self, want: Want, elevation: Any) -> None:
        self._answer(want, credentials_answer(elevation.credentials.process_json()))
        self.controller.recheck()

    def _closed(self, want: Want, dialog: Any) -> None:
        self.wait.stop()
        if self.controller.windows.dialogs.get(dialog.target.name) is dialog:
            self.controller.windows.dialogs.pop(dialog.target.name)
            if self.controller._elevating == dialog.target.name:
                self.controller._elevating = ""
        if self.dialog is dialog:
            self.dialog = None
        if hasattr(dialog, "let_go"):  # ours; the menu's own dialog is its windows' to delete
            dialog.let_go()
        if want in self.queue.waiting:  # not answered with a session: refused
            outcome = self._outcome or CANCELLED
            for waiter in self.queue.settle(want, outcome):
                waiter.reply(refused(outcome))
        self._next()

    def _answer(self, want: Want, answer: dict[str, Any]) -> None:
        for waiter in self.queue.settle(want):
            waiter.reply(answer)
        self._next()

    def _next(self) -> None:
        if self.dialog is not None:
            return
        from ..flows.credentials import BROKER_MARGIN

        want, gone = self.queue.next_open(self.ctx.settings.broker_wait + BROKER_MARGIN)
        for waiter in gone:  # its program stopped waiting long ago
            waiter.reply(refused(TIMED_OUT))
        if want is not None:
            self._look(want)
