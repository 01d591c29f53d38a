"""Compare the model with the account: an ordered list of steps, each with its JSON."""

from __future__ import annotations

from typing import Any

from ..core.errors import ConfigError, Phrase
from .adopt import Records, annotate
from .model import GROUP_PATH, Names
from .observe import Observed, PolicyState, observe
from .render import Document, Documents, render, same_document
from .steps import CREATE, DELETE, KEEP, UNCHANGED, UPDATE, Plan, Step, json_diff

__all__ = ["CREATE", "DELETE", "KEEP", "UNCHANGED", "UPDATE", "Plan", "Step", "make_plan"]


def _policy_step(state: PolicyState, name: str, doc: Document, purpose: str) -> Step:
    if not state.exists:
        return Step(
            CREATE,
            "policy",
            name,
            Phrase("create the managed policy {name} ({purpose})", name=name, purpose=purpose),
            op="create_policy",
            params={"name": name, "arn": state.arn},
            document=doc,
            diff=json_diff(None, doc, name),
        )
    if same_document(state.document, doc):
        return Step(
            UNCHANGED,
            "policy",
            name,
            Phrase("the policy {name} matches", name=name),
            document=doc,
            current=state.document,
        )
    return Step(
        UPDATE,
        "policy",
        name,
        Phrase("write a new default version of the policy {name}", name=name),
        op="update_policy",
        params={"name": name, "arn": state.arn},
        document=doc,
        current=state.document,
        diff=json_diff(state.document, doc, name),
    )


def _role_steps(names: Names, docs: Documents, seen: Observed) -> list[Step]:
    """The admin role, its trust policy, maximum session and permissions."""
    o = names.options
    steps: list[Step] = []
    r = seen.role
    if not r.exists:
        steps.append(
            Step(
                CREATE,
                "role",
                o.role_name,
                Phrase(
                    "create the role {role} (assumed only with MFA, at most {minutes} minutes)",
                    role=o.role_name,
                    minutes=o.max_session_duration // 60,
                ),
                op="create_role",
                params={"name": o.role_name, "max": o.max_session_duration},
                document=docs.trust_policy,
                diff=json_diff(None, docs.trust_policy, f"{o.role_name} trust policy"),
            )
        )
    else:
        label = f"{o.role_name} trust policy"
        if same_document(r.trust, docs.trust_policy):
            steps.append(
                Step(
                    UNCHANGED,
                    "trust-policy",
                    label,
                    Phrase("the trust policy matches"),
                    document=docs.trust_policy,
                    current=r.trust,
                )
            )
        else:
            steps.append(
                Step(
                    UPDATE,
                    "trust-policy",
                    label,
                    Phrase("replace the trust policy of {role}", role=o.role_name),
                    op="update_trust",
                    params={"name": o.role_name},
                    document=docs.trust_policy,
                    current=r.trust,
                    diff=json_diff(r.trust, docs.trust_policy, label),
                )
            )
        if r.max_session == o.max_session_duration:
            steps.append(
                Step(
                    UNCHANGED,
                    "max-session",
                    o.role_name,
                    Phrase("maximum session {seconds} s", seconds=r.max_session),
                )
            )
        else:
            steps.append(
                Step(
                    UPDATE,
                    "max-session",
                    o.role_name,
                    Phrase(
                        "change the maximum session of {role} from {old} s to {new} s",
                        role=o.role_name,
                        old=r.max_session,
                        new=o.max_session_duration,
                    ),
                    op="update_max_session",
                    params={"name": o.role_name, "max": o.max_session_duration},
                )
            )
    admin = names.admin_policy_arn
    short = admin.rsplit("/", 1)[-1]
    if admin in r.attached:
        steps.append(
            Step(
                UNCHANGED,
                "role-policy",
                f"{o.role_name} + {short}",
                Phrase("{policy} is attached to {role}", policy=short, role=o.role_name),
            )
        )
    else:
        steps.append(
            Step(
                CREATE,
                "role-policy",
                f"{o.role_name} + {short}",
                Phrase(
                    "attach {policy} to the role {role} (its permissions)",
                    policy=short,
                    role=o.role_name,
                ),
                op="attach_role_policy",
                params={"role": o.role_name, "arn": admin},
            )
        )

    return steps


