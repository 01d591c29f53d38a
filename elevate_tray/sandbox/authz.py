"""Authorization of a request by the caller's identity-based policies, with the request
context AWS builds (aws:MultiFactorAuthPresent, aws:TokenIssueTime, aws:userid, ...)."""

from __future__ import annotations

from datetime import datetime

from . import motoview
from .auth import Caller
from .clock import iso
from .errors import not_authorized
from .policy import Decision, Request, evaluate

Context = dict[str, list[str]]


def request_context(
    caller: Caller,
    now: datetime,
    *,
    region: str = "us-east-1",
    source_ip: str = "127.0.0.1",
    mfa_in_request: bool = False,
) -> Context:
    """The global condition keys for a request by this caller.

    MFA: long-term keys carry no aws:MultiFactorAuthPresent at all (hence the seed's
    BoolIfExists); temporary credentials carry "true" or "false"; an STS call that itself
    passes a valid SerialNumber/TokenCode counts as MFA-authenticated.
    """
    temp = caller.temp
    role_session = temp is not None and temp.kind == "assumed-role"
    ctx: Context = {
        "aws:currenttime": [iso(now)],
        "aws:epochtime": [str(int(now.timestamp()))],
        "aws:securetransport": ["false"],
        "aws:sourceip": [source_ip],
        "aws:requestedregion": [region],
        "aws:principalaccount": [caller.account_id],
        "aws:principalarn": [str(temp.role_arn) if role_session and temp else caller.arn],
        "aws:principaltype": ["AssumedRole" if role_session else "User"],
        "aws:userid": [caller.user_id],
    }
    if caller.is_user and caller.user_name:
        ctx["aws:username"] = [caller.user_name]
    if temp is not None:
        ctx["aws:tokenissuetime"] = [iso(temp.issued_at)]
        ctx["aws:multifactorauthpresent"] = ["true" if temp.mfa_present else "false"]
        if temp.mfa_present and temp.mfa_authenticated_at is not None:
            age = int((now - temp.mfa_authenticated_at).total_seconds())
            ctx["aws:multifactorauthage"] = [str(max(age, 0))]
        if temp.source_identity:
            ctx["aws:sourceidentity"] = [temp.source_identity]
        for key, value in temp.tags.items():
            ctx[f"aws:principaltag/{key.lower()}"] = [value]
    if mfa_in_request:
        ctx["aws:multifactorauthpresent"] = ["true"]
        ctx["aws:multifactorauthage"] = ["0"]
    return ctx


def identity_policies(caller: Caller) -> list[str]:
    backend = motoview.iam(caller.account_id, caller.partition)
    temp = caller.temp
    if temp is not None and temp.kind == "assumed-role":
        role = motoview.role_by_arn(backend, str(temp.role_arn))
        return list(motoview.role_policies(role)) if role is not None else []
    u = motoview.user(backend, caller.user_name)
    return list(motoview.user_policies(backend, u)) if u is not None else []


def decide(caller: Caller, action: str, resource: str, context: Context) -> Decision:
    """Identity policies, intersected with the session policies an AssumeRole passed."""
    request = Request(action, resource, context)
    decision = evaluate(identity_policies(caller), request)
    session = caller.temp.session_policies if caller.temp is not None else ()
    if session and decision is Decision.ALLOW:
        decision = evaluate(session, request)
    elif session and evaluate(session, request) is Decision.EXPLICIT_DENY:
        decision = Decision.EXPLICIT_DENY
    return decision


def authorize(caller: Caller, action: str, resource: str, context: Context) -> None:
    """Raise AWS's AccessDenied unless the caller's policies allow the action."""
    decision = decide(caller, action, resource, context)
    if decision is not Decision.ALLOW:
        raise not_authorized(caller.arn, action, resource, decision.value)
