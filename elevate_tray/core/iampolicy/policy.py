"""IAM policy evaluation: explicit Deny beats Allow beats the implicit deny.

Covers what identity-based policies and role trust policies use: Effect, Action/NotAction
and Resource/NotResource with wildcards and policy variables, Principal/NotPrincipal (trust
policies) and Condition (see conditions.py).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from .conditions import Context, Substitute, conditions_hold, substituter
from .globs import ActionMatcher, arn_like


class Decision(enum.Enum):
    ALLOW = "allow"
    EXPLICIT_DENY = "explicit"
    IMPLICIT_DENY = "implicit"


@dataclass(frozen=True)
class Statement:
    effect: str
    action: ActionMatcher | None
    not_action: ActionMatcher | None
    resource: tuple[str, ...] | None
    not_resource: tuple[str, ...] | None
    principal: Any
    not_principal: Any
    condition: Mapping[str, Any]


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


@lru_cache(maxsize=1024)
def parse(document: str) -> tuple[Statement, ...]:
    """A policy document (JSON text, URL-encoded as IAM sometimes stores it) as statements."""
    text = document.strip()
    if text.startswith("%7B") or text.startswith("%7b"):
        text = unquote(text)
    data = json.loads(text)
    raw = data.get("Statement", [])
    if isinstance(raw, Mapping):
        raw = [raw]
    out = []
    for s in raw:
        out.append(
            Statement(
                effect=str(s.get("Effect", "")),
                action=ActionMatcher(_list(s["Action"])) if "Action" in s else None,
                not_action=ActionMatcher(_list(s["NotAction"])) if "NotAction" in s else None,
                resource=tuple(_list(s["Resource"])) if "Resource" in s else None,
                not_resource=tuple(_list(s["NotResource"])) if "NotResource" in s else None,
                principal=s.get("Principal"),
                not_principal=s.get("NotPrincipal"),
                condition=s.get("Condition") or {},
            )
        )
    return tuple(out)


def as_text(document: str | Mapping[str, Any]) -> str:
    return document if isinstance(document, str) else json.dumps(document, sort_keys=True)


@dataclass(frozen=True)
class Request:
    """What is being asked: an action on a resource, with the request context."""

    action: str
    resource: str
    context: Context = field(default_factory=dict)


def _action_applies(st: Statement, action: str) -> bool:
    if st.action is not None:
        return st.action(action)
    if st.not_action is not None:
        return not st.not_action(action)
    return False


def _resource_applies(st: Statement, resource: str, subst: Substitute, trust: bool) -> bool:
    if st.resource is None and st.not_resource is None:
        return trust  # trust policies name no resource: the role itself is implied
    patterns = st.resource if st.resource is not None else st.not_resource
    hit = any(
        (p := subst(pattern)) is not None and arn_like(p, resource) for pattern in patterns or ()
    )
    return hit if st.resource is not None else not hit


def _statements(documents: Iterable[str | Mapping[str, Any]]) -> Iterable[Statement]:
    for doc in documents:
        yield from parse(as_text(doc))


def evaluate(documents: Iterable[str | Mapping[str, Any]], request: Request) -> Decision:
    """Identity-based (or session) policy evaluation for one request."""
    subst = substituter(request.context)
    allowed = False
    for st in _statements(documents):
        if not _action_applies(st, request.action):
            continue
        if not _resource_applies(st, request.resource, subst, trust=False):
            continue
        if not conditions_hold(st.condition, request.context, subst):
            continue
        if st.effect == "Deny":
            return Decision.EXPLICIT_DENY
        if st.effect == "Allow":
            allowed = True
    return Decision.ALLOW if allowed else Decision.IMPLICIT_DENY


@dataclass(frozen=True)
class Principal:
    """Who is asking, in the forms a Principal element can name them."""

    account_id: str
    partition: str
    arns: Sequence[str]  # user ARN, or role ARN and assumed-role session ARN

    def names(self) -> set[str]:
        return set(self.arns)

    @property
    def root(self) -> str:
        return f"arn:{self.partition}:iam::{self.account_id}:root"


class TrustMatch(enum.Enum):
    NONE = "none"
    ACCOUNT = "account"  # admitted as a member of the trusted account: its own policy must allow
    DIRECT = "direct"  # named itself: the trust policy alone grants access
    DENIED = "denied"  # an explicit Deny matched


def _principal_kind(element: Any, who: Principal) -> TrustMatch:
    if element == "*":
        return TrustMatch.ACCOUNT
    if not isinstance(element, Mapping):
        return TrustMatch.NONE
    best = TrustMatch.NONE
    for value in _list(element.get("AWS")):
        if value == "*" or value in (who.account_id, who.root):
            best = TrustMatch.ACCOUNT if best is TrustMatch.NONE else best
        elif value in who.names():
            best = TrustMatch.DIRECT
    return best


def evaluate_trust(
    document: str | Mapping[str, Any], who: Principal, action: str, context: Context
) -> TrustMatch:
    """Does the role's trust policy admit this principal for this action (sts:AssumeRole,
    sts:TagSession, sts:SetSourceIdentity)?"""
    subst = substituter(context)
    result = TrustMatch.NONE
    for st in parse(as_text(document)):
        if not _action_applies(st, action):
            continue
        if st.not_principal is not None:
            kind = (
                TrustMatch.NONE
                if _principal_kind(st.not_principal, who) is not TrustMatch.NONE
                else TrustMatch.ACCOUNT
            )
        else:
            kind = _principal_kind(st.principal, who)
        if kind is TrustMatch.NONE:
            continue
        if not conditions_hold(st.condition, context, subst):
            continue
        if st.effect == "Deny":
            return TrustMatch.DENIED
        if st.effect == "Allow" and (result is TrustMatch.NONE or kind is TrustMatch.DIRECT):
            result = kind
    return result
