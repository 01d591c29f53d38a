"""IAM's size quotas that the sandbox enforces as AWS does (IAM and STS quotas)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import motoview
from .errors import AwsError

# A role's inline policies together: at most this many characters, whitespace not counted.
ROLE_INLINE_POLICIES_QUOTA = 10240


def _size(document: str) -> int:
    return sum(1 for ch in document if not ch.isspace())


def check_role_inline_policies(backend: Any, params: Mapping[str, str]) -> None:
    """PutRolePolicy: the role's inline policies after this write must fit the quota (the
    policy of the same name is replaced, so it counts once, with its new document)."""
    name = params.get("RoleName", "")
    role = motoview.role_by_name(backend, name)
    if role is None:
        return  # moto answers NoSuchEntity
    written = params.get("PolicyName", "")
    total = _size(params.get("PolicyDocument", ""))
    total += sum(_size(str(doc)) for key, doc in role.policies.items() if key != written)
    if total > ROLE_INLINE_POLICIES_QUOTA:
        raise AwsError(
            "LimitExceeded",
            f"Maximum policy size of {ROLE_INLINE_POLICIES_QUOTA} bytes exceeded for role {name}",
            409,
        )
