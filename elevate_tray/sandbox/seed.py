"""The seeded account (the seed article's group, policies and MFA-gated role, plus a user
with keys and a virtual MFA device) and the sandbox's own AWS config files."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import pyotp

from . import motoview, seed_policies
from .facts import REGION, SandboxUser, SeededAccount

USER_NAME = "alice"
ROLE_NAME = "AdminRole"
GROUP_NAME = "ReadOnlyUsers"
SOURCE_PROFILE = "sandbox"
TARGET_PROFILE = "sandbox-admin"
# The account's administrator, as a new user of the app has one: AdministratorAccess, long-term
# keys, in no MFA-enforcing group; `elevate-tray setup ... --profile sandbox-account-admin`.
ADMIN_USER_NAME = "sandbox-account-admin"
ADMIN_PROFILE = "sandbox-account-admin"
MANAGED = "arn:{partition}:iam::aws:policy/{name}"


def _policy_arn(backend: Any, ref: str, partition: str) -> str:
    if ref.startswith("arn:"):
        return ref
    for arn, policy in backend.managed_policies.items():
        if policy.name == ref and ":aws:policy" not in arn:
            return str(arn)
    return MANAGED.format(partition=partition, name=ref)


def create_user(
    account_id: str,
    partition: str,
    name: str,
    *,
    groups: Iterable[str] = (),
    policies: Iterable[str | Mapping[str, Any]] = (),
    mfa: bool = True,
    admin: bool = False,
    keys: tuple[str, str] | None = None,
    mfa_secret: str | None = None,
    now: datetime,
) -> SandboxUser:
    """An IAM user with one access key and (by default) an enabled virtual MFA device.

    policies: managed policy ARNs or names (a customer-managed name first, else AWS-managed),
    or inline policy documents (dicts). admin=True attaches AdministratorAccess. The MFA
    device is enabled with the codes of `now` (the sandbox clock's time).
    """
    backend = motoview.iam(account_id, partition)
    user = backend.create_user(region_name=REGION, user_name=name, path="/")
    for group in groups:
        backend.add_user_to_group(group, name)
    refs = list(policies) + (["AdministratorAccess"] if admin else [])
    for i, ref in enumerate(refs, 1):
        if isinstance(ref, Mapping):
            backend.put_user_policy(name, f"inline-{i}", json.dumps(ref))
        else:
            backend.attach_user_policy(_policy_arn(backend, ref, partition), name)
    key = backend.create_access_key(name)
    if keys is not None:
        del backend.access_keys[key.access_key_id]
        key.access_key_id, key.secret_access_key = keys
        backend.access_keys[key.access_key_id] = key
    motoview.date_key(backend, key.access_key_id, now)  # by the sandbox clock, as it lists it
    serial = secret = None
    if mfa:
        device = backend.create_virtual_mfa_device(device_name=name, path="/")
        if mfa_secret:
            device.base32_string_seed = mfa_secret
        serial, secret = device.serial_number, device.base32_string_seed
        totp = pyotp.TOTP(secret)
        window = totp.timecode(now)
        backend.enable_mfa_device(
            name, serial, totp.generate_otp(window - 1), totp.generate_otp(window)
        )
    return SandboxUser(name, user.arn, key.access_key_id, key.secret_access_key, serial, secret)


def seed_account(
    account_id: str, partition: str, remembered: SeededAccount | None, now: datetime
) -> SeededAccount:
    """Build the seed's setup in moto; reuse remembered keys and MFA secret so a restarted
    sandbox keeps working with an authenticator or keyring set up earlier."""
    backend = motoview.iam(account_id, partition)

    def fill(doc: str) -> str:
        return seed_policies.render(
            doc, partition=partition, account_id=account_id, role_name=ROLE_NAME
        )

    assume = backend.create_policy(
        description="Switch to the admin role, only with MFA (seed article)",
        path="/",
        policy_document=fill(seed_policies.ASSUME_ADMIN_ROLE_POLICY),
        policy_name="AssumeAdminRolePolicy",
        tags=[],
    )
    manage = backend.create_policy(
        description="Manage own credentials; deny everything else without MFA (seed article)",
        path="/",
        policy_document=fill(seed_policies.MANAGE_OWN_CREDENTIALS_WITH_MFA_POLICY),
        policy_name="ManageOwnCredentialsWithMFAPolicy",
        tags=[],
    )
    backend.create_group(GROUP_NAME, "/")
    for arn in (MANAGED.format(partition=partition, name="ReadOnlyAccess"), assume.arn, manage.arn):
        backend.attach_group_policy(arn, GROUP_NAME)
    role = backend.create_role(
        role_name=ROLE_NAME,
        assume_role_policy_document=fill(seed_policies.ADMIN_ROLE_TRUST_POLICY),
        path="/",
        permissions_boundary=None,
        description="MFA-gated admin role (seed article)",
        tags=[],
        max_session_duration="3600",
    )
    backend.attach_role_policy(
        MANAGED.format(partition=partition, name="AdministratorAccess"), ROLE_NAME
    )
    same = remembered is not None and remembered.account_id == account_id
    user = create_user(
        account_id,
        partition,
        USER_NAME,
        groups=[GROUP_NAME],
        mfa=True,
        keys=(remembered.access_key_id, remembered.secret_access_key)
        if same and remembered
        else None,
        mfa_secret=remembered.mfa_secret if same and remembered else None,
        now=now,
    )
    old_admin = (
        (remembered.admin_access_key_id, remembered.admin_secret_access_key)
        if same and remembered and remembered.admin_access_key_id
        else None
    )
    admin = create_user(
        account_id, partition, ADMIN_USER_NAME, mfa=False, admin=True, keys=old_admin, now=now
    )
    return SeededAccount(
        account_id=account_id,
        partition=partition,
        user_name=USER_NAME,
        access_key_id=user.access_key_id,
        secret_access_key=user.secret_access_key,
        mfa_serial=str(user.mfa_serial),
        mfa_secret=str(user.mfa_secret),
        role_name=ROLE_NAME,
        role_arn=role.arn,
        group_name=GROUP_NAME,
        target_profile=TARGET_PROFILE,
        source_profile=SOURCE_PROFILE,
        admin_user_name=ADMIN_USER_NAME,
        admin_access_key_id=admin.access_key_id,
        admin_secret_access_key=admin.secret_access_key,
        admin_profile=ADMIN_PROFILE,
    )
