"""The windows the tray opens: the countdown window (the app itself where there is no tray),
the MFA dialogs, settings and the setup wizard.

`TrayWindows` is owned by the controller: it creates, finds and forgets the windows, and
tells the controller through the callbacks it was given (state changed, quit, a problem);
it holds no session logic of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from ..core.errors import ElevateError

if TYPE_CHECKING:  # the window's widgets load only when it is shown (idle memory budget)
    from PySide6.QtWidgets import QMenu, QSystemTrayIcon

    from ..core.context import AppContext
    from ..core.sessions import ElevatedSession
    from ..core.targets import Target
    from .countdown_window import CountdownWindow
    from .icons import CountdownPainter
    from .mfa_dialog import MfaDialog
    from .notify import Notifier
    from .state import TrayState
    from .workers import Runner


# asks whether to quit while admin, and answers "keep", "drop" or "cancel"
AskQuit = Callable[[list["ElevatedSession"], Callable[[str], None]], None]


def bring_to_front(widget: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() != "offscreen":  # it has no window stack, and says so
        widget.raise_()
        widget.activateWindow()


class TrayWindows(QObject):
    def __init__(
        self,
        ctx: AppContext,
        runner: Runner,
        tray: QSystemTrayIcon | None,
        painter: CountdownPainter,
        menu: QMenu,
        notifier: Notifier,
        state: Callable[[], TrayState],
        changed: Callable[[], None],
        quit: Callable[[], None],
        report: Callable[[Any, BaseException | None], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.tray = ctx, runner, tray
        self.painter, self.menu, self.notifier = painter, menu, notifier
        self._state, self._changed, self._quit, self._report = state, changed, quit, report
        self.window: CountdownWindow | None = None
        self.dialogs: dict[str, Any] = {}
        self.settings_saved: Callable[[], object] | None = None  # told after a save

    # -- the countdown window ------------------------------------------------------------
    def no_tray_reason(self) -> str:
        return QCoreApplication.translate(
            "TrayController",
            "No system tray is available on this desktop (on GNOME, the AppIndicator extension "
            "provides one), so elevate-tray shows this window instead.",
        )

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
            self.window.destroyed.connect(self._window_gone)
            pos = self.ctx.settings.countdown_window_pos
            if len(pos) == 2:
                self.window.move(pos[0], pos[1])
        self.window.show_state(self._state(), self.ctx.clock.now())
        self.window.show()
        bring_to_front(self.window)
        return self.window

    def set_countdown_window(self, on: bool) -> None:
        self.ctx.settings.countdown_window = on
        self._save_settings()
        if on:
            self.show_window()
        elif self.window is not None and self.tray is not None:
            self.window.hide()

    def _window_moved(self, x: int, y: int) -> None:
        self.ctx.settings.countdown_window_pos = [x, y]
        self._save_settings()

    def _window_gone(self) -> None:
        self.window = None
        self.notifier.window_gone()

    def _save_settings(self) -> None:
        """Written off the UI thread; a failure is said like any other."""
        self.runner.run_task(self.ctx.save_settings, self._report)

    def _window_closed(self) -> None:
        if self.tray is None:
            self._quit()  # the window is the app here: it stays open unless the app quits
        elif self.ctx.settings.countdown_window:
            self.set_countdown_window(False)

    def close_all(self) -> None:
        for dialog in list(self.dialogs.values()):
            dialog.close()
        if self.window is not None:
            self.window.close()

    # -- quitting while admin --------------------------------------------------------------
    def ask_quit(self, admins: list[ElevatedSession], answer: Callable[[str], None]) -> None:
        """Ask, without a modal wait, and `answer("keep" | "drop" | "cancel")`: quitting
        leaves the sessions valid, and nothing on this computer ends them at expiry."""
        from PySide6.QtWidgets import QMessageBox

        from .texts import local_time

        lines = [
            QCoreApplication.translate("TrayController", "You are admin in %1 until %2.")
            .replace("%1", s.target)
            .replace("%2", local_time(s.expires_at))
            for s in admins
        ]
        box = QMessageBox(QMessageBox.Icon.Question, "elevate-tray", " ".join(lines))
        box.setObjectName("QuitWhileAdmin")
        box.setInformativeText(
            QCoreApplication.translate(
                "TrayController",
                "If you quit and keep the session, it stays valid until it expires, and "
                "nothing on this computer will drop it at expiry: no warning, no console "
                "sign-out, and terminals keep admin rights until then.",
            )
        )
        keep = box.addButton(
            QCoreApplication.translate("TrayController", "Quit and &keep the session"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        drop = box.addButton(
            QCoreApplication.translate("TrayController", "&Drop and quit"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        cancel = box.addButton(
            QCoreApplication.translate("TrayController", "Cancel"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        self.dialogs["quit"] = box

        def finished(_result: int) -> None:
            self.dialogs.pop("quit", None)
            clicked = box.clickedButton()
            box.deleteLater()
            answer("keep" if clicked is keep else "drop" if clicked is drop else "cancel")

        box.finished.connect(finished)
        box.open()
        bring_to_front(box)

    # -- the MFA dialogs, one per target -------------------------------------------------
    def mfa_dialog(self, name: str) -> MfaDialog | None:
        dialog = self.dialogs.get(name)
        if dialog is not None:
            bring_to_front(dialog)
        return dialog

    def open_mfa_dialog(self, target: Target, extend: bool) -> MfaDialog:
        from .mfa_dialog import MfaDialog

        name = target.name
        dialog = MfaDialog(self.ctx, target, self.runner, None, extend=extend)
        self.dialogs[name] = dialog
        dialog.finished.connect(lambda _r: self._forget(name))
        dialog.show()
        bring_to_front(dialog)
        return dialog

    def _forget(self, name: str) -> None:
        dialog = self.dialogs.pop(name, None)
        if dialog is not None:
            dialog.deleteLater()

    # -- settings and the wizard -------------------------------------------------------
    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self.runner)
        self.dialogs["settings"] = dialog
        dialog.accepted.connect(self._changed)
        if self.settings_saved is not None:
            dialog.accepted.connect(self.settings_saved)
        dialog.finished.connect(lambda _r: self.dialogs.pop("settings", None))
        dialog.show()

    def open_wizard(self) -> None:
        try:
            from .wizard import SetupWizard
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
        self.dialogs["wizard"] = wizard
        wizard.finished.connect(self._wizard_closed)
        wizard.show()

    def _wizard_closed(self, _result: int) -> None:
        self.dialogs.pop("wizard", None)
        self._changed()
