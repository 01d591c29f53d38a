"""A plan's parts: its steps (each with its JSON, adoption and widenings) and the plan."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import Phrase
from .model import Account, Names
from .render import Document, Documents, pretty

CREATE, UPDATE, UNCHANGED, DELETE, KEEP = "create", "update", "unchanged", "delete", "keep"


@dataclass
class Step:
    action: str  # create | update | unchanged | delete | keep
    kind: str  # policy | group | group-policy | role | trust-policy | max-session | ...
    name: str  # what it acts on, as a person would name it
    summary: str  # one line: what will happen (a Phrase, so the wizard can translate it)
    op: str = ""  # what apply calls; empty for unchanged/keep
    params: dict[str, Any] = field(default_factory=dict)
    document: Document | None = None  # the document that will be written
    current: Document | None = None  # the document that is there now
    diff: str = ""
    managed: bool = True  # created by this setup, or tagged/recorded as adopted by it
    unmanaged: bool = False  # exists, not managed by this setup
    adopted: bool = False  # unmanaged, and the admin named it with --adopt
    adopt_name: str = ""  # the NAME for --adopt ("" when adoption is not possible)
    refusal: str = ""  # why it cannot be adopted (a Phrase), or ""
    widenings: list[str] = field(default_factory=list)  # who gets more than before (Phrases)

    @property
    def changes(self) -> bool:
        return self.action not in (UNCHANGED, KEEP)

    def key(self) -> tuple[str, str, str]:
        return (self.op, self.name, pretty(self.document) if self.document else "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "kind": self.kind,
            "name": self.name,
            "summary": self.summary,
            "document": self.document,
            "current": self.current,
            "diff": self.diff,
            "managed": self.managed,
            "unmanaged": self.unmanaged,
            "adopted": self.adopted,
            "adopt_name": self.adopt_name,
            "refusal": self.refusal,
            "widenings": list(self.widenings),
        }


@dataclass
class Plan:
    account: Account
    names: Names
    documents: Documents
    steps: list[Step]
    notes: list[str] = field(default_factory=list)
    records: Any = None  # adopt.Records: where adopted roles' and groups' past is kept

    @property
    def changes(self) -> list[Step]:
        return [s for s in self.steps if s.changes]

    def needs_adoption(self) -> list[Step]:
        """Steps that would change a resource this setup does not manage, not adopted."""
        return [s for s in self.changes if s.unmanaged and not s.adopted]

    def widenings(self) -> list[tuple[Step, str]]:
        return [(s, w) for s in self.changes for w in s.widenings]

    def refusal(self) -> str:
        """ "" when apply may go ahead; else the one sentence (a Phrase) saying why not."""
        o = self.names.options
        for step in self.changes:
            if step.unmanaged and step.refusal:
                return step.refusal
        needed = self.needs_adoption()
        if needed:
            names = list(dict.fromkeys(s.adopt_name for s in needed))
            return Phrase(
                "This setup would change {items}, which exist but are not managed by it; "
                "review the plan, then add {flags} to take them over (teardown puts them "
                "back), or choose other names.",
                items=", ".join(dict.fromkeys(s.name for s in needed)),
                flags=" ".join(f"--adopt {n}" for n in names),
            )
        adopted = [w for s, w in self.widenings() if s.unmanaged]
        if adopted and not o.accept_widening:
            return Phrase(
                "This would widen access on resources you adopt: {widenings}; review them in "
                "the plan, then add --accept-widening.",
                widenings="; ".join(adopted),
            )
        return ""

    def same_changes(self, other: Plan) -> bool:
        return [s.key() for s in self.changes] == [s.key() for s in other.changes]

    def as_dict(self) -> dict[str, Any]:
        return {
            "account": self.account.account_id,
            "partition": self.account.partition,
            "caller": self.account.caller_arn,
            "role_arn": self.names.role_arn,
            "group": self.names.options.group_name,
            "steps": [s.as_dict() for s in self.steps],
            "changes": len(self.changes),
            "notes": self.notes,
            "needs_adoption": [s.adopt_name or s.name for s in self.needs_adoption()],
            "widenings": [w for _, w in self.widenings()],
        }


def json_diff(before: Document | None, after: Document | None, label: str) -> str:
    a = pretty(before).splitlines() if before is not None else []
    b = pretty(after).splitlines() if after is not None else []
    return "\n".join(
        difflib.unified_diff(a, b, f"{label} (now)", f"{label} (planned)", lineterm="")
    )
