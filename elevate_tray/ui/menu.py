"""The tray menu, assembled from the current state each time it opens (Vorta's habit).

It only reads state and forwards clicks, through the small `MenuActions` protocol (the
controller is one): no logic of its own. Every entry has a
mnemonic, so the menu works from the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from .error_text import say
from .texts import header_lines

if TYPE_CHECKING:
    from .menu_actions import MenuActions


class TrayMenu(QMenu):
    def __init__(self, actions: MenuActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions_of: MenuActions = actions
        self._built = self._rebuilding = False
        self.setObjectName("TrayMenu")
        self.aboutToShow.connect(self.rebuild)

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], None],
        enabled: bool = True,
        name: str = "",
    ) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        action.setEnabled(enabled)
        action.setObjectName(name)
        return action

    def rebuild(self) -> None:
        self._built, self._rebuilding = True, True
        try:
            self._build()
        finally:
            self._rebuilding = False

    def _build(self) -> None:
        self.clear()
        ctl = self.actions_of
        state = ctl.refresh()
        for i, line in enumerate(header_lines(state, ctl.now())):
            header = self.addAction(line)
            header.setEnabled(False)
            header.setObjectName(f"header{i}")
        self.addSeparator()
        listed = ctl.list_targets()
        targets, problem = listed if listed is not None else ([], "")
        if listed is None:
            self.addAction(self.tr("Reading the AWS config…")).setEnabled(False)
        if problem:
            self.addAction(problem).setEnabled(False)
        if not targets and not problem and listed is not None:
            self.addAction(self.tr("No target is configured yet")).setEnabled(False)
        busy = bool(state.elevating)
        for target in targets:
            if target.problem:  # a profile AWS would refuse: said, never offered to elevate
                self.addAction(say(target.problem).replace("&", "&&")).setEnabled(False)
                continue
            session = state.admin_for(target.name)
            menu = (
                self
                if len(targets) == 1
                else self.addMenu(f"{target.name} — {target.account}" + (" ●" if session else ""))
            )
            if len(targets) == 1:
                self.addAction(f"{target.name} — {target.account}").setEnabled(False)
            name = target.name
            self._add(
                menu,
                self.tr("&Extend…") if session else self.tr("&Elevate…"),
                partial(ctl.elevate, name, extend=session is not None),
                not busy,
                f"elevate:{name}",
            )
            self._add(
                menu,
                self.tr("Open &console"),
                partial(ctl.open_console, name),
                session is not None,
                f"console:{name}",
            )
            self._add(
                menu,
                self.tr("&Drop now"),
                partial(ctl.drop, name),
                session is not None,
                f"drop:{name}",
            )
            self._add(
                menu,
                self.tr("Drop and &revoke in AWS"),
                partial(ctl.drop, name, revoke=True),
                session is not None or name in state.revoke_pending,  # a retry
                f"revoke:{name}",
            )
            self._add(
                menu,
                self.tr("Copy credential_&process profile"),
                partial(ctl.copy_snippet, name),
                True,
                f"snippet:{name}",
            )
        self.addSeparator()
        for profile, text in ctl.key_entries():  # kept access keys (key_rotation.py)
            self._add(self, text, partial(ctl.rotate_key, profile), name=f"rotate:{profile}")
        recent = ctl.recent_sessions()  # receipts (tray_receipts.py): none, no entry
        if recent:
            sub = self.addMenu(self.tr("Rece&nt sessions"))
            sub.menuAction().setObjectName("recent-sessions")
            for rid, text in recent:
                self._add(sub, text, partial(ctl.open_receipt, rid), name=f"receipt:{rid}")
        window = self.addAction(self.tr("Countdown &window"))
        window.setObjectName("countdown-window")
        window.setCheckable(True)
        window.setChecked(ctl.countdown_window_wanted())
        window.toggled.connect(ctl.set_countdown_window)
        self._add(self, self.tr("&Settings…"), ctl.open_settings, name="settings")
        self._add(self, self.tr("Set up an &account…"), ctl.open_wizard, name="wizard")
        self.addSeparator()
        self._add(self, self.tr("&Quit"), ctl.quit, name="quit")

    def targets_changed(self) -> None:
        """A fresh read of the AWS config found other targets: show them."""
        if not self._rebuilding and (self.isVisible() or self._built):
            self.rebuild()

    def action_named(self, name: str) -> QAction | None:
        """Find an entry by its object name, in this menu or a target's sub-menu (tests)."""
        for action in self.actions():
            if action.objectName() == name:
                return action
            sub = action.menu()
            if isinstance(sub, QMenu):
                found = next((a for a in sub.actions() if a.objectName() == name), None)
                if found:
                    return found
        return None
