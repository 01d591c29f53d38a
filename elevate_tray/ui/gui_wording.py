"""The core's sentences as the tray says them: the same facts, the GUI's way to act on them.

A core sentence is written for the command line ("choose a shorter --duration",
"`elevate-tray drop --revoke`"). Where one can reach the tray, this table holds its GUI
variant (context "GuiWording"): the duration list, Settings' Browser command, the menu.
The browser's own sentences name the settings dialog's fields already and need none. Every
other sentence is said as error_text.py says it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication

from .error_text import error_sentence, say

Variant = Callable[[Mapping[str, str]], str]

CHAINED_HOUR = (
    "This elevation goes through an MFA session (role chaining), which AWS limits to 1 hour; "
    "choose --duration 1h or less."
)
ROLE_MAXIMUM = (
    "The requested duration is longer than the role allows (its MaxSessionDuration); choose a "
    "shorter --duration, or ask the admin to raise the role's maximum."
)
EXPIRED = "The session's credentials have expired; elevate again with `elevate-tray elevate`."
REVOKE_PENDING = (
    "Dropped {target} here, but the revocation in AWS is pending: {problem} Retry with “Drop "
    "and revoke” in the tray or `elevate-tray drop --revoke`; it ends by itself at {until}, "
    "when the session would have expired."
)
OLD_KEY_LEFT = (
    "The new key {new} is in use, but the old key {old} was not deleted ({problem}); run "
    "`elevate-tray keys rotate` again to delete it."
)
NEW_KEY_LEFT = (
    "AWS did not accept the new key {new} within {seconds} s and it could not be deleted; the "
    "key {old} stays in use; run `elevate-tray keys rotate` again to clean up."
)


def _value(params: Mapping[str, str], name: str) -> str:
    """A value put into a sentence: a Phrase in the GUI's words, anything else as it is."""
    value = params.get(name, "")
    key = getattr(value, "key", None)
    if key is not None and key in _variants():
        return _variants()[key](getattr(value, "params", {}))
    return say(value, verbatim=True)


def _fill(text: str, params: Mapping[str, str], *names: str) -> str:
    for i, name in enumerate(names, 1):
        text = text.replace(f"%{i}", _value(params, name))
    return text


def _browser_missing(_p: Mapping[str, str]) -> str:
    return QCoreApplication.translate(
        "GuiWording",
        "No web browser could be opened on this computer: set the browser command in "
        "Settings (for example: firefox {url}).",
    )


def _chained_hour(_p: Mapping[str, str]) -> str:
    return QCoreApplication.translate(
        "GuiWording",
        "This elevation goes through an MFA session (role chaining), which AWS limits to 1 "
        "hour: choose a duration of 1 h or less.",
    )


def _role_maximum(_p: Mapping[str, str]) -> str:
    return QCoreApplication.translate(
        "GuiWording",
        "The requested duration is longer than the role allows (its MaxSessionDuration): "
        "choose a shorter duration, or ask the admin to raise the role's maximum.",
    )


def _expired(_p: Mapping[str, str]) -> str:
    return QCoreApplication.translate(
        "GuiWording", "The session's credentials have expired: elevate again from the menu."
    )


def _revoke_pending(p: Mapping[str, str]) -> str:
    text = QCoreApplication.translate(
        "GuiWording",
        "Dropped %1 here, but the revocation in AWS is pending: %2 Retry with “Drop and "
        "revoke in AWS” in the menu; it ends by itself at %3, when the session would have "
        "expired.",
    )
    return _fill(text, p, "target", "problem", "until")


def _old_key_left(p: Mapping[str, str]) -> str:
    text = QCoreApplication.translate(
        "GuiWording",
        "The new key %1 is in use, but the old key %2 was not deleted (%3): rotate again from "
        "the tray menu to delete it.",
    )
    return _fill(text, p, "new", "old", "problem")


def _new_key_left(p: Mapping[str, str]) -> str:
    text = QCoreApplication.translate(
        "GuiWording",
        "AWS did not accept the new key %1 within %2 s and it could not be deleted; the key %3 "
        "stays in use: rotate again from the tray menu to clean up.",
    )
    return _fill(text, p, "new", "seconds", "old")


def _variants() -> dict[str, Variant]:
    from ..core.browser import NO_BROWSER

    return {
        NO_BROWSER: _browser_missing,
        CHAINED_HOUR: _chained_hour,
        ROLE_MAXIMUM: _role_maximum,
        EXPIRED: _expired,
        REVOKE_PENDING: _revoke_pending,
        OLD_KEY_LEFT: _old_key_left,
        NEW_KEY_LEFT: _new_key_left,
    }


def gui_sentence(error: BaseException) -> str:
    """An error's sentence in the UI's language and the GUI's words."""
    key = getattr(error, "key", None) or getattr(error, "sentence", None)
    variant = _variants().get(key) if isinstance(key, str) else None
    if variant is not None:
        return variant(getattr(error, "params", {}))
    return error_sentence(error)


def gui_say(text: str) -> str:
    """Core text (a Phrase, a fixed sentence) in the UI's language and the GUI's words."""
    key = getattr(text, "key", None) or text
    variant = _variants().get(key)
    if variant is not None:
        return variant(getattr(text, "params", {}))
    return say(text)


def problem_text(error: BaseException) -> str:
    """What the tray says of a failure: an ElevateError's sentence, else that the log has it
    (the runner logged it with its traceback: workers.py)."""
    from ..core.errors import ElevateError

    if isinstance(error, ElevateError):
        return gui_sentence(error)
    return QCoreApplication.translate(
        "GuiWording", "Something unexpected went wrong; the log has the details."
    )
