"""Seeding the organization sandbox's users (org-contract.md) and writing its AWS files.

management 111111111111: `org-admin` (AdministratorAccess, keys, no MFA), profile
`sandbox-org-admin`. identity 111122223333: `alice` (keys and an enabled virtual MFA device,
in no group), profile `sandbox`; `sandbox-account-admin` (AdministratorAccess, keys and an
enabled virtual MFA device), profile `sandbox-identity-admin`. Members: nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from .facts import REGION, SandboxUser, SeededAccount, _write_private
from .org_model import IDENTITY, MANAGEMENT
from .seed import ADMIN_USER_NAME, SOURCE_PROFILE, USER_NAME, create_user

ORG_ADMIN_USER = "org-admin"
ORG_ADMIN_PROFILE = "sandbox-org-admin"
IDENTITY_ADMIN_PROFILE = "sandbox-identity-admin"


@dataclass(frozen=True)
class OrgUser:
    account_id: str
    profile: str
    user: SandboxUser


# user name -> (account, profile, has an MFA device)
_USERS = (
    (ORG_ADMIN_USER, MANAGEMENT, ORG_ADMIN_PROFILE, False),
    (USER_NAME, IDENTITY, SOURCE_PROFILE, True),
    (ADMIN_USER_NAME, IDENTITY, IDENTITY_ADMIN_PROFILE, True),
)


def remembered_users(facts: dict[str, Any] | None) -> dict[str, dict[str, str]]:
    """The org users' keys and MFA secrets a sandbox started earlier in this home wrote."""
    org = facts.get("organization") if facts else None
    users = org.get("users") if isinstance(org, dict) else None
    if not isinstance(users, dict):
        return {}
    return {str(k): v for k, v in users.items() if isinstance(v, dict)}


def seed_users(
    partition: str, remembered: dict[str, dict[str, str]], now: datetime
) -> dict[str, OrgUser]:
    seeded = {}
    for name, account_id, profile, mfa in _USERS:
        old = remembered.get(name, {})
        same = old.get("account_id") == account_id and old.get("access_key_id")
        keys = (str(old["access_key_id"]), str(old["secret_access_key"])) if same else None
        user = create_user(
            account_id,
            partition,
            name,
            mfa=mfa,
            admin=name != USER_NAME,
            keys=keys,
            mfa_secret=str(old.get("mfa_secret") or "") or None if same else None,
            now=now,
        )
        seeded[name] = OrgUser(account_id, profile, user)
    return seeded


def identity_account(users: dict[str, OrgUser], partition: str) -> SeededAccount:
    """alice in the identity account, as `Sandbox.account` and `sandbox code` see her."""
    alice, admin = users[USER_NAME].user, users[ADMIN_USER_NAME].user
    return SeededAccount(
        account_id=IDENTITY,
        partition=partition,
        user_name=alice.user_name,
        access_key_id=alice.access_key_id,
        secret_access_key=alice.secret_access_key,
        mfa_serial=str(alice.mfa_serial),
        mfa_secret=str(alice.mfa_secret),
        role_name="",
        role_arn="",
        group_name="",
        target_profile="",
        source_profile=SOURCE_PROFILE,
        admin_user_name=admin.user_name,
        admin_access_key_id=admin.access_key_id,
        admin_secret_access_key=admin.secret_access_key,
        admin_profile=IDENTITY_ADMIN_PROFILE,
    )


def write_org_aws_files(config: Any, credentials: Any, users: dict[str, OrgUser]) -> None:
    """One profile per seeded user (long-term keys); the MFA device's serial beside it."""
    conf, cred = [], []
    for o in users.values():
        conf.append(f"[profile {o.profile}]\nregion = {REGION}\n")
        if o.user.mfa_serial and o.profile != SOURCE_PROFILE:
            conf.append(f"mfa_serial = {o.user.mfa_serial}\n")
        cred.append(
            f"[{o.profile}]\naws_access_key_id = {o.user.access_key_id}\n"
            f"aws_secret_access_key = {o.user.secret_access_key}\n"
        )
    _write_private(config, "".join(conf))
    _write_private(credentials, "".join(cred))


def org_facts(org: Any, users: dict[str, OrgUser]) -> dict[str, Any]:
    """sandbox.json's "organization": accounts, OUs, users (keys, serials, secrets)."""
    return {
        "id": org.id,
        "management_account": org.management,
        "root": org.root,
        "accounts": [
            {
                "id": a.id,
                "name": a.name,
                "parent": a.parent,
                "ou_name": org.ous[a.parent].name if a.parent in org.ous else "Root",
            }
            for a in org.accounts.values()
        ],
        "ous": [{"id": o.id, "name": o.name, "parent": o.parent} for o in org.ous.values()],
        "users": {
            name: {"account_id": o.account_id, "profile": o.profile, **asdict(o.user)}
            for name, o in users.items()
        },
    }
