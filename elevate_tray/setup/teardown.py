"""Remove what the engine created, and only that (tags on policies and role, path on group)."""

from __future__ import annotations

from typing import Any

from ..core.errors import Phrase
from .adopt import (
    ADOPTED_TAG,
    GROUP,
    PREVIOUS_VERSION_TAG,
    PRIOR_VERSIONS_TAG,
    ROLE,
    Records,
    setup_id,
)
from .model import GROUP_PATH, Names
from .observe import observe
from .plan import DELETE, KEEP, UPDATE, Plan, Step
from .render import render


def teardown_plan(iam: Any, names: Names, records: Records | None = None) -> Plan:
    seen = observe(iam, names)
    records = records or Records(None)
    me = setup_id(names)
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
                    Phrase("detach and delete the policy {name}", name=name),
                    op="delete_policy",
                    params={"arn": state.arn},
                    current=state.document,
                )
            )
        elif state.tags.get(ADOPTED_TAG) == me:
            previous = state.tags.get(PREVIOUS_VERSION_TAG, "")
            steps.append(
                Step(
                    UPDATE,
                    "policy",
                    name,
                    Phrase(
                        "restore the policy {name}: version {version} is its default again "
                        "and the versions this setup wrote are deleted",
                        name=name,
                        version=previous,
                    ),
                    op="restore_policy",
                    params={
                        "arn": state.arn,
                        "previous": previous,
                        "versions": state.tags.get(PRIOR_VERSIONS_TAG, "").split(),
                    },
                    current=state.document,
                )
            )
        else:
            steps.append(
                Step(
                    KEEP,
                    "policy",
                    name,
                    Phrase("keep the policy {name}: it was not created by elevate-tray", name=name),
                )
            )
    g = seen.group
    if g.exists:
        if g.path == GROUP_PATH:
            delete = (
                Phrase(
                    "delete the group {group} (members removed: {users})",
                    group=o.group_name,
                    users=", ".join(g.members),
                )
                if g.members
                else Phrase("delete the group {group}", group=o.group_name)
            )
            steps.append(
                Step(
                    DELETE,
                    "group",
                    o.group_name,
                    delete,
                    op="delete_group",
                    params={"name": o.group_name},
                )
            )
        elif (before := records.get(GROUP, o.group_name)) is not None:
            steps.append(
                Step(
                    UPDATE,
                    "group",
                    o.group_name,
                    Phrase(
                        "restore the group {group}: the policies and members this setup added "
                        "are removed",
                        group=o.group_name,
                    ),
                    op="restore_group",
                    params={"name": o.group_name, "before": before},
                )
            )
        else:
            steps.append(
                Step(
                    KEEP,
                    "group",
                    o.group_name,
                    Phrase("keep the group {group}: it was there before", group=o.group_name),
                )
            )
    r = seen.role
    if r.exists and not o.hub:  # a hub made no role; one of that name is not its own
        if r.owned:
            steps.append(
                Step(
                    DELETE,
                    "role",
                    o.role_name,
                    Phrase("delete the role {role}", role=o.role_name),
                    op="delete_role",
                    params={"name": o.role_name},
                    current=r.trust,
                )
            )
        elif r.tags.get(ADOPTED_TAG) == me and (before := records.get(ROLE, o.role_name)):
            steps.append(
                Step(
                    UPDATE,
                    "role",
                    o.role_name,
                    Phrase(
                        "restore the role {role}: its previous trust policy, attached policies "
                        "and maximum session",
                        role=o.role_name,
                    ),
                    op="restore_role",
                    params={"name": o.role_name, "before": before},
                    current=r.trust,
                    document=before.get("trust"),
                )
            )
        elif r.tags.get(ADOPTED_TAG) == me:
            steps.append(
                Step(
                    KEEP,
                    "role",
                    o.role_name,
                    Phrase(
                        "keep the role {role} as it is: the record of its previous trust "
                        "policy and attached policies is not on this machine",
                        role=o.role_name,
                    ),
                )
            )
        else:
            steps.append(
                Step(
                    KEEP,
                    "role",
                    o.role_name,
                    Phrase(
                        "keep the role {role}: it was not created by elevate-tray", role=o.role_name
                    ),
                )
            )
    return Plan(names.account, names, render(names), steps, records=records)
