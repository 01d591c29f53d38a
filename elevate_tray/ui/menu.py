"""The tray menu, assembled from the current state each time it opens (Vorta's habit).

It only reads state and forwards clicks, through the small `MenuActions` protocol (the
controller is one): no logic of its own. Every entry has a
mnemonic, so the menu works from the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget, QWidgetAction

from .error_text import say
from .texts import header_lines

if TYPE_CHECKING:
    from ..core.targets import Target
    from .menu_actions import MenuActions
    from .state import TrayState

FILTER_FROM = 10  # more targets than this: the menu has a type-to-filter field


class TrayMenu(QMenu):
    def __init__(self, actions: MenuActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions_of: MenuActions = actions
        self._built = self._rebuilding = False
        self.setObjectName("TrayMenu")
        self._filtered: list[tuple[QAction, str, str]] = []  # (entry, what it matches, OU)
        self._ou_headers: dict[str, tuple[QAction, QAction]] = {}  # OU: separator, header
        self._filter_edit: QLineEdit | None = None
        self._no_match: QAction | None = None
        self._filter_text = ""  # kept while the menu is open, forgotten when it closes
        self.aboutToShow.connect(self.rebuild)
        self.aboutToHide.connect(self._forget_filter)

    def _forget_filter(self) -> None:
        self._filter_text = ""

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
        self._filter_edit, self._no_match = None, None  # clear() deletes them
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
        self._filtered = []
        self._ou_headers = {}
        if len(targets) > FILTER_FROM:
            self._add_filter()
        ungrouped = [t for t in targets if not t.prefs.ou_name and not t.prefs.account_ou]
        grouped = [t for t in targets if t.prefs.ou_name or t.prefs.account_ou]
        for target in ungrouped:
            self._add_target(target, targets, state, busy, "")
        for ou, members in _by_ou(grouped):
            rule = self.addSeparator()
            header = self.addAction(members[0].prefs.ou_name or ou)  # a header, not an entry
            header.setEnabled(False)
            header.setObjectName(f"ou:{ou}")
            self._ou_headers[ou] = (rule, header)
            for target in sorted(members, key=lambda t: t.name):
                self._add_target(target, targets, state, busy, ou)
        if self._filter_edit is not None:
            self._no_match = self.addAction(self.tr("No target matches"))
            self._no_match.setEnabled(False)
            self._no_match.setObjectName("filter-none")
            self.apply_filter(self._filter_edit.text())
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

    def _add_target(
        self, target: Target, targets: list[Target], state: TrayState, busy: bool, ou: str
    ) -> None:
        """One target's entries: its sub-menu (the entries themselves when it is the only one)."""
        ctl = self.actions_of
        if target.problem:  # a profile AWS would refuse: said, never offered to elevate
            said = self.addAction(say(target.problem).replace("&", "&&"))
            said.setEnabled(False)
            self._filtered.append((said, _haystack(target), ou))
            return
        session = state.admin_for(target.name)
        menu = (
            self
            if len(targets) == 1
            else self.addMenu(f"{target.name} — {target.account}" + (" ●" if session else ""))
        )
        if len(targets) == 1:
            self.addAction(f"{target.name} — {target.account}").setEnabled(False)
        else:
            self._filtered.append((menu.menuAction(), _haystack(target), ou))
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

    # -- the type-to-filter field (more than FILTER_FROM targets) ------------------------
    def _add_filter(self) -> None:
        edit = QLineEdit()  # the QWidgetAction owns it
        edit.setObjectName("target-filter")
        edit.setPlaceholderText(self.tr("Type to filter targets…"))
        edit.setClearButtonEnabled(True)
        edit.setText(self._filter_text)
        edit.textChanged.connect(self.apply_filter)
        holder = QWidgetAction(self)
        holder.setObjectName("target-filter")
        holder.setDefaultWidget(edit)
        self.addAction(holder)
        self._filter_edit = edit

    def apply_filter(self, text: str) -> None:
        """Show the targets whose name, account, account name or OU holds `text`."""
        self._filter_text = text
        wanted = text.strip().lower()
        shown: set[str] = set()
        for action, haystack, ou in self._filtered:
            match = wanted in haystack
            action.setVisible(match)
            if match:
                shown.add(ou)
        for ou, pair in self._ou_headers.items():
            for action in pair:
                action.setVisible(ou in shown)
        if self._no_match is not None:
            self._no_match.setVisible(not shown)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Typing in the menu goes to the filter, when there is one."""
        edit = self._filter_edit
        if edit is not None and _typed(event):
            edit.setFocus()
            edit.setText(edit.text() + event.text())
            return
        if edit is not None and event.key() == Qt.Key.Key_Backspace and edit.text():
            edit.backspace()
            return
        super().keyPressEvent(event)

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


def _by_ou(targets: list[Target]) -> list[tuple[str, list[Target]]]:
    """Targets grouped by OU (its ID, else its name), the groups in order of OU name."""
    groups: dict[str, list[Target]] = {}
    for target in targets:
        groups.setdefault(target.prefs.account_ou or target.prefs.ou_name, []).append(target)
    return sorted(groups.items(), key=lambda g: (g[1][0].prefs.ou_name.lower(), g[0]))


def _haystack(target: Target) -> str:
    prefs = target.prefs
    return " ".join((target.name, target.account, prefs.account_name, prefs.ou_name)).lower()


def _typed(event: QKeyEvent) -> bool:
    """A printable key without Ctrl/Alt/Meta: text for the filter, not a shortcut."""
    mods = event.modifiers() & (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )
    text = event.text()
    return not mods and len(text) == 1 and text.isprintable() and text != " "
