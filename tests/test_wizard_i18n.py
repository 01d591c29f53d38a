"""The setup wizard in Japanese: its own text, Qt's buttons, and the sentences it shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QWizard

from elevate_tray.core.awserrors import CallContext, explain
from elevate_tray.core.errors import AccessDenied, ConfigError, Phrase
from elevate_tray.setup.apply import StepFailed, _cause
from elevate_tray.setup.model import SetupOptions
from elevate_tray.setup.plan import Step
from elevate_tray.ui import wizard as wizard_module
from elevate_tray.ui.error_text import say
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
                    "'{text}' is not a duration: write it like 30m, 1h or 1h30m.",
                    text="x",
                )
            )
        )
        == "'x' は時間として解釈できません。30m、1h、1h30m のように指定してください。"
    )
    assert (
        wizard_module.error_text(
            ConfigError("Your user has no MFA device, so an MFA code cannot be used.")
        )
        == "あなたのユーザーには MFA デバイスがないため、MFA コードは使用できません。"
    )
    assert wizard_module.error_text(KeyError("x")) == "予期しないエラーが発生しました: KeyError"


def test_setup_engine_sentences_in_japanese(japanese) -> None:  # type: ignore[no-untyped-def]
    """A step's summary is translated on its own and inside the sentences built around it."""
    import botocore.exceptions as bx

    summary = Phrase("create the group {group} (path {path})", group="Ops", path="/elevate-tray/")
    assert say(summary) == "グループ Ops の作成 (パス /elevate-tray/)"
    refused = bx.ClientError(
        {"Error": {"Code": "AccessDenied", "Message": "Not allowed."}}, "CreateGroup"
    )
    cause = explain(refused, CallContext(action=summary, profile="admin"))
    assert isinstance(cause, AccessDenied)
    assert cause.sentence.startswith(
        "AWS refused to create the group Ops (path /elevate-tray/) (no policy allowing it); "
    )
    assert wizard_module.error_text(cause).startswith(
        "AWS がグループ Ops の作成 (パス /elevate-tray/)を拒否しました ("
    )
    step = Step("create", "group", "Ops", summary, op="create_group")
    failed = StepFailed(
        Phrase(
            "Step {index} of {total} ({step}) failed: {error} The {done} step(s) "
            "before it are done; run the same setup again to continue from there.",
            index=2,
            total=3,
            step=summary,
            error=_cause(cause),
            done=1,
        ),
        2,
        step,
        cause,
    )
    text = wizard_module.error_text(failed)
    assert text.startswith(
        "ステップ 2/3 (グループ Ops の作成 (パス /elevate-tray/)) に失敗しました: AWS が"
    )
    assert "1 個のステップは完了しています" in text
    fixed = _cause(ConfigError("Your user has no MFA device, so an MFA code cannot be used."))
    assert say(fixed) == "あなたのユーザーには MFA デバイスがないため、MFA コードは使用できません。"
    with pytest.raises(ConfigError) as bad_name:
        SetupOptions(group_name="no spaces")
    assert wizard_module.error_text(bad_name.value) == (
        "'no spaces' は IAM のグループ名として使えません (使えるのは英数字と +=,.@_- だけです)。"
    )
