"""Read the Organization and the StackSet: the chosen OUs' accounts, trusted access, the
StackSet, its instances and operations, and the management account's plain stack."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.awserrors import error_code
from ..core.errors import AccessDenied, ConfigError, Phrase
from ..core.org_accounts import OrgAccount
from .aws import aws_errors, paginate
from .org_model import DELEGATED_ADMIN, MANAGEMENT_STACK_NAME, SELF, STACKSET_NAME, OrgOptions

RUNNING = ("RUNNING", "QUEUED", "STOPPING")


@dataclass
class OrgState:
    organization_id: str
    management_account: str
    caller_account: str
    ou_names: dict[str, str]  # the chosen OUs
    accounts: list[OrgAccount]  # the chosen OUs' accounts, filtered by --accounts
    targets: dict[str, str]  # account -> the chosen OU (or root) it is reached through
    trusted_access: bool
    stackset: dict[str, Any] | None = None
    instances: list[dict[str, Any]] = field(default_factory=list)
    running_operation: str = ""  # an operation a previous apply left running
    management_stack: dict[str, Any] | None = None

    @property
    def call_as(self) -> str:
        return SELF if self.caller_account == self.management_account else DELEGATED_ADMIN

    @property
    def management_chosen(self) -> bool:
        return any(a.id == self.management_account for a in self.accounts)

    @property
    def members(self) -> list[OrgAccount]:
        """The accounts StackSets deploy to: never the management account."""
        return [a for a in self.accounts if a.id != self.management_account]

    def targeted_ous(self) -> set[str]:
        ous = set((self.stackset or {}).get("OrganizationalUnitIds") or [])
        return ous | {
            i["OrganizationalUnitId"] for i in self.instances if i.get("OrganizationalUnitId")
        }

    def instance_of(self, account: str) -> dict[str, Any] | None:
        return next((i for i in self.instances if i.get("Account") == account), None)


def _organization(org: Any) -> dict[str, Any]:
    with aws_errors(Phrase("describe the organization")):
        try:
            found: dict[str, Any] = org.describe_organization()["Organization"]
        except Exception as exc:
            if error_code(exc) == "AWSOrganizationsNotInUseException":
                raise ConfigError(
                    "The org profile's account is in no AWS Organization; use the management "
                    "account's (or a delegated administrator's) profile as --org-profile."
                ) from None
            raise
    return found


def _ou_name(org: Any, ou: str) -> str:
    with aws_errors(Phrase("describe the organizational unit {ou}", ou=ou)):
        try:
            if ou.startswith("r-"):
                roots = paginate(org, "list_roots", "Roots")
                root = next((r for r in roots if r["Id"] == ou), None)
                if root is None:
                    raise ConfigError(Phrase("There is no root {ou} in the organization.", ou=ou))
                return str(root.get("Name") or "Root")
            unit = org.describe_organizational_unit(OrganizationalUnitId=ou)
            return str(unit["OrganizationalUnit"]["Name"])
        except Exception as exc:
            if error_code(exc) in (
                "OrganizationalUnitNotFoundException",
                "ParentNotFoundException",
            ):
                raise ConfigError(
                    Phrase(
                        "There is no organizational unit {ou} in the organization; check the "
                        "ID (`aws organizations list-organizational-units-for-parent`).",
                        ou=ou,
                    )
                ) from None
            raise


def _accounts_under(org: Any, parent: str, parent_name: str) -> list[OrgAccount]:
    """The ACTIVE accounts in `parent` and in every OU below it (StackSets' own reach)."""
    with aws_errors(Phrase("list the accounts of {ou}", ou=parent)):
        direct = paginate(org, "list_accounts_for_parent", "Accounts", ParentId=parent)
        children = paginate(
            org, "list_organizational_units_for_parent", "OrganizationalUnits", ParentId=parent
        )
    ou, ou_name = ("", "") if parent.startswith("r-") else (parent, parent_name)
    found = [
        OrgAccount(a["Id"], a.get("Name", ""), ou, ou_name)
        for a in direct
        if a.get("Status", "ACTIVE") == "ACTIVE"
    ]
    for child in children:
        found.extend(_accounts_under(org, child["Id"], child.get("Name", "")))
    return found


Chosen = tuple[dict[str, str], list[OrgAccount], dict[str, str]]


def chosen_accounts(org: Any, options: OrgOptions) -> Chosen:
    """The chosen OUs' names, their accounts (filtered), and which OU reaches each."""
    ou_names = {ou: _ou_name(org, ou) for ou in options.ous}
    seen: dict[str, OrgAccount] = {}
    targets: dict[str, str] = {}
    for ou, name in ou_names.items():
        for account in _accounts_under(org, ou, name):
            seen.setdefault(account.id, account)
            targets.setdefault(account.id, ou)
    if options.accounts:
        outside = [a for a in options.accounts if a not in seen]
        if outside:
            raise ConfigError(
                Phrase(
                    "The account(s) {accounts} given with --accounts are not in the chosen "
                    "OUs ({ous}); --accounts only narrows the OUs' accounts.",
                    accounts=", ".join(outside),
                    ous=", ".join(options.ous),
                )
            )
        chosen = [seen[a] for a in sorted(seen) if a in options.accounts]
    else:
        chosen = [seen[a] for a in sorted(seen)]
    return ou_names, chosen, {a.id: targets[a.id] for a in chosen}


def trusted_access(cfn: Any, call_as: str) -> bool:
    with aws_errors(Phrase("find out whether StackSets' trusted access is active")):
        status = str(cfn.describe_organizations_access(CallAs=call_as).get("Status", ""))
    return status == "ENABLED"


def read_stackset(cfn: Any, call_as: str) -> dict[str, Any] | None:
    with aws_errors(Phrase("describe the StackSet {name}", name=STACKSET_NAME)):
        try:
            found: dict[str, Any] = cfn.describe_stack_set(
                StackSetName=STACKSET_NAME, CallAs=call_as
            )["StackSet"]
        except Exception as exc:
            if error_code(exc) == "StackSetNotFoundException":
                return None
            raise
    return None if found.get("Status") == "DELETED" else found


def read_instances(cfn: Any, call_as: str) -> list[dict[str, Any]]:
    with aws_errors(Phrase("list the stack instances of {name}", name=STACKSET_NAME)):
        return paginate(
            cfn, "list_stack_instances", "Summaries", StackSetName=STACKSET_NAME, CallAs=call_as
        )


def running_operation(cfn: Any, call_as: str) -> str:
    with aws_errors(Phrase("list the operations of {name}", name=STACKSET_NAME)):
        ops = paginate(
            cfn,
            "list_stack_set_operations",
            "Summaries",
            StackSetName=STACKSET_NAME,
            CallAs=call_as,
        )
    return next((o["OperationId"] for o in ops if o.get("Status") in RUNNING), "")


def read_stack(cfn: Any) -> dict[str, Any] | None:
    """The management account's plain stack, if there is one (and not deleted)."""
    with aws_errors(Phrase("describe the stack {name}", name=MANAGEMENT_STACK_NAME)):
        try:
            stacks = cfn.describe_stacks(StackName=MANAGEMENT_STACK_NAME)["Stacks"]
        except Exception as exc:
            if error_code(exc) == "ValidationError":  # "Stack with id ... does not exist"
                return None
            raise
    live = [s for s in stacks if s.get("StackStatus") != "DELETE_COMPLETE"]
    if not live:
        return None
    stack: dict[str, Any] = live[0]
    return stack


def observe_org(org: Any, cfn: Any, caller_account: str, options: OrgOptions) -> OrgState:
    organization = _organization(org)
    try:
        ou_names, accounts, targets = chosen_accounts(org, options) if options.ous else ({}, [], {})
    except AccessDenied:
        raise AccessDenied(
            Phrase(
                "AWS refused to show the org profile's account {account} the organization's "
                "OUs and accounts; use the management account's profile, or that of a "
                "delegated administrator for CloudFormation StackSets, as --org-profile.",
                account=caller_account,
            )
        ) from None
    state = OrgState(
        organization_id=organization["Id"],
        management_account=organization.get("MasterAccountId", ""),
        caller_account=caller_account,
        ou_names=ou_names,
        accounts=accounts,
        targets=targets,
        trusted_access=False,
    )
    state.trusted_access = trusted_access(cfn, state.call_as)
    if state.trusted_access:  # StackSets calls fail before it is active
        state.stackset = read_stackset(cfn, state.call_as)
        if state.stackset is not None:
            state.instances = read_instances(cfn, state.call_as)
            state.running_operation = running_operation(cfn, state.call_as)
    if state.call_as == SELF:
        state.management_stack = read_stack(cfn)
    return state
