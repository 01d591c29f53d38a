"""Remove the Organization setup: the stack instances (and with them the member roles), the
StackSet, the management account's plain stack, the identity side and the published list.
Trusted access stays active: other StackSets may need it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import Phrase
from .model import MANAGED_TAG_KEY, MANAGED_TAG_VALUE
from .org_apply import OrgContext, follow_operation, wait_stack
from .org_model import MANAGEMENT_STACK_NAME, STACKSET_NAME
from .org_observe import OrgState
from .plan import Plan
from .steps import DELETE, KEEP, Step


@dataclass
class OrgTeardownPlan:
    state: OrgState
    steps: list[Step]  # the Organization side, in order
    hub: Plan  # the identity side
    published: dict[str, str] = field(default_factory=dict)  # the list's parameters now

    @property
    def changes(self) -> list[Step]:
        org = [s for s in self.steps if s.changes]
        listed = [self.publish_step] if self.published else []
        return [*org, *self.hub.changes, *listed]

    @property
    def publish_step(self) -> Step:
        return Step(
            DELETE,
            "published-list",
            "published",
            Phrase(
                "delete the published account list ({count} parameter(s))",
                count=len(self.published),
            ),
            op="delete_published",
        )

    def same_changes(self, other: OrgTeardownPlan) -> bool:
        return [(s.op, s.name) for s in self.changes] == [(s.op, s.name) for s in other.changes]

    def as_dict(self) -> dict[str, Any]:
        return {
            "organization": self.state.organization_id,
            "steps": [s.as_dict() for s in self.steps],
            "identity": self.hub.as_dict(),
            "published": sorted(self.published),
            "changes": len(self.changes),
        }


def _owned(stack: dict[str, Any]) -> bool:
    return any(
        t.get("Key") == MANAGED_TAG_KEY and t.get("Value") == MANAGED_TAG_VALUE
        for t in stack.get("Tags") or []
    )


def org_teardown_steps(state: OrgState) -> list[Step]:
    steps: list[Step] = []
    by_ou: dict[str, list[dict[str, Any]]] = {}
    for instance in state.instances:
        by_ou.setdefault(instance.get("OrganizationalUnitId", ""), []).append(instance)
    for ou in sorted(state.targeted_ous() | set(by_ou) - {""}):
        found = by_ou.get(ou, [])
        steps.append(
            Step(
                DELETE,
                "stack-instances",
                ou,
                Phrase(
                    "delete the stack instances of {ou} ({count} account(s)), and with them "
                    "the roles there",
                    ou=ou,
                    count=len({i.get("Account") for i in found}),
                ),
                op="delete_instances",
                params={"ou": ou, "regions": sorted({i["Region"] for i in found if "Region" in i})},
            )
        )
    if state.stackset is not None:
        steps.append(
            Step(
                DELETE,
                "stackset",
                STACKSET_NAME,
                Phrase("delete the StackSet {name}", name=STACKSET_NAME),
                op="delete_stackset",
            )
        )
    stack = state.management_stack
    if stack is not None:
        if _owned(stack):
            steps.append(
                Step(
                    DELETE,
                    "stack",
                    MANAGEMENT_STACK_NAME,
                    Phrase(
                        "delete the plain stack {name} in the management account, and with it "
                        "the roles there",
                        name=MANAGEMENT_STACK_NAME,
                    ),
                    op="delete_management_stack",
                )
            )
        else:
            steps.append(
                Step(
                    KEEP,
                    "stack",
                    MANAGEMENT_STACK_NAME,
                    Phrase(
                        "keep the stack {name}: it was not created by elevate-tray",
                        name=MANAGEMENT_STACK_NAME,
                    ),
                )
            )
    return steps


def _delete_instances(ctx: OrgContext, step: Step) -> None:
    answer = ctx.cfn.delete_stack_instances(
        StackSetName=STACKSET_NAME,
        DeploymentTargets={"OrganizationalUnitIds": [step.params["ou"]]},
        Regions=step.params["regions"] or [ctx.region],
        RetainStacks=False,
        CallAs=ctx.call_as,
    )
    follow_operation(ctx, answer["OperationId"])


def _delete_stackset(ctx: OrgContext, step: Step) -> None:
    ctx.cfn.delete_stack_set(StackSetName=STACKSET_NAME, CallAs=ctx.call_as)


def _delete_stack(ctx: OrgContext, step: Step) -> None:
    ctx.cfn.delete_stack(StackName=MANAGEMENT_STACK_NAME)
    wait_stack(ctx, gone_ok=True)


TEARDOWN_OPERATIONS: dict[str, Callable[[OrgContext, Step], None]] = {
    "delete_instances": _delete_instances,
    "delete_stackset": _delete_stackset,
    "delete_management_stack": _delete_stack,
}
