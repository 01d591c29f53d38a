"""The core's English sentences in the UI's language (context "CoreErrors").

The core stays free of Qt: an ElevateError carries its English `sentence`, and, when it was
built from a template, the template as `key` and the values as `params` (core/errors.py's
Phrase). Here the template is looked up in the translation and the values are put back in;
a value that is itself a Phrase (the action in "AWS refused to {action} ...") is translated
the same way, any other value (a profile name, a path, AWS's own message) is kept as it is.

lupdate cannot see the core's sentences, so resources/translations/core_text.py collects
them from the core's source and update.py writes them into the .ts beside the UI's strings.
A sentence without a translation is shown in English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

CONTEXT = "CoreErrors"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _fill(template: str, params: Mapping[str, str]) -> str:
    def value(m: re.Match[str]) -> str:
        if m[1] not in params:
            return m[0]
        return say(params[m[1]], verbatim=True)

    return _PLACEHOLDER.sub(value, template)


def say(text: str, verbatim: bool = False) -> str:
    """Core text (a Phrase, or a fixed English sentence) in the UI language.

    With verbatim, a plain str (not a Phrase) is returned as it is: a value, not a sentence.
    """
    key = getattr(text, "key", None)
    if key is None:
        return text if verbatim or not text else QCoreApplication.translate(CONTEXT, text)
    return _fill(QCoreApplication.translate(CONTEXT, key), getattr(text, "params", {}))


def error_sentence(error: BaseException) -> str:
    """An ElevateError's sentence in the UI language (its English sentence if untranslated)."""
    sentence = str(getattr(error, "sentence", "") or error)
    key = getattr(error, "key", None)
    if key:
        return _fill(QCoreApplication.translate(CONTEXT, key), getattr(error, "params", {}))
    return QCoreApplication.translate(CONTEXT, sentence)
