"""CloudFormation's Query protocol: its flattened request parameters in, XML answers out."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from .clock import iso
from .sts_params import list_members

NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/"
Response = tuple[int, list[tuple[str, str]], bytes]


def strings(params: Mapping[str, str], prefix: str) -> list[str]:
    """A list parameter: Prefix.member.1, Prefix.member.2, ..."""
    return [m.get("", "") for m in list_members(params, prefix)]


def structs(params: Mapping[str, str], prefix: str) -> list[dict[str, str]]:
    """A list of structures: Prefix.member.1.Field, ..."""
    return list_members(params, prefix)


def struct(params: Mapping[str, str], prefix: str) -> dict[str, str]:
    """A structure: Prefix.Field."""
    start = prefix + "."
    return {
        k[len(start) :]: v
        for k, v in params.items()
        if k.startswith(start) and "." not in k[len(start) :]
    }


def flag(value: str | None) -> bool:
    return str(value).lower() == "true"


def parameters(params: Mapping[str, str], previous: Mapping[str, str]) -> dict[str, str]:
    """Parameters.member.N.{ParameterKey, ParameterValue, UsePreviousValue}."""
    values = {}
    for m in structs(params, "Parameters"):
        key = m.get("ParameterKey", "")
        if flag(m.get("UsePreviousValue")) and key in previous:
            values[key] = previous[key]
        elif key:
            values[key] = m.get("ParameterValue", "")
    return values


def _xml(value: Any) -> str:
    if isinstance(value, Mapping):
        return "".join(f"<{k}>{_xml(v)}</{k}>" for k, v in value.items() if v is not None)
    if isinstance(value, list | tuple):
        return "".join(f"<member>{_xml(v)}</member>" for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return iso(value)
    return escape(str(value))


def answer(operation: str, result: Mapping[str, Any]) -> Response:
    body = (
        f'<{operation}Response xmlns="{NS}"><{operation}Result>{_xml(result)}'
        f"</{operation}Result><ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId>"
        f"</ResponseMetadata></{operation}Response>"
    )
    return 200, [("Content-Type", "text/xml")], body.encode()
