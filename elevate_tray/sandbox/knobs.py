"""The Sandbox's knobs for tests, each back to its default at `reset()` (keys.py, faults.py,
trail.py)."""

from __future__ import annotations

from typing import Any

from .faults import SERVICE_FAILURE, SERVICE_FAILURE_MESSAGE, Faults
from .keys import AccessKeyRules
from .trail import Trail


class Knobs:
    _keys: AccessKeyRules
    _faults: Faults
    _trail: Trail

    @property
    def key_sessions(self) -> str:
        """ "strict": temporary credentials are refused (InvalidClientTokenId) while the
        long-term key that obtained them is not Active; "lenient": they live to their end."""
        return self._keys.key_sessions

    @key_sessions.setter
    def key_sessions(self, mode: str) -> None:
        self._keys.key_sessions = mode

    @property
    def key_propagation_seconds(self) -> float:
        """Seconds (sandbox clock) before a key from iam:CreateAccessKey works; 0: at once."""
        return self._keys.propagation_seconds

    @key_propagation_seconds.setter
    def key_propagation_seconds(self, seconds: float) -> None:
        self._keys.propagation_seconds = seconds

    @property
    def cloudtrail_delay_seconds(self) -> float:
        """Seconds (sandbox clock) before an event reaches LookupEvents; 0: at once."""
        return self._trail.delay_seconds

    @cloudtrail_delay_seconds.setter
    def cloudtrail_delay_seconds(self, seconds: float) -> None:
        self._trail.delay_seconds = seconds

    def trail_records(self) -> list[dict[str, Any]]:
        """Every CloudTrail record so far, delivered or not, oldest first."""
        return self._trail.all_records()

    def fail_next(
        self,
        action: str,
        code: str = SERVICE_FAILURE,
        message: str = SERVICE_FAILURE_MESSAGE,
        status: int = 500,
        times: int = 1,
        after: bool = False,
    ) -> None:
        """The next `times` authenticated calls of `action` ("iam:CreateAccessKey") get this
        AWS error: before anything happens (after=False) or after the call was carried out
        (after=True: a lost answer). Queued behind earlier faults for the same action."""
        self._faults.add(
            action, code=code, message=message, status=status, times=times, after=after
        )

    def faults_pending(self, action: str | None = None) -> int:
        """How many calls (of `action`, or of any) still meet a fault."""
        return self._faults.pending(action)
