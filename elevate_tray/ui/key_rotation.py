"""The tray's side of the kept access keys: "Rotate access key…" and the rotation reminder.

The menu offers one entry per kept key (core.keys.KeptKeys) and says the key's age when the
settings' key_rotation_days says it is due (core.keys.due). The reminder is one notice a
day at most, the day remembered in the state file ("key_rotation_reminded"), so a restart
does not repeat it. It is checked when the tray starts and when the menu opens, and by one
single-shot timer set for the next day, only while a key is kept and the setting is on.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ..core.errors import ElevateError
from ..core.keys import masked
from ..core.statefile import read_state
from .error_text import say
from .windows import bring_to_front

if TYPE_CHECKING:
    from ..core.context import AppContext
    from .notify import Notifier
    from .rotate_dialog import RotateDialog
    from .workers import Runner

log = logging.getLogger(__name__)

REMINDED = "key_rotation_reminded"  # the state's field: the local day of the last reminder
DAY_MS = 24 * 3600 * 1000


def local_day(when: datetime) -> str:
    return when.astimezone().date().isoformat()


class TrayKeys(QObject):
    def __init__(
        self, ctx: AppContext, runner: Runner, notifier: Notifier, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.notifier = ctx, runner, notifier
        self.dialogs: dict[str, RotateDialog] = {}
        self._reminded = ""  # as written to the state, for the moment the write takes
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)

    # -- the menu ------------------------------------------------------------------------
    def entries(self) -> list[tuple[str, str]]:
        """(profile, the entry's text) for each kept key; the reminder checked on the way."""
        try:
            kept = [k.profile for k in self.ctx.kept_keys.all()]
        except ElevateError:  # an unreadable state file: the menu says it elsewhere
            return []
        old = dict(self.check())
        entries = []
        for profile in kept:
            days = old.get(profile)
            if len(kept) == 1:
                text = (
                    QCoreApplication.translate("TrayKeys", "Rotate access &key…")
                    if days is None
                    else QCoreApplication.translate(
                        "TrayKeys", "Rotate access &key (%1 days old)…"
                    ).replace("%1", str(days))
                )
            else:
                text = (
                    QCoreApplication.translate("TrayKeys", "Rotate access key of %1…")
                    if days is None
                    else QCoreApplication.translate(
                        "TrayKeys", "Rotate access key of %1 (%2 days old)…"
                    ).replace("%2", str(days))
                ).replace("%1", profile.replace("&", "&&"))
            entries.append((profile, text))
        return entries

    def rotate(self, profile: str) -> None:
        """Open the profile's rotation dialog (one at a time per profile)."""
        from .rotate_dialog import RotateDialog

        if (dialog := self.dialogs.get(profile)) is not None:
            bring_to_front(dialog)
            return
        dialog = RotateDialog(self.ctx, profile, self.runner)
        self.dialogs[profile] = dialog
        dialog.rotated.connect(self._rotated)
        dialog.failed.connect(self._failed)
        dialog.finished.connect(lambda _r: self._forget(profile))
        dialog.show()
        bring_to_front(dialog)
        dialog.start()

    def _forget(self, profile: str) -> None:
        dialog = self.dialogs.pop(profile, None)
        if dialog is not None:
            dialog.deleteLater()
        self.check()  # a rotated key is new: no reminder, and the timer as it should be

    def _rotated(self, done: Any) -> None:
        notes = [say(n) for n in done.notes]
        if done.old_deleted:
            wording = QCoreApplication.translate(
                "TrayKeys", "The access key of profile %1 was rotated: %2 is in use; %3 is deleted."
            )
        else:  # AWS ended the old key's session with it, and no second code was given
            wording = QCoreApplication.translate(
                "TrayKeys",
                "The access key of profile %1 was rotated: %2 is in use; %3 is deactivated, "
                "and deleting it needs one more MFA code: rotate again from the tray menu.",
            )
        text = (
            wording.replace("%1", done.profile)
            .replace("%2", masked(done.new_id))
            .replace("%3", masked(done.old_id))
        )
        self.notifier.notify(
            QCoreApplication.translate("TrayKeys", "Access key rotated"), " ".join([text, *notes])
        )

    def _failed(self, error: BaseException) -> None:
        from .gui_wording import problem_text

        self.notifier.notify(
            QCoreApplication.translate("TrayKeys", "Access key not rotated"),
            problem_text(error),
            warning=True,
        )

    # -- the reminder --------------------------------------------------------------------
    def check(self) -> list[tuple[str, int]]:
        """The keys due for rotation; a reminder when none was given today; the timer set
        for the next day while a key is kept and reminders are on, else stopped."""
        from ..core.keys import due  # not the rotation's flows: the idle tray stays small

        try:
            keys = self.ctx.kept_keys.all()
            kept = bool(keys)
            old = due(keys, self.ctx.settings.key_rotation_days, self.ctx.clock.now())
        except ElevateError:
            self.timer.stop()
            return []
        now = self.ctx.clock.now()
        if kept and self.ctx.settings.key_rotation_days > 0:
            self.timer.start(_until_next_day(now))
        else:
            self.timer.stop()
        if old and self._last_reminded() != local_day(now):
            self._remind(old, local_day(now))
        return old

    def _last_reminded(self) -> str:
        if self._reminded:
            return self._reminded
        try:
            value = read_state(self.ctx.dirs.state_file).get(REMINDED)
        except ElevateError:
            return ""
        return value if isinstance(value, str) else ""

    def _remind(self, old: list[tuple[str, int]], day: str) -> None:
        profile, days = max(old, key=lambda pair: pair[1])
        self._reminded = day
        self.notifier.notify(
            QCoreApplication.translate("TrayKeys", "Access key"),
            QCoreApplication.translate(
                "TrayKeys",
                "The access key of profile %1 is %2 days old; rotate it from the tray menu.",
            )
            .replace("%1", profile)
            .replace("%2", str(days)),
            QCoreApplication.translate("TrayKeys", "Rotate…"),
            lambda: self.rotate(profile),
        )
        self.runner.run_task(lambda: self._write_reminded(day), self._written)

    def _write_reminded(self, day: str) -> None:
        from ..core.statelock import recorded, update_state

        with recorded(), update_state(self.ctx.dirs) as state:
            state[REMINDED] = day

    def _written(self, _result: Any, error: BaseException | None) -> None:
        if error is not None:  # the day stays remembered here, until the tray restarts
            log.info("the rotation reminder's day was not recorded")

    def close_all(self) -> None:
        self.timer.stop()
        for dialog in list(self.dialogs.values()):
            dialog.close()


def _until_next_day(now: datetime) -> int:
    """Milliseconds from `now` to a minute after the next local midnight (at most a day)."""
    local = now.astimezone()
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(60_000, min(DAY_MS, int((midnight - local).total_seconds() * 1000) + 60_000))
