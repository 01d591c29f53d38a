"""STS request parameters, validated with AWS's own "1 validation error detected" texts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from .errors import constraint, validation_error

_NAME = re.compile(r"[A-Za-z0-9_+=,.@-]*")
_NAME_RULE = r"Member must satisfy regular expression pattern: [\w+=,.@-]*"
_TAG_RULE = r"Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*"
_TAG_EXTRA = set("_.:/=+-@")


def tag_text_ok(text: str) -> bool:
    return all(unicodedata.category(c)[0] in "LZN" or c in _TAG_EXTRA for c in text)


def _int_param(params: Mapping[str, str], name: str, field: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise constraint(raw, field, "Member must be a number") from None


def check_duration(params: Mapping[str, str], default: int, maximum: int) -> int:
    value = _int_param(params, "DurationSeconds", "durationSeconds", default)
    if value < 900:
        raise constraint(
            str(value), "durationSeconds", "Member must have value greater than or equal to 900"
        )
    if value > maximum:
        raise constraint(
            str(value), "durationSeconds", f"Member must have value less than or equal to {maximum}"
        )
    return value


def check_name(value: str | None, field: str, *, required: bool) -> str | None:
    if value is None:
        if required:
            raise validation_error(
                f"1 validation error detected: Value null at '{field}' failed to satisfy "
                "constraint: Member must not be null"
            )
        return None
    if len(value) < 2:
        raise constraint(value, field, "Member must have length greater than or equal to 2")
    if len(value) > 64:
        raise constraint(value, field, "Member must have length less than or equal to 64")
    if not _NAME.fullmatch(value):
        raise constraint(value, field, _NAME_RULE)
    return value


def list_members(params: Mapping[str, str], prefix: str) -> list[dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    pattern = re.compile(re.escape(prefix) + r"\.member\.(\d+)(?:\.(\w+))?$")
    for key, value in params.items():
        m = pattern.match(key)
        if m:
            found.setdefault(int(m.group(1)), {})[m.group(2) or ""] = value
    return [found[i] for i in sorted(found)]


def session_tags(params: Mapping[str, str]) -> dict[str, str]:
    tags: dict[str, str] = {}
    members = list_members(params, "Tags")
    if len(members) > 50:
        raise constraint("tags", "tags", "Member must have length less than or equal to 50")
    for i, member in enumerate(members, 1):
        key, value = member.get("Key", ""), member.get("Value", "")
        if not 1 <= len(key) <= 128 or not tag_text_ok(key):
            raise constraint(key, f"tags.{i}.member.key", _TAG_RULE)
        if len(value) > 256:
            raise constraint(
                value, f"tags.{i}.member.value", "Member must have length less than or equal to 256"
            )
        if not tag_text_ok(value):
            raise constraint(value, f"tags.{i}.member.value", _TAG_RULE)
        tags[key] = value
    return tags


def check_token_code(code: str) -> None:
    if len(code) != 6:
        rule = "greater" if len(code) < 6 else "less"
        raise constraint(code, "tokenCode", f"Member must have length {rule} than or equal to 6")
    if not (code.isascii() and code.isdigit()):
        raise constraint(
            code, "tokenCode", r"Member must satisfy regular expression pattern: [\d]*"
        )


def check_source_identity(value: str | None) -> str | None:
    value = check_name(value, "sourceIdentity", required=False)
    if value and value.lower().startswith("aws:"):
        raise constraint(value, "sourceIdentity", _NAME_RULE)
    return value
