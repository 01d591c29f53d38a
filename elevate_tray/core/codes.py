"""The last MFA code each device spent, so no code is ever sent twice.

AWS refuses a reused code with the same words as a wrong one; remembering what we sent lets
us tell the two apart, and lets generated codes wait for the next 30-second window.
Kept in the state file: a spent code is worthless, and only its fingerprint is stored. Also
kept in this process's memory, so a disk that cannot take the state file still never lets
this process send a spent code again.
"""

from __future__ import annotations

import logging
from typing import Any

from .clock import Clock
from .paths import AppDirs
from .statefile import read_state, table, writable_table
from .statelock import update_state
from .totp import code_fingerprint, window_of

log = logging.getLogger(__name__)

KEY = "mfa_last_code"

# (state file, device serial) -> the last spent code's entry, for this process's life
_in_memory: dict[tuple[str, str], dict[str, Any]] = {}


def _valid(entry: object) -> dict[str, Any] | None:
    if not isinstance(entry, dict):
        return None
    window, fingerprint = entry.get("window"), entry.get("fingerprint")
    if isinstance(window, bool) or not isinstance(window, int) or not isinstance(fingerprint, str):
        return None
    return entry


class SpentCodes:
    def __init__(self, dirs: AppDirs, clock: Clock) -> None:
        self.dirs = dirs
        self.clock = clock

    def _memory_key(self, serial: str) -> tuple[str, str]:
        return (str(self.dirs.state_file), serial)

    def last(self, serial: str) -> dict[str, Any] | None:
        """The newest of what the state file and this process remember."""
        stored = _valid(table(read_state(self.dirs.state_file), KEY).get(serial))
        kept = _in_memory.get(self._memory_key(serial))
        if kept is None or (stored is not None and stored["window"] >= kept["window"]):
            return stored
        return kept

    def was_spent(self, serial: str, code: str) -> bool:
        """True when this very code was spent in its own window or the two around it (AWS
        accepts a code for about ±30 s, so the same digits cannot be valid again by then)."""
        fingerprint = code_fingerprint(serial, code)
        now = window_of(self.clock.now())
        candidates = (
            _valid(table(read_state(self.dirs.state_file), KEY).get(serial)),
            _in_memory.get(self._memory_key(serial)),
        )
        return any(
            last is not None and last["fingerprint"] == fingerprint and now - last["window"] <= 2
            for last in candidates
        )

    def remember(self, serial: str, code: str) -> None:
        """Never raises for the disk: the code is kept in memory whatever happens."""
        entry = {
            "window": window_of(self.clock.now()),
            "fingerprint": code_fingerprint(serial, code),
        }
        _in_memory[self._memory_key(serial)] = entry
        try:
            with update_state(self.dirs) as state:
                writable_table(state, KEY)[serial] = dict(entry)
        except OSError as exc:
            log.info(
                "could not write the spent MFA code to the state file (%s); kept in memory",
                exc.strerror or type(exc).__name__,
            )
