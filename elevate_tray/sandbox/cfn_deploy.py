"""Deploying one stack (a plain stack, or one stack instance of a StackSet) into one account's
IAM for real: AWS::IAM::Role with its trust policy, ManagedPolicyArns, inline Policies,
MaxSessionDuration, Path, Description and Tags. Any other resource type fails the deployment
with a reason. A role of that name that this stack did not make fails it too (as
CloudFormation's "already exists"); the deployment then changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import motoview
from .cfn_template import Scope, TemplateError, parameter_values, pseudo, resolve
from .errors import AwsError
from .facts import REGION

ROLE = "AWS::IAM::Role"


@dataclass(frozen=True)
class Deployed:
    logical_id: str
    kind: str
    physical_id: str


def _reason(logical_id: str, kind: str, why: str) -> TemplateError:
    return TemplateError(
        f"ResourceLogicalId:{logical_id}, ResourceType:{kind}, ResourceStatusReason:{why}",
        logical_id,
        kind,
        why,
    )


class Deployer:
    """Which roles each stack made, per account, and deploying into moto's IAM."""

    def __init__(self, partition: str) -> None:
        self.partition = partition
        self.owners: dict[tuple[str, str], str] = {}  # (account, role name) -> stack id

    def owned(self, account: str, stack_id: str) -> list[str]:
        return [name for (a, name), s in self.owners.items() if a == account and s == stack_id]

    def deploy(
        self,
        account: str,
        stack_name: str,
        stack_id: str,
        doc: Mapping[str, Any],
        given: Mapping[str, str],
        region: str = REGION,
    ) -> list[Deployed]:
        """Create or update the stack's roles in `account`; TemplateError says why not."""
        try:
            values = parameter_values(doc, given)
        except AwsError as exc:
            raise TemplateError(exc.message) from None
        values.update(pseudo(account, region, self.partition, stack_name, stack_id))
        resources: dict[str, Any] = dict(doc.get("Resources") or {})
        names: dict[str, str] = {}
        for lid, res in resources.items():
            kind = str(res.get("Type", "")) if isinstance(res, dict) else ""
            if kind != ROLE:
                raise _reason(lid, kind, f"the elevate-tray sandbox deploys only {ROLE}")
            props = res.get("Properties") or {}
            early = Scope(values, {}, {})
            names[lid] = str(resolve(props.get("RoleName"), early) or f"{stack_name}-{lid}")
        arns = {lid: f"arn:{self.partition}:iam::{account}:role/{n}" for lid, n in names.items()}
        scope = Scope(values, names, arns)
        props_of = {
            lid: resolve(res.get("Properties") or {}, scope) for lid, res in resources.items()
        }
        backend = motoview.iam(account, self.partition)
        for lid, name in names.items():
            exists = motoview.role_by_name(backend, name) is not None
            if exists and self.owners.get((account, name)) != stack_id:
                raise _reason(lid, ROLE, f"{name} already exists")
        for stale in set(self.owned(account, stack_id)) - set(names.values()):
            self._delete(account, stale)
        done: list[Deployed] = []
        fresh: set[str] = set()
        for lid, name in names.items():
            new = (account, name) not in self.owners
            try:
                self._put_role(backend, name, props_of[lid])
            except Exception as exc:  # moto's own refusal, e.g. a policy that does not exist
                for made in [d.physical_id for d in done if d.logical_id in fresh] + [name]:
                    if new or made != name:
                        self._delete(account, made)  # roll back what this call created
                message = getattr(exc, "message", None) or str(exc)
                raise _reason(lid, ROLE, f"Resource handler returned message: {message}") from None
            self.owners[(account, name)] = stack_id
            done.append(Deployed(lid, ROLE, name))
            if new:
                fresh.add(lid)
        return done

    def remove(self, account: str, stack_id: str) -> list[str]:
        """Delete every role this stack made in `account` (a role deleted by hand: skipped)."""
        names = self.owned(account, stack_id)
        for name in names:
            self._delete(account, name)
        return names

    # -- moto's IAM --------------------------------------------------------------------
    def _put_role(self, backend: Any, name: str, props: Mapping[str, Any]) -> None:
        trust = props.get("AssumeRolePolicyDocument") or {}
        trust_text = trust if isinstance(trust, str) else json.dumps(trust)
        tags = [{"Key": str(t["Key"]), "Value": str(t["Value"])} for t in props.get("Tags") or []]
        duration = str(props.get("MaxSessionDuration") or 3600)
        role = motoview.role_by_name(backend, name)
        if role is None:
            role = backend.create_role(
                role_name=name,
                assume_role_policy_document=trust_text,
                path=str(props.get("Path") or "/"),
                permissions_boundary=None,
                description=str(props.get("Description") or ""),
                tags=tags,
                max_session_duration=duration,
            )
        else:
            backend.update_assume_role_policy(name, trust_text)
            role.max_session_duration = duration
            role.description = str(props.get("Description") or "")
            old = [t["Key"] for t in backend.list_role_tags(name, None)[0]]
            if old:
                backend.untag_role(name, old)
            if tags:
                backend.tag_role(name, tags)
        wanted = [str(a) for a in props.get("ManagedPolicyArns") or []]
        for arn in [a for a in role.managed_policies if a not in wanted]:
            backend.detach_role_policy(arn, name)
        for arn in wanted:
            if arn not in role.managed_policies:
                backend.attach_role_policy(arn, name)
        inline = {str(p["PolicyName"]): p["PolicyDocument"] for p in props.get("Policies") or []}
        for old_name in [n for n in role.policies if n not in inline]:
            backend.delete_role_policy(name, old_name)
        for policy_name, document in inline.items():
            text = document if isinstance(document, str) else json.dumps(document)
            backend.put_role_policy(name, policy_name, text)

    def _delete(self, account: str, name: str) -> None:
        self.owners.pop((account, name), None)
        backend = motoview.iam(account, self.partition)
        role = motoview.role_by_name(backend, name)
        if role is None:
            return
        for arn in list(role.managed_policies):
            backend.detach_role_policy(arn, name)
        for policy_name in list(role.policies):
            backend.delete_role_policy(name, policy_name)
        backend.delete_role(name)
