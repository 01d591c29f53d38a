"""Who a policy admits: a trust (or identity) policy evaluated over a matrix of callers and
MFA contexts, the way `setup doctor` looks for a door left open.

Conditions on keys the matrix does not vary (a source IP, a tag, an organization) are taken
as met by some caller: an Allow that holds only from one network still admits someone
without MFA. A Deny that depends on such a key is taken as not applying, for the same reason.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .policy import Decision, Principal, Request, TrustMatch, as_text, evaluate, evaluate_trust

MFA_PRESENT = "aws:multifactorauthpresent"
MFA_AGE = "aws:multifactorauthage"
PRINCIPAL_ACCOUNT = "aws:principalaccount"
_VARIED = {MFA_PRESENT, MFA_AGE, PRINCIPAL_ACCOUNT}
TEN_DAYS = str(10 * 24 * 3600)
# aws:MultiFactorAuthPresent true / false / absent x aws:MultiFactorAuthAge small / large / absent
CONTEXTS: tuple[dict[str, list[str]], ...] = tuple(
    {
        **({MFA_PRESENT: [present]} if present else {}),
        **({MFA_AGE: [age]} if age else {}),
    }
    for present, age in itertools.product(("true", "false", None), ("60", TEN_DAYS, None))
)
PROBE_USER = "elevate-tray-doctor-probe"
_ACCOUNT_IN_ARN = re.compile(r"^arn:[^:]*:[^:]*:[^:]*:(\d{12}):")

ACCOUNT, OTHER_ACCOUNT, ANONYMOUS = "account", "other-account", "anonymous"


def without_mfa(context: Mapping[str, Sequence[str]]) -> bool:
    """A context in which no MFA was used: not MultiFactorAuthPresent true, and no age."""
    return list(context.get(MFA_PRESENT, [])) != ["true"] and MFA_AGE not in context


def describe(context: Mapping[str, Sequence[str]]) -> str:
    """The MFA keys of a context as a policy names them, e.g. `aws:MultiFactorAuthPresent
    false, aws:MultiFactorAuthAge absent`."""
    present = context.get(MFA_PRESENT)
    age = context.get(MFA_AGE)
    return (
        f"aws:MultiFactorAuthPresent {present[0] if present else 'absent'}, "
        f"aws:MultiFactorAuthAge {age[0] if age else 'absent'}"
    )


@dataclass(frozen=True)
class Caller:
    kind: str  # ACCOUNT | OTHER_ACCOUNT | ANONYMOUS
    principal: Principal

    @property
    def account_id(self) -> str:
        return self.principal.account_id

    def context(self, mfa: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
        ctx = {k: list(v) for k, v in mfa.items()}
        if self.account_id:
            ctx[PRINCIPAL_ACCOUNT] = [self.account_id]
            ctx["aws:username"] = [PROBE_USER]
        return ctx


@dataclass(frozen=True)
class Admission:
    statement: str  # its Sid, or its position (1-based)
    caller: Caller
    context: dict[str, list[str]]  # the MFA keys only


def _statements(document: str | Mapping[str, Any]) -> list[dict[str, Any]]:
    data = json.loads(as_text(document)) if isinstance(document, str) else dict(document)
    raw = data.get("Statement", [])
    return [dict(s) for s in ([raw] if isinstance(raw, Mapping) else raw)]


def label(statement: Mapping[str, Any], index: int) -> str:
    sid = statement.get("Sid")
    return str(sid) if sid else str(index)


def _relaxed(statement: dict[str, Any]) -> dict[str, Any] | None:
    """The statement with its conditions on unvaried keys taken as met (Allow) or the
    statement dropped (Deny); None when it is dropped."""
    condition = statement.get("Condition") or {}
    kept: dict[str, Any] = {}
    loose = False
    for operator, clauses in condition.items():
        if not isinstance(clauses, Mapping):
            kept[operator] = clauses
            continue
        mine = {k: v for k, v in clauses.items() if k.lower() in _VARIED}
        loose = loose or len(mine) < len(clauses)
        if mine:
            kept[operator] = mine
    if loose and statement.get("Effect") == "Deny":
        return None
    return {**statement, "Condition": kept}


def _document(statements: Iterable[dict[str, Any] | None]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": [s for s in statements if s is not None]}


def _named_arns(statements: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for st in statements:
        for element in (st.get("Principal"), st.get("NotPrincipal")):
            if isinstance(element, Mapping):
                aws = element.get("AWS")
                out += [str(v) for v in (aws if isinstance(aws, list) else [aws]) if v]
    return out


def _account_of(value: str) -> str:
    if re.fullmatch(r"\d{12}", value):
        return value
    m = _ACCOUNT_IN_ARN.match(value)
    return m.group(1) if m else ""


def callers(document: str | Mapping[str, Any], account_id: str, partition: str) -> list[Caller]:
    """A user of this account, a principal of every other account the document names (or of
    a made-up one), and an anonymous caller."""
    named = _named_arns(_statements(document))
    ours = [a for a in named if _account_of(a) == account_id and a.startswith("arn:")]
    user = f"arn:{partition}:iam::{account_id}:user/{PROBE_USER}"
    out = [Caller(ACCOUNT, Principal(account_id, partition, [user, *ours]))]
    others = sorted({_account_of(a) for a in named} - {"", account_id})
    for other in others or ["111111111111" if account_id != "111111111111" else "222222222222"]:
        arns = [a for a in named if _account_of(a) == other and a.startswith("arn:")]
        out.append(Caller(OTHER_ACCOUNT, Principal(other, partition, arns)))
    out.append(Caller(ANONYMOUS, Principal("", partition, [])))
    return out


def trust_admissions(
    document: str | Mapping[str, Any], account_id: str, partition: str
) -> list[Admission]:
    """Every (Allow statement, caller) pair that admits the caller to sts:AssumeRole in some
    MFA context, with the first such context (MFA-less ones first)."""
    statements = _statements(document)
    relaxed = [_relaxed(s) for s in statements]
    whole = _document(relaxed)
    ordered = sorted(CONTEXTS, key=lambda c: not without_mfa(c))
    found: list[Admission] = []
    for caller in callers(document, account_id, partition):
        for i, st in enumerate(relaxed):
            if st is None or st.get("Effect") != "Allow":
                continue
            for mfa in ordered:
                ctx = caller.context(mfa)
                if _trusts(whole, caller, ctx) and _trusts(_document([st]), caller, ctx):
                    found.append(Admission(label(statements[i], i + 1), caller, mfa))
                    break
    return found


def _trusts(document: Mapping[str, Any], caller: Caller, ctx: dict[str, list[str]]) -> bool:
    match = evaluate_trust(document, caller.principal, "sts:AssumeRole", ctx)
    return match in (TrustMatch.ACCOUNT, TrustMatch.DIRECT)


def identity_admissions(
    document: str | Mapping[str, Any], caller: Caller, role_arn: str
) -> list[Admission]:
    """The Allow statements of an identity policy that let the caller call sts:AssumeRole on
    the role without MFA, each with the first MFA-less context that does."""
    statements = _statements(document)
    relaxed = [_relaxed(s) for s in statements]
    whole = _document(relaxed)
    found: list[Admission] = []
    for i, st in enumerate(relaxed):
        if st is None or st.get("Effect") != "Allow":
            continue
        for mfa in (c for c in CONTEXTS if without_mfa(c)):
            request = Request("sts:AssumeRole", role_arn, caller.context(mfa))
            if (
                evaluate([whole], request) is Decision.ALLOW
                and evaluate([_document([st])], request) is Decision.ALLOW
            ):
                found.append(Admission(label(statements[i], i + 1), caller, mfa))
                break
    return found
