"""StackSets' stack instances and operations (the CloudFormation API's half that reads and
changes them; cfn_api.py has the stack sets themselves)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .cfn_xml import flag, strings, struct
from .errors import AwsError, validation_error
from .org_model import Organization
from .stacksets import Operation, StackSet, StackSets


class StackInstancesApi:
    org: Organization
    stacksets: StackSets

    def _set(self, params: Mapping[str, str]) -> StackSet:
        raise NotImplementedError

    def _active(self) -> None:
        raise NotImplementedError

    # -- stack instances -----------------------------------------------------------------------
    def _targets(self, p: Mapping[str, str]) -> tuple[list[str], list[str], str, dict[str, Any]]:
        ous = strings(p, "DeploymentTargets.OrganizationalUnitIds")
        accounts = strings(p, "DeploymentTargets.Accounts")
        kind = p.get("DeploymentTargets.AccountFilterType", "NONE")
        if not ous:
            raise validation_error(
                "DeploymentTargets.OrganizationalUnitIds is required for a SERVICE_MANAGED "
                "stack set."
            )
        unknown = [ou for ou in ous if not self.org.is_container(ou)]
        if unknown:
            raise validation_error(f"OrganizationalUnitIds {unknown} do not exist.")
        if kind not in ("NONE", "INTERSECTION", "DIFFERENCE", "UNION"):
            raise validation_error(f"AccountFilterType {kind} is not valid.")
        described: dict[str, Any] = {"OrganizationalUnitIds": ous, "AccountFilterType": kind}
        if accounts:
            described["Accounts"] = accounts
        return ous, accounts, kind, described

    def op_CreateStackInstances(self, p: Mapping[str, str]) -> dict[str, Any]:
        self._active()
        s = self._set(p)
        ous, accounts, kind, described = self._targets(p)
        regions = strings(p, "Regions")
        if not regions:
            raise validation_error("Regions is required.")
        targets = self.stacksets.target_accounts(ous, accounts, kind)
        preferences = struct(p, "OperationPreferences")
        op = self.stacksets.create_instances(
            s, targets, regions, p.get("OperationId"), preferences, described
        )
        return {"OperationId": op.id}

    def op_DeleteStackInstances(self, p: Mapping[str, str]) -> dict[str, Any]:
        s = self._set(p)
        ous, accounts, kind, described = self._targets(p)
        regions = strings(p, "Regions")
        retain = flag(p.get("RetainStacks"))
        op = self.stacksets.delete_instances(
            s, ous, accounts, kind, regions, retain, p.get("OperationId"), described
        )
        return {"OperationId": op.id}

    def _instance(self, s: StackSet, inst: Any) -> dict[str, Any]:
        return {
            "StackSetId": s.id,
            "Region": inst.region,
            "Account": inst.account,
            "StackId": inst.stack_id,
            "Status": inst.status,
            "StatusReason": inst.reason or None,
            "StackInstanceStatus": {"DetailedStatus": inst.detailed},
            "OrganizationalUnitId": inst.ou,
            "DriftStatus": "NOT_CHECKED",
        }

    def op_ListStackInstances(self, p: Mapping[str, str]) -> dict[str, Any]:
        s = self._set(p)
        account, region = p.get("StackInstanceAccount"), p.get("StackInstanceRegion")
        found = [
            self._instance(s, i)
            for (a, r), i in sorted(s.instances.items())
            if account in (None, a) and region in (None, r)
        ]
        return {"Summaries": found}

    def op_DescribeStackInstance(self, p: Mapping[str, str]) -> dict[str, Any]:
        s = self._set(p)
        key = (p.get("StackInstanceAccount", ""), p.get("StackInstanceRegion", ""))
        if key not in s.instances:
            raise AwsError(
                "StackInstanceNotFoundException",
                f"Stack instance {key[0]} {key[1]} not found in stack set {s.name}",
                404,
            )
        info = self._instance(s, s.instances[key])
        info["ParameterOverrides"] = []
        return {"StackInstance": info}

    # -- operations ------------------------------------------------------------------------
    def _operation(self, s: StackSet, p: Mapping[str, str]) -> Operation:
        op = s.operations.get(p.get("OperationId", ""))
        if op is None:
            raise AwsError("OperationNotFoundException", "Operation not found", 404)
        return op

    def _op_info(self, s: StackSet, op: Operation, looking: bool) -> dict[str, Any]:
        status = op.status(looking)
        return {
            "OperationId": op.id,
            "StackSetId": s.id,
            "Action": op.action,
            "Status": status,
            "RetainStacks": op.retain_stacks,
            "CreationTimestamp": op.created,
            "EndTimestamp": op.created if status != "RUNNING" else None,
            "OperationPreferences": op.preferences or None,
            "DeploymentTargets": op.targets or None,
        }

    def op_DescribeStackSetOperation(self, p: Mapping[str, str]) -> dict[str, Any]:
        s = self._set(p)
        return {"StackSetOperation": self._op_info(s, self._operation(s, p), True)}

    def op_ListStackSetOperations(self, p: Mapping[str, str]) -> dict[str, Any]:
        s = self._set(p)
        ops = sorted(s.operations.values(), key=lambda o: o.created, reverse=True)
        keep = ("OperationId", "Action", "Status", "CreationTimestamp", "EndTimestamp")
        infos = [self._op_info(s, op, False) for op in ops]
        return {"Summaries": [{k: i[k] for k in keep} for i in infos]}

    def op_ListStackSetOperationResults(self, p: Mapping[str, str]) -> dict[str, Any]:
        s = self._set(p)
        op = self._operation(s, p)
        return {
            "Summaries": [
                {
                    "Account": r.account,
                    "Region": r.region,
                    "Status": r.status,
                    "StatusReason": r.reason or None,
                    "AccountGateResult": {"Status": "SKIPPED"},
                    "OrganizationalUnitId": r.ou,
                }
                for r in op.results
            ]
        }
