"""Views of moto's IAM state: the one place that knows moto's model attributes. Read-only but
for `date_key`, which dates a key by the sandbox clock (moto stamps the wall clock)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from moto.iam.models import IAMBackend, iam_backends
from moto.sts.models import STSBackend, sts_backends


def iam(account_id: str, partition: str = "aws") -> IAMBackend:
    return iam_backends[account_id][partition]


def sts(account_id: str, partition: str = "aws") -> STSBackend:
    return sts_backends[account_id][partition]


@dataclass(frozen=True)
class LongTermKey:
    access_key_id: str
    secret_access_key: str
    active: bool
    user: Any  # moto User


def find_user_key(backend: IAMBackend, access_key_id: str) -> LongTermKey | None:
    for user in list(backend.users.values()):
        for key in user.access_keys:
            if key.access_key_id == access_key_id:
                return LongTermKey(
                    key.access_key_id, key.secret_access_key, key.status == "Active", user
                )
    return None


def date_key(backend: IAMBackend, access_key_id: str, when: datetime) -> None:
    """Set a user's access key's CreateDate (ListAccessKeys shows it) to `when`."""
    naive = when.astimezone(UTC).replace(tzinfo=None)  # moto keeps naive UTC
    for u in list(backend.users.values()):
        for key in u.access_keys:
            if key.access_key_id == access_key_id:
                key.create_date = naive


def user(backend: IAMBackend, name: str | None) -> Any | None:
    return backend.users.get(name) if name else None


def role_by_arn(backend: IAMBackend, arn: str) -> Any | None:
    for role in list(backend.roles.values()):
        if role.arn == arn:
            return role
    return None


def role_by_name(backend: IAMBackend, name: str) -> Any | None:
    for role in list(backend.roles.values()):
        if role.name == name:
            return role
    return None


def _default_version(policy: Any) -> str:
    for version in policy.versions:
        if version.is_default:
            return str(version.document)
    return "{}"


def user_policies(backend: IAMBackend, u: Any) -> Iterator[str]:
    """The user's identity-based policies: inline, attached, and those of its groups."""
    yield from (str(doc) for doc in u.policies.values())
    yield from (_default_version(p) for p in u.managed_policies.values())
    for group in list(backend.groups.values()):
        if u in group.users:
            yield from (str(doc) for doc in group.policies.values())
            yield from (_default_version(p) for p in group.managed_policies.values())


def role_policies(role: Any) -> Iterator[str]:
    yield from (str(doc) for doc in role.policies.values())
    yield from (_default_version(p) for p in role.managed_policies.values())


def managed_policy_document(backend: IAMBackend, arn: str) -> str | None:
    policy = backend.managed_policies.get(arn)
    return _default_version(policy) if policy is not None else None


def max_session_duration(role: Any) -> int:
    try:
        return int(role.max_session_duration or 3600)
    except (TypeError, ValueError):
        return 3600


def trust_policy(role: Any) -> str:
    doc = role.assume_role_policy_document
    return doc if isinstance(doc, str) else json.dumps(doc)


def mfa_secret(backend: IAMBackend, u: Any, serial: str) -> str | None:
    """The TOTP secret of one of the user's enabled MFA devices, or None if the serial is not
    a device of this user."""
    if serial not in u.mfa_devices:
        return None
    device = backend.virtual_mfa_devices.get(serial)
    return device.base32_string_seed if device is not None else None


def virtual_device_secret(backend: IAMBackend, serial: str) -> str | None:
    device = backend.virtual_mfa_devices.get(serial)
    return device.base32_string_seed if device is not None else None
