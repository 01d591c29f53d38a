"""Apply's operations for adopted resources: take one over, and put it back at teardown."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from ..core.awserrors import error_code
from ..core.errors import ConfigError, Phrase
from .adopt import (
    ADOPTED_TAG,
    ADOPTION_TAGS,
    GROUP,
    MAX_POLICY_VERSIONS,
    PREVIOUS_MAX_SESSION_TAG,
    PREVIOUS_VERSION_TAG,
    PRIOR_VERSIONS_TAG,
    ROLE,
    setup_id,
)
from .steps import Plan, Step


def _tags(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in values.items()]


def _records(plan: Plan) -> Any:
    from .adopt import Records

    return plan.records or Records(None)


@contextlib.contextmanager
def _gone_is_fine() -> Any:
    try:
        yield
    except Exception as exc:
        if error_code(exc) not in ("NoSuchEntity", "NoSuchEntityException"):
            raise


def adopt_policy(iam: Any, step: Step, plan: Plan) -> None:
    p = step.params
    values = {
        ADOPTED_TAG: setup_id(plan.names),
        PREVIOUS_VERSION_TAG: p["previous"],
        PRIOR_VERSIONS_TAG: " ".join(p["versions"]),
    }
    iam.tag_policy(PolicyArn=p["arn"], Tags=_tags(values))


def adopt_group(iam: Any, step: Step, plan: Plan) -> None:
    _records(plan).remember(GROUP, step.params["name"], step.params["before"])


def adopt_role(iam: Any, step: Step, plan: Plan) -> None:
    p = step.params
    _records(plan).remember(ROLE, p["name"], {**p["before"], "max": p["max"]})
    values = {ADOPTED_TAG: setup_id(plan.names), PREVIOUS_MAX_SESSION_TAG: str(p["max"])}
    iam.tag_role(RoleName=p["name"], Tags=_tags(values))


def prior_versions(iam: Any, arn: str) -> list[str]:
    """The versions an adopted policy had before this setup wrote any (none: it made them)."""
    tags = iam.list_policy_tags(PolicyArn=arn).get("Tags", [])
    for tag in tags:
        if tag.get("Key") == PRIOR_VERSIONS_TAG:
            return str(tag.get("Value", "")).split()
    return []


def make_room(iam: Any, arn: str, name: str) -> None:
    """Delete the oldest version the setup wrote when the policy has five; never another's."""
    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    if len(versions) < MAX_POLICY_VERSIONS:
        return
    keep = set(prior_versions(iam, arn))
    ours = [v for v in versions if not v["IsDefaultVersion"] and v["VersionId"] not in keep]
    if not ours:
        raise ConfigError(
            Phrase(
                "The policy {name} has {count} versions and none of them can be deleted by "
                "this setup; delete a version you no longer need and apply again.",
                name=name,
                count=len(versions),
            )
        )
    oldest = min(ours, key=lambda v: v["CreateDate"])
    iam.delete_policy_version(PolicyArn=arn, VersionId=oldest["VersionId"])


def restore_policy(iam: Any, step: Step, plan: Plan) -> None:
    """The previous default version back, the setup's versions and tags gone."""
    p = step.params
    arn = p["arn"]
    if p["previous"]:
        iam.set_default_policy_version(PolicyArn=arn, VersionId=p["previous"])
    keep = set(p["versions"])
    for version in iam.list_policy_versions(PolicyArn=arn)["Versions"]:
        if version["VersionId"] not in keep and not version["IsDefaultVersion"]:
            iam.delete_policy_version(PolicyArn=arn, VersionId=version["VersionId"])
    iam.untag_policy(PolicyArn=arn, TagKeys=list(ADOPTION_TAGS))


def restore_group(iam: Any, step: Step, plan: Plan) -> None:
    """Detach the policies and remove the members the setup added; keep the rest."""
    name, before = step.params["name"], step.params["before"]
    attached = iam.list_attached_group_policies(GroupName=name)["AttachedPolicies"]
    for policy in attached:
        if policy["PolicyArn"] not in before["attached"]:
            with _gone_is_fine():
                iam.detach_group_policy(GroupName=name, PolicyArn=policy["PolicyArn"])
    for user in iam.get_group(GroupName=name)["Users"]:
        if user["UserName"] not in before["members"]:
            iam.remove_user_from_group(GroupName=name, UserName=user["UserName"])
    _records(plan).forget(GROUP, name)


def restore_role(iam: Any, step: Step, plan: Plan) -> None:
    """Trust policy, attached and inline policies and maximum session as they were."""
    name, before = step.params["name"], step.params["before"]
    iam.update_assume_role_policy(RoleName=name, PolicyDocument=json.dumps(before["trust"]))
    now = [
        p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
    ]
    for arn in now:
        if arn not in before["attached"]:
            iam.detach_role_policy(RoleName=name, PolicyArn=arn)
    for arn in before["attached"]:
        if arn not in now:
            iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    # inline policies the app added (the revocation denies of `drop --revoke`)
    for policy_name in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        if policy_name not in before.get("inline", []):
            iam.delete_role_policy(RoleName=name, PolicyName=policy_name)
    if before.get("max"):
        iam.update_role(RoleName=name, MaxSessionDuration=int(before["max"]))
    iam.untag_role(RoleName=name, TagKeys=list(ADOPTION_TAGS))
    _records(plan).forget(ROLE, name)


OPERATIONS = {
    "adopt_policy": adopt_policy,
    "adopt_group": adopt_group,
    "adopt_role": adopt_role,
    "restore_policy": restore_policy,
    "restore_group": restore_group,
    "restore_role": restore_role,
}
