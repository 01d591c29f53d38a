"""Plain CloudFormation stacks in the caller's account (CreateStack, UpdateStack, DeleteStack,
DescribeStacks, DescribeStackEvents), deployed for real like a stack instance (cfn_deploy.py).
Every change completes at once: CREATE_COMPLETE, or ROLLBACK_COMPLETE with the reason."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import cfn_template as templates
from .cfn_deploy import Deployer
from .cfn_template import TemplateError
from .cfn_xml import parameters, strings, structs
from .errors import AwsError, validation_error
from .facts import REGION

STACK = "AWS::CloudFormation::Stack"


@dataclass
class Stack:
    account: str
    name: str
    id: str
    body: str
    parameters: dict[str, str]
    capabilities: list[str]
    tags: list[dict[str, str]]
    created: datetime
    status: str = "CREATE_IN_PROGRESS"
    reason: str = ""
    updated: datetime | None = None
    events: list[dict[str, Any]] = field(default_factory=list)


class Stacks:
    def __init__(self, deployer: Deployer, now: Callable[[], datetime], partition: str) -> None:
        self.deployer = deployer
        self.now = now
        self.partition = partition
        self.stacks: dict[tuple[str, str], Stack] = {}

    def _find(self, account: str, name: str) -> Stack:
        for stack in self.stacks.values():
            if stack.account == account and name in (stack.name, stack.id):
                return stack
        raise validation_error(f"Stack with id {name} does not exist")

    def _event(
        self, stack: Stack, logical: str, kind: str, physical: str, status: str, why: str = ""
    ) -> None:
        stack.events.append(
            {
                "StackId": stack.id,
                "EventId": str(uuid.uuid4()),
                "StackName": stack.name,
                "LogicalResourceId": logical,
                "PhysicalResourceId": physical,
                "ResourceType": kind,
                "Timestamp": self.now(),
                "ResourceStatus": status,
                "ResourceStatusReason": why or None,
            }
        )

    def _run(self, stack: Stack, verb: str, doc: Mapping[str, Any]) -> None:
        self._event(stack, stack.name, STACK, stack.id, f"{verb}_IN_PROGRESS")
        try:
            done = self.deployer.deploy(stack.account, stack.name, stack.id, doc, stack.parameters)
        except TemplateError as exc:
            stack.reason = str(exc)
            if exc.logical_id:
                self._event(stack, exc.logical_id, exc.kind, "", f"{verb}_FAILED", exc.why)
            failed = f"The following resource(s) failed to {verb.lower()}: [{exc.logical_id}]."
            rolling = "ROLLBACK_IN_PROGRESS" if verb == "CREATE" else "UPDATE_ROLLBACK_IN_PROGRESS"
            self._event(
                stack, stack.name, STACK, stack.id, rolling, failed if exc.logical_id else str(exc)
            )
            stack.status = "ROLLBACK_COMPLETE" if verb == "CREATE" else "UPDATE_ROLLBACK_COMPLETE"
            self._event(stack, stack.name, STACK, stack.id, stack.status)
            return
        for d in done:
            self._event(stack, d.logical_id, d.kind, d.physical_id, f"{verb}_COMPLETE")
        stack.status, stack.reason = f"{verb}_COMPLETE", ""
        self._event(stack, stack.name, STACK, stack.id, stack.status)

    def _checked(self, p: Mapping[str, str], body: str, values: dict[str, str]) -> dict[str, Any]:
        doc = templates.load(body)
        templates.check_capabilities(doc, strings(p, "Capabilities"))
        templates.parameter_values(doc, values)
        return doc

    def op_CreateStack(self, account: str, p: Mapping[str, str]) -> dict[str, Any]:
        name = p.get("StackName", "")
        if (account, name) in self.stacks:
            raise AwsError("AlreadyExistsException", f"Stack [{name}] already exists")
        body = p.get("TemplateBody", "")
        values = parameters(p, {})
        doc = self._checked(p, body, values)
        stack_id = (
            f"arn:{self.partition}:cloudformation:{REGION}:{account}:stack/{name}/{uuid.uuid4()}"
        )
        stack = Stack(
            account,
            name,
            stack_id,
            body,
            values,
            strings(p, "Capabilities"),
            [{"Key": t.get("Key", ""), "Value": t.get("Value", "")} for t in structs(p, "Tags")],
            self.now(),
        )
        self.stacks[(account, name)] = stack
        self._run(stack, "CREATE", doc)
        return {"StackId": stack.id}

    def op_UpdateStack(self, account: str, p: Mapping[str, str]) -> dict[str, Any]:
        stack = self._find(account, p.get("StackName", ""))
        if stack.status in ("ROLLBACK_COMPLETE", "CREATE_FAILED"):
            raise validation_error(
                f"Stack:{stack.id} is in {stack.status} state and can not be updated."
            )
        previous = p.get("UsePreviousTemplate", "").lower() == "true"
        body = stack.body if previous else p.get("TemplateBody", stack.body)
        values = parameters(p, stack.parameters)
        doc = self._checked(p, body, values)
        if body == stack.body and values == stack.parameters:
            raise validation_error("No updates are to be performed.")
        stack.body, stack.parameters = body, values
        stack.capabilities, stack.updated = strings(p, "Capabilities"), self.now()
        self._run(stack, "UPDATE", doc)
        return {"StackId": stack.id}

    def op_DeleteStack(self, account: str, p: Mapping[str, str]) -> dict[str, Any]:
        try:
            stack = self._find(account, p.get("StackName", ""))
        except AwsError:
            return {}  # deleting a stack that does not exist succeeds
        self.deployer.remove(account, stack.id)
        del self.stacks[(account, stack.name)]
        return {}

    def _describe(self, stack: Stack) -> dict[str, Any]:
        return {
            "StackId": stack.id,
            "StackName": stack.name,
            "CreationTime": stack.created,
            "LastUpdatedTime": stack.updated,
            "StackStatus": stack.status,
            "StackStatusReason": stack.reason or None,
            "Parameters": [
                {"ParameterKey": k, "ParameterValue": v} for k, v in stack.parameters.items()
            ],
            "Capabilities": stack.capabilities,
            "Tags": stack.tags,
            "Outputs": [],
        }

    def op_DescribeStacks(self, account: str, p: Mapping[str, str]) -> dict[str, Any]:
        name = p.get("StackName")
        if name:
            return {"Stacks": [self._describe(self._find(account, name))]}
        mine = [s for s in self.stacks.values() if s.account == account]
        return {"Stacks": [self._describe(s) for s in mine]}

    def op_DescribeStackEvents(self, account: str, p: Mapping[str, str]) -> dict[str, Any]:
        stack = self._find(account, p.get("StackName", ""))
        return {"StackEvents": list(reversed(stack.events))}

    def op_ValidateTemplate(self, account: str, p: Mapping[str, str]) -> dict[str, Any]:
        doc = templates.load(p.get("TemplateBody", ""))
        declared = doc.get("Parameters") or {}
        needed = templates.required_capabilities(doc)
        return {
            "Parameters": [
                {
                    "ParameterKey": name,
                    "DefaultValue": spec.get("Default") if isinstance(spec, dict) else None,
                    "NoEcho": False,
                    "Description": spec.get("Description") if isinstance(spec, dict) else None,
                }
                for name, spec in declared.items()
            ],
            "Description": doc.get("Description"),
            "Capabilities": needed,
            "CapabilitiesReason": "The following resource(s) require capabilities: [AWS::IAM::Role]"
            if needed
            else None,
        }
