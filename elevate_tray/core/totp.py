"""MFA codes: typed-in code normalisation, and codes generated from a kept TOTP secret.

A code AWS has accepted is never sent again: AWS refuses a reused code with the same message
as a wrong one, so we remember the last code sent per device and wait for the next window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .errors import ConfigError, MfaRejected

STEP = 30


def secret_key(mfa_serial: str) -> str:
    return f"totp:{mfa_serial}"


class MalformedCode(ConfigError, MfaRejected):
    """What was typed is no MFA code at all: a usage error (exit 2), decided before any network
    call, so a terminal prompt can simply ask again. MfaRejected stays a base only so that a
    caller which asks again on a rejected code (the tray's dialog) keeps doing so."""


def normalise_code(text: str) -> str:
    """Accept what people paste: '123 456', '123-456', ' 123456\\n'. Six digits or an error."""
    digits = re.sub(r"[\s\-\u2010-\u2015\u3000]", "", text)
    # full-width digits (Japanese IMEs) count as digits
    digits = digits.translate({0xFF10 + i: ord("0") + i for i in range(10)})
    if not re.fullmatch(r"[0-9]{6}", digits):
        raise MalformedCode("An MFA code is 6 digits, as your authenticator app shows it.")
    return digits


def normalise_secret(text: str) -> str:
    """A base32 TOTP secret, as authenticator set-up screens show it (spaces allowed)."""
    import base64
    import binascii

    secret = re.sub(r"\s", "", text).upper().rstrip("=")
    try:
        if len(secret) < 16:
            raise ValueError
        base64.b32decode(secret + "=" * (-len(secret) % 8))
    except (ValueError, binascii.Error):
        raise ConfigError(
            "That is not a TOTP secret: expected the base32 key your MFA device was set up "
            "with (letters A-Z and digits 2-7, at least 16 of them)."
        ) from None
    return secret


def secret_from_text(text: str) -> str:
    """A kept secret from what set-up screens give: the base32 key, or the otpauth:// URI
    their QR code holds (its secret= parameter)."""
    line = text.strip()
    if line.lower().startswith("otpauth://"):
        import urllib.parse

        query = urllib.parse.parse_qs(urllib.parse.urlsplit(line).query)
        values = query.get("secret") or [""]
        line = values[0]
    return normalise_secret(line)


def window_of(when: datetime) -> int:
    return int(when.timestamp()) // STEP


def code_fingerprint(mfa_serial: str, code: str) -> str:
    import hashlib  # lazily: it loads OpenSSL, which the idle tray should not carry

    return hashlib.sha256(f"{mfa_serial}\0{code}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class GeneratedCode:
    code: str
    wait_seconds: float  # >0 when the current window's code was already used


def generate(
    secret: str, now: datetime, last_sent: dict[str, Any] | None, serial: str
) -> GeneratedCode:
    """The code to send now, or the next window's code and how long to wait for it."""
    import pyotp

    totp = pyotp.TOTP(secret, interval=STEP)
    window = window_of(now)
    code = totp.at(window * STEP)
    # only this very code waits: a mistyped code sent a moment ago spent nothing
    used = last_sent is not None and last_sent.get("fingerprint") == code_fingerprint(serial, code)
    if not used:
        return GeneratedCode(code, 0.0)
    next_start = (window + 1) * STEP
    return GeneratedCode(totp.at(next_start), next_start - now.timestamp())


def window_bounds(now: datetime, next_window: bool = False) -> tuple[datetime, datetime]:
    """Start and end of the 30-s window a code belongs to (the current or the next one)."""
    from datetime import UTC

    start = (window_of(now) + (1 if next_window else 0)) * STEP
    return datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(start + STEP, UTC)
