"""What the Organization setup's plan says beside its steps: the widening of the assume
policy and its alternative, auto-deployment, the management account, CallAs, a running
operation."""

from __future__ import annotations

from typing import Any

from ..core.errors import Phrase
from .org_model import MANAGEMENT_STACK_NAME
from .org_observe import OrgState


def org_notes(state: OrgState, names: Any, identity_account: str) -> list[str]:
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
        Phrase(
            "Accounts that join these OUs later get the roles by auto-deployment; run "
            "`elevate-tray setup org publish` then, so that `targets sync` lists them."
        ),
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
