"""`elevate-tray credentials` in the common case, with nothing heavier than json imported.

Every `aws` command runs credential_process, so this path has a 60 ms budget: no Qt, no
boto3, no keyring. It answers when the state file says the session's secret lives in a
user-only file, or asks the running tray (which holds the keyring open). Anything else
(expired, no tray to ask, a read-only session to start, errors) falls through to the full
command line, which gives the proper sentence and exit code.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import datetime


def _state_file() -> str:
    home = os.environ.get("ELEVATE_TRAY_HOME")
    if home:
        return os.path.join(os.path.expanduser(home), "state", "state.json")
    import platformdirs  # ~3 ms; only without ELEVATE_TRAY_HOME

    return os.path.join(platformdirs.user_state_dir("elevate-tray", appauthor=False), "state.json")


def _socket_path() -> str:
    home = os.environ.get("ELEVATE_TRAY_HOME")
    if home:
        return os.path.join(os.path.expanduser(home), "run", "tray.sock")
    from .core.paths import user_runtime_dir

    return os.path.join(user_runtime_dir("elevate-tray"), "tray.sock")


def _ask_tray(key: str) -> str | None:
    """The running tray holds the keyring open: ask it over its user-only socket."""
    import socket

    if not hasattr(socket, "AF_UNIX"):
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(_socket_path())
            sock.sendall((json.dumps({"op": "credentials", "target": key}) + "\n").encode())
            buf = b""
            while b"\n" not in buf:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                buf += chunk
        answer = json.loads(buf.split(b"\n", 1)[0])
    except (OSError, ValueError):
        return None
    return json.dumps(answer) if isinstance(answer, dict) and answer.get("Version") == 1 else None


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


def try_credentials(argv: list[str]) -> bool:
    """Print the credential_process JSON and return True, or return False to fall through."""
    picked = _pick(argv)
    if picked is None:
        return False
    target, readonly = picked
    try:
        with open(_state_file(), encoding="utf-8") as fh:
            state = json.load(fh)
        sessions = state.get("sessions", {})
        if readonly:
            entry = next(
                (
                    s
                    for s in sessions.values()
                    if s.get("kind") == "read-only"
                    and (target is None or s.get("target") == target)
                ),
                None,
            )
        else:
            key = target or state.get("last_elevated") or os.environ.get("AWS_PROFILE")
            entry = sessions.get(key) if key else None
            if entry is None and target is None:
                admins = [s for s in sessions.values() if s.get("kind") == "admin"]
                entry = admins[0] if len(admins) == 1 else None
        if not entry:
            return False
        expires = datetime.fromisoformat(entry["expires_at"].replace("Z", "+00:00")).timestamp()
        if expires <= time.time():
            return False  # the full path purges it and says so
        if entry.get("store") == "keyring" and entry.get("kind") == "admin":
            answer = _ask_tray(entry["key"])
            if answer is None:
                return False  # no tray running: the full path opens the keyring itself
            sys.stdout.write(answer + "\n")
            return True
        if entry.get("store") != "file" or not entry.get("secret_file"):
            return False
        with open(entry["secret_file"], encoding="utf-8") as fh:
            secret = json.load(fh)
        if secret.get("key") != f"session:{entry['key']}":
            return False
        sys.stdout.write(secret["value"] + "\n")
        return True
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
