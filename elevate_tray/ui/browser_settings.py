"""Settings' per-target browser: which browser, profile or Firefox container a target's
console opens in, a custom command, and logging out of the old console session first.

The browsers and profiles listed are core.browsers.detect's (a few small file reads, done
once when the dialog opens). A choice that cannot work is refused when the dialog is saved,
with one sentence: a container whose extension that Firefox profile lacks (Firefox would
send the `ext+container:` text to its search engine), a custom command with no program.
"""

from __future__ import annotations

import shlex
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QWidget,
)

from ..core import browsers
from ..core.browsers import DetectedBrowser
from ..core.settings import TargetSettings


class TargetBrowserSettings(QGroupBox):
    def __init__(
        self,
        targets: list[str],
        chosen: dict[str, TargetSettings],
        detected: list[DetectedBrowser],
        home: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Browser per target"))
        self.home = home
        self.detected = detected
        self.edited = {name: replace(chosen.get(name) or TargetSettings()) for name in targets}
        self.saved = {name: _where(ts) for name, ts in self.edited.items()}
        self.target = QComboBox(self)
        self.target.addItems(targets)
        self.browser = QComboBox(self)
        self.profile = QComboBox(self)
        self.command = QLineEdit(self)
        self.command.setPlaceholderText(self.tr("a command; {url} is replaced by the address"))
        self.logout_first = QCheckBox(self.tr("Log out of the old console session first"), self)
        form = QFormLayout(self)
        form.addRow(self.tr("&Target:"), self.target)
        form.addRow(self.tr("B&rowser:"), self.browser)
        form.addRow(self.tr("&Profile:"), self.profile)
        form.addRow(self.tr("Browser &command:"), self.command)
        form.addRow(self.logout_first)
        self.shown = ""
        self.target.currentTextChanged.connect(self._show_target)
        self.browser.currentIndexChanged.connect(self._browser_changed)
        self.setEnabled(bool(targets))
        if targets:
            self._show_target(targets[0])

    # -- what the widgets show -----------------------------------------------------------
    def _browser_items(self, ts: TargetSettings) -> list[tuple[str, str, str]]:
        """(label, kind, program) for every choice, the target's own kept even when its
        browser is no longer found."""
        items = [
            (self.tr("App default"), browsers.APP_DEFAULT, ""),
            (self.tr("System default"), browsers.SYSTEM_DEFAULT, ""),
        ]
        for b in self.detected:
            items.append((b.label, b.kind, b.program))
            if b.kind == browsers.FIREFOX:
                label = self.tr("%1, container per target").replace("%1", b.label)
                items.append((label, browsers.CONTAINER, b.program))
        items.append((self.tr("Custom command…"), browsers.CUSTOM, ""))
        kept = (ts.browser, ts.browser_program if ts.browser not in _NO_PROGRAM else "")
        if kept not in [(k, p) for _l, k, p in items]:
            missing = self.tr("%1 (not found)").replace("%1", ts.browser_program or ts.browser)
            items.insert(2, (missing, *kept))
        return items

    def _show_target(self, name: str) -> None:
        if self.shown:
            self.edited[self.shown] = self._current()
        self.shown = name
        ts = self.edited[name]
        self.browser.blockSignals(True)
        self.browser.clear()
        for label, kind, program in self._browser_items(ts):
            self.browser.addItem(label, _data(kind, program))
        program = ts.browser_program if ts.browser not in _NO_PROGRAM else ""
        self.browser.setCurrentIndex(max(0, self.browser.findData(_data(ts.browser, program))))
        self.browser.blockSignals(False)
        self.command.setText(ts.browser_command)
        self.logout_first.setChecked(ts.console_logout_first)
        self._browser_changed()
        found = self.profile.findData(ts.browser_profile)
        if found < 0 and ts.browser_profile:
            self.profile.addItem(ts.browser_profile, ts.browser_profile)
            found = self.profile.count() - 1
        self.profile.setCurrentIndex(max(0, found))

    def _browser_changed(self) -> None:
        kind, program = _kind_program(self.browser.currentData())
        self.profile.clear()
        if kind in (browsers.CHROMIUM, browsers.FIREFOX, browsers.CONTAINER):
            self.profile.addItem(self.tr("The browser's default profile"), "")
            for b in self.detected:
                if b.program == program:
                    for p in b.profiles:
                        self.profile.addItem(p.label, p.key)
        self.profile.setEnabled(self.profile.count() > 0)
        self.command.setEnabled(kind == browsers.CUSTOM)

    def _current(self) -> TargetSettings:
        kind, program = _kind_program(self.browser.currentData())
        return replace(
            self.edited[self.shown],
            browser=kind,
            browser_program=program,
            browser_profile=str(self.profile.currentData() or ""),
            browser_command=self.command.text().strip() if kind == browsers.CUSTOM else "",
            console_logout_first=self.logout_first.isChecked(),
        )

    # -- what the dialog saves -----------------------------------------------------------
    def chosen(self) -> dict[str, TargetSettings]:
        """Every target's settings as edited (the shown one included)."""
        if self.shown:
            self.edited[self.shown] = self._current()
        return dict(self.edited)

    def problem(self) -> str:
        """The sentence that refuses the save, "" when every choice made here can work; the
        target at fault is shown. A choice kept as it was is not refused (a container whose
        extension went away since is said when the console opens): the rest still saves."""
        for name, ts in self.chosen().items():
            said = self._problem_of(name, ts) if _where(ts) != self.saved[name] else ""
            if said:
                self.target.setCurrentText(name)
                return said
        return ""

    def _problem_of(self, name: str, ts: TargetSettings) -> str:
        if ts.browser == browsers.CONTAINER:
            profile = browsers.firefox_profile(self.home, ts.browser_profile)
            if not browsers.container_installed(profile.path if profile else None):
                shown = profile.key if profile else ts.browser_profile or "?"
                return (
                    self.tr(
                        "The “Open external links in a container” extension is not installed in "
                        "the Firefox profile %1, so Firefox would search the web instead of "
                        "opening the console for %2: install the extension in that profile, or "
                        "choose another browser."
                    )
                    .replace("%1", shown)
                    .replace("%2", name)
                )
        if ts.browser == browsers.CUSTOM:
            try:
                args = shlex.split(ts.browser_command)
            except ValueError:
                args = []
            if not args or args[0] == "{url}":
                return self.tr(
                    "The custom browser of %1 needs a Browser command that starts with a "
                    "program, like: firefox --new-window {url}."
                ).replace("%1", name)
        return ""


_NO_PROGRAM = (browsers.APP_DEFAULT, browsers.SYSTEM_DEFAULT, browsers.CUSTOM)


def _where(ts: TargetSettings) -> tuple[str, str, str, str]:
    return (ts.browser, ts.browser_program, ts.browser_profile, ts.browser_command)


def _data(kind: str, program: str) -> str:
    """A Browser item's data: a string, which Qt's findData compares (a tuple it does not)."""
    return f"{kind}\n{program}"


def _kind_program(data: object) -> tuple[str, str]:
    kind, _, program = str(data or "").partition("\n")
    return kind, program
