"""Service-managed StackSets, our own model: stack sets, stack instances deployed for real into
each member account (cfn_deploy.py), operations with per-account results, auto-deployment when
an account moves into or out of a targeted OU, never the management account.

Operations complete at once; `hold_operations` (a knob for tests) keeps each new operation
RUNNING for that many DescribeStackSetOperation calls.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .cfn_deploy import Deployer
from .cfn_template import TemplateError
from .org_model import MANAGEMENT, Organization


@dataclass
class Instance:
    account: str
    region: str
    ou: str
    stack_id: str
    status: str = "CURRENT"  # CURRENT | OUTDATED | INOPERABLE
    detailed: str = "SUCCEEDED"  # SUCCEEDED | FAILED
    reason: str = ""


@dataclass
class Result:
    account: str
    region: str
    ou: str
    status: str  # SUCCEEDED | FAILED
    reason: str = ""


@dataclass
class Operation:
    id: str
    action: str  # CREATE | UPDATE | DELETE
    created: datetime
    results: list[Result] = field(default_factory=list)
    preferences: dict[str, Any] = field(default_factory=dict)
    retain_stacks: bool = False
    targets: dict[str, Any] = field(default_factory=dict)
    hold: int = 0

    @property
    def final_status(self) -> str:
        failed = sum(r.status == "FAILED" for r in self.results)
        tolerance = int(self.preferences.get("FailureToleranceCount", 0) or 0)
        percent = self.preferences.get("FailureTolerancePercentage")
        if percent is not None and self.results:
            tolerance = max(tolerance, int(len(self.results) * int(percent) / 100))
        return "FAILED" if failed > tolerance else "SUCCEEDED"

    def status(self, looking: bool = False) -> str:
        if self.hold > 0:
            if looking:
                self.hold -= 1
            return "RUNNING"
        return self.final_status


@dataclass
class StackSet:
    name: str
    id: str
    arn: str
    template: dict[str, Any]
    body: str
    parameters: dict[str, str]
    capabilities: list[str]
    auto_deployment: dict[str, bool]
    description: str
    admin_account: str
    targets: set[str] = field(default_factory=set)  # OUs (or the root) instances were made for
    regions: list[str] = field(default_factory=list)
    instances: dict[tuple[str, str], Instance] = field(default_factory=dict)
    operations: dict[str, Operation] = field(default_factory=dict)
    status: str = "ACTIVE"


class StackSets:
    def __init__(
        self, org: Organization, deployer: Deployer, now: Callable[[], datetime], partition: str
    ) -> None:
        self.org = org
        self.deployer = deployer
        self.now = now
        self.partition = partition
        self.sets: dict[str, StackSet] = {}
        self.hold_operations = 0  # knob: new operations stay RUNNING for N describe calls
        org.listeners.append(self.account_moved)

    def new_set(self, **kw: Any) -> StackSet:
        name = str(kw["name"])
        set_id = f"{name}:{uuid.uuid4()}"
        arn = f"arn:{self.partition}:cloudformation:us-east-1:{MANAGEMENT}:stackset/{set_id}"
        stack_set = StackSet(id=set_id, arn=arn, **kw)
        self.sets[name] = stack_set
        return stack_set

    def _operation(self, s: StackSet, action: str, op_id: str | None, **kw: Any) -> Operation:
        op = Operation(op_id or str(uuid.uuid4()), action, self.now(), hold=self.hold_operations)
        for key, value in kw.items():
            setattr(op, key, value)
        s.operations[op.id] = op
        return op

    # -- who gets an instance ------------------------------------------------------------
    def target_accounts(
        self, ous: Iterable[str], accounts: Iterable[str], filter_type: str
    ) -> list[tuple[str, str]]:
        """(account, ou) of every account the targets name; never the management account."""
        listed = set(accounts)
        found: dict[str, str] = {}
        for ou in ous:
            for account in self.org.accounts_under(ou):
                if filter_type == "INTERSECTION" and account not in listed:
                    continue
                if filter_type == "DIFFERENCE" and account in listed:
                    continue
                found.setdefault(account, ou)
        if filter_type == "UNION":
            for account in listed & set(self.org.accounts):
                found.setdefault(account, self.org.accounts[account].parent)
        return [(a, ou) for a, ou in found.items() if a != MANAGEMENT]

    # -- deploying -----------------------------------------------------------------------
    def _deploy(self, s: StackSet, account: str, region: str, ou: str) -> Result:
        stack_id = (
            f"arn:{self.partition}:cloudformation:{region}:{account}:stack/"
            f"StackSet-{s.name}-{uuid.uuid4()}/{uuid.uuid4()}"
        )
        old = s.instances.get((account, region))
        inst = old or Instance(account, region, ou, stack_id)
        try:
            self.deployer.deploy(
                account,
                inst.stack_id.split("/")[1],
                inst.stack_id,
                s.template,
                s.parameters,
                region,
            )
        except TemplateError as exc:
            inst.status, inst.detailed, inst.reason = "OUTDATED", "FAILED", str(exc)
            s.instances[(account, region)] = inst
            return Result(account, region, ou, "FAILED", str(exc))
        inst.status, inst.detailed, inst.reason = "CURRENT", "SUCCEEDED", ""
        s.instances[(account, region)] = inst
        return Result(account, region, ou, "SUCCEEDED")

    def _remove(self, s: StackSet, account: str, region: str, retain: bool) -> Result:
        inst = s.instances.pop((account, region))
        if not retain:
            self.deployer.remove(account, inst.stack_id)
        return Result(account, region, inst.ou, "SUCCEEDED")

    def create_instances(
        self,
        s: StackSet,
        targets: list[tuple[str, str]],
        regions: list[str],
        op_id: str | None,
        preferences: dict[str, Any],
        described: dict[str, Any],
    ) -> Operation:
        op = self._operation(s, "CREATE", op_id, preferences=preferences, targets=described)
        s.targets.update(described.get("OrganizationalUnitIds", []))
        s.regions = list(dict.fromkeys([*s.regions, *regions]))
        for account, ou in targets:
            for region in regions:
                op.results.append(self._deploy(s, account, region, ou))
        return op

    def update(self, s: StackSet, op_id: str | None, preferences: dict[str, Any]) -> Operation:
        op = self._operation(s, "UPDATE", op_id, preferences=preferences)
        for (account, region), inst in sorted(s.instances.items()):
            op.results.append(self._deploy(s, account, region, inst.ou))
        return op

    def delete_instances(
        self,
        s: StackSet,
        ous: list[str],
        accounts: list[str],
        filter_type: str,
        regions: list[str],
        retain: bool,
        op_id: str | None,
        described: dict[str, Any],
    ) -> Operation:
        op = self._operation(s, "DELETE", op_id, retain_stacks=retain, targets=described)
        chosen = {a for a, _ in self.target_accounts(ous, accounts, filter_type)}
        for account, region in sorted(s.instances):
            inst = s.instances[(account, region)]
            by_ou = filter_type == "NONE" and inst.ou in ous
            if region in regions and (account in chosen or by_ou):
                op.results.append(self._remove(s, account, region, retain))
        left = {i.ou for i in s.instances.values()}
        s.targets.difference_update(ou for ou in ous if ou not in left)
        return op

    # -- auto-deployment (Organization.move) ----------------------------------------------
    def _targeted(self, s: StackSet, account: str) -> str | None:
        for ou in s.targets:
            if account in self.org.accounts_under(ou):
                return ou
        return None

    def account_moved(self, account: str, _old: str, _new: str) -> None:
        if account == MANAGEMENT:
            return
        for s in self.sets.values():
            if not s.auto_deployment.get("Enabled"):
                continue
            ou = self._targeted(s, account)
            mine = [r for (a, r) in s.instances if a == account]
            if ou is not None and not mine and s.regions:
                op = self._operation(s, "CREATE", None)
                op.results += [self._deploy(s, account, r, ou) for r in s.regions]
            elif ou is None and mine:
                retain = bool(s.auto_deployment.get("RetainStacksOnAccountRemoval"))
                op = self._operation(s, "DELETE", None, retain_stacks=retain)
                op.results += [self._remove(s, account, r, retain) for r in mine]
