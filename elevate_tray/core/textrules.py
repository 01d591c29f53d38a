"""What AWS accepts in session names, source identities, tag values; and our durations."""

from __future__ import annotations

import re
import unicodedata

from .errors import ConfigError, Phrase

_NAME_BAD = re.compile(r"[^\w+=,.@-]", re.ASCII)
TAG_VALUE_MAX = 256


def session_name(user_name: str) -> str:
    """RoleSessionName from the IAM user name: 2-64 chars of [\\w+=,.@-]."""
    name = _NAME_BAD.sub("-", user_name)[:64]
    return name if len(name) >= 2 else (name + "--")[:2]


def source_identity(user_name: str) -> str:
    name = session_name(user_name)
    return f"user-{name}"[:64] if name.lower().startswith("aws:") else name


def _tag_char_ok(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in ("L", "N") or cat == "Zs" or ch in "_.:/=+-@"


def sanitise_tag_value(text: str) -> str:
    """A reason as a session tag value: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*, at most 256 chars."""
    text = unicodedata.normalize("NFC", text)
    out = "".join(ch if _tag_char_ok(ch) else (" " if ch.isspace() else "_") for ch in text)
    return " ".join(out.split())[:TAG_VALUE_MAX].strip()


_DURATION_RE = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")


def parse_duration(text: str) -> int:
    """'30m', '1h', '1h30m', '2700', '2700s' -> seconds."""
    t = text.strip().lower().replace(" ", "")
    m = _DURATION_RE.match(t)
    if not t or not m or not any(m.groups()):
        raise ConfigError(
            Phrase(
                "'{text}' is not a duration: write it like 30m, 1h, 1h30m or 2700 (seconds).",
                text="".join(ch if ch.isprintable() else " " for ch in text).strip(),
            )
        )
    h, mnt, s = (int(g) if g else 0 for g in m.groups())
    return h * 3600 + mnt * 60 + s


def format_duration(seconds: int) -> str:
    h, rem = divmod(int(seconds), 3600)
    m = rem // 60
    if h and m:
        return f"{h}h{m:02d}m"
    return f"{h}h" if h else f"{m}m"
