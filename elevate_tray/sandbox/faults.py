"""Faults a test asks for (`Sandbox.fail_next`): the next calls of one action answer an error.

A fault is taken by the next request for its action whose caller the sandbox authenticated
(a request refused as unsigned or with an invalid key does not take it):
- after=False: the request is refused before anything happens (nothing changes in IAM/STS);
- after=True: the request is carried out as usual (moto applies it), and the caller gets the
  error instead of the answer, whatever that answer was: a lost response (e.g. a key that was
  created, whose secret the caller never saw).
Errors are shaped like the sandbox's other AWS errors for the service's protocol
(Type Receiver for a 5xx status). Faults for one action queue up in the order they were asked.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from .errors import AwsError

SERVICE_FAILURE = "ServiceFailure"
# IAM's own wording for ServiceFailure (HTTP 500)
SERVICE_FAILURE_MESSAGE = (
    "The request processing has failed because of an unknown error, exception or failure."
)


@dataclass
class Fault:
    action: str  # lower case, e.g. iam:createaccesskey
    code: str
    message: str
    status: int
    after: bool
    times: int  # calls it still answers

    def error(self) -> AwsError:
        return AwsError(self.code, self.message, self.status, sender=self.status < 500)


def _key(action: str) -> str:
    service, _, operation = action.partition(":")
    if not service or not operation:
        raise ValueError(f"an action is service:Operation, like iam:CreateAccessKey: {action!r}")
    return action.lower()


class Faults:
    def __init__(self) -> None:
        self._pending: dict[str, deque[Fault]] = {}
        self._lock = threading.Lock()

    def add(
        self,
        action: str,
        *,
        code: str = SERVICE_FAILURE,
        message: str = SERVICE_FAILURE_MESSAGE,
        status: int = 500,
        times: int = 1,
        after: bool = False,
    ) -> None:
        key = _key(action)
        if not 400 <= int(status) <= 599:
            raise ValueError(f"a fault's status is an HTTP error status (400-599), not {status}")
        if int(times) < 1:
            raise ValueError(f"a fault answers at least one call, not times={times}")
        fault = Fault(key, code, message, int(status), bool(after), int(times))
        with self._lock:
            self._pending.setdefault(key, deque()).append(fault)

    def take(self, action: str) -> Fault | None:
        """The fault this call of `action` meets (and one call less for it), if any."""
        key = action.lower()
        with self._lock:
            queue = self._pending.get(key)
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.popleft()
            if not queue:
                del self._pending[key]
            return fault

    def pending(self, action: str | None = None) -> int:
        """How many calls still meet a fault (of `action`, or of any action)."""
        with self._lock:
            queues = (
                [self._pending.get(_key(action), deque())]
                if action is not None
                else list(self._pending.values())
            )
            return sum(f.times for q in queues for f in q)

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()
