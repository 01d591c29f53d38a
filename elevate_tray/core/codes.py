"""The last MFA code each device spent, so no code is ever sent twice.

AWS refuses a reused code with the same words as a wrong one; remembering what we sent lets
us tell the two apart, and lets generated codes wait for the next 30-second window.
Kept in the state file: a spent code is worthless, and only its fingerprint is stored.
"""

from __future__ import annotations

from typing import Any

from .clock import Clock
from .paths import AppDirs
from .statefile import read_state, update_state
from .totp import code_fingerprint, window_of

KEY = "mfa_last_code"


class SpentCodes:
    def __init__(self, dirs: AppDirs, clock: Clock) -> None:
        self.dirs = dirs
        self.clock = clock

    def last(self, serial: str) -> dict[str, Any] | None:
        entry = read_state(self.dirs.state_file).get(KEY, {}).get(serial)
        return entry if isinstance(entry, dict) else None

    def was_spent(self, serial: str, code: str) -> bool:
        """True when this very code was spent in its own window or the two around it (AWS
        accepts a code for about ±30 s, so the same digits cannot be valid again by then)."""
        last = self.last(serial)
        return bool(
            last
            and last.get("fingerprint") == code_fingerprint(serial, code)
            and window_of(self.clock.now()) - int(last.get("window", 0)) <= 2
        )

    def remember(self, serial: str, code: str) -> None:
        with update_state(self.dirs) as state:
            state.setdefault(KEY, {})[serial] = {
                "window": window_of(self.clock.now()),
                "fingerprint": code_fingerprint(serial, code),
            }
