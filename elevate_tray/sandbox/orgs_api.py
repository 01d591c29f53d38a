"""AWS Organizations' JSON API over the sandbox's own model (org_model.py).

Who may call: the management account everything; a registered delegated administrator the
read-only calls (List*, Describe*); any account of the organization DescribeOrganization;
a principal the organization's resource policy grants a read-only call (orgs_policy.py) that
call; everyone else AccessDeniedException (PutResourcePolicy and DeleteResourcePolicy: the
management account only). The caller's identity policies were checked before
(the gateway's authz), as for every service.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from .auth import Caller
from .errors import AwsError
from .org_model import ROOT_ID, OrgAccount, Organization
from .orgs_policy import MANAGEMENT_ONLY, ResourcePolicyOps, grants, is_read_only

NO_PERMISSION = "You don't have permissions to access this resource."


def _err(code: str, message: str) -> AwsError:
    return AwsError(code, message, 400)


def _ts(when: datetime) -> float:
    return when.timestamp()


class OrganizationsApi(ResourcePolicyOps):
    def __init__(self, org: Organization, partition: str, now: Callable[[], datetime]) -> None:
        self.org = org
        self.partition = partition
        self.now = now

    # -- who may call ------------------------------------------------------------------
    def _check_caller(self, caller: Caller, operation: str) -> None:
        account = caller.account_id
        if account == self.org.management:
            return
        if operation in MANAGEMENT_ONLY:
            raise AwsError("AccessDeniedException", NO_PERMISSION, 400)
        if account in self.org.accounts and operation == "DescribeOrganization":
            return
        if is_read_only(operation) and self.org.delegated.get(account):
            return
        if grants(self.org, caller, operation):
            return
        raise AwsError("AccessDeniedException", NO_PERMISSION, 400)

    def handle(self, caller: Caller, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        handler = getattr(self, f"op_{operation}", None)
        if handler is None:
            raise _err(
                "InvalidAction",
                f"The elevate-tray sandbox does not emulate organizations:{operation}.",
            )
        with self.org.lock:
            self._check_caller(caller, operation)
            result: dict[str, Any] = handler(params)
            return result

    # -- shapes ----------------------------------------------------------------------------
    def _account(self, a: OrgAccount) -> dict[str, Any]:
        return {
            "Id": a.id,
            "Arn": a.arn(self.partition),
            "Email": a.email,
            "Name": a.name,
            "Status": "ACTIVE",
            "JoinedMethod": "CREATED" if a.id != self.org.management else "INVITED",
            "JoinedTimestamp": _ts(a.joined),
        }

    def _ou(self, ou_id: str) -> dict[str, Any]:
        ou = self.org.ous[ou_id]
        return {"Id": ou.id, "Arn": ou.arn(self.partition), "Name": ou.name}

    def _known_account(self, account_id: str) -> OrgAccount:
        if account_id not in self.org.accounts:
            raise _err(
                "AccountNotFoundException",
                "You specified an account that doesn't exist.",
            )
        return self.org.accounts[account_id]

    def _parent(self, parent_id: str, code: str = "ParentNotFoundException") -> str:
        if not self.org.is_container(parent_id):
            raise _err(code, "You specified a parent that doesn't exist.")
        return parent_id

    # -- reading ---------------------------------------------------------------------------
    def op_DescribeOrganization(self, _: dict[str, Any]) -> dict[str, Any]:
        management = self.org.accounts[self.org.management]
        return {
            "Organization": {
                "Id": self.org.id,
                "Arn": f"arn:{self.partition}:organizations::{management.id}:"
                f"organization/{self.org.id}",
                "FeatureSet": "ALL",
                "MasterAccountArn": management.arn(self.partition),
                "MasterAccountId": management.id,
                "MasterAccountEmail": management.email,
                "AvailablePolicyTypes": [],
            }
        }

    def op_ListRoots(self, _: dict[str, Any]) -> dict[str, Any]:
        arn = f"arn:{self.partition}:organizations::{self.org.management}:root/{self.org.id}/"
        return {"Roots": [{"Id": ROOT_ID, "Arn": arn + ROOT_ID, "Name": "Root", "PolicyTypes": []}]}

    def op_ListOrganizationalUnitsForParent(self, p: dict[str, Any]) -> dict[str, Any]:
        parent = self._parent(str(p.get("ParentId", "")))
        ous = self.org.children(parent, "ORGANIZATIONAL_UNIT")
        return {"OrganizationalUnits": [self._ou(o) for o in ous]}

    def op_ListAccounts(self, _: dict[str, Any]) -> dict[str, Any]:
        return {"Accounts": [self._account(a) for a in self.org.accounts.values()]}

    def op_ListAccountsForParent(self, p: dict[str, Any]) -> dict[str, Any]:
        parent = self._parent(str(p.get("ParentId", "")))
        ids = self.org.children(parent, "ACCOUNT")
        return {"Accounts": [self._account(self.org.accounts[a]) for a in ids]}

    def op_ListChildren(self, p: dict[str, Any]) -> dict[str, Any]:
        parent = self._parent(str(p.get("ParentId", "")))
        kind = str(p.get("ChildType", ""))
        if kind not in ("ACCOUNT", "ORGANIZATIONAL_UNIT"):
            raise _err("InvalidInputException", "ChildType is ACCOUNT or ORGANIZATIONAL_UNIT.")
        return {"Children": [{"Id": c, "Type": kind} for c in self.org.children(parent, kind)]}

    def op_ListParents(self, p: dict[str, Any]) -> dict[str, Any]:
        parent = self.org.parent_of(str(p.get("ChildId", "")))
        if parent is None:
            raise _err("ChildNotFoundException", "We can't find an OU or account with that ID.")
        kind = "ROOT" if parent == ROOT_ID else "ORGANIZATIONAL_UNIT"
        return {"Parents": [{"Id": parent, "Type": kind}]}

    def op_DescribeAccount(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"Account": self._account(self._known_account(str(p.get("AccountId", ""))))}

    def op_DescribeOrganizationalUnit(self, p: dict[str, Any]) -> dict[str, Any]:
        ou = str(p.get("OrganizationalUnitId", ""))
        if ou not in self.org.ous:
            raise _err(
                "OrganizationalUnitNotFoundException",
                "We can't find an organizational unit (OU) with the ID that you specified.",
            )
        return {"OrganizationalUnit": self._ou(ou)}

    def op_ListAWSServiceAccessForOrganization(self, _: dict[str, Any]) -> dict[str, Any]:
        enabled = self.org.service_access.items()
        return {
            "EnabledServicePrincipals": [
                {"ServicePrincipal": s, "DateEnabled": _ts(when)} for s, when in enabled
            ]
        }

    def op_ListDelegatedAdministrators(self, p: dict[str, Any]) -> dict[str, Any]:
        wanted = p.get("ServicePrincipal")
        found: list[dict[str, Any]] = []
        for account_id, services in self.org.delegated.items():
            for service, when in services.items():
                if wanted in (None, service) and account_id not in (a["Id"] for a in found):
                    entry = self._account(self.org.accounts[account_id])
                    entry["DelegationEnabledDate"] = _ts(when)
                    found.append(entry)
        return {"DelegatedAdministrators": found}

    # -- changing --------------------------------------------------------------------------
    def op_MoveAccount(self, p: dict[str, Any]) -> dict[str, Any]:
        account = self._known_account(str(p.get("AccountId", "")))
        source = self._parent(str(p.get("SourceParentId", "")), "SourceParentNotFoundException")
        destination = self._parent(
            str(p.get("DestinationParentId", "")), "DestinationParentNotFoundException"
        )
        if account.parent != source:
            raise _err(
                "AccountNotFoundException",
                "You specified an account that doesn't exist in the source parent.",
            )
        if destination == source:
            raise _err(
                "DuplicateAccountException",
                "That account is already present in the specified destination.",
            )
        self.org.move(account.id, destination)
        return {}

    def op_EnableAWSServiceAccess(self, p: dict[str, Any]) -> dict[str, Any]:
        service = str(p.get("ServicePrincipal", ""))
        self.org.service_access.setdefault(service, self.now())
        return {}

    def op_RegisterDelegatedAdministrator(self, p: dict[str, Any]) -> dict[str, Any]:
        account = self._known_account(str(p.get("AccountId", "")))
        service = str(p.get("ServicePrincipal", ""))
        if account.id == self.org.management:
            raise _err(
                "ConstraintViolationException",
                "You cannot register the management account of the organization as a "
                "delegated administrator.",
            )
        if service not in self.org.service_access:
            raise _err(
                "ConstraintViolationException",
                f"Trusted access for {service} is not enabled in the organization: enable "
                "it first.",
            )
        services = self.org.delegated.setdefault(account.id, {})
        if service in services:
            raise _err(
                "AccountAlreadyRegisteredException",
                "The provided account is already a delegated administrator for your organization.",
            )
        services[service] = self.now()
        return {}

    def op_DeregisterDelegatedAdministrator(self, p: dict[str, Any]) -> dict[str, Any]:
        account = self._known_account(str(p.get("AccountId", "")))
        services = self.org.delegated.get(account.id, {})
        if services.pop(str(p.get("ServicePrincipal", "")), None) is None:
            raise _err(
                "AccountNotRegisteredException",
                "The provided account is not a registered delegated administrator for "
                "your organization.",
            )
        if not services:
            self.org.delegated.pop(account.id, None)
        return {}
