"""`elevate-tray credentials` in the common case, with nothing heavier than os imported.

Every `aws` command runs credential_process, so this path has a 60 ms budget: no Qt, no
boto3, no keyring. It picks the session by the one rule (core/choice.py) and answers when
the state says the session's secret lives in a user-only file of our own secrets folder,
or asks the running tray (which holds the keyring open) for that session. Anything else
(nothing answers, no tray to ask, a read-only session to start, errors) falls through to
the full command line, which gives the proper sentence and exit code.
"""

from __future__ import annotations

import os
import sys

from .core import jsonlite, localsocket, secretfile
from .core.choice import answering_entry
from .core.statefile import UTC, datetime, read_state, state_dir

UNLOCK_WAIT = 60.0  # seconds the tray may take to read a kept key (the desktop's unlock prompt)
TYPE_CHECKING = False  # typing costs the fast path ~2 ms; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any


def _pick(argv: list[str]) -> tuple[str | None, bool] | None:
    """(target, readonly) from the few options this path understands; None: not for us."""
    target, readonly, i = None, False, 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--readonly":
            readonly = True
        elif arg == "--target" and i + 1 < len(argv):
            target = argv[i + 1]
            i += 1
        elif arg.startswith("--target="):
            target = arg.split("=", 1)[1]
        else:
            return None
        i += 1
    return target, readonly


def pick_entry(
    state_file: str, target: str | None, readonly: bool, aws_profile: str | None, now: datetime
) -> dict[str, Any] | None:
    """The state entry that answers, as this path reads the file."""
    return answering_entry(read_state(state_file), target, readonly, aws_profile, now)


def _document(doc: object) -> str | None:
    """A credential_process document (Version 1) as one line, or None."""
    if not isinstance(doc, dict) or doc.get("Version") != 1:
        return None
    return jsonlite.dumps(doc)


def _parsed(text: str | None) -> object:
    try:
        return jsonlite.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _from_tray(entry: dict[str, Any]) -> str | None:
    # the session is named by its key: the tray answers it whatever this AWS environment is
    request = {"op": "credentials", "key": entry["key"]}
    answer = localsocket.ask(localsocket.socket_path(os.environ), request)
    return _document(answer.get("credentials")) if answer else None


def _from_file(entry: dict[str, Any], folder: str) -> str | None:
    key = f"session:{entry['key']}"
    named = entry.get("secret_file")
    if not named or not isinstance(named, str):
        return None  # not where this app puts it: never served
    return _document(_parsed(secretfile.read(folder, key, named)))


def _source(argv: list[str]) -> str | None:
    """P of `--source P` alone (the kept long-term keys); None: not that request."""
    if len(argv) == 2 and argv[0] == "--source" and argv[1]:
        return argv[1]
    if len(argv) == 1 and argv[0].startswith("--source=") and len(argv[0]) > 9:
        return argv[0][9:]
    return None


def _kept_key(profile: str) -> str | None:
    """The kept key's document: from its user-only file, or from the running tray (which
    read the keyring once); None: the full command opens the store."""
    folder = state_dir(os.environ)
    keys = read_state(os.path.join(folder, "state.json")).get("access_keys")
    entry = keys.get(profile) if isinstance(keys, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("access_key_id"), str):
        return None
    if entry.get("store") == "keyring":
        answer = localsocket.ask(  # the tray's first read may wait for a keyring's unlock
            localsocket.socket_path(os.environ),
            {"op": "credentials", "source": profile},
            timeout=UNLOCK_WAIT,
        )
        return _document(answer.get("credentials")) if answer else None
    named = entry.get("secret_file")
    if entry.get("store") != "file" or not isinstance(named, str) or not named:
        return None
    secret = _parsed(
        secretfile.read(secretfile.secrets_dir(folder), f"access-key:{profile}", named)
    )
    if not isinstance(secret, dict) or secret.get("AccessKeyId") != entry["access_key_id"]:
        return None
    doc = {
        "Version": 1,
        "AccessKeyId": secret.get("AccessKeyId"),
        "SecretAccessKey": secret.get("SecretAccessKey"),
    }
    return _document(doc) if isinstance(doc["SecretAccessKey"], str) else None


def _answer(argv: list[str]) -> str | None:
    """The document to print, or None: the full command line answers instead."""
    source = _source(argv)
    if source is not None:
        return _kept_key(source)
    picked = _pick(argv)
    if picked is None:
        return None
    target, readonly = picked
    folder = state_dir(os.environ)
    entry = pick_entry(
        os.path.join(folder, "state.json"),
        target,
        readonly,
        os.environ.get("AWS_PROFILE"),
        datetime.now(UTC),
    )
    if entry is None:
        return None
    if entry.get("store") == "keyring":
        return _from_tray(entry)  # None: no tray; the full path opens the keyring
    if entry.get("store") == "file":
        return _from_file(entry, secretfile.secrets_dir(folder))
    return None


def try_credentials(argv: list[str]) -> bool:
    """Print the credential_process JSON and return True, or return False to fall through."""
    try:
        answer = _answer(argv)
    except Exception:  # anything odd: the full command says it in a sentence
        return False
    if answer is None:
        return False
    sys.stdout.write(answer + "\n")
    return True
