"""Carry out the Organization side of a plan: trusted access, the StackSet, its instances
(each operation followed to its end, per account), and the management account's plain stack.

Every wait is on the clock given (a test's clock just moves on); every step is safe to repeat,
so an apply that was interrupted finishes when run again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.awserrors import error_code
from ..core.clock import Clock
from ..core.errors import ConfigError, NetworkError, Phrase
from .aws import aws_errors, paginate
from .org_model import (
    AUTO_DEPLOYMENT,
    CAPABILITIES,
    MANAGEMENT_STACK_NAME,
    OPERATION_TIMEOUT,
    POLL_SECONDS,
    STACK_TAGS,
    STACKSET_NAME,
    as_cfn_parameters,
    stack_tags,
    template_body,
)
from .org_observe import RUNNING
from .steps import Step

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccountResult:
    account: str
    status: str  # SUCCEEDED | FAILED | CANCELLED ...
    reason: str = ""


# on_account(result): one account's result of a StackSet operation, as soon as it is known
AccountCallback = Callable[[AccountResult], None]


@dataclass
class OrgContext:
    """What the operations need: the org profile's CloudFormation, how to call, the clock."""

    cfn: Any
    call_as: str
    region: str
    clock: Clock
    on_account: AccountCallback | None = None
    failed: list[AccountResult] | None = None
    org: Any = None  # the org profile's Organizations (the resource policy's steps)
    records: Any = None  # adopt.Records: an adopted resource policy's previous document

    def __post_init__(self) -> None:
        if self.failed is None:
            self.failed = []


def _waited_too_long(what: str) -> NetworkError:
    return NetworkError(
        Phrase(
            "{what} did not finish within an hour; run `elevate-tray setup org apply` again "
            "later to follow it to its end.",
            what=what,
        )
    )


def follow_operation(ctx: OrgContext, operation: str) -> list[AccountResult]:
    """Wait for a StackSet operation; each account's result is passed on once, as it comes."""
    start = ctx.clock.now()
    told: set[str] = set()
    results: list[AccountResult] = []
    doing = Phrase("follow the StackSet operation {operation}", operation=operation)
    while True:
        with aws_errors(doing):
            op = ctx.cfn.describe_stack_set_operation(
                StackSetName=STACKSET_NAME, OperationId=operation, CallAs=ctx.call_as
            )["StackSetOperation"]
            rows = paginate(
                ctx.cfn,
                "list_stack_set_operation_results",
                "Summaries",
                StackSetName=STACKSET_NAME,
                OperationId=operation,
                CallAs=ctx.call_as,
            )
        done = op.get("Status") not in RUNNING
        for row in rows:
            status = row.get("Status", "")
            if row["Account"] in told or (status in RUNNING + ("PENDING",) and not done):
                continue
            told.add(row["Account"])
            result = AccountResult(row["Account"], status, row.get("StatusReason", ""))
            results.append(result)
            if status != "SUCCEEDED":
                assert ctx.failed is not None
                ctx.failed.append(result)
            if ctx.on_account:
                ctx.on_account(result)
        if done:
            return results
        if (ctx.clock.now() - start).total_seconds() > OPERATION_TIMEOUT:
            raise _waited_too_long(
                Phrase("The StackSet operation {operation}", operation=operation)
            )
        ctx.clock.sleep(POLL_SECONDS)


def _activate(ctx: OrgContext, step: Step) -> None:
    ctx.cfn.activate_organizations_access()


def _create_stackset(ctx: OrgContext, step: Step) -> None:
    try:
        ctx.cfn.create_stack_set(
            StackSetName=STACKSET_NAME,
            Description="elevate-tray: the member accounts' AdminRole and ReadOnlyRole",
            TemplateBody=template_body(),
            Parameters=as_cfn_parameters(step.params["parameters"]),
            Capabilities=CAPABILITIES,
            Tags=STACK_TAGS,
            PermissionModel="SERVICE_MANAGED",
            AutoDeployment=AUTO_DEPLOYMENT,
            CallAs=ctx.call_as,
        )
    except Exception as exc:  # made by an apply that was interrupted right after
        if error_code(exc) != "NameAlreadyExistsException":
            raise


def _update_stackset(ctx: OrgContext, step: Step) -> None:
    answer = ctx.cfn.update_stack_set(
        StackSetName=STACKSET_NAME,
        TemplateBody=template_body(),
        Parameters=as_cfn_parameters(step.params["parameters"]),
        Capabilities=CAPABILITIES,
        PermissionModel="SERVICE_MANAGED",
        AutoDeployment=AUTO_DEPLOYMENT,
        CallAs=ctx.call_as,
    )
    if answer.get("OperationId"):
        follow_operation(ctx, answer["OperationId"])


