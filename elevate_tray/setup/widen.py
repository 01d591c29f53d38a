"""Every change that gives someone more than before, said in words (a Phrase each)."""

from __future__ import annotations

import json
from typing import Any

from ..core.errors import Phrase
from .model import Names
from .observe import Observed
from .render import Document


def _statements(doc: Document | None) -> list[dict[str, Any]]:
    if not doc:
        return []
    found = doc.get("Statement", [])
    found = [found] if isinstance(found, dict) else found
    return [s for s in found if isinstance(s, dict) and s.get("Effect") == "Allow"]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _principals(doc: Document | None) -> set[str]:
    out: set[str] = set()
    for statement in _statements(doc):
        principal = statement.get("Principal")
        if principal == "*":
            out.add("*")
        elif isinstance(principal, dict):
            for kind, values in principal.items():
                out.update(f"{kind}: {v}" for v in _as_list(values))
    return out


def _actions(doc: Document | None) -> set[str]:
    return {a for statement in _statements(doc) for a in _as_list(statement.get("Action"))}


def added_actions(what: str, before: Document | None, after: Document | None) -> list[str]:
    """Actions an updated document allows that it did not (what: "the trust policy of X")."""
    if before is None:
        return []
    added = sorted(_actions(after) - _actions(before))
    if not added:
        return []
    return [Phrase("{what} also allows {actions}", what=what, actions=", ".join(added))]


def _conditions(doc: Document | None) -> dict[str, str]:
    """condition key -> "Operator values", over the Allow statements."""
    out: dict[str, str] = {}
    for statement in _statements(doc):
        for operator, pairs in (statement.get("Condition") or {}).items():
            for key, values in (pairs or {}).items():
                out[key.lower()] = f"{operator} {key} {json.dumps(values)}"
    return out


def trust_widenings(role: str, before: Document | None, after: Document | None) -> list[str]:
    out: list[str] = []
    for principal in sorted(_principals(after) - _principals(before)):
        who = principal
        if principal.endswith(":root"):
            who = Phrase(
                "{principal} (every user and role of that account whose own policies allow it)",
                principal=principal,
            )
        out.append(
            Phrase(
                "the trust policy of {role} admits {principal}, which it did not before",
                role=role,
                principal=who,
            )
        )
    old, new = _conditions(before), _conditions(after)
    for key, was in sorted(old.items()):
        if key not in new:
            out.append(
                Phrase(
                    "the trust policy of {role} no longer requires {condition}",
                    role=role,
                    condition=was,
                )
            )
        elif new[key] != was:
            out.append(
                Phrase(
                    "the trust policy of {role} changes the condition {old} to {new}",
                    role=role,
                    old=was,
                    new=new[key],
                )
            )
    return out


def step_widenings(step: Any, seen: Observed, names: Names) -> list[str]:
    """The widenings of one planned step (none for unchanged ones)."""
    o = names.options
    role, group = o.role_name, o.group_name
    if o.hub:  # the identity account: the roles live in the member accounts
        role = str(
            Phrase(
                "{role} and {readonly} in every member account",
                role=o.role_name,
                readonly=o.readonly_role_name,
            )
        )
    if not step.changes:
        return []
    if step.kind == "member":
        return [
            Phrase(
                "{user} joins {group} and will be able to assume {role}",
                user=step.name,
                group=group,
                role=role,
            )
        ]
    if step.kind == "group-policy" and seen.group.exists:
        existing = [m for m in seen.group.members if m not in o.members]
        arn = step.params.get("arn", "")
        if existing and arn == names.assume_policy_arn:
            return [
                Phrase(
                    "existing members of {group} who will be able to assume {role}: {users}",
                    group=group,
                    role=role,
                    users=", ".join(existing),
                )
            ]
        if existing:
            return [
                Phrase(
                    "the policy {policy} is attached to {group}, so its members {users} gain "
                    "its permissions",
                    policy=arn.rsplit("/", 1)[-1],
                    group=group,
                    users=", ".join(existing),
                )
            ]
        return []
    if step.kind == "policy" and step.current is not None:
        state = seen.assume_policy if step.name == o.assume_policy_name else seen.credentials_policy
        what = Phrase("the policy {policy}", policy=step.name)
        more = added_actions(what, step.current, step.document)
        others = [e for e in state.entities if e != f"group {group}"]
        if not others:
            return more
        if step.name == o.assume_policy_name:
            return [
                *more,
                Phrase(
                    "the policy {policy} is attached to {entities}, who will be able to "
                    "assume {role}",
                    policy=step.name,
                    entities=", ".join(others),
                    role=role,
                ),
            ]
        return [
            *more,
            Phrase(
                "the policy {policy} gets a new document for everyone it is attached to: "
                "{entities}",
                policy=step.name,
                entities=", ".join(others),
            ),
        ]
    if step.kind == "trust-policy":
        what = Phrase("the trust policy of {role}", role=role)
        return [
            *trust_widenings(role, step.current, step.document),
            *added_actions(what, step.current, step.document),
        ]
    if step.kind == "max-session" and o.max_session_duration > seen.role.max_session:
        return [
            Phrase(
                "sessions of {role} may last {new} s instead of {old} s",
                role=role,
                new=o.max_session_duration,
                old=seen.role.max_session,
            )
        ]
    if step.kind == "role-policy" and seen.role.exists:
        return [
            Phrase(
                "{policy} is attached to the role {role}: whoever can assume it gets its "
                "permissions",
                policy=step.params.get("arn", "").rsplit("/", 1)[-1],
                role=role,
            )
        ]
    return []
