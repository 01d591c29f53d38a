"""English and Japanese UI text: a QTranslator chosen from the system locale.

LC_ALL, LC_MESSAGES and LANG override the system locale (in that order, as POSIX does), so
tests and users can ask for a language explicitly. Beside the app's own .qm, Qt's
qtbase_<lang>.qm translates what Qt itself says (the wizard's Next, Back and Cancel, the
standard dialog buttons).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ja")


def ui_language(environ: Mapping[str, str]) -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        if value:
            if value in ("C", "POSIX") or value.startswith("C."):
                return "en"
            lang = value.split("_")[0].split(".")[0].lower()
            return lang if lang in LANGUAGES else "en"
    lang = QLocale.system().name().split("_")[0].lower()
    return lang if lang in LANGUAGES else "en"


def install_translator(app: QCoreApplication, environ: Mapping[str, str]) -> QTranslator | None:
    """Load the .qm for the UI language; English is the source text and needs none."""
    lang = ui_language(environ)
    if lang == "en":
        return None
    translator = QTranslator(app)
    path = resource_path("resources", "translations", f"elevate_tray_{lang}.qm")
    if not translator.load(str(path)):
        log.warning("no translation file for %s at %s; the UI stays in English", lang, path)
        return None
    qt = _qt_translator(app, lang)  # installed first: the app's own words come first
    app.installTranslator(translator)
    translator.qt_base = qt  # type: ignore[attr-defined]  (removed with it)
    QLocale.setDefault(QLocale(lang))
    return translator


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own .qm files are: Qt's translations path, then, in a PyInstaller bundle,
    PySide6's folder under sys._MEIPASS (PySide6/Qt/translations; PySide6/translations on
    Windows), in case the frozen Qt reports another path."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs += [
            Path(bundle, "PySide6", "Qt", "translations"),
            Path(bundle, "PySide6", "translations"),
        ]
    return dirs


def _qt_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    qt = QTranslator(app)
    for folder in qt_translation_dirs():
        if qt.load(f"qtbase_{lang}", str(folder)):
            app.installTranslator(qt)
            return qt
    qt.deleteLater()
    log.warning(
        "no qtbase_%s.qm in %s; Qt's own buttons stay in English", lang, qt_translation_dirs()
    )
    return None


def remove_translator(app: QCoreApplication, translator: QTranslator | None) -> None:
    if translator is not None:
        app.removeTranslator(translator)
        qt = getattr(translator, "qt_base", None)
        if qt is not None:
            app.removeTranslator(qt)
    QLocale.setDefault(QLocale.system())
