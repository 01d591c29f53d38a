"""Early revocation: a "drop now" that really drops the role session in AWS.

The session writes, with its own admin rights, a deny for itself just before it is
discarded: Deny * where aws:userid is this session and the token was issued before now.
One inline policy per user, replaced each time, so policies never pile up.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from . import awsclients
from .awserrors import CallContext, explain
from .clock import format_iso
from .errors import Phrase
from .partitions import Arn
from .sessions import Credentials, ElevatedSession

POLICY_PREFIX = "ElevateTrayRevoke-"


def revoke_policy(session: ElevatedSession, now: datetime) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "RevokeElevateTraySession",
                "Effect": "Deny",
                "Action": "*",
                "Resource": "*",
                "Condition": {
                    "StringLike": {"aws:userid": session.assumed_role_id},
                    "DateLessThan": {"aws:TokenIssueTime": format_iso(now)},
                },
            }
        ],
    }


def revoke(
    session: ElevatedSession,
    creds: Credentials,
    now: datetime,
    environ: Mapping[str, str] | None = None,
) -> str:
    """Write the deny with the session's own credentials; returns the policy name.

    The cut-off is AWS's own issue time of this session (its Expiration less the granted
    duration) plus two seconds, not this computer's clock: a clock behind AWS's would leave the
    session alive, one ahead would also deny the user's next elevation. Older sessions of the
    same user are denied too, which is what a drop should mean.
    """
    now = session.started_at + timedelta(seconds=2)
    role_name = Arn.parse(session.role_session_arn).resource.split("/")[1]
    policy_name = f"{POLICY_PREFIX}{session.role_session_name or session.user_name}"[:128]
    iam = awsclients.client(
        "iam", region=session.region or "us-east-1", credentials=creds, environ=environ
    )
    try:
        iam.put_role_policy(
            RoleName=role_name,
            PolicyName=policy_name,
            PolicyDocument=json.dumps(revoke_policy(session, now)),
        )
    except Exception as exc:
        action = Phrase("revoke the session on {role}", role=role_name)
        raise explain(exc, CallContext(action=action)) from None
    return policy_name
