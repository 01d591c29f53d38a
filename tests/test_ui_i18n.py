# ruff: noqa: F811  (pytest fixtures imported from test_ui_support are re-bound as arguments)
"""English and Japanese: the language comes from the locale, every UI string has a Japanese
translation, and the Japanese UI really shows it."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from elevate_tray.ui.i18n import install_translator, remove_translator, ui_language
from tests.test_ui_support import QT_NOISE, controller, ctx, home_env, start_session  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "elevate_tray_ja.ts"
BIN = Path(sys.executable).parent


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
    assert controller.menu.action_named("drop:prod").text() == "今すぐ終了(&D)"
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
        for p in sorted((ROOT / "elevate_tray" / "ui").glob("*.py"))
        if p.name != "workers.py"
    ]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-locations", "none", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
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
    needed = [
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(fresh).getroot()
        for m in c.iter("message")
    ]
    assert len(needed) > 50
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
