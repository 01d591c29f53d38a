"""CloudFormation's API in the organization sandbox: trusted access (ActivateOrganizationsAccess,
DescribeOrganizationsAccess), service-managed StackSets (stacksets.py) and plain stacks
(cfn_stacks.py), each deployed for real into IAM.

StackSets calls: CallAs=SELF (the default) only from the management account, CallAs=
DELEGATED_ADMIN only from a delegated administrator registered for StackSets; creating or
updating a stack set or its instances before trusted access is active is a ValidationError.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from . import cfn_template as templates
from .auth import Caller
from .cfn_deploy import Deployer
from .cfn_instances import StackInstancesApi
from .cfn_stacks import Stacks
from .cfn_xml import Response, answer, flag, parameters, strings, struct
from .errors import AwsError, validation_error
from .org_model import STACKSETS_PRINCIPAL, Organization
from .stacksets import StackSet, StackSets

NOT_ACTIVE = (
    "You must enable organizations access to operate a service managed stack set: trusted "
    "access with AWS Organizations is not enabled (ActivateOrganizationsAccess)."
)


def _not_found(name: str) -> AwsError:
    return AwsError("StackSetNotFoundException", f"StackSet {name} not found", 404)


class CloudFormationApi(StackInstancesApi):
    def __init__(self, org: Organization, partition: str, now: Callable[[], datetime]) -> None:
        self.org = org
        self.now = now
        self.deployer = Deployer(partition)
        self.stacksets = StackSets(org, self.deployer, now, partition)
        self.stacks = Stacks(self.deployer, now, partition)

    def handle(self, caller: Caller, operation: str, params: Mapping[str, str]) -> Response:
        with self.org.lock:
            if hasattr(self.stacks, f"op_{operation}"):
                result = getattr(self.stacks, f"op_{operation}")(caller.account_id, params)
                return answer(operation, result)
            handler = getattr(self, f"op_{operation}", None)
            if handler is None:
                raise validation_error(
                    f"The elevate-tray sandbox does not emulate cloudformation:{operation}."
                )
            if operation == "ActivateOrganizationsAccess":
                if caller.account_id != self.org.management:
                    raise validation_error(
                        "Only the management account of the organization activates trusted "
                        "access for StackSets."
                    )
                self.org.service_access.setdefault(STACKSETS_PRINCIPAL, self.now())
            else:
                self._check_caller(caller, params)
            return answer(operation, handler(params))

    # -- who may call --------------------------------------------------------------------
    def _check_caller(self, caller: Caller, params: Mapping[str, str]) -> None:
        account = caller.account_id
        if params.get("CallAs", "SELF") == "DELEGATED_ADMIN":
            if not self.org.delegated_for(account, STACKSETS_PRINCIPAL):
                raise validation_error(
                    f"Account {account} is not registered as a delegated administrator for "
                    f"{STACKSETS_PRINCIPAL}: call from the management account, or register it."
                )
        elif account != self.org.management:
            raise validation_error(
                "Service-managed stack sets are managed from the management account of the "
                "organization, or with CallAs=DELEGATED_ADMIN from a registered delegated "
                "administrator."
            )

    def _active(self) -> None:
        if STACKSETS_PRINCIPAL not in self.org.service_access:
            raise validation_error(NOT_ACTIVE)

    def _set(self, params: Mapping[str, str]) -> StackSet:
        name = params.get("StackSetName", "")
        found = self.stacksets.sets.get(name.split(":")[0])
        if found is None:
            raise _not_found(name)
        return found

    # -- trusted access --------------------------------------------------------------------
    def op_ActivateOrganizationsAccess(self, _: Mapping[str, str]) -> dict[str, Any]:
        return {}  # handle() activated it

    def op_DescribeOrganizationsAccess(self, _: Mapping[str, str]) -> dict[str, Any]:
        active = STACKSETS_PRINCIPAL in self.org.service_access
        return {"Status": "ENABLED" if active else "DISABLED"}

    # -- stack sets ----------------------------------------------------------------------------
    def op_CreateStackSet(self, p: Mapping[str, str]) -> dict[str, Any]:
        self._active()
        name = p.get("StackSetName", "")
        if name in self.stacksets.sets:
            raise AwsError("NameAlreadyExistsException", f"StackSet {name} already exists", 409)
        if p.get("PermissionModel") != "SERVICE_MANAGED":
            raise validation_error(
                "The elevate-tray sandbox emulates SERVICE_MANAGED stack sets only."
            )
        body = p.get("TemplateBody", "")
        doc = templates.load(body)
        capabilities = strings(p, "Capabilities")
        templates.check_capabilities(doc, capabilities)
        values = parameters(p, {})
        templates.parameter_values(doc, values)
        auto = struct(p, "AutoDeployment")
        s = self.stacksets.new_set(
            name=name,
            template=doc,
            body=body,
            parameters=values,
            capabilities=capabilities,
            auto_deployment={k: flag(v) for k, v in auto.items()},
            description=p.get("Description", ""),
            admin_account=self.org.management,
        )
        return {"StackSetId": s.id}

    def op_UpdateStackSet(self, p: Mapping[str, str]) -> dict[str, Any]:
        self._active()
        s = self._set(p)
        body = s.body if flag(p.get("UsePreviousTemplate")) else p.get("TemplateBody", s.body)
        doc = templates.load(body)
        capabilities = strings(p, "Capabilities")
        templates.check_capabilities(doc, capabilities)
        values = parameters(p, s.parameters)
        templates.parameter_values(doc, values)
        s.body, s.template, s.parameters, s.capabilities = body, doc, values, capabilities
        auto = struct(p, "AutoDeployment")
        s.auto_deployment.update({k: flag(v) for k, v in auto.items()})
        if p.get("Description") is not None:
            s.description = p["Description"]
        op = self.stacksets.update(s, p.get("OperationId"), struct(p, "OperationPreferences"))
        return {"OperationId": op.id}

    def op_DeleteStackSet(self, p: Mapping[str, str]) -> dict[str, Any]:
        s = self._set(p)
        if s.instances:
            raise AwsError(
                "StackSetNotEmptyException",
                f"StackSet {s.name} is not empty: it has {len(s.instances)} stack "
                "instance(s); delete them first (DeleteStackInstances)",
                409,
            )
        del self.stacksets.sets[s.name]
        return {}

    def _summary(self, s: StackSet) -> dict[str, Any]:
        return {
            "StackSetName": s.name,
            "StackSetId": s.id,
            "Description": s.description,
            "Status": s.status,
            "PermissionModel": "SERVICE_MANAGED",
            "AutoDeployment": dict(s.auto_deployment),
        }

    def op_DescribeStackSet(self, p: Mapping[str, str]) -> dict[str, Any]:
        s = self._set(p)
        info = self._summary(s)
        info.update(
            {
                "TemplateBody": s.body,
                "Parameters": [
                    {"ParameterKey": k, "ParameterValue": v} for k, v in s.parameters.items()
                ],
                "Capabilities": s.capabilities,
                "StackSetARN": s.arn,
                "OrganizationalUnitIds": sorted(s.targets),
                "Regions": s.regions,
            }
        )
        return {"StackSet": info}

    def op_ListStackSets(self, p: Mapping[str, str]) -> dict[str, Any]:
        wanted = p.get("Status")
        sets = [s for s in self.stacksets.sets.values() if wanted in (None, s.status)]
        return {"Summaries": [self._summary(s) for s in sets]}
