"""Check an existing setup against the model: drift (differs) and risks (unsafe)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import Names
from .observe import Observed, observe, read_user
from .plan import build_plan
from .render import Document, render

DRIFT, RISK = "drift", "risk"
DRIFT_FOUND, RISK_FOUND = 7, 8  # `setup doctor`'s own exit codes (product.md)


@dataclass(frozen=True)
class Finding:
    level: str  # drift | risk
    subject: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"level": self.level, "subject": self.subject, "message": self.message}


def _requires_mfa(statement: Mapping[str, Any]) -> bool:
    for operator, clauses in (statement.get("Condition") or {}).items():
        if not isinstance(clauses, Mapping):
            continue
        for key, value in clauses.items():
            values = value if isinstance(value, list) else [value]
            key = key.lower()
            if (
                key == "aws:multifactorauthpresent"
                and operator in ("Bool",)
                and all(str(v).lower() == "true" for v in values)
            ):
                return True
            if key == "aws:multifactorauthage" and operator.startswith("NumericLess"):
                return True
    return False


def trust_risks(trust: Document | None, role: str) -> list[Finding]:
    findings = []
    statements = (trust or {}).get("Statement", [])
    if isinstance(statements, Mapping):
        statements = [statements]
    for i, st in enumerate(statements, 1):
        if st.get("Effect") != "Allow":
            continue
        principal = st.get("Principal")
        if principal == "*" or (isinstance(principal, Mapping) and principal.get("AWS") == "*"):
            findings.append(
                Finding(
                    RISK, f"{role} trust policy", f'statement {i} trusts every AWS principal ("*").'
                )
            )
        if not _requires_mfa(st):
            findings.append(
                Finding(
                    RISK,
                    f"{role} trust policy",
                    f"statement {i} lets principals assume {role} without MFA: the condition "
                    "Bool aws:MultiFactorAuthPresent = true is missing.",
                )
            )
    return findings


def check(names: Names, seen: Observed, asked_durations: Mapping[str, int]) -> list[Finding]:
    """asked_durations: where a duration is asked of this role (profile name -> seconds)."""
    o = names.options
    findings: list[Finding] = []
    if seen.role.exists:
        findings += trust_risks(seen.role.trust, o.role_name)
        for where, seconds in sorted(asked_durations.items()):
            if seconds > seen.role.max_session:
                findings.append(
                    Finding(
                        RISK,
                        o.role_name,
                        f"{where} asks for {seconds} s but the role allows at most "
                        f"{seen.role.max_session} s: elevation will be refused.",
                    )
                )
    g = seen.group
    for member in g.members:
        user = seen.users.get(member)
        if user and user.exists and not user.mfa_serials:
            findings.append(
                Finding(
                    RISK,
                    member,
                    f"the member {member} has no MFA device: they can read nothing and "
                    "cannot elevate until one is added.",
                )
            )
    plan = build_plan(names, render(names), seen)
    for step in plan.changes:
        what = {
            "policy": "is missing" if step.action == "create" else "differs from the model",
            "group": "is missing",
            "group-policy": "is not attached",
            "role": "is missing",
            "trust-policy": "differs from the model",
            "max-session": "differs from the model",
            "role-policy": "is not attached",
            "member": "is not in the group",
        }.get(step.kind, "differs")
        findings.append(Finding(DRIFT, step.name, f"{step.name} {what} ({step.summary})."))
    return findings


def diagnose(iam: Any, names: Names, asked_durations: Mapping[str, int]) -> list[Finding]:
    seen = observe(iam, names)
    for member in seen.group.members:
        if member not in seen.users:
            seen.users[member] = read_user(iam, member)
    return check(names, seen, asked_durations)
