"""Every failure a user can meet, as one sentence and an exit code (product.md's contract)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

USAGE = 2
MFA_REJECTED = 3
ACCESS_DENIED = 4
NETWORK = 5
NOT_ELEVATED = 6


class Phrase(str):
    """English text that knows how it was made, so a UI can say it in another language.

    Phrase("There is no target '{name}'.", name="prod") is the English str itself; `key` is
    the template ({name} placeholders only) and `params` the values put in. A value that is
    itself a Phrase (say, the action in "AWS refused to {action} ...") is translated too; any
    other value (a profile name, a path, AWS's own message) is shown as it is. No Qt here:
    the UI (elevate_tray/ui/error_text.py) looks the key up in its translations.
    """

    key: str
    params: dict[str, str]

    def __new__(cls, template: str, /, **params: Any) -> Phrase:
        values = {k: v if isinstance(v, str) else str(v) for k, v in params.items()}
        self = super().__new__(cls, template.format(**values))
        self.key = template
        self.params = values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_phrase, (self.key, self.params))

    @classmethod
    def of(cls, error: ElevateError) -> Phrase:
        """An error's sentence, still translatable, to put inside another Phrase."""
        if error.key:
            return _phrase(error.key, error.params)
        return _phrase(error.sentence.replace("{", "{{").replace("}", "}}"), {})


def _phrase(key: str, params: dict[str, str]) -> Phrase:
    return Phrase(key, **params)


class ElevateError(Exception):
    """A failure with a sentence a stranger understands: what happened, what to do.

    `sentence` is always the English (the CLI's words). A sentence built from a template
    (a Phrase, or key= and params= given) also keeps `key` and `params`, so the tray can show
    it translated; a fixed sentence has key None and is its own translation key.
    """

    exit_code = 1

    def __init__(
        self, sentence: str, key: str | None = None, params: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(str(sentence))
        self.sentence = str(sentence)
        self.key: str | None = key if key is not None else getattr(sentence, "key", None)
        self.params: dict[str, str] = dict(
            params if params is not None else getattr(sentence, "params", {})
        )

    def __str__(self) -> str:
        return self.sentence


class ConfigError(ElevateError):
    exit_code = USAGE


class MfaRejected(ElevateError):
    exit_code = MFA_REJECTED


class AccessDenied(ElevateError):
    exit_code = ACCESS_DENIED


class NetworkError(ElevateError):
    exit_code = NETWORK


class NotElevated(ElevateError):
    exit_code = NOT_ELEVATED
