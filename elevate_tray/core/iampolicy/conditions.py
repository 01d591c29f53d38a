"""IAM policy Condition blocks: the operators AWS documents, with ...IfExists, the
ForAnyValue:/ForAllValues: set qualifiers, and policy variables in the values.

The request context maps lower-cased condition keys (AWS keys are case-insensitive) to lists
of strings; a key that is absent is simply not in the mapping.
"""

from __future__ import annotations

import ipaddress
import logging
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .globs import LITERAL_QMARK, LITERAL_STAR, arn_like, glob_match, restore

log = logging.getLogger(__name__)

Context = Mapping[str, Sequence[str]]
Substitute = Callable[[str], str | None]


def _string_eq(ctx: str, pol: str) -> bool:
    return ctx == pol


def _string_eq_ic(ctx: str, pol: str) -> bool:
    return ctx.casefold() == pol.casefold()


def _string_like(ctx: str, pol: str) -> bool:
    return glob_match(pol, ctx)


def _num(text: str) -> Decimal:
    return Decimal(text.strip())


def policy_time(text: str) -> datetime:
    """An ISO 8601 date/time or epoch seconds, as IAM accepts in Date conditions."""
    text = text.strip()
    if text.isascii() and text.replace(".", "", 1).isdigit():
        return datetime.fromtimestamp(float(text), UTC)
    when = datetime.fromisoformat(text.replace("z", "Z"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def _compare(
    convert: Callable[[str], Any], test: Callable[[Any, Any], Any]
) -> Callable[[str, str], bool]:
    """A matcher that converts both sides (numbers, dates) first; unparsable never matches."""

    def match(ctx: str, pol: str) -> bool:
        try:
            return bool(test(convert(ctx), convert(pol)))
        except (ValueError, InvalidOperation, TypeError):
            return False

    return match


def _bool(ctx: str, pol: str) -> bool:
    return ctx.strip().lower() == pol.strip().lower()


def _ip(ctx: str, pol: str) -> bool:
    try:
        return ipaddress.ip_address(ctx) in ipaddress.ip_network(pol, strict=False)
    except ValueError:
        return False


# operator name -> (value matcher, negated)
_OPERATORS: dict[str, tuple[Callable[[str, str], bool], bool]] = {
    "stringequals": (_string_eq, False),
    "stringnotequals": (_string_eq, True),
    "stringequalsignorecase": (_string_eq_ic, False),
    "stringnotequalsignorecase": (_string_eq_ic, True),
    "stringlike": (_string_like, False),
    "stringnotlike": (_string_like, True),
    "numericequals": (_compare(_num, operator.eq), False),
    "numericnotequals": (_compare(_num, operator.eq), True),
    "numericlessthan": (_compare(_num, operator.lt), False),
    "numericlessthanequals": (_compare(_num, operator.le), False),
    "numericgreaterthan": (_compare(_num, operator.gt), False),
    "numericgreaterthanequals": (_compare(_num, operator.ge), False),
    "dateequals": (_compare(policy_time, operator.eq), False),
    "datenotequals": (_compare(policy_time, operator.eq), True),
    "datelessthan": (_compare(policy_time, operator.lt), False),
    "datelessthanequals": (_compare(policy_time, operator.le), False),
    "dategreaterthan": (_compare(policy_time, operator.gt), False),
    "dategreaterthanequals": (_compare(policy_time, operator.ge), False),
    "bool": (_bool, False),
    "ipaddress": (_ip, False),
    "notipaddress": (_ip, True),
    "arnequals": (lambda c, p: arn_like(p, c), False),
    "arnlike": (lambda c, p: arn_like(p, c), False),
    "arnnotequals": (lambda c, p: arn_like(p, c), True),
    "arnnotlike": (lambda c, p: arn_like(p, c), True),
}

_VARIABLE = re.compile(r"\$\{([^}]*)\}")


def _as_list(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [_as_text(v) for v in value]
    return [_as_text(value)]


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _one_key(
    operator: str, key: str, policy_values: list[str], context: Context, subst: Substitute
) -> bool:
    qualifier = ""
    name = operator.lower()
    for prefix in ("foranyvalue:", "forallvalues:"):
        if name.startswith(prefix):
            qualifier, name = prefix[:-1], name[len(prefix) :]
    if_exists = name.endswith("ifexists")
    if if_exists:
        name = name[: -len("ifexists")]

    values = context.get(key.lower())
    if name == "null":
        wanted_absent = any(v.strip().lower() == "true" for v in policy_values)
        return (values is None or len(values) == 0) == wanted_absent
    if name not in _OPERATORS:
        # Unknown operators never hold: an Allow stays closed; say so, since a Deny opens.
        log.warning("condition operator %s is not supported; it never matches", operator)
        return False
    matcher, negated = _OPERATORS[name]

    resolved = [v for v in (subst(p) for p in policy_values) if v is not None]
    if name not in _GLOB_OPERATORS:
        resolved = [restore(v) for v in resolved]

    if values is None or (qualifier and len(values) == 0):
        if qualifier == "forallvalues":
            return True
        if qualifier == "foranyvalue":
            return False
        # AWS: a missing key fails the condition, except for ...IfExists and the negated
        # operators, which hold when there is nothing to compare.
        return if_exists or negated

    def one(ctx_value: str) -> bool:
        hit = any(matcher(ctx_value, p) for p in resolved)
        return not hit if negated else hit

    if qualifier == "forallvalues":
        return all(one(v) for v in values)
    return any(one(v) for v in values)


def conditions_hold(condition: Mapping[str, object], context: Context, subst: Substitute) -> bool:
    """True when every operator/key pair of a Condition block holds for the context."""
    for op_name, pairs in condition.items():
        if not isinstance(pairs, Mapping):
            return False
        for key, raw in pairs.items():
            if not _one_key(op_name, key, _as_list(raw), context, subst):
                return False
    return True


def substituter(context: Context) -> Substitute:
    """Replaces ${aws:username}-style variables from the context; None when one is missing
    (the element that uses it then matches nothing, as in AWS)."""

    def subst(text: str) -> str | None:
        missing = False

        def one(m: re.Match[str]) -> str:
            nonlocal missing
            body = m.group(1)
            if body in ("*", "?", "$"):
                return _LITERAL[body]
            name, _, default = body.partition(",")
            values = context.get(name.strip().lower())
            if values:
                return values[0]
            default = default.strip()
            if len(default) >= 2 and default[0] == default[-1] == "'":
                return default[1:-1]
            missing = True
            return ""

        out = _VARIABLE.sub(one, text)
        return None if missing else out

    return subst


_LITERAL = {"*": LITERAL_STAR, "?": LITERAL_QMARK, "$": "$"}
_GLOB_OPERATORS = {
    "stringlike",
    "stringnotlike",
    "arnequals",
    "arnlike",
    "arnnotequals",
    "arnnotlike",
}
