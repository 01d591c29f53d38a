"""English and Japanese UI text: a QTranslator chosen from the system locale.

LC_ALL, LC_MESSAGES and LANG override the system locale (in that order, as POSIX does), so
tests and users can ask for a language explicitly.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

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
    app.installTranslator(translator)
    QLocale.setDefault(QLocale(lang))
    return translator


def remove_translator(app: QCoreApplication, translator: QTranslator | None) -> None:
    if translator is not None:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())
