"""Read what exists in the account, for plan, doctor and teardown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.awserrors import not_found
from ..core.errors import Phrase
from .aws import aws_errors, paginate
from .model import MANAGED_TAG_KEY, MANAGED_TAG_VALUE, Names
from .render import Document


def _owned(tags: list[dict[str, str]] | None) -> bool:
    return any(
        t.get("Key") == MANAGED_TAG_KEY and t.get("Value") == MANAGED_TAG_VALUE for t in tags or []
    )


def _tag_map(tags: list[dict[str, str]] | None) -> dict[str, str]:
    return {t["Key"]: t.get("Value", "") for t in tags or [] if "Key" in t}


@dataclass
class PolicyState:
    arn: str
    exists: bool = False
    document: Document | None = None
    default_version: str = ""
    owned: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    versions: list[str] = field(default_factory=list)  # every version's ID
    entities: list[str] = field(default_factory=list)  # "user bob", "group G", "role R"


@dataclass
class GroupState:
    name: str
    exists: bool = False
    path: str = ""
    members: list[str] = field(default_factory=list)
    attached: list[str] = field(default_factory=list)


@dataclass
class RoleState:
    name: str
    exists: bool = False
    trust: Document | None = None
    max_session: int = 0
    owned: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    attached: list[str] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)  # the inline policies' names
    inline_chars: int = 0  # the inline policies' non-whitespace characters (quota 10,240)


@dataclass
class UserState:
    name: str
    exists: bool = False
    mfa_serials: list[str] = field(default_factory=list)


@dataclass
class Observed:
    assume_policy: PolicyState
    credentials_policy: PolicyState
    group: GroupState
    role: RoleState
    users: dict[str, UserState]


def read_policy(iam: Any, arn: str) -> PolicyState:
    state = PolicyState(arn=arn)
    with aws_errors(Phrase("read the policy {arn}", arn=arn)):
        try:
            policy = iam.get_policy(PolicyArn=arn)["Policy"]
        except iam.exceptions.NoSuchEntityException:
            return state
        state.exists = True
        state.default_version = policy["DefaultVersionId"]
        tags = policy.get("Tags")
        if tags is None:
            tags = iam.list_policy_tags(PolicyArn=arn).get("Tags", [])
        state.owned = _owned(tags)
        state.tags = _tag_map(tags)
        version = iam.get_policy_version(PolicyArn=arn, VersionId=state.default_version)
        state.document = _as_document(version["PolicyVersion"]["Document"])
        state.versions = [
            v["VersionId"] for v in iam.list_policy_versions(PolicyArn=arn)["Versions"]
        ]
        attached = iam.list_entities_for_policy(PolicyArn=arn)
        state.entities = [
            f"{kind} {e[key]}"
            for kind, field_name, key in (
                ("group", "PolicyGroups", "GroupName"),
                ("user", "PolicyUsers", "UserName"),
                ("role", "PolicyRoles", "RoleName"),
            )
            for e in attached.get(field_name, [])
        ]
    return state


def _as_document(raw: Any) -> Document:
    import json
    from urllib.parse import unquote

    if isinstance(raw, dict):
        return raw
    text = str(raw)
    try:
        doc: Document = json.loads(text)
    except ValueError:
        doc = json.loads(unquote(text))
    return doc


def read_group(iam: Any, name: str) -> GroupState:
    state = GroupState(name=name)
    with aws_errors(Phrase("read the group {name}", name=name)):
        try:
            pages = paginate(iam, "get_group", "Users", GroupName=name)
        except iam.exceptions.NoSuchEntityException:
            return state
        group = iam.get_group(GroupName=name, MaxItems=1)["Group"]
        state.exists = True
        state.path = group.get("Path", "/")
        state.members = [u["UserName"] for u in pages]
        state.attached = [
            p["PolicyArn"]
            for p in paginate(
                iam, "list_attached_group_policies", "AttachedPolicies", GroupName=name
            )
        ]
    return state


def read_role(iam: Any, name: str) -> RoleState:
    state = RoleState(name=name)
    with aws_errors(Phrase("read the role {name}", name=name)):
        try:
            role = iam.get_role(RoleName=name)["Role"]
        except iam.exceptions.NoSuchEntityException:
            return state
        state.exists = True
        state.trust = _as_document(role.get("AssumeRolePolicyDocument", {}))
        state.max_session = int(role.get("MaxSessionDuration", 3600))
        tags = role.get("Tags")
        if tags is None:
            tags = iam.list_role_tags(RoleName=name).get("Tags", [])
        state.owned = _owned(tags)
        state.tags = _tag_map(tags)
        state.attached = [
            p["PolicyArn"]
            for p in paginate(iam, "list_attached_role_policies", "AttachedPolicies", RoleName=name)
        ]
        state.inline = paginate(iam, "list_role_policies", "PolicyNames", RoleName=name)
        state.inline_chars = sum(
            _chars(iam.get_role_policy(RoleName=name, PolicyName=policy)["PolicyDocument"])
            for policy in state.inline
        )
    return state


def _chars(raw: Any) -> int:
    """A policy's size as IAM's quota counts it: its characters but whitespace."""
    import json

    text = json.dumps(_as_document(raw), separators=(",", ":"), ensure_ascii=False)
    return sum(not ch.isspace() for ch in text)


def read_user(iam: Any, name: str) -> UserState:
    state = UserState(name=name)
    with aws_errors(Phrase("read the user {name}", name=name)):
        try:
            iam.get_user(UserName=name)
        except Exception as exc:
            if not_found(exc):
                return state
            raise
        state.exists = True
        state.mfa_serials = [
            d["SerialNumber"]
            for d in paginate(iam, "list_mfa_devices", "MFADevices", UserName=name)
        ]
    return state


def observe(iam: Any, names: Names, users: list[str] | None = None) -> Observed:
    group = read_group(iam, names.options.group_name)
    wanted = list(dict.fromkeys([*names.options.members, *(users or [])]))
    return Observed(
        assume_policy=read_policy(iam, names.assume_policy_arn),
        credentials_policy=read_policy(iam, names.credentials_policy_arn),
        group=group,
        role=read_role(iam, names.options.role_name),
        users={u: read_user(iam, u) for u in wanted},
    )
