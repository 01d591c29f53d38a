"""Long-term access keys as the sandbox models their life.

- Sessions and the key that obtained them (`Sandbox.key_sessions`). AWS does not document
  whether a GetSessionToken or AssumeRole session survives the deactivation or deletion of
  the long-term access key that obtained it. "strict" (the default) models the case where it
  does not: every temporary credential remembers its source key (a chained AssumeRole, its
  parent's), and a request signed with it is refused as an invalid token
  (InvalidClientTokenId, 403) while that key is not Active (made Inactive, or deleted; made
  Active again, the session works again). "lenient" lets such sessions live to their end.
- Propagation (`Sandbox.key_propagation_seconds`): a key made by iam:CreateAccessKey through
  the sandbox is refused as an invalid token until the sandbox clock reaches its creation
  time plus the delay in force when it was created, as IAM refuses a key that has not
  reached every endpoint yet. Seeded keys are usable at once.
- CreateDate: a key made through the sandbox is dated by the sandbox clock (moto stamps the
  wall clock), in the CreateAccessKey answer and in ListAccessKeys.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from . import motoview
from .errors import invalid_token
from .sessions import TempCredential

STRICT = "strict"
LENIENT = "lenient"
KEY_SESSIONS = (STRICT, LENIENT)

_KEY_ID = re.compile(rb"<AccessKeyId>([A-Z0-9]+)</AccessKeyId>")
_CREATE_DATE = re.compile(rb"<CreateDate>[^<]*</CreateDate>")


def check_key_sessions(mode: str) -> str:
    if mode not in KEY_SESSIONS:
        raise ValueError(f"key_sessions is 'strict' or 'lenient', not {mode!r}")
    return mode


def check_propagation(seconds: float) -> float:
    value = float(seconds)
    if not value >= 0:  # also refuses NaN
        raise ValueError(f"key_propagation_seconds must be 0 or more, not {seconds!r}")
    return value


class AccessKeyRules:
    """The sandbox's rules for long-term keys, with the defaults `reset()` goes back to."""

    def __init__(self, key_sessions: str = STRICT, propagation_seconds: float = 0.0) -> None:
        self._defaults = (check_key_sessions(key_sessions), check_propagation(propagation_seconds))
        self._lock = threading.Lock()
        self._sessions, self._propagation = self._defaults
        self._usable_from: dict[str, datetime] = {}

    # -- the knobs ---------------------------------------------------------------------
    @property
    def key_sessions(self) -> str:
        with self._lock:
            return self._sessions

    @key_sessions.setter
    def key_sessions(self, mode: str) -> None:
        checked = check_key_sessions(mode)
        with self._lock:
            self._sessions = checked

    @property
    def propagation_seconds(self) -> float:
        with self._lock:
            return self._propagation

    @propagation_seconds.setter
    def propagation_seconds(self, seconds: float) -> None:
        checked = check_propagation(seconds)
        with self._lock:
            self._propagation = checked

    def reset(self) -> None:
        with self._lock:
            self._sessions, self._propagation = self._defaults
            self._usable_from.clear()

    # -- the checks (auth.identify) ----------------------------------------------------
    def check_long_term(self, access_key_id: str, now: datetime) -> None:
        """Refuse a key made through the sandbox that has not propagated yet."""
        with self._lock:
            usable_from = self._usable_from.get(access_key_id)
        if usable_from is not None and now < usable_from:
            raise invalid_token()

    def check_session(self, temp: TempCredential, backend: Any) -> None:
        """Strict: refuse temporary credentials whose source key is no longer Active."""
        if self.key_sessions != STRICT or temp.source_key_id is None:
            return
        key = motoview.find_user_key(backend, temp.source_key_id)
        if key is None or not key.active:
            raise invalid_token()

    # -- iam:CreateAccessKey, after moto made the key -----------------------------------
    def created(self, backend: Any, answer: bytes, now: datetime) -> bytes:
        """Record the new key's creation by the sandbox clock; the answer, dated by it."""
        found = _KEY_ID.search(answer)
        if found is None:
            return answer
        key_id = found.group(1).decode()
        with self._lock:
            self._usable_from[key_id] = now + timedelta(seconds=self._propagation)
        motoview.date_key(backend, key_id, now)
        stamp = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ").encode()
        return _CREATE_DATE.sub(b"<CreateDate>" + stamp + b"</CreateDate>", answer, count=1)
