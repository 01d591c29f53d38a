"""Every failure a user can meet, as one sentence and an exit code (product.md's contract)."""

from __future__ import annotations

USAGE = 2
MFA_REJECTED = 3
ACCESS_DENIED = 4
NETWORK = 5
NOT_ELEVATED = 6


class ElevateError(Exception):
    """A failure with a sentence a stranger understands: what happened, what to do."""

    exit_code = 1

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence

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
