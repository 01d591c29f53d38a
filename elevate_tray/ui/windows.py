"""The windows the tray opens besides its MFA dialogs: the countdown window (the app
itself where there is no tray), settings, and the setup wizard.

A mixin of TrayController: these read and write the controller's state, settings and
dialogs, and only present them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ..core.errors import ElevateError

if TYPE_CHECKING:  # the window's widgets load only when it is shown (idle memory budget)
    from ..core.clock import Clock
    from ..core.context import AppContext
    from .countdown_window import CountdownWindow
    from .icons import CountdownPainter
    from .menu import TrayMenu
    from .notify import Notifier
    from .state import TrayState


def bring_to_front(widget: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() != "offscreen":  # it has no window stack, and says so
        widget.raise_()
        widget.activateWindow()


class TrayWindows:
    ctx: AppContext
    clock: Clock
    tray: Any
    painter: CountdownPainter
    menu: TrayMenu
    notifier: Notifier
    state: TrayState
    window: CountdownWindow | None
    _dialogs: dict[str, Any]

    if TYPE_CHECKING:  # the controller's

        def recheck(self, first: bool = False) -> None: ...
        def quit(self) -> None: ...
        def _report(self, result: Any, error: BaseException | None) -> None: ...

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
        self._dialogs["wizard"] = wizard
        wizard.finished.connect(self._wizard_closed)
        wizard.show()

    def _wizard_closed(self, _result: int) -> None:
        self._dialogs.pop("wizard", None)
        self.recheck()

    def activate(self) -> None:
        """A second launch asked this tray to show itself."""
        self.show_window()
