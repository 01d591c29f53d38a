"""Wildcard matching as IAM does it: `*` any run of characters, `?` exactly one, nothing else
special. ARNs match component by component (the six colon-separated parts)."""

from __future__ import annotations

import re
from functools import lru_cache

# Policy variables ${*} and ${?} stand for the literal characters; substitution leaves these
# private-use code points in their place so the glob does not read them as wildcards.
LITERAL_STAR = "\ue000"
LITERAL_QMARK = "\ue001"


def restore(text: str) -> str:
    return text.replace(LITERAL_STAR, "*").replace(LITERAL_QMARK, "?")


def glob_regex(pattern: str) -> str:
    out = []
    for ch in pattern:
        if ch == "*":
            out.append(".*")
        elif ch == "?":
            out.append(".")
        else:
            out.append(re.escape(restore(ch)))
    return "".join(out)


@lru_cache(maxsize=4096)
def _compiled(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    flags = re.DOTALL | (re.IGNORECASE if ignore_case else 0)
    return re.compile(glob_regex(pattern), flags)


def glob_match(pattern: str, value: str, *, ignore_case: bool = False) -> bool:
    return _compiled(pattern, ignore_case).fullmatch(value) is not None


def arn_like(pattern: str, arn: str) -> bool:
    """IAM's ARN matching: `*` alone matches anything; otherwise each of the six
    colon-separated components is matched separately (a wildcard never spans a colon of
    the first five). A pattern that is not an ARN is a plain glob."""
    if pattern == "*":
        return True
    if not pattern.startswith("arn:"):
        return glob_match(pattern, arn)
    p_parts = pattern.split(":", 5)
    a_parts = arn.split(":", 5)
    if len(p_parts) != 6 or len(a_parts) != 6:
        return False
    return all(glob_match(p, a) for p, a in zip(p_parts, a_parts, strict=True))


class ActionMatcher:
    """One compiled regex for a statement's Action (or NotAction) list: ReadOnlyAccess has
    thousands of entries and is checked on every request."""

    def __init__(self, patterns: list[str]) -> None:
        body = "|".join(glob_regex(p) for p in patterns) if patterns else "(?!)"
        self._regex = re.compile(f"(?:{body})", re.IGNORECASE | re.DOTALL)

    def __call__(self, action: str) -> bool:
        return self._regex.fullmatch(action) is not None
