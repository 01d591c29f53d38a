"""The tray collects receipts: after an admin session ends, and at start for those pending.

Collecting runs off the UI thread, one round at a time: every receipt whose session ended
(flows.receipt.due), plus those the person asked for (the window's Refresh, opening one from
the menu). While one is not final, one single-shot timer brings the round back: FIRST_DELAY
after the session ended, then every INTERVAL, and once just past the time it becomes final;
no timer runs while nothing is pending. With no live session to read CloudTrail with, the
person is asked once per receipt for an MFA code (a read-only MFA session): in a notification
whose click opens the code dialog, or at once when they opened the receipt; a cancelled ask,
or a receipt that still fails after its final time, rests until the person opens it. A
failure is said once per receipt and sentence, not at every round.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ..core.context import AppContext
from ..core.errors import ElevateError
from ..core.receipt import Receipt
from ..core.receipts import Pending
from ..core.sessions import Credentials
from ..flows import receipt as flow
from . import receipt_words as words
from .error_text import error_sentence, say
from .notify import Notifier
from .receipt_round import Round, collect_round, recent
from .windows import bring_to_front
from .workers import Runner

FIRST_DELAY = 60.0  # seconds after a session ended: the first refresh
INTERVAL = 180.0  # seconds between refreshes while a receipt is collecting
LATE = 5.0  # seconds past a receipt's final time: the refresh that makes it final


class TrayReceipts(QObject):
    changed = Signal()  # the recent sessions listed changed: the menu builds itself again

    def __init__(self, ctx: AppContext, runner: Runner, notifier: Notifier, parent: Any) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.notifier = ctx, runner, notifier
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.tick)
        self.listed: list[flow.Entry] = []
        self.windows: dict[str, Any] = {}  # receipt ID -> its open ReceiptWindow
        self.asking: dict[str, Any] = {}  # target -> the open code dialog
        self.waiting: dict[str, list[Pending]] = {}  # target -> what its code collects
        self.asked: set[str] = set()  # receipt IDs a code was asked for
        self.resting: set[str] = set()  # not collected by the timer until opened
        self.told: set[tuple[str, str]] = set()  # (receipt ID, sentence) said already
        self.wanted: set[str] = set()  # asked for by the person
        self.given: dict[str, Credentials] = {}  # target -> the read-only session a code gave
        self._busy = self._again = False
        self._listing = False

    # -- rounds ----------------------------------------------------------------------------
    def tick(self) -> None:
        """A round now (the timer's, a session's end, the tray's start)."""
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        wanted, resting, given = frozenset(self.wanted), frozenset(self.resting), dict(self.given)
        self.wanted.clear()
        for rid in wanted:
            self._busy_window(rid, True)
        self.runner.run_task(lambda: collect_round(self.ctx, wanted, resting, given), self._done)

    def _done(self, found: Round | None, error: BaseException | None) -> None:
        self._busy = False
        for rid in list(self.windows):
            self._busy_window(rid, False)
        if found is None:  # not an ElevateError: the runner logged it
            from .gui_wording import problem_text

            self._tell("", "", problem_text(error) if error is not None else "")
            self.timer.stop()
            return
        for receipt in found.collected:
            self._show(receipt)
            if receipt.final:
                self._announce(receipt)
            elif receipt.problem and self._past_final(receipt.final_at(), found.now):
                self.resting.add(receipt.id)
                self._tell(receipt.id, receipt.target, say(receipt.problem))
        for pending, exc in found.failed:
            if self._past_final(pending.first_receipt().final_at(), found.now):
                self.resting.add(pending.id)
            self._tell(pending.id, pending.session.target, error_sentence(exc))
            if pending.id in self.windows:
                self.windows[pending.id].show_problem(error_sentence(exc))
        self._ask(found.needs, found.wanted, found.now)
        self._list(found.listed)
        self._schedule(found.left, found.now)
        if self._again or self.wanted:
            self.tick()

    @staticmethod
    def _past_final(final_at: datetime | None, now: datetime) -> bool:
        return final_at is not None and now >= final_at

    def _schedule(self, left: list[Pending], now: datetime) -> None:
        """The next round while a receipt is collecting; no timer when none is."""
        live = [p for p in left if p.id not in self.resting and p.ended_at is not None]
        live = [p for p in live if p.session.target not in self.asking]  # its code decides
        if not live:
            self.timer.stop()
            return
        delay = INTERVAL
        for pending in live:
            assert pending.ended_at is not None
            since = (now - pending.ended_at).total_seconds()
            if since < FIRST_DELAY:
                delay = min(delay, FIRST_DELAY - since)
            final_at = pending.first_receipt().final_at()
            until_final = (final_at - now).total_seconds() + LATE if final_at else -1
            if until_final > 0:
                delay = min(delay, until_final)
        self.timer.start(int(max(delay, 1.0) * 1000))

    # -- what is said ----------------------------------------------------------------------
    def _announce(self, receipt: Receipt) -> None:
        title, text = words.notice(receipt)
        self.notifier.notify(title, text, words.show_label(), partial(self.open, receipt.id))

    def _tell(self, rid: str, target: str, sentence: str) -> None:
        if (rid, sentence) in self.told:
            return
        self.told.add((rid, sentence))
        title = QCoreApplication.translate("Receipt", "Receipt for %1").replace("%1", target)
        title = title if target else "elevate-tray"
        self.notifier.notify(title, sentence, warning=True)

    # -- the code, once per receipt ----------------------------------------------------------
    def _ask(self, needs: list[Pending], wanted: frozenset[str], now: datetime) -> None:
        for pending in needs:
            target = pending.session.target
            ended = pending.ended_at
            if pending.id not in wanted and ended and (now - ended).total_seconds() < FIRST_DELAY:
                continue  # not over the drop's own notice (its action): at the first refresh
            if pending.id in self.asked and pending.id not in wanted:
                self.resting.add(pending.id)  # asked once already: until it is opened
                continue
            self.asked.add(pending.id)
            waiting = self.waiting.setdefault(target, [])
            if all(p.id != pending.id for p in waiting):
                waiting.append(pending)
            if target in self.asking:
                continue
            if pending.id in wanted:  # the person opened it: the dialog at once
                self._open_code(pending)
            else:  # in a notification, not a dialog out of nowhere after every drop
                self._offer_code(pending)

    def _offer_code(self, pending: Pending) -> None:
        title = QCoreApplication.translate("Receipt", "Receipt for %1")
        text = QCoreApplication.translate(
            "Receipt", "Collecting it needs an MFA code for a read-only session."
        )
        label = QCoreApplication.translate("Receipt", "Give a code")
        target = pending.session.target
        self.notifier.notify(
            title.replace("%1", target), text, label, partial(self._open_code, pending)
        )

    def _open_code(self, pending: Pending) -> None:
        from .receipt_code import ReceiptCodeDialog

        name = pending.session.target
        if name in self.asking:  # one dialog per target
            bring_to_front(self.asking[name])
            return
        listed = getattr(self.parent(), "target_list", None)  # the menu's: no config read
        try:
            target = (listed.find(name) if listed is not None else None) or self.ctx.target(name)
        except ElevateError as exc:  # the target left the config: said, not asked
            self.waiting.pop(name, None)
            self.resting.add(pending.id)
            self._tell(pending.id, name, error_sentence(exc))
            return
        dialog = ReceiptCodeDialog(self.ctx, target, self.runner)
        self.asking[name] = dialog
        dialog.elevated.connect(lambda elevation, _note: self._code_given(name, elevation))
        dialog.finished.connect(lambda _r: self._code_closed(name, dialog))
        dialog.show()
        bring_to_front(dialog)
        dialog.start()

    def _code_given(self, name: str, elevation: Any) -> None:
        """The read-only MFA session started: the next round reads with it."""
        self.asking.pop(name, None)
        self.given[name] = elevation.credentials
        for pending in self.waiting.pop(name, []):
            self.resting.discard(pending.id)
            self.wanted.add(pending.id)
        self.tick()

    def _code_closed(self, name: str, dialog: Any) -> None:
        if self.asking.get(name) is dialog:
            self.asking.pop(name)
        cancelled = self.waiting.pop(name, [])
        for pending in cancelled:  # cancelled: asked again only when opened
            self.resting.add(pending.id)
        dialog.let_go()
        if cancelled:
            self.tick()  # what is left decides the timer: none while nothing can be collected

    # -- the menu and the window -------------------------------------------------------------
    def entries(self) -> list[tuple[str, str]]:
        """(receipt ID, text) of the recent sessions last listed; a fresh list is asked for."""
        if not self._busy and not self._listing:
            self._listing = True
            self.runner.run_task(lambda: recent(self.ctx), lambda got, _e: self._relisted(got))
        return [(e.receipt.id, words.menu_line(e.receipt)) for e in self.listed]

    def _relisted(self, got: list[flow.Entry] | None) -> None:
        self._listing = False
        if got is not None:
            self._list(got)

    def _list(self, listed: list[flow.Entry]) -> None:
        before = [(e.receipt, e.pending is None) for e in self.listed]
        self.listed = listed
        if before != [(e.receipt, e.pending is None) for e in listed]:
            self.changed.emit()

    def open(self, rid: str) -> None:
        """The receipt's window (from the menu or its notification); a receipt still
        collecting is collected now, asking for a code if one is needed."""
        from ..core.secrets import KeyringStore

        KeyringStore.allow_prompt()  # the person's action: a locked keyring may ask once
        entry = next((e for e in self.listed if e.receipt.id == rid), None)
        if entry is None:
            return
        window = self.windows.get(rid)
        if window is None:
            from .receipt_window import ReceiptWindow

            window = self.windows[rid] = ReceiptWindow(entry.receipt, self.ctx.clock.now)
            window.refresh_wanted.connect(self.refresh)
            window.closed.connect(self._window_closed)
        window.show()
        bring_to_front(window)
        if entry.pending is not None:
            self.refresh(rid)

    def refresh(self, rid: str) -> None:
        self.resting.discard(rid)
        self.wanted.add(rid)
        self.tick()

    def _show(self, receipt: Receipt) -> None:
        window = self.windows.get(receipt.id)
        if window is not None:
            window.show_receipt(receipt)

    def _busy_window(self, rid: str, busy: bool) -> None:
        window = self.windows.get(rid)
        if window is not None:
            window.set_busy(busy)

    def _window_closed(self, rid: str) -> None:
        window = self.windows.pop(rid, None)
        if window is not None:
            window.deleteLater()

    def close_all(self) -> None:
        self.timer.stop()
        for dialog in list(self.asking.values()):
            dialog.reject()
        for window in list(self.windows.values()):
            window.close()
