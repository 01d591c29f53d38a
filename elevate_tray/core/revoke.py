"""Early revocation: a "drop now" that really drops the role session in AWS.

The session writes, with its own admin rights, a deny for its user just before it is
discarded. All of them live in ONE inline policy of the role, `ElevateTrayRevocations`, one
Deny statement per user, replaced at each drop and removed once the sessions it denies are
dead, so they never pile up against IAM's quota (a role's inline policies together: 10,240
non-whitespace characters).

Each statement denies every session of one user on the role issued before the drop's
cut-off, while such a session can still live; its shape, and how it names the user's sessions
now that each elevation has its own session name, is in core/revocations.py.

The cut-off is AWS's own issue time of the dropped session plus two seconds (see `revoke`).
The expiry is the latest moment a session the statement denies can still be valid: the
latest of the dropped session's expiry, the cut-off plus the role's MaxSessionDuration
(another computer's session of the same user, issued before the cut-off, lives at most that
long) and the expiry of the statement it replaces; never past the cut-off plus 12 hours (the
longest any role session lives). The `aws:CurrentTime` condition is what AWS documents
(a date condition on a global key, ANDed with the others): after the expiry the statement
denies nothing, so it is harmless even before it is pruned, and it carries the date pruning
reads back. A statement with no readable expiry is pruned 12 hours after its cut-off.

Pruning happens at every revoke, and only by AWS's clock, never this computer's: AWS's time
is at least the dropped session's issue time, so every statement whose expiry is before that
is removed, and so is every legacy per-user policy (`ElevateTrayRevoke-<name>`, written by
earlier versions) whose cut-off (its DateLessThan value) is more than 12 hours before it.

Before writing, the non-whitespace characters of all the role's inline policies with the new
document are summed; over the quota, nothing is written and the caller is told so in one
sentence naming the quota (AccessDenied: AWS would refuse it; an admin has to make room), as
it is when AWS itself refuses with LimitExceeded. The write is a read-modify-write: two
drops within the same instant could each overwrite the other's statement, and the write
cannot be read back to check (the session it denies is the one writing). The window is one
round trip; the other user's drop then says "revoked" when it was not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from . import awsclients
from .awserrors import CallContext, explain
from .errors import AccessDenied, Phrase
from .partitions import Arn
from .revocations import LONGEST, compact, dates, merged, size, statements, user_sessions
from .sessions import Credentials, ElevatedSession
from .textrules import LONGEST_SESSION

POLICY_NAME = "ElevateTrayRevocations"
LEGACY_PREFIX = "ElevateTrayRevoke-"
INLINE_QUOTA = 10240  # a role's inline policies together, non-whitespace characters


def quota_refused(role: str, session: ElevatedSession) -> AccessDenied:
    return AccessDenied(
        Phrase(
            "the inline policies of role {role} would go over IAM's quota of 10,240 "
            "characters per role, so it stays valid in AWS until {until}; ask your account "
            "admin to remove inline policies from {role}.",
            role=role,
            until=session.expires_at.astimezone().strftime("%H:%M"),
        )
    )


class _Role:
    """The role's inline policies, through the dropping session's own admin rights."""

    def __init__(self, iam: Any, name: str) -> None:
        self.iam, self.name = iam, name

    def documents(self) -> dict[str, dict[str, Any]]:
        names: list[str] = []
        for page in self.iam.get_paginator("list_role_policies").paginate(RoleName=self.name):
            names.extend(page["PolicyNames"])
        return {n: self.document(n) or {} for n in names}

    def document(self, name: str) -> dict[str, Any] | None:
        try:
            got = self.iam.get_role_policy(RoleName=self.name, PolicyName=name)
        except self.iam.exceptions.NoSuchEntityException:
            return None
        doc = got["PolicyDocument"]
        return json.loads(doc) if isinstance(doc, str) else dict(doc)

    def longest_session(self) -> timedelta:
        try:
            role = self.iam.get_role(RoleName=self.name)["Role"]
            return timedelta(seconds=int(role.get("MaxSessionDuration") or LONGEST_SESSION))
        except Exception:  # noqa: BLE001 - without it, the safe bound is AWS's ceiling
            return LONGEST


def revoke(
    session: ElevatedSession,
    creds: Credentials,
    now: datetime,
    environ: Mapping[str, str] | None = None,
) -> str:
    """Write the deny with the session's own credentials; returns the policy name.

    The cut-off is AWS's own issue time of this session (its Expiration less the granted
    duration) plus two seconds, not this computer's clock (`now` is not used): a clock behind
    AWS's would leave the session alive, one ahead would also deny the user's next elevation.
    Older sessions of the same user are denied too, which is what a drop should mean.
    """
    cutoff = session.started_at + timedelta(seconds=2)
    aws_now = session.started_at  # AWS's clock is at least this: it issued the session then
    role_name = Arn.parse(session.role_session_arn).resource.split("/")[1]
    iam = awsclients.client(
        "iam", region=session.region or "us-east-1", credentials=creds, environ=environ
    )
    action = Phrase("revoke the session on {role}", role=role_name)
    try:
        role = _Role(iam, role_name)
        expiry = max(session.expires_at, cutoff + role.longest_session())
        _write(role, session, cutoff, expiry, aws_now)
    except AccessDenied:
        raise
    except Exception as exc:
        if _code(exc) == "LimitExceeded":
            raise quota_refused(role_name, session) from None
        raise explain(exc, CallContext(action=action)) from None
    return POLICY_NAME


def _write(
    role: _Role, session: ElevatedSession, cutoff: datetime, expiry: datetime, aws_now: datetime
) -> None:
    """Read the role's inline policies, prune, check the quota, write ours."""
    docs = role.documents()
    for name, doc in list(docs.items()):
        if name.startswith(LEGACY_PREFIX) and _legacy_dead(doc, aws_now):
            role.iam.delete_role_policy(RoleName=role.name, PolicyName=name)
            del docs[name]
    who = user_sessions(session)
    ours = merged(docs.pop(POLICY_NAME, None), who, cutoff, expiry, aws_now)
    text = compact(ours)
    total = size(text) + sum(size(compact(d)) for d in docs.values())
    if total > INLINE_QUOTA:
        raise quota_refused(role.name, session)
    role.iam.put_role_policy(RoleName=role.name, PolicyName=POLICY_NAME, PolicyDocument=text)


def _legacy_dead(document: Mapping[str, Any], aws_now: datetime) -> bool:
    """An old per-user policy is dead 12 hours after its cut-off (it records no expiry)."""
    ends = []
    for stmt in statements(document):
        cutoff, _ = dates(stmt)
        if cutoff is None:
            return False
        ends.append(cutoff + LONGEST)
    return bool(ends) and max(ends) <= aws_now


def _code(exc: BaseException) -> str:
    response = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))
