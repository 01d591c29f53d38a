"""Remove what the engine created, and only that (tags on policies and role, path on group)."""

from __future__ import annotations

from typing import Any

from .model import GROUP_PATH, Names
from .observe import observe
from .plan import DELETE, KEEP, Plan, Step
from .render import render


def teardown_plan(iam: Any, names: Names) -> Plan:
    seen = observe(iam, names)
    o = names.options
    steps: list[Step] = []
    for state, name in (
        (seen.assume_policy, o.assume_policy_name),
        (seen.credentials_policy, o.credentials_policy_name),
    ):
        if not state.exists:
            continue
        if state.owned:
            steps.append(
                Step(
                    DELETE,
                    "policy",
                    name,
                    f"detach and delete the policy {name}",
                    op="delete_policy",
                    params={"arn": state.arn},
                    current=state.document,
                )
            )
        else:
            steps.append(
                Step(
                    KEEP,
                    "policy",
                    name,
                    f"keep the policy {name}: it was not created by elevate-tray",
                )
            )
    g = seen.group
    if g.exists:
        if g.path == GROUP_PATH:
            who = f" (members removed: {', '.join(g.members)})" if g.members else ""
            steps.append(
                Step(
                    DELETE,
                    "group",
                    o.group_name,
                    f"delete the group {o.group_name}{who}",
                    op="delete_group",
                    params={"name": o.group_name},
                )
            )
        else:
            steps.append(
                Step(
                    KEEP,
                    "group",
                    o.group_name,
                    f"keep the group {o.group_name}: it was there before",
                )
            )
    r = seen.role
    if r.exists:
        if r.owned:
            steps.append(
                Step(
                    DELETE,
                    "role",
                    o.role_name,
                    f"delete the role {o.role_name}",
                    op="delete_role",
                    params={"name": o.role_name},
                    current=r.trust,
                )
            )
        else:
            steps.append(
                Step(
                    KEEP,
                    "role",
                    o.role_name,
                    f"keep the role {o.role_name}: it was not created by elevate-tray",
                )
            )
    return Plan(names.account, names, render(names), steps)
