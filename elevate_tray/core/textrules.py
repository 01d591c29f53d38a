"""What AWS accepts in session names, source identities, tag values; and our durations.

An elevation's RoleSessionName is `<base>-<id>`: the base is the user's name as AWS accepts it
(cut so the whole fits in 64 characters), the id six random characters of [a-z2-7] fresh for
each elevation, so CloudTrail tells two elevations of one user apart and still reads as that
user. The SourceIdentity stays the user's name alone: it names the person, not the elevation.
"""

from __future__ import annotations

import re

from .errors import ConfigError, Phrase

_NAME_BAD = re.compile(r"[^\w+=,.@-]", re.ASCII)
TAG_VALUE_MAX = 256
SESSION_NAME_MAX = 64
ELEVATION_ID_LEN = 6
ELEVATION_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # base32's: no 0/1/8/9 to misread
_ELEVATION_ID = re.compile(f"[{ELEVATION_ID_ALPHABET}]{{{ELEVATION_ID_LEN}}}", re.ASCII)


def session_name(user_name: str) -> str:
    """The user name as AWS accepts a session name: 2-64 chars of [\\w+=,.@-] (what versions
    before per-elevation ids used as the whole RoleSessionName)."""
    name = _NAME_BAD.sub("-", user_name)[:SESSION_NAME_MAX]
    return name if len(name) >= 2 else (name + "--")[:2]


def new_elevation_id() -> str:
    """A fresh public id for one elevation: 6 random characters of [a-z2-7] (30 bits)."""
    import secrets  # here: the credentials fast path never makes one

    return "".join(secrets.choice(ELEVATION_ID_ALPHABET) for _ in range(ELEVATION_ID_LEN))


def is_elevation_id(text: str) -> bool:
    return _ELEVATION_ID.fullmatch(text) is not None


def session_name_base(user_name: str) -> str:
    """The user part of an elevation's RoleSessionName, short enough for `-<id>` to fit."""
    return session_name(user_name)[: SESSION_NAME_MAX - 1 - ELEVATION_ID_LEN]


def elevation_session_name(user_name: str, elevation_id: str) -> str:
    """RoleSessionName of one elevation: `<base>-<id>`, at most 64 characters."""
    if not is_elevation_id(elevation_id):
        raise ValueError("an elevation id is 6 characters of [a-z2-7]")
    return f"{session_name_base(user_name)}-{elevation_id}"


def base_of_session_name(name: str, elevation_id: str) -> str:
    """The base of a RoleSessionName that carries `elevation_id` (the name as it is if not)."""
    suffix = f"-{elevation_id}"
    if elevation_id and is_elevation_id(elevation_id) and name.endswith(suffix):
        return name[: -len(suffix)]
    return name


def source_identity(user_name: str) -> str:
    name = session_name(user_name)
    return f"user-{name}"[:64] if name.lower().startswith("aws:") else name


def _tag_char_ok(ch: str) -> bool:
    import unicodedata  # here: ~1 MB the idle tray does not need

    cat = unicodedata.category(ch)
    return cat[0] in ("L", "N") or cat == "Zs" or ch in "_.:/=+-@"


def sanitise_tag_value(text: str) -> str:
    """A reason as a session tag value: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*, at most 256 chars."""
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    out = "".join(ch if _tag_char_ok(ch) else (" " if ch.isspace() else "_") for ch in text)
    return " ".join(out.split())[:TAG_VALUE_MAX].strip()


_DURATION_RE = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$", re.ASCII)
LONGEST_SESSION = 43200  # AWS's ceiling for any role session: 12 h


def parse_duration(text: str) -> int:
    """'30m', '1h', '1h30m', '2700s' -> seconds; more than nothing, at most AWS's 12 h."""
    t = text.strip().lower().replace(" ", "")
    shown = _shown(text)
    if not t:
        raise ConfigError("No duration was given: write it like 30m, 1h or 1h30m.")
    if (
        t.isascii() and t.isdigit()
    ):  # minutes or seconds? Say which instead of guessing an hour away
        if len(t) > 4:
            raise ConfigError(
                Phrase(
                    "'{text}' is longer than AWS allows for a role session: at most 12h.",
                    text=shown,
                )
            )
        if int(t) < 60:
            raise ConfigError(
                Phrase(
                    "'{text}' has no unit: write {text}m for {text} minutes (or {text}s for "
                    "seconds).",
                    text=shown,
                )
            )
        raise ConfigError(
            Phrase(
                "'{text}' has no unit: write {text}m or {hm} for {text} minutes (or {text}s for "
                "seconds).",
                text=shown,
                hm=format_duration(int(t) * 60),
            )
        )
    m = _DURATION_RE.match(t)
    if not m or not any(m.groups()):
        raise ConfigError(
            Phrase("'{text}' is not a duration: write it like 30m, 1h or 1h30m.", text=shown)
        )
    if any(g and len(g.lstrip("0")) > 5 for g in m.groups()):  # int() of 5000 digits fails
        raise ConfigError(
            Phrase(
                "'{text}' is longer than AWS allows for a role session: at most 12h.", text=shown
            )
        )
    h, mnt, s = (int(g) if g else 0 for g in m.groups())
    seconds = h * 3600 + mnt * 60 + s
    if seconds == 0:
        raise ConfigError(
            Phrase(
                "'{text}' is no time at all: write how long you need admin, like 30m or 1h.",
                text=shown,
            )
        )
    if seconds > LONGEST_SESSION:
        raise ConfigError(
            Phrase(
                "'{text}' is longer than AWS allows for a role session: at most 12h.", text=shown
            )
        )
    return seconds


def _shown(text: str) -> str:
    """What the user typed, on one line and short enough to read back in a sentence."""
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return line if len(line) <= 24 else line[:21] + "..."


def format_duration(seconds: int) -> str:
    h, rem = divmod(int(seconds), 3600)
    m = rem // 60
    if h and m:
        return f"{h}h{m:02d}m"
    return f"{h}h" if h else f"{m}m"
