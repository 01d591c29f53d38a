"""What the wizard's pages share: a label, the page base, one sentence for an error, and
`WizardHost`, what a page may use of the wizard (window.py's SetupWizard is one), so the
pages do not import the window that creates them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWizardPage

from ...setup.engine import SetupEngine
from ...setup.members import NewMfaDevice
from ...setup.model import SetupOptions
from ..error_text import error_sentence

EngineFactory = Callable[[str | None, SetupOptions, Mapping[str, str]], SetupEngine]


class WizardHost(Protocol):
    environ: dict[str, str]
    busy: bool
    engine: SetupEngine | None
    engine_factory: EngineFactory
    pending_device: NewMfaDevice | None
    target_written: str | None
    account_page: Any  # pages.AccountPage
    plan_page: Any  # pages.PlanPage
    elevate_requested: Any  # Signal(str)

    def run(
        self, func: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]
    ) -> None: ...
    def current_engine(self) -> SetupEngine: ...
    def target_name(self) -> str: ...
    def accept(self) -> None: ...


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Page(QWizardPage):
    def wiz(self) -> WizardHost:
        return self.wizard()  # type: ignore[return-value]

    def show_error(self, label: QLabel, error: BaseException) -> None:
        label.setText(error_text(error))
        label.setStyleSheet("color: #b00020;")

    def show_info(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setStyleSheet("")


def error_text(error: BaseException) -> str:
    """One sentence for the user, in the UI's language; never a traceback."""
    if getattr(error, "sentence", None):
        return error_sentence(error)
    return QCoreApplication.translate("Wizard", "Something unexpected went wrong: %1").replace(
        "%1", type(error).__name__
    )
