"""Settings: default duration, browser command, console logout on drop, warnings, start at
login, the access keys' rotation reminder, and each target's browser (browser_settings.py).
It edits the core's Settings and saves them; nothing else. The writes (settings.toml, the
autostart entry) run through the runner, off the UI thread."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.browsers import detect
from ..core.context import AppContext
from ..core.errors import ElevateError
from ..core.settings import MAX_ROTATION_DAYS, Settings, TargetSettings
from .autostart import set_autostart
from .browser_settings import TargetBrowserSettings
from .durations import DURATIONS, duration_label
from .error_text import error_sentence
from .state import is_sandbox
from .workers import InlineRunner, Runner


def parse_warnings(text: str) -> list[int]:
    """'5, 1' (minutes) -> [300, 60]; anything else -> ValueError."""
    parts = [p for p in re.split(r"[\s,、]+", text.strip()) if p]
    minutes = [int(p) for p in parts]  # ValueError on junk
    if any(m <= 0 or m > 120 for m in minutes):
        raise ValueError(text)
    return sorted({m * 60 for m in minutes}, reverse=True)


def _target_names(ctx: AppContext) -> list[str]:
    """Every target, hidden ones too; with an AWS config that cannot be read, the ones
    settings already knows (the dialog still opens, to fix the rest)."""
    try:
        return [t.name for t in ctx.targets(include_hidden=True)]
    except ElevateError:
        return sorted(ctx.settings.targets)


def _merged(
    kept: dict[str, TargetSettings], edited: dict[str, TargetSettings]
) -> dict[str, TargetSettings]:
    """settings.toml gets no empty table for a target nobody changed."""
    merged = dict(kept)
    merged.update({n: ts for n, ts in edited.items() if n in kept or ts != TargetSettings()})
    return merged


class SettingsDialog(QDialog):
    def __init__(
        self, ctx: AppContext, runner: Runner | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner: Runner = runner or InlineRunner()
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("elevate-tray settings"))
        s = ctx.settings
        self.duration = QComboBox(self)
        choices = sorted(set(DURATIONS) | {s.default_duration})
        for seconds in choices:
            self.duration.addItem(duration_label(seconds), seconds)
        self.duration.setCurrentIndex(choices.index(s.default_duration))
        self.browser = QLineEdit(s.browser_command, self)
        self.browser.setPlaceholderText(
            self.tr("the default browser; {url} is replaced by the address")
        )
        self.logout = QCheckBox(self.tr("Sign out of the AWS console when admin rights end"), self)
        self.logout.setChecked(s.logout_console_on_drop)
        self.warnings = QLineEdit(", ".join(str(w // 60) for w in s.warnings), self)
        self.warnings.setPlaceholderText(self.tr("minutes before the end, e.g. 5, 1"))
        self.rotation = QSpinBox(self)
        self.rotation.setObjectName("key_rotation_days")
        self.rotation.setRange(0, MAX_ROTATION_DAYS)
        self.rotation.setValue(min(max(s.key_rotation_days, 0), MAX_ROTATION_DAYS))
        self.rotation.setSpecialValueText(self.tr("never (0)"))  # 0: no reminder
        self.rotation.setSuffix(self.tr(" days"))
        self.login = QCheckBox(self.tr("Start elevate-tray when I log in"), self)
        self.login.setChecked(s.start_at_login)
        # not offered in the sandbox: a login would start the tray against a fake account
        # that is gone by then, and without the sandbox's environment
        self.login.setVisible(not is_sandbox(ctx))
        home = Path(ctx.environ.get("HOME") or Path.home())
        self.browsers = TargetBrowserSettings(
            _target_names(ctx), s.targets, detect(ctx.environ, home), home, self
        )
        self.error = QLabel("", self)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Default &duration:"), self.duration)
        form.addRow(self.tr("&Browser command:"), self.browser)
        form.addRow(self.tr("&Warnings (minutes):"), self.warnings)
        form.addRow(self.tr("Remind me to rotate access &keys every:"), self.rotation)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.logout)
        layout.addWidget(self.login)
        layout.addWidget(self.browsers)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            warnings = parse_warnings(self.warnings.text())
        except ValueError:
            self.error.setText(
                self.tr("Warnings are minutes before the end, like 5, 1 (each 1 to 120).")
            )
            self.error.show()
            return
        problem = self.browsers.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        s = self.ctx.settings
        wanted = replace(
            s,
            default_duration=int(self.duration.currentData()),
            browser_command=self.browser.text().strip(),
            logout_console_on_drop=self.logout.isChecked(),
            warnings=warnings,
            start_at_login=s.start_at_login if is_sandbox(self.ctx) else self.login.isChecked(),
            key_rotation_days=self.rotation.value(),
            targets=_merged(s.targets, self.browsers.chosen()),
        )
        login_changed = s.start_at_login != wanted.start_at_login
        self.setEnabled(False)
        self.runner.run_task(lambda: self._write(wanted, login_changed), self._written)

    def _write(self, wanted: Settings, login_changed: bool) -> tuple[Settings | None, str]:
        """Off the UI thread: the autostart entry first (when it fails, nothing is saved),
        then settings.toml."""
        if login_changed:
            try:
                set_autostart(wanted.start_at_login, self.ctx.environ)
            except OSError as exc:
                return None, str(exc)
        wanted.save(self.ctx.dirs.settings_file)
        return wanted, ""

    def _written(
        self, result: tuple[Settings | None, str] | None, error: BaseException | None
    ) -> None:
        self.setEnabled(True)
        wanted, autostart_problem = result or (None, "")
        if autostart_problem:
            self.error.setText(
                self.tr("Could not change start at login: %1").replace("%1", autostart_problem)
            )
        elif error is not None or wanted is None:
            why = error_sentence(error) if isinstance(error, ElevateError) else str(error)
            self.error.setText(self.tr("Could not save the settings: %1").replace("%1", why))
        else:
            self.ctx.settings.__dict__.update(wanted.__dict__)
            self.accept()
            return
        self.error.show()