def _create_instances(ctx: OrgContext, step: Step) -> None:
    targets: dict[str, Any] = {"OrganizationalUnitIds": [step.params["ou"]]}
    if step.params["accounts"]:  # accounts only narrow the OU
        targets["Accounts"] = step.params["accounts"]
        targets["AccountFilterType"] = "INTERSECTION"
    answer = ctx.cfn.create_stack_instances(
        StackSetName=STACKSET_NAME,
        DeploymentTargets=targets,
        Regions=[ctx.region],
        CallAs=ctx.call_as,
    )
    follow_operation(ctx, answer["OperationId"])


def _stack_failure(cfn: Any) -> str:
    events = cfn.describe_stack_events(StackName=MANAGEMENT_STACK_NAME).get("StackEvents", [])
    reasons = [
        e.get("ResourceStatusReason", "")
        for e in events
        if str(e.get("ResourceStatus", "")).endswith("FAILED") and e.get("ResourceStatusReason")
    ]
    return reasons[-1] if reasons else ""


def wait_stack(ctx: OrgContext, gone_ok: bool = False) -> str:
    """Wait for the plain stack to settle; its final status ("" once deleted)."""
    start = ctx.clock.now()
    while True:
        try:
            stacks = ctx.cfn.describe_stacks(StackName=MANAGEMENT_STACK_NAME)["Stacks"]
        except Exception as exc:
            if gone_ok and error_code(exc) == "ValidationError":
                return ""
            raise
        status = str(stacks[0].get("StackStatus", "")) if stacks else ""
        if not status or status == "DELETE_COMPLETE":
            return ""
        if not status.endswith("_IN_PROGRESS"):
            return status
        if (ctx.clock.now() - start).total_seconds() > OPERATION_TIMEOUT:
            raise _waited_too_long(Phrase("The stack {name}", name=MANAGEMENT_STACK_NAME))
        ctx.clock.sleep(POLL_SECONDS)


def _settled(ctx: OrgContext) -> None:
    status = wait_stack(ctx)
    if status in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
        return
    reason = _stack_failure(ctx.cfn) or status
    raise ConfigError(
        Phrase(
            "The plain stack {name} in the management account failed ({reason}); fix that "
            "and run `elevate-tray setup org apply` again.",
            name=MANAGEMENT_STACK_NAME,
            reason=reason,
        )
    )


def _create_stack(ctx: OrgContext, step: Step) -> None:
    if step.params.get("replace"):  # a first create that rolled back must go first
        ctx.cfn.delete_stack(StackName=MANAGEMENT_STACK_NAME)
        wait_stack(ctx, gone_ok=True)
    ctx.cfn.create_stack(
        StackName=MANAGEMENT_STACK_NAME,
        TemplateBody=template_body(),
        Parameters=as_cfn_parameters(step.params["parameters"]),
        Capabilities=CAPABILITIES,
        Tags=stack_tags(),
    )
    _settled(ctx)


def _update_stack(ctx: OrgContext, step: Step) -> None:
    status = wait_stack(ctx)  # an apply interrupted mid-update: let it finish first
    if status not in ("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"):
        raise ConfigError(
            Phrase(
                "The plain stack {name} is in state {status}; look at it in the CloudFormation "
                "console, then run `elevate-tray setup org apply` again.",
                name=MANAGEMENT_STACK_NAME,
                status=status,
            )
        )
    try:
        ctx.cfn.update_stack(
            StackName=MANAGEMENT_STACK_NAME,
            TemplateBody=template_body(),
            Parameters=as_cfn_parameters(step.params["parameters"]),
            Capabilities=CAPABILITIES,
            Tags=stack_tags(),
        )
    except Exception as exc:
        if error_code(exc) == "ValidationError" and "No updates" in str(exc):
            return
        raise
    _settled(ctx)


OPERATIONS: dict[str, Callable[[OrgContext, Step], None]] = {
    "activate_trusted_access": _activate,
    "create_stackset": _create_stackset,
    "update_stackset": _update_stackset,
    "create_instances": _create_instances,
    "create_management_stack": _create_stack,
    "update_management_stack": _update_stack,
}


def run_org_step(
    ctx: OrgContext, step: Step, operations: dict[str, Callable[[OrgContext, Step], None]]
) -> None:
    with aws_errors(step.summary):
        operations[step.op](ctx, step)
