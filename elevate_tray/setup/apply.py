"""Carry out a plan step by step; each step is safe to repeat, so a re-run resumes."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from ..core.awserrors import error_code
from ..core.errors import ElevateError, Phrase, _phrase
from .aws import aws_errors
from .model import GROUP_PATH, MANAGED_TAG_KEY, MANAGED_TAG_VALUE
from .plan import Plan, Step
from .restore import OPERATIONS as ADOPTION_OPERATIONS
from .restore import make_room

log = logging.getLogger(__name__)

# on_step(index, step, status, error): status is "running", "done" or "failed"
StepCallback = Callable[[int, Step, str, BaseException | None], None]
TAGS = [{"Key": MANAGED_TAG_KEY, "Value": MANAGED_TAG_VALUE}]


class StepFailed(ElevateError):
    """A step failed; what ran before it stays done, and apply again continues from here."""

    def __init__(self, sentence: str, index: int, step: Step, cause: ElevateError) -> None:
        super().__init__(sentence)
        self.index = index
        self.step = step
        self.cause = cause
        self.exit_code = cause.exit_code


def _cause(error: ElevateError) -> str:
    """The cause's sentence as a Phrase, so the UI translates it inside StepFailed's own.

    ElevateError keeps its sentence as plain English plus key and params; the Phrase is
    rebuilt from those (errors.py's own rebuilder). A fixed sentence is its own key.
    """
    key = error.key if error.key is not None else error.sentence
    try:
        return _phrase(key, error.params if error.key is not None else {})
    except (KeyError, IndexError, ValueError):  # a fixed sentence with braces in it
        return error.sentence


def _create_policy(iam: Any, step: Step, plan: Plan) -> None:
    iam.create_policy(
        PolicyName=step.params["name"],
        PolicyDocument=json.dumps(step.document),
        Description=f"elevate-tray: {step.summary}"[:1000],
        Tags=TAGS,
    )


def _update_policy(iam: Any, step: Step, plan: Plan) -> None:
    arn = step.params["arn"]
    make_room(iam, arn, step.params["name"])
    iam.create_policy_version(
        PolicyArn=arn, PolicyDocument=json.dumps(step.document), SetAsDefault=True
    )


def _create_group(iam: Any, step: Step, plan: Plan) -> None:
    try:
        iam.create_group(GroupName=step.params["name"], Path=GROUP_PATH)
    except Exception as exc:  # made by a previous run that failed before recording it
        if error_code(exc) != "EntityAlreadyExists":
            raise


def _attach_group_policy(iam: Any, step: Step, plan: Plan) -> None:
    iam.attach_group_policy(GroupName=step.params["group"], PolicyArn=step.params["arn"])


def _create_role(iam: Any, step: Step, plan: Plan) -> None:
    group = plan.names.options.group_name
    iam.create_role(
        RoleName=step.params["name"],
        AssumeRolePolicyDocument=json.dumps(step.document),
        Description=f"elevate-tray: admin role, assumed with MFA by members of {group}",
        MaxSessionDuration=step.params["max"],
        Tags=TAGS,
    )


def _update_trust(iam: Any, step: Step, plan: Plan) -> None:
    iam.update_assume_role_policy(
        RoleName=step.params["name"], PolicyDocument=json.dumps(step.document)
    )


def _update_max_session(iam: Any, step: Step, plan: Plan) -> None:
    iam.update_role(RoleName=step.params["name"], MaxSessionDuration=step.params["max"])


def _attach_role_policy(iam: Any, step: Step, plan: Plan) -> None:
    iam.attach_role_policy(RoleName=step.params["role"], PolicyArn=step.params["arn"])


def _add_member(iam: Any, step: Step, plan: Plan) -> None:
    iam.add_user_to_group(GroupName=step.params["group"], UserName=step.params["user"])


def _delete_policy(iam: Any, step: Step, plan: Plan) -> None:
    arn = step.params["arn"]
    for kind, key, param in (
        ("PolicyGroups", "GroupName", "GroupName"),
        ("PolicyUsers", "UserName", "UserName"),
        ("PolicyRoles", "RoleName", "RoleName"),
    ):
        for entity in iam.list_entities_for_policy(PolicyArn=arn).get(kind, []):
            detach = {
                "PolicyGroups": iam.detach_group_policy,
                "PolicyUsers": iam.detach_user_policy,
                "PolicyRoles": iam.detach_role_policy,
            }[kind]
            detach(PolicyArn=arn, **{param: entity[key]})
    for version in iam.list_policy_versions(PolicyArn=arn)["Versions"]:
        if not version["IsDefaultVersion"]:
            iam.delete_policy_version(PolicyArn=arn, VersionId=version["VersionId"])
    iam.delete_policy(PolicyArn=arn)


def _delete_role(iam: Any, step: Step, plan: Plan) -> None:
    name = step.params["name"]
    for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]:
        iam.detach_role_policy(RoleName=name, PolicyArn=p["PolicyArn"])
    # inline policies include the revocation denies `drop --revoke` writes
    for policy_name in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        iam.delete_role_policy(RoleName=name, PolicyName=policy_name)
    for profile in iam.list_instance_profiles_for_role(RoleName=name)["InstanceProfiles"]:
        iam.remove_role_from_instance_profile(
            InstanceProfileName=profile["InstanceProfileName"], RoleName=name
        )
    iam.delete_role(RoleName=name)


def _delete_group(iam: Any, step: Step, plan: Plan) -> None:
    name = step.params["name"]
    for user in iam.get_group(GroupName=name)["Users"]:
        iam.remove_user_from_group(GroupName=name, UserName=user["UserName"])
    for p in iam.list_attached_group_policies(GroupName=name)["AttachedPolicies"]:
        iam.detach_group_policy(GroupName=name, PolicyArn=p["PolicyArn"])
    for policy_name in iam.list_group_policies(GroupName=name)["PolicyNames"]:
        iam.delete_group_policy(GroupName=name, PolicyName=policy_name)
    iam.delete_group(GroupName=name)


def _detach_group_policy(iam: Any, step: Step, plan: Plan) -> None:
    try:
        iam.detach_group_policy(GroupName=step.params["group"], PolicyArn=step.params["arn"])
    except Exception as exc:
        if error_code(exc) not in ("NoSuchEntity", "NoSuchEntityException"):
            raise


OPERATIONS: dict[str, Callable[[Any, Step, Plan], None]] = {
    "create_policy": _create_policy,
    "update_policy": _update_policy,
    "create_group": _create_group,
    "attach_group_policy": _attach_group_policy,
    "create_role": _create_role,
    "update_trust": _update_trust,
    "update_max_session": _update_max_session,
    "attach_role_policy": _attach_role_policy,
    "add_member": _add_member,
    "delete_policy": _delete_policy,
    "delete_role": _delete_role,
    "delete_group": _delete_group,
    "detach_group_policy": _detach_group_policy,
    **ADOPTION_OPERATIONS,
}


def step_failed(index: int, total: int, step: Step, exc: ElevateError) -> StepFailed:
    """Step `index` of `total` failed: the sentence says what is done and how to go on."""
    return StepFailed(
        Phrase(
            "Step {index} of {total} ({step}) failed: {error} The {done} step(s) "
            "before it are done; run the same setup again to continue from there.",
            index=index,
            total=total,
            step=step.summary,
            error=_cause(exc),
            done=index - 1,
        ),
        index,
        step,
        exc,
    )


def run_steps(iam: Any, plan: Plan, on_step: StepCallback | None = None) -> list[Step]:
    """Run every changing step in order; stop at the first failure with StepFailed."""
    done = []
    todo = plan.changes
    for index, step in enumerate(todo, 1):
        if on_step:
            on_step(index, step, "running", None)
        try:
            with aws_errors(step.summary):
                OPERATIONS[step.op](iam, step, plan)
        except ElevateError as exc:
            log.info("setup step %d (%s) failed", index, step.op)
            if on_step:
                on_step(index, step, "failed", exc)
            raise step_failed(index, len(todo), step, exc) from None
        done.append(step)
        if on_step:
            on_step(index, step, "done", None)
    return done
