# ruff: noqa: F811  (pytest fixtures imported from test_ui_support are re-bound as arguments)
"""English and Japanese: the language comes from the locale, every UI string (the setup
wizard's and the core's error sentences included) has a Japanese translation, and the
Japanese UI really shows it."""

from __future__ import annotations

import importlib.util
import pickle
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QApplication

from elevate_tray.core.awserrors import CallContext, explain
from elevate_tray.core.errors import ConfigError, ElevateError, MfaRejected, Phrase
from elevate_tray.ui import i18n
from elevate_tray.ui.error_text import error_sentence, say
from elevate_tray.ui.i18n import install_translator, remove_translator, ui_language
from elevate_tray.ui.workers import InlineRunner
from tests.test_ui_dialog import make_controller, open_dialog, sb_ctx  # noqa: F401
from tests.test_ui_support import QT_NOISE, controller, ctx, home_env, start_session  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "elevate_tray_ja.ts"
BIN = Path(sys.executable).parent
WRONG_CODE_JA = (
    "AWS が MFA コードを拒否しました。コードが間違っているか、古くなっています。デバイスに今"
    "表示されているコードを入力してください (繰り返し発生する場合は、デバイスの時計を確認して"
    "ください)。"
)


def core_text() -> ModuleType:
    """resources/translations/core_text.py: the core's sentences, read from its source."""
    path = ROOT / "resources" / "translations" / "core_text.py"
    spec = importlib.util.spec_from_file_location("core_text", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("core_text", module)  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def committed_translations() -> dict[tuple[str | None, str | None], str]:
    committed = {}
    for context in ET.parse(TS).getroot():
        for m in context.iter("message"):
            t = m.find("translation")
            if (
                t is not None
                and t.get("type") not in ("unfinished", "obsolete", "vanished")
                and t.text
            ):
                committed[(context.findtext("name"), m.findtext("source"))] = t.text
    return committed


@pytest.fixture
def japanese(qapp):  # type: ignore[no-untyped-def]
    translator = install_translator(qapp, {"LANG": "ja_JP.UTF-8"})
    assert translator is not None
    yield
    remove_translator(qapp, translator)


@pytest.mark.parametrize(
    "env,lang",
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LC_MESSAGES": "ja_JP.eucJP", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_language_follows_the_locale(env: dict[str, str], lang: str) -> None:
    assert ui_language(env) == lang


def test_japanese_menu(japanese, controller) -> None:  # type: ignore[no-untyped-def]
    start_session(controller.ctx, 900)
    controller.menu.rebuild()
    texts = [a.text() for a in controller.menu.actions() if not a.isSeparator()]
    assert texts[0] == "管理者"
    assert "残り 15 分" in texts[1] and "まで" in texts[1]
    assert controller.menu.action_named("elevate:prod").text() == "延長(&E)…"
    assert controller.menu.action_named("drop:prod").text() == "今すぐ降格(&D)"
    assert controller.menu.action_named("quit").text() == "終了(&Q)"


def test_japanese_countdown_window_and_dialog(japanese, controller) -> None:  # type: ignore[no-untyped-def]
    assert controller.window.big.text() == "読み取り専用"
    assert controller.window.reason_label.text().startswith(
        "このデスクトップにはシステムトレイがありません"
    )
    start_session(controller.ctx, 90)
    controller.recheck()
    assert controller.window.big.text() == "管理者 · 残り 2 分"
    controller.elevate("prod")
    dialog = controller._dialogs["prod"]
    assert dialog.windowTitle() == "prod に昇格"
    assert dialog.submit_button.text() == "昇格(&E)"
    assert dialog.duration.currentText() == "1 時間"


def test_every_ui_string_has_a_japanese_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = [
        str(p)
        for p in sorted((ROOT / "elevate_tray" / "ui").rglob("*.py"))
        if p.name != "workers.py"
    ]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-locations", "none", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    committed = committed_translations()
    needed = [
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(fresh).getroot()
        for m in c.iter("message")
    ]
    assert len(needed) > 120
    wizard = [n for n in needed if n[0] == "Wizard"]
    assert len(wizard) > 60  # the setup wizard's pages are seen by lupdate too
    assert ("Wizard", "Read-only by default, admin when you mean it") in wizard
    missing = [n for n in needed if n not in committed]
    assert not missing, f"untranslated (run resources/translations/update.py): {missing}"


def test_compiled_translation_matches_its_source(tmp_path: Path) -> None:
    qm = tmp_path / "ja.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True
    )
    assert qm.read_bytes() == TS.with_suffix(".qm").read_bytes(), (
        "recompile: resources/translations/update.py"
    )


def test_english_needs_no_translator(qapp) -> None:  # type: ignore[no-untyped-def]
    assert install_translator(QApplication.instance(), {"LANG": "en_GB.UTF-8"}) is None


def test_translations_keep_every_placeholder() -> None:
    """%1 in the UI's strings, {name} in the core's: a translation drops or invents none."""
    for (context, source), text in committed_translations().items():
        pattern = r"\{\w+\}" if context == "CoreErrors" else r"%\d"
        assert sorted(re.findall(pattern, source or "")) == sorted(re.findall(pattern, text)), (
            context,
            source,
            text,
        )


def test_wizard_code_has_no_translation_lupdate_cannot_see() -> None:
    for path in sorted((ROOT / "elevate_tray" / "ui").glob("wizard*.py")):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.])_t\(", code), f"{path.name}: use translate()"
        for call in re.finditer(r"translate\(\s*\"(\w+)\"", code):
            assert call[1] == "Wizard", f"{path.name}: context {call[1]}"


# -- the core's sentences ---------------------------------------------------------------------
def test_every_core_sentence_has_a_japanese_translation() -> None:
    ct = core_text()
    untranslatable = ct.untranslatable(ct.core_files() + ct.setup_files())  # the wizard's too
    assert not untranslatable, (
        "sentences the tray cannot translate (write them as a literal or a Phrase): "
        + "; ".join(f"{f.path.name}:{f.line}" for f in untranslatable)
    )
    sentences = ct.sentences()
    assert len(sentences) > 60
    for expected in (
        "AWS rejected the MFA code: it is wrong or too old. Type the code your device shows "
        "right now (check the device's clock if this keeps happening).",
        "AWS refused to {action} ({detail}); ask your account admin to check the group's "
        "policies and the role's trust policy (elevate-tray setup doctor).",
        "assume {role} in account {account}",
        # the setup engine, shown by the wizard: sentences, plan steps, notes
        "The credential_process of profile '{profile}' failed or printed something other "
        "than credentials; run that command yourself to see why, and fix it in your AWS "
        "config.",
        "create the group {group} (path {path})",
        "{user} has no MFA device yet and cannot elevate until they add one.",
    ):
        assert expected in sentences
    committed = committed_translations()
    missing = [s for s in sentences if ("CoreErrors", s) not in committed]
    assert not missing, f"untranslated (run resources/translations/update.py): {missing}"


def test_phrase_is_the_english_sentence_with_its_template() -> None:
    action = Phrase("assume {role} in account {account}", role="AdminRole", account=123)
    error = ConfigError(Phrase("AWS refused to {action}: {code}", action=action, code="X"))
    assert error.sentence == str(error) == "AWS refused to assume AdminRole in account 123: X"
    assert type(error.sentence) is str and type(error.args[0]) is str
    assert error.key == "AWS refused to {action}: {code}"
    assert error.params["action"].key == "assume {role} in account {account}"  # type: ignore[attr-defined]
    assert error.params["action"].params == {"role": "AdminRole", "account": "123"}  # type: ignore[attr-defined]
    fixed = MfaRejected("An MFA code is 6 digits, as your authenticator app shows it.")
    assert fixed.key is None and fixed.params == {}
    given = ElevateError("Went wrong: x.", key="Went wrong: {what}.", params={"what": "x"})
    assert given.key == "Went wrong: {what}." and given.params == {"what": "x"}
    again = pickle.loads(pickle.dumps(action))
    assert again == action and again.key == action.key and again.params == action.params
    braces = Phrase("AWS says: {message}", message='{"a": 1}')
    assert pickle.loads(pickle.dumps(braces)) == 'AWS says: {"a": 1}'


def aws_error(code: str, message: str) -> Exception:
    import botocore.exceptions as bx

    return bx.ClientError({"Error": {"Code": code, "Message": message}}, "AssumeRole")


def test_core_errors_in_english_are_the_sentence(qapp) -> None:  # type: ignore[no-untyped-def]
    action = Phrase("assume {role} in account {account}", role="AdminRole", account="1")
    error = explain(aws_error("AccessDenied", "explicit deny"), CallContext(action=action))
    assert error_sentence(error) == error.sentence
    assert say(Phrase("start an MFA session")) == "start an MFA session"


def test_core_errors_in_japanese(japanese) -> None:  # type: ignore[no-untyped-def]
    action = Phrase("assume {role} in account {account}", role="AdminRole", account="111122223333")
    error = explain(aws_error("AccessDenied", "with an explicit deny"), CallContext(action=action))
    assert error.sentence.startswith("AWS refused to assume AdminRole in account 111122223333")
    assert error_sentence(error) == (
        "AWS がアカウント 111122223333 の AdminRole の引き受けを拒否しました (明示的な拒否)。"
        "アカウント管理者に、グループのポリシーとロールの信頼ポリシーを確認するよう依頼して"
        "ください (elevate-tray setup doctor)。"
    )
    # values that are not Phrases (AWS's own words, names) are kept as they are
    other = explain(aws_error("Weird", "AWS {message}"), CallContext(action=action))
    assert error_sentence(other).endswith("の引き受けを拒否しました (Weird: AWS {message})。")
    assert (
        error_sentence(
            explain(aws_error("AccessDenied", "invalid MFA one time pass code"), CallContext())
        )
        == WRONG_CODE_JA
    )
    # a sentence nobody translated is shown in English rather than not at all
    assert error_sentence(ConfigError("Something new.")) == "Something new."
    assert say(Phrase("Brand {new}.", new="x")) == "Brand x."


def test_wrong_mfa_code_is_said_in_japanese(japanese, qtbot, sandbox, sb_ctx) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    ctl = make_controller(qtbot, sb_ctx, InlineRunner())
    dialog = open_dialog(qtbot, ctl, sandbox)
    wrong = f"{(int(sandbox.totp()) + 1) % 1000000:06d}"
    dialog.code.insert(wrong)
    assert dialog.error_label.isVisibleTo(dialog)
    assert dialog.error_label.text() == WRONG_CODE_JA
    dialog.code.setText("12ab")
    dialog.submit(dialog.code.text())
    assert dialog.error_label.text() == "MFA コードは、認証アプリに表示される 6 桁の数字です。"


def test_tray_notifications_say_core_errors_in_japanese(japanese, controller) -> None:  # type: ignore[no-untyped-def]
    controller.elevate("nosuch")
    notice = controller.notifier.history[-1]
    assert notice.text == "対象 'nosuch' はありません (対象: prod)。"


# -- Qt's own words: the wizard's buttons -------------------------------------------------------
def test_qt_buttons_are_translated_with_the_app(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    translator = install_translator(qapp, {"LANG": "ja_JP.UTF-8"})
    try:
        assert translator.qt_base is not None  # type: ignore[union-attr]
        assert QCoreApplication.translate("QWizard", "Cancel") == "キャンセル"
    finally:
        remove_translator(qapp, translator)
    assert QCoreApplication.translate("QWizard", "Cancel") == "Cancel"


def test_qt_translations_are_found_in_a_frozen_bundle(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """In the PyInstaller bundle qtbase_ja.qm is under sys._MEIPASS/PySide6/Qt/translations
    (build.spec keeps it): found there even when Qt's own path points elsewhere."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    real = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    bundled = tmp_path / "PySide6" / "Qt" / "translations"
    bundled.mkdir(parents=True)
    shutil.copy(real / "qtbase_ja.qm", bundled)
    (tmp_path / "resources" / "translations").mkdir(parents=True)
    shutil.copy(TS.with_suffix(".qm"), tmp_path / "resources" / "translations")

    class Elsewhere:
        LibraryPath = QLibraryInfo.LibraryPath

        @staticmethod
        def path(_which: object) -> str:
            return str(tmp_path / "nothing-here")

    monkeypatch.setattr(i18n, "QLibraryInfo", Elsewhere)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert i18n.qt_translation_dirs()[1] == bundled
    translator = install_translator(qapp, {"LANG": "ja_JP.UTF-8"})
    try:
        assert QCoreApplication.translate("QWizard", "Cancel") == "キャンセル"
    finally:
        remove_translator(qapp, translator)


def test_build_spec_keeps_qtbase_japanese() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert re.search(r'QT_TRANSLATIONS = \{[^}]*"qtbase_ja\.qm"', spec)
