"""The Organization setup's plan: trusted access, the StackSet and its instances per OU, the
management account's plain stack, the identity side (the hub plan) and the published list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.errors import Phrase
from .org_model import (
    AUTO_DEPLOYMENT,
    MANAGEMENT_STACK_NAME,
    STACKSET_NAME,
    TEMPLATE_TAG_KEY,
    from_cfn_parameters,
    template_body,
    template_digest,
)
from .org_observe import OrgState
from .plan import Plan
from .render import Document
from .steps import CREATE, UNCHANGED, UPDATE, Step


@dataclass
class OrgPlan:
    state: OrgState
    identity_account: str
    region: str
    parameters: dict[str, str]
    trust_policy: Document  # what each member role trusts (the template's, filled in)
    steps: list[Step]  # the Organization side, in order
    hub: Plan  # the identity side
    publish: Step
    notes: list[str] = field(default_factory=list)

    @property
    def changes(self) -> list[Step]:
        return [s for s in (*self.steps, *self.hub.changes, self.publish) if s.changes]

    def refusal(self) -> str:
        s = self.state
        if s.management_chosen and s.call_as != "SELF":
            return Phrase(
                "The management account {account} is among the chosen accounts and StackSets "
                "never deploy there; run with the management account's profile as "
                "--org-profile to deploy it as a plain stack, or leave it out with --accounts.",
                account=s.management_account,
            )
        adopted = [w for st in self.steps if st.adopted and st.changes for w in st.widenings]
        if adopted and not self.hub.names.options.accept_widening:
            return Phrase(
                "This would widen access on resources you adopt: {widenings}; review them in "
                "the plan, then add --accept-widening.",
                widenings="; ".join(adopted),
            )
        return self.hub.refusal()

    def same_changes(self, other: OrgPlan) -> bool:
        keys = [(c.op, c.name, str(c.params)) for c in self.changes]
        return keys == [(c.op, c.name, str(c.params)) for c in other.changes]

    def as_dict(self) -> dict[str, Any]:
        s = self.state
        return {
            "organization": s.organization_id,
            "management_account": s.management_account,
            "org_account": s.caller_account,
            "call_as": s.call_as,
            "identity_account": self.identity_account,
            "region": self.region,
            "ous": s.ou_names,
            "accounts": [a.id for a in s.accounts],
            "stackset_accounts": [a.id for a in s.members],
            "management_stack": s.management_chosen,
            "trusted_access": s.trusted_access,
            "parameters": self.parameters,
            "trust_policy": self.trust_policy,
            "steps": [st.as_dict() for st in self.steps],
            "identity": self.hub.as_dict(),
            "publish": self.publish.as_dict(),
            "changes": len(self.changes),
            "notes": self.notes,
        }


def _trusted_access_step(state: OrgState) -> Step:
    if state.trusted_access:
        return Step(
            UNCHANGED,
            "trusted-access",
            "StackSets",
            Phrase("trusted access between CloudFormation StackSets and Organizations is active"),
        )
    return Step(
        CREATE,
        "trusted-access",
        "StackSets",
        Phrase(
            "activate trusted access between CloudFormation StackSets and AWS Organizations "
            "(service-managed StackSets need it; it stays active after teardown)"
        ),
        op="activate_trusted_access",
    )


def _stackset_step(state: OrgState, parameters: dict[str, str]) -> Step:
    now = state.stackset
    if now is None:
        return Step(
            CREATE,
            "stackset",
            STACKSET_NAME,
            Phrase(
                "create the service-managed StackSet {name} with auto-deployment "
                "(CAPABILITY_NAMED_IAM) from the member template",
                name=STACKSET_NAME,
            ),
            op="create_stackset",
            params={"parameters": parameters},
        )
    differs = [
        what
        for what, same in (
            (
                Phrase("its template"),
                now.get("TemplateBody", "").strip() == template_body().strip(),
            ),
            (Phrase("its parameters"), from_cfn_parameters(now.get("Parameters")) == parameters),
            (
                Phrase("its auto-deployment"),
                {k: now.get("AutoDeployment", {}).get(k) for k in AUTO_DEPLOYMENT}
                == AUTO_DEPLOYMENT,
            ),
        )
        if not same
    ]
    if not differs:
        return Step(
            UNCHANGED,
            "stackset",
            STACKSET_NAME,
            Phrase("the StackSet {name} matches the model", name=STACKSET_NAME),
        )
    return Step(
        UPDATE,
        "stackset",
        STACKSET_NAME,
        Phrase(
            "update the StackSet {name} ({what}), which redeploys every instance",
            name=STACKSET_NAME,
            what=", ".join(differs),
        ),
        op="update_stackset",
        params={"parameters": parameters},
    )


def _instance_steps(state: OrgState, region: str, filtered: bool) -> list[Step]:
    steps = []
    targeted = state.targeted_ous()
    for ou, ou_name in state.ou_names.items():
        accounts = [a.id for a in state.members if state.targets.get(a.id) == ou]
        missing = [
            a
            for a in accounts
            if (i := state.instance_of(a)) is None or i.get("Status") != "CURRENT"
        ]
        if (ou in targeted or filtered) and not missing:
            steps.append(
                Step(
                    UNCHANGED,
                    "stack-instances",
                    ou,
                    Phrase(
                        "the roles are deployed in the {count} account(s) of {ou} ({name})",
                        count=len(accounts),
                        ou=ou,
                        name=ou_name,
                    ),
                )
            )
            continue
        only = missing if (ou in targeted or filtered) else []
        steps.append(
            Step(
                CREATE,
                "stack-instances",
                ou,
                Phrase(
                    "deploy the roles to {ou} ({name}) in {region}: {count} account(s) {ids}",
                    ou=ou,
                    name=ou_name,
                    region=region,
                    count=len(missing),
                    ids=", ".join(missing) or "-",
                ),
                op="create_instances",
                params={"ou": ou, "accounts": only},
            )
        )
    return steps


def _management_step(state: OrgState, parameters: dict[str, str]) -> Step | None:
    if not state.management_chosen:
        return None
    stack = state.management_stack
    account = state.management_account
    if stack is None or stack.get("StackStatus") in ("ROLLBACK_COMPLETE", "ROLLBACK_FAILED"):
        return Step(
            CREATE,
            "stack",
            MANAGEMENT_STACK_NAME,
            Phrase(
                "create the plain stack {name} in the management account {account} "
                "(StackSets never deploy to the management account)",
                name=MANAGEMENT_STACK_NAME,
                account=account,
            ),
            op="create_management_stack",
            params={"parameters": parameters, "replace": stack is not None},
        )
    tags = {t.get("Key"): t.get("Value") for t in stack.get("Tags") or []}
    same = tags.get(TEMPLATE_TAG_KEY) == template_digest() and (
        from_cfn_parameters(stack.get("Parameters")) == parameters
    )
    if same and stack.get("StackStatus", "").endswith("_COMPLETE"):
        return Step(
            UNCHANGED,
            "stack",
            MANAGEMENT_STACK_NAME,
            Phrase(
                "the plain stack {name} in the management account {account} matches the model",
                name=MANAGEMENT_STACK_NAME,
                account=account,
            ),
        )
    return Step(
        UPDATE,
        "stack",
        MANAGEMENT_STACK_NAME,
        Phrase(
            "update the plain stack {name} in the management account {account}",
            name=MANAGEMENT_STACK_NAME,
            account=account,
        ),
        op="update_management_stack",
        params={"parameters": parameters},
    )


def org_steps(
    state: OrgState, parameters: dict[str, str], region: str, filtered: bool
) -> list[Step]:
    steps = [_trusted_access_step(state), _stackset_step(state, parameters)]
    steps += _instance_steps(state, region, filtered)
    management = _management_step(state, parameters)
    return steps + ([management] if management else [])
