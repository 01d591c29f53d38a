"""The setup wizard in Japanese: its own text, Qt's buttons, and the sentences it shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QWizard

from elevate_tray.core.errors import ConfigError, Phrase
from elevate_tray.ui import wizard as wizard_module
from elevate_tray.ui.i18n import install_translator, remove_translator
from elevate_tray.ui.wizard import PAGE_WELCOME, SetupWizard
from elevate_tray.ui.workers import InlineRunner

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def japanese(qapp):  # type: ignore[no-untyped-def]
    translator = install_translator(qapp, {"LANG": "ja_JP.UTF-8"})
    assert translator is not None
    yield
    remove_translator(qapp, translator)


def test_first_page_in_japanese(japanese, qtbot: Any, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    environ = {
        "AWS_CONFIG_FILE": str(tmp_path / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
        "ELEVATE_TRAY_HOME": str(tmp_path / "app"),
    }
    wizard = SetupWizard(runner=InlineRunner(), environ=environ)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == PAGE_WELCOME
    assert wizard.windowTitle() == "AWS アカウントに elevate-tray をセットアップ"
    page = wizard.currentPage()
    assert page.title() == "普段は読み取り専用、必要なときだけ管理者に"
    text = page.findChildren(QLabel)[0].text()
    assert text.startswith("このウィザードは、日常の作業は読み取り専用で行い")
    assert "IAM グループ" in text and "`elevate-tray setup teardown`" in text
    # Qt's own words come from qtbase_ja.qm
    assert "次へ" in wizard.button(QWizard.WizardButton.NextButton).text()
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "キャンセル"
    assert wizard.page(wizard_module.PAGE_PLAN).buttonText(QWizard.WizardButton.CommitButton) == (
        "適用"
    )


def test_wizard_errors_in_japanese(japanese) -> None:  # type: ignore[no-untyped-def]
    assert (
        wizard_module.error_text(
            ConfigError(
                Phrase(
                    "'{text}' is not a duration: write it like 30m, 1h, 1h30m or 2700 (seconds).",
                    text="x",
                )
            )
        )
        == "'x' は時間として解釈できません。30m、1h、1h30m、2700 (秒) のように指定してください。"
    )
    assert (
        wizard_module.error_text(
            ConfigError("Your user has no MFA device, so an MFA code cannot be used.")
        )
        == "あなたのユーザーには MFA デバイスがないため、MFA コードは使用できません。"
    )
    assert wizard_module.error_text(KeyError("x")) == "予期しないエラーが発生しました: KeyError"
