"""Check an existing setup against the model: drift (differs) and risks (unsafe)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core.errors import Phrase
from ..core.iampolicy.probe import (
    ACCOUNT,
    OTHER_ACCOUNT,
    Caller,
    callers,
    describe,
    identity_admissions,
    trust_admissions,
    without_mfa,
)
from .model import Account, Names
from .observe import Observed, PolicyState, RoleState, observe, read_user
from .plan import build_plan
from .render import Document, render

DRIFT, RISK, NOTE = "drift", "risk", "note"  # a note is neither: doctor still exits 0
INLINE_QUOTA = 10_240  # a role's inline policies, non-whitespace characters (IAM quotas)
DRIFT_FOUND, RISK_FOUND = 7, 8  # `setup doctor`'s own exit codes (product.md)


@dataclass(frozen=True)
class Finding:
    level: str  # drift | risk | note
    subject: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"level": self.level, "subject": self.subject, "message": self.message}


def _caller(caller: Caller) -> Phrase:
    if caller.kind == ACCOUNT:
        return Phrase("a user of this account ({account})", account=caller.account_id)
    if caller.kind == OTHER_ACCOUNT:
        return Phrase("a principal of another account ({account})", account=caller.account_id)
    return Phrase("an anonymous caller")


def trust_risks(trust: Document | None, role: str, account: Account) -> list[Finding]:
    """The trust policy evaluated for a user of this account with and without MFA, another
    account's principal and an anonymous caller: each admission that should not be is a risk."""
    findings = []
    for seen in trust_admissions(trust or {}, account.account_id, account.partition):
        if seen.caller.kind == ACCOUNT and not without_mfa(seen.context):
            continue
        if seen.caller.kind == ACCOUNT:
            message = Phrase(
                "statement {statement} lets principals assume {role} without MFA: {caller} "
                "is admitted with {context}; require the condition Bool "
                "aws:MultiFactorAuthPresent = true in it.",
                statement=seen.statement,
                role=role,
                caller=_caller(seen.caller),
                context=describe(seen.context),
            )
        else:
            message = Phrase(
                "statement {statement} lets {caller} assume {role}: trust only principals of "
                "this account ({account}).",
                statement=seen.statement,
                caller=_caller(seen.caller),
                role=role,
                account=account.account_id,
            )
        findings.append(Finding(RISK, f"{role} trust policy", message))
    return findings


def policy_risks(policy: PolicyState, names: Names) -> list[Finding]:
    """A policy of the setup that lets the group's members assume the role without MFA."""
    if not policy.exists or policy.document is None:
        return []
    account = names.account
    member = callers({}, account.account_id, account.partition)[0]
    name = policy.arn.rsplit("/", 1)[-1]
    return [
        Finding(
            RISK,
            name,
            Phrase(
                "statement {statement} of {policy} lets the group's members assume {role} "
                "without MFA ({context}); require the condition Bool "
                "aws:MultiFactorAuthPresent = true in it.",
                statement=seen.statement,
                policy=name,
                role=names.options.role_name,
                context=describe(seen.context),
            ),
        )
        for seen in identity_admissions(policy.document, member, names.role_arn)
    ]


def quota_risks(role: RoleState) -> list[Finding]:
    if role.inline_chars <= INLINE_QUOTA * 8 // 10:
        return []
    message = Phrase(
        "the inline policies of {role} (revoked sessions) hold {chars} of the 10,240 "
        "non-whitespace characters IAM allows a role: revoking will soon fail; remove the "
        "revoke statements whose sessions have expired.",
        role=role.name,
        chars=role.inline_chars,
    )
    return [Finding(RISK, role.name, message)]


def console_alarm_note(names: Names) -> Finding:
    return Finding(
        NOTE,
        "CloudTrail",
        Phrase(
            "console sign-ins through the federation endpoint are logged with "
            'mfaAuthenticated: false although {role} needs MFA, so the common "console '
            'sign-in without MFA" alarm fires for them; scope the alarm to IAM users '
            "(ConsoleLogin events whose userIdentity.type is IAMUser and "
            "additionalEventData.MFAUsed is No), or exclude events whose "
            "userIdentity.sessionContext.sessionIssuer.arn is {arn}.",
            role=names.options.role_name,
            arn=names.role_arn,
        ),
    )


def check(names: Names, seen: Observed, asked_durations: Mapping[str, int]) -> list[Finding]:
    """asked_durations: where a duration is asked of this role (profile name -> seconds)."""
    o = names.options
    findings: list[Finding] = []
    if seen.role.exists:
        findings += trust_risks(seen.role.trust, o.role_name, names.account)
        for where, seconds in sorted(asked_durations.items()):
            if seconds > seen.role.max_session:
                message = Phrase(
                    "{where} asks for {seconds} s but the role allows at most {most} s: "
                    "elevation will be refused.",
                    where=where,
                    seconds=seconds,
                    most=seen.role.max_session,
                )
                findings.append(Finding(RISK, o.role_name, message))
        findings += quota_risks(seen.role)
    findings += policy_risks(seen.assume_policy, names)
    findings += policy_risks(seen.credentials_policy, names)
    g = seen.group
    for member in g.members:
        user = seen.users.get(member)
        if user and user.exists and not user.mfa_serials:
            findings.append(
                Finding(
                    RISK,
                    member,
                    Phrase(
                        "the member {member} has no MFA device: they can read nothing and "
                        "cannot elevate until one is added.",
                        member=member,
                    ),
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
    if seen.role.exists:
        findings.append(console_alarm_note(names))
    return findings


def diagnose(iam: Any, names: Names, asked_durations: Mapping[str, int]) -> list[Finding]:
    seen = observe(iam, names)
    for member in seen.group.members:
        if member not in seen.users:
            seen.users[member] = read_user(iam, member)
    return check(names, seen, asked_durations)
