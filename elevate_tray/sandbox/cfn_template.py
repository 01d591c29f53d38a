"""CloudFormation templates as the sandbox deploys them: JSON or YAML (with the short forms
!Ref, !Sub, !GetAtt, !Join), parameters with defaults, the intrinsic functions Ref, Fn::Sub,
Fn::Join and Fn::GetAtt (Arn), the pseudo parameters, and the capabilities IAM resources need.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import AwsError, validation_error

NAMED_IAM = "CAPABILITY_NAMED_IAM"
ANY_IAM = "CAPABILITY_IAM"
# resource type -> the property that names it (a name needs CAPABILITY_NAMED_IAM)
IAM_NAMES = {
    "AWS::IAM::Role": "RoleName",
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
    "AWS::IAM::User": "UserName",
    "AWS::IAM::Group": "GroupName",
    "AWS::IAM::InstanceProfile": "InstanceProfileName",
    "AWS::IAM::Policy": "PolicyName",
}
_SUB = re.compile(r"\$\{(!?)([^}]*)\}")


class TemplateError(Exception):
    """Why one deployment of a template cannot go on (a stack instance's StatusReason);
    `logical_id`: the resource that failed, when one did."""

    def __init__(self, message: str, logical_id: str = "", kind: str = "", why: str = "") -> None:
        super().__init__(message)
        self.logical_id, self.kind, self.why = logical_id, kind, why or message


class _Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML has no types
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = str(value).split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


_Loader.add_multi_constructor("!", _tagged)
# "Version: 2012-10-17" stays a string, as CloudFormation reads it
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),
)


def load(body: str) -> dict[str, Any]:
    """The template's document, or ValidationError as CloudFormation answers."""
    try:
        doc = json.loads(body) if body.lstrip().startswith("{") else yaml.load(body, _Loader)  # noqa: S506
    except (ValueError, yaml.YAMLError) as exc:
        raise validation_error(f"Template format error: {str(exc).splitlines()[0]}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("Resources"), dict):
        raise validation_error(
            "Template format error: At least one Resources member must be defined."
        )
    return doc


def required_capabilities(doc: Mapping[str, Any]) -> list[str]:
    """[CAPABILITY_NAMED_IAM] when an IAM resource has a name, [CAPABILITY_IAM] when IAM
    resources have none, else []."""
    needed: list[str] = []
    for resource in doc.get("Resources", {}).values():
        kind = str(resource.get("Type", "")) if isinstance(resource, dict) else ""
        if kind in IAM_NAMES:
            named = IAM_NAMES[kind] in (resource.get("Properties") or {})
            needed.append(NAMED_IAM if named else ANY_IAM)
    if NAMED_IAM in needed:
        return [NAMED_IAM]
    return [ANY_IAM] if needed else []


def check_capabilities(doc: Mapping[str, Any], given: list[str]) -> None:
    needed = required_capabilities(doc)
    if needed == [NAMED_IAM] and NAMED_IAM not in given:
        missing = NAMED_IAM
    elif needed == [ANY_IAM] and not {ANY_IAM, NAMED_IAM} & set(given):
        missing = ANY_IAM
    else:
        return
    raise AwsError("InsufficientCapabilitiesException", f"Requires capabilities : [{missing}]")


def parameter_values(doc: Mapping[str, Any], given: Mapping[str, str]) -> dict[str, str]:
    """The template's parameters with the given values, else their defaults."""
    declared = doc.get("Parameters") or {}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise validation_error(f"Parameters: [{', '.join(unknown)}] do not exist in the template")
    values: dict[str, str] = {}
    missing = []
    for name, spec in declared.items():
        spec = spec if isinstance(spec, dict) else {}
        if name in given:
            values[name] = str(given[name])
        elif "Default" in spec:
            values[name] = str(spec["Default"])
        else:
            missing.append(name)
        allowed = spec.get("AllowedValues")
        if name in values and allowed and values[name] not in [str(a) for a in allowed]:
            raise validation_error(f"Parameter '{name}' must be one of AllowedValues")
    if missing:
        raise validation_error(f"Parameters: [{', '.join(missing)}] must have values")
    return values


@dataclass(frozen=True)
class Scope:
    """What Ref and ${...} resolve to in one deployment."""

    values: Mapping[str, str]  # parameters and pseudo parameters
    physical: Mapping[str, str]  # logical id -> physical id (a role's name)
    arns: Mapping[str, str]  # logical id -> ARN (Fn::GetAtt X.Arn)


def pseudo(
    account: str, region: str, partition: str, stack_name: str, stack_id: str
) -> dict[str, str]:
    return {
        "AWS::AccountId": account,
        "AWS::Region": region,
        "AWS::Partition": partition,
        "AWS::StackName": stack_name,
        "AWS::StackId": stack_id,
        "AWS::URLSuffix": "amazonaws.com",
    }


def _ref(name: str, scope: Scope) -> str:
    if name in scope.values:
        return str(scope.values[name])
    if name in scope.physical:
        return str(scope.physical[name])
    raise TemplateError(f"Template error: unresolved resource dependencies [{name}]")


def _attr(target: str, attribute: str, scope: Scope) -> str:
    if attribute == "Arn" and target in scope.arns:
        return str(scope.arns[target])
    raise TemplateError(
        f"Template error: the sandbox cannot resolve Fn::GetAtt {target}.{attribute}"
    )


def _sub(value: Any, scope: Scope) -> str:
    text, extra = (value[0], value[1]) if isinstance(value, list) else (value, {})
    local = {k: resolve(v, scope) for k, v in (extra or {}).items()}

    def one(m: re.Match[str]) -> str:
        if m[1]:
            return "${" + m[2] + "}"
        name = m[2]
        if name in local:
            return str(local[name])
        if "." in name:
            target, attribute = name.split(".", 1)
            return _attr(target, attribute, scope)
        return _ref(name, scope)

    return _SUB.sub(one, str(text))


def resolve(value: Any, scope: Scope) -> Any:
    """The value with every intrinsic function evaluated."""
    if isinstance(value, list):
        return [resolve(v, scope) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, arg),) = value.items()
        if key == "Ref":
            return _ref(str(arg), scope)
        if key == "Fn::Sub":
            return _sub(arg, scope)
        if key == "Fn::Join":
            return str(arg[0]).join(str(resolve(v, scope)) for v in resolve(arg[1], scope))
        if key == "Fn::GetAtt":
            target, attribute = arg if isinstance(arg, list) else str(arg).split(".", 1)
            return _attr(str(target), str(attribute), scope)
        if key.startswith("Fn::"):
            raise TemplateError(f"Template error: the sandbox does not emulate {key}")
    return {k: resolve(v, scope) for k, v in value.items()}
