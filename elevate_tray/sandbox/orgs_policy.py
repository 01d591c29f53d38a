"""The organization's resource-based policy (PutResourcePolicy, DescribeResourcePolicy,
DeleteResourcePolicy; ListTagsForResource on it), and what it grants: a caller outside the
management account that is not a delegated administrator may call a read-only Organizations
action when an Allow statement grants that action to a Principal matching it (its account's
root, the bare account ID, or its own principal ARN). The caller's identity policies were
checked before, by the gateway, as for every call: both must allow, as in AWS.
"""

from __future__ import annotations

import json
from typing import Any

from .auth import Caller
from .errors import AwsError
from .org_model import Organization, ResourcePolicy
from .policy import Principal, TrustMatch, evaluate_trust

MAX_CONTENT = 40000
MANAGEMENT_ONLY = ("PutResourcePolicy", "DeleteResourcePolicy")
_NOT_FOUND = "We can't find a resource policy request with the parameter that you specified."


def _err(code: str, message: str) -> AwsError:
    return AwsError(code, message, 400)


def is_read_only(operation: str) -> bool:
    return operation.startswith(("List", "Describe"))


def grants(org: Organization, caller: Caller, operation: str) -> bool:
    """Does the resource policy grant this read-only call to this caller?"""
    policy = org.resource_policy
    if policy is None or not is_read_only(operation) or caller.account_id not in org.accounts:
        return False
    who = Principal(caller.account_id, caller.partition, caller.principal_arns)
    try:
        match = evaluate_trust(policy.content, who, f"organizations:{operation}", {})
    except ValueError:
        return False
    return match in (TrustMatch.ACCOUNT, TrustMatch.DIRECT)


def _tags(raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, list) or not all(
        isinstance(t, dict) and isinstance(t.get("Key"), str) for t in raw
    ):
        raise _err("InvalidInputException", "Tags is a list of {Key, Value}.")
    return {t["Key"]: str(t.get("Value", "")) for t in raw}


def _valid_content(content: Any) -> str:
    if not isinstance(content, str) or not content or len(content) > MAX_CONTENT:
        raise _err(
            "InvalidInputException",
            "Content is a JSON policy document of at most 40000 characters.",
        )
    try:
        doc = json.loads(content)
    except ValueError:
        doc = None
    statements = doc.get("Statement") if isinstance(doc, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    if (
        not isinstance(statements, list)
        or not statements
        or not all(
            isinstance(st, dict) and "Principal" in st and "Action" in st for st in statements
        )
    ):
        raise _err(
            "MalformedPolicyDocumentException",
            "The provided policy document doesn't meet the requirements of the specified "
            "policy type: each statement needs a Principal and an Action.",
        )
    return content


class ResourcePolicyOps:
    """Mixed into OrganizationsApi (orgs_api.py): the resource policy's operations."""

    org: Organization
    partition: str

    def _shape(self, policy: ResourcePolicy) -> dict[str, Any]:
        return {
            "ResourcePolicy": {
                "ResourcePolicySummary": {"Id": policy.id, "Arn": policy.arn(self.partition)},
                "Content": policy.content,
            }
        }

    def op_PutResourcePolicy(self, p: dict[str, Any]) -> dict[str, Any]:
        content = _valid_content(p.get("Content"))
        tags = _tags(p.get("Tags"))
        policy = self.org.resource_policy
        if policy is None:
            self.org.policies_made += 1
            policy = ResourcePolicy(f"rp-sbx0{self.org.policies_made:04d}", content, tags)
            self.org.resource_policy = policy
        else:  # an update keeps the ID and the tags (Tags given now are added)
            policy.content = content
            policy.tags.update(tags)
        return self._shape(policy)

    def op_DescribeResourcePolicy(self, _: dict[str, Any]) -> dict[str, Any]:
        if self.org.resource_policy is None:
            raise _err("ResourcePolicyNotFoundException", _NOT_FOUND)
        return self._shape(self.org.resource_policy)

    def op_DeleteResourcePolicy(self, _: dict[str, Any]) -> dict[str, Any]:
        if self.org.resource_policy is None:
            raise _err("ResourcePolicyNotFoundException", _NOT_FOUND)
        self.org.resource_policy = None
        return {}

    def op_ListTagsForResource(self, p: dict[str, Any]) -> dict[str, Any]:
        target = str(p.get("ResourceId", ""))
        policy = self.org.resource_policy
        if policy is not None and target == policy.id:
            return {"Tags": [{"Key": k, "Value": v} for k, v in policy.tags.items()]}
        if target in self.org.accounts or self.org.is_container(target):
            return {"Tags": []}
        raise _err(
            "TargetNotFoundException",
            "We can't find a root, OU, account, or policy with the TargetId that you specified.",
        )
