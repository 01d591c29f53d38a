"""The resource ARN an IAM or STS request acts on, for matching policies' Resource element.

A table of the IAM/STS actions the product, the setup engine and the tests use; any other
action is checked against "*" (as AWS does for actions without resource types).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .auth import Caller

# Actions whose UserName defaults to the caller (for IAM users) when omitted.
SELF_USER_ACTIONS = frozenset(
    {
        "GetUser",
        "ListAccessKeys",
        "CreateAccessKey",
        "UpdateAccessKey",
        "DeleteAccessKey",
        "ListMFADevices",
        "ListSigningCertificates",
        "UploadSigningCertificate",
        "UpdateSigningCertificate",
        "DeleteSigningCertificate",
        "ListSSHPublicKeys",
        "ListServiceSpecificCredentials",
        "ChangePassword",
        "GetLoginProfile",
    }
)

_GROUP_ACTIONS = frozenset({"AddUserToGroup", "RemoveUserFromGroup"})
_NO_RESOURCE = frozenset(
    {
        "ListUsers",
        "ListRoles",
        "ListGroups",
        "ListPolicies",
        "GetAccountSummary",
        "GetAccountPasswordPolicy",
        "ListVirtualMFADevices",
        "ListAccountAliases",
        "GetAccountAuthorizationDetails",
        "GenerateCredentialReport",
        "GetCredentialReport",
        "CreateAccountAlias",
        "DeleteAccountAlias",
        "UpdateAccountPasswordPolicy",
    }
)


def _path_of(entities: Mapping[str, Any] | list[Any], name: str) -> str:
    items = entities.values() if isinstance(entities, Mapping) else entities
    for item in items:
        if getattr(item, "name", None) == name:
            return str(getattr(item, "path", "/") or "/")
    return "/"


def iam_resource(action: str, params: Mapping[str, str], caller: Caller, backend: Any) -> str:
    acct, part = caller.account_id, caller.partition
    base = f"arn:{part}:iam::{acct}:"

    def user_arn(name: str, path: str | None = None) -> str:
        return f"{base}user{path or _path_of(backend.users, name)}{name}"

    if action in _NO_RESOURCE:
        return "*"
    if action in _GROUP_ACTIONS or ("GroupName" in params and "UserName" not in params):
        group = params.get("GroupName", "")
        path = params.get("Path") if action == "CreateGroup" else None
        return f"{base}group{path or _path_of(backend.groups, group)}{group}"
    if "UserName" in params or action in SELF_USER_ACTIONS or action.endswith("UserPolicy"):
        user = params.get("UserName") or (caller.user_name if caller.is_user else None)
        if user is None:
            return "*"
        return user_arn(user, params.get("Path") if action == "CreateUser" else None)
    if "RoleName" in params:
        name = params["RoleName"]
        roles = list(backend.roles.values())
        path = params.get("Path") if action == "CreateRole" else None
        return f"{base}role{path or _path_of(roles, name)}{name}"
    if action == "CreateVirtualMFADevice":
        return f"{base}mfa{params.get('Path') or '/'}{params.get('VirtualMFADeviceName', '')}"
    if action == "DeleteVirtualMFADevice":
        return params.get("SerialNumber", "*")
    if action == "CreatePolicy":
        return f"{base}policy{params.get('Path') or '/'}{params.get('PolicyName', '')}"
    if "PolicyArn" in params:
        return params["PolicyArn"]
    if action == "GetAccessKeyLastUsed":
        for u in list(backend.users.values()):
            if any(k.access_key_id == params.get("AccessKeyId") for k in u.access_keys):
                return user_arn(u.name, u.path)
        return "*"
    if "InstanceProfileName" in params:
        return f"{base}instance-profile/{params['InstanceProfileName']}"
    return "*"


def resource_for(
    service: str, action: str, params: Mapping[str, str], caller: Caller, backend: Any
) -> str:
    if service == "iam":
        return iam_resource(action, params, caller, backend)
    if service == "sts" and "RoleArn" in params:
        return params["RoleArn"]
    return "*"