def build_plan(
    names: Names, docs: Documents, seen: Observed, records: Records | None = None
) -> Plan:
    o = names.options
    steps = [
        _policy_step(
            seen.assume_policy,
            o.assume_policy_name,
            docs.assume_policy,
            Phrase(
                "members may assume {role} and {readonly} in any account, with MFA",
                role=o.role_name,
                readonly=o.readonly_role_name,
            )
            if o.hub
            else Phrase("members may assume {role} with MFA", role=o.role_name),
        ),
        _policy_step(
            seen.credentials_policy,
            o.credentials_policy_name,
            docs.credentials_policy,
            Phrase("members manage their own credentials; nothing else without MFA"),
        ),
    ]
    notes: list[str] = []
    g = seen.group
    if g.exists:
        exists = Phrase("the group {group} exists", group=o.group_name)
        steps.append(Step(UNCHANGED, "group", o.group_name, exists))
    else:
        steps.append(
            Step(
                CREATE,
                "group",
                o.group_name,
                Phrase(
                    "create the group {group} (path {path})", group=o.group_name, path=GROUP_PATH
                ),
                op="create_group",
                params={"name": o.group_name},
            )
        )
    for arn in names.group_policy_arns:
        short = arn.rsplit("/", 1)[-1]
        if arn in g.attached:
            steps.append(
                Step(
                    UNCHANGED,
                    "group-policy",
                    f"{o.group_name} + {short}",
                    Phrase("{policy} is attached to {group}", policy=short, group=o.group_name),
                )
            )
        else:
            steps.append(
                Step(
                    CREATE,
                    "group-policy",
                    f"{o.group_name} + {short}",
                    Phrase(
                        "attach {policy} to the group {group}", policy=short, group=o.group_name
                    ),
                    op="attach_group_policy",
                    params={"group": o.group_name, "arn": arn},
                )
            )

    if not o.hub:  # the identity account of an Organization has no role of its own
        steps.extend(_role_steps(names, docs, seen))
    missing = [m for m in o.members if not seen.users.get(m) or not seen.users[m].exists]
    if missing:
        raise ConfigError(
            Phrase(
                "There is no IAM user {users} in account {account}; create the user first or "
                "leave it out.",
                users=", ".join(missing),
                account=names.account.account_id,
            )
        )
    caller = names.account.caller_user
    # The caller last: once in the group, the seed's deny policy covers its keys without MFA.
    for member in sorted(o.members, key=lambda m: m == caller):
        if member in g.members:
            is_in = Phrase("{user} is in {group}", user=member, group=o.group_name)
            steps.append(Step(UNCHANGED, "member", member, is_in))
        else:
            steps.append(
                Step(
                    CREATE,
                    "member",
                    member,
                    Phrase("add the user {user} to {group}", user=member, group=o.group_name),
                    op="add_member",
                    params={"group": o.group_name, "user": member},
                )
            )
        if not seen.users[member].mfa_serials:
            notes.append(
                Phrase(
                    "{user} has no MFA device yet and cannot elevate until they add one.",
                    user=member,
                )
            )
    if caller and caller in o.members and caller not in g.members:
        notes.append(
            Phrase(
                "You ({user}) join the group last: from then on your keys need an MFA session "
                "for anything else (run setup with --mfa-code).",
                user=caller,
            )
        )
    records = records or Records(None)
    notes[:0] = annotate(steps, seen, names, records)
    return Plan(names.account, names, docs, steps, notes, records)


def make_plan(iam: Any, names: Names, records: Records | None = None) -> Plan:
    return build_plan(names, render(names), observe(iam, names), records)
