"""What the Organization setup's plan says beside its steps: the widening of the assume
policy and its alternative, auto-deployment, the management account, CallAs, a running
operation."""

from __future__ import annotations

from typing import Any

from ..core.errors import Phrase
from .org_model import MANAGEMENT_STACK_NAME
from .org_observe import OrgState
from .org_policy import ADOPT_NAME
from .steps import KEEP, Step


def _joining_note(state: OrgState, policy: Step | None, options: Any) -> str:
    """What an account that joins the OUs later needs before `targets sync` lists it."""
    if policy is not None and policy.action != KEEP:
        return Phrase(
            "Accounts that join these OUs later get the roles by auto-deployment, and "
            "`targets sync` lists them with no re-publish: the organization's resource policy "
            "lets the identity account read the OUs."
        )
    if policy is not None:
        return Phrase(
            "The organization already has a resource policy that elevate-tray did not put: it "
            "is left alone, so `targets sync` sees accounts that join these OUs only after "
            "`elevate-tray setup org publish`; --adopt {name} merges elevate-tray's statement "
            "into it (teardown puts it back).",
            name=ADOPT_NAME,
        )
    if options.organization_read and state.call_as != "SELF":
        return Phrase(
            "Only the management account can put the organization's resource policy, so "
            "`targets sync` sees accounts that join these OUs only after `elevate-tray setup "
            "org publish`; an apply with the management account's profile lets it read them "
            "live."
        )
    return Phrase(
        "Accounts that join these OUs later get the roles by auto-deployment; run "
        "`elevate-tray setup org publish` then, so that `targets sync` lists them."
    )


def org_notes(
    state: OrgState, names: Any, identity_account: str, policy: Step | None, options: Any
) -> list[str]:
    o = names.options
    notes: list[str] = [
        Phrase(
            "The group's assume policy allows {role} and {readonly} in any account "
            "(arn:{partition}:iam::*:role/...): a member may assume a role of those names "
            "wherever its trust policy admits the identity account {identity} with MFA, so "
            "an account joining the OUs needs no change on the identity side. The "
            "alternative is to list the account IDs in the policy, at the cost of an "
            "identity-side change for every new account.",
            role=o.role_name,
            readonly=o.readonly_role_name,
            partition=names.account.partition,
            identity=identity_account,
        ),
        _joining_note(state, policy, options),
    ]
    if state.management_chosen:
        notes.append(
            Phrase(
                "The management account {account} is among the chosen accounts: StackSets "
                "never deploy there, so the member template goes there as the plain stack "
                "{name}.",
                account=state.management_account,
                name=MANAGEMENT_STACK_NAME,
            )
        )
    if state.call_as != "SELF":
        notes.append(
            Phrase(
                "The org profile's account {account} is not the management account: StackSets "
                "are called as its delegated administrator (CallAs=DELEGATED_ADMIN).",
                account=state.caller_account,
            )
        )
    if state.running_operation:
        notes.append(
            Phrase(
                "The StackSet operation {operation} of an earlier apply is still running; "
                "apply follows it to its end first.",
                operation=state.running_operation,
            )
        )
    return notes
