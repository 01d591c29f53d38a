"""One CloudTrail management event for one API call the sandbox served, shaped like AWS's
record (CloudTrail user guide, "CloudTrail record contents" and "userIdentity element").

Nothing secret is ever written: request parameters named like a secret (secret access keys,
session tokens, passwords, MFA codes, sign-in tokens, private keys) read
HIDDEN_DUE_TO_SECURITY_REASONS, and such fields are left out of the response elements (a
CreateAccessKey event has the key's ID, never its secret; an AssumeRole event the new key's
ID and expiry, never the token).
"""

from __future__ import annotations

import json
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any

from .auth import Caller
from .clock import iso

EVENT_VERSION = "1.09"
HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS"
GLOBAL_SERVICES = frozenset({"iam"})  # IAM's events are in us-east-1 whatever the signer said
GLOBAL_REGION = "us-east-1"
_SECRET_WORDS = ("secret", "token", "password", "privatekey", "authenticationcode", "otp")
_READ_PREFIXES = (
    "Get",
    "List",
    "Describe",
    "Lookup",
    "Head",
    "Search",
    "BatchGet",
    "Select",
    "Query",
    "Scan",
    "Simulate",
    "Generate",
)
# IAM/STS actions that AWS logs as read-only although their names do not say so.
_READ_ACTIONS = frozenset({"AssumeRole", "GetSessionToken", "GetCallerIdentity"})


def is_secret(name: str) -> bool:
    low = name.lower().replace("_", "").replace("-", "")
    return any(word in low for word in _SECRET_WORDS) and low not in ("tokenissuetime",)


def read_only(operation: str) -> bool:
    return operation in _READ_ACTIONS or operation.startswith(_READ_PREFIXES)


def event_source(service: str) -> str:
    return f"{service}.amazonaws.com"


def region_of(service: str, signed_region: str) -> str:
    return GLOBAL_REGION if service in GLOBAL_SERVICES else signed_region


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:] if name else name


def redact(value: Any) -> Any:
    """A JSON value with every secret-named field hidden (keys as they are)."""
    if isinstance(value, dict):
        return {k: HIDDEN if is_secret(str(k)) else redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def _put(tree: dict[str, Any], path: list[str], value: str) -> None:
    """Tags.member.1.Key=v -> {"tags": [{"key": v}]} (Query protocol's flattened lists)."""
    node: Any = tree
    parts = [p for p in path if p not in ("member", "entry")]
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        nxt = None if last else parts[i + 1]
        if isinstance(node, list):
            index = int(part) - 1 if part.isdigit() else 0
            while len(node) <= index:
                node.append({} if not last else None)
            if last:
                node[index] = value
            else:
                if not isinstance(node[index], dict | list):
                    node[index] = [] if nxt is not None and nxt.isdigit() else {}
                node = node[index]
            continue
        key = _camel(part)
        if last:
            node[key] = value
        else:
            if not isinstance(node.get(key), dict | list):
                node[key] = [] if nxt is not None and nxt.isdigit() else {}
            node = node[key]


def request_parameters(protocol: str, params: dict[str, str], body: bytes) -> Any:
    if protocol in ("query", "ec2"):
        tree: dict[str, Any] = {}
        for name, value in params.items():
            if name in ("Action", "Version"):
                continue
            try:
                _put(tree, name.split("."), value)
            except (ValueError, AttributeError, TypeError):
                tree[_camel(name)] = value
        return redact(tree) or None
    if protocol == "json" and body:
        try:
            data = json.loads(body)
        except ValueError:
            return None
        return redact(_camel_keys(data)) or None
    return redact(dict(params)) or None


def _camel_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {_camel(str(k)): _camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel_keys(v) for v in value]
    return value


def _xml_value(element: ET.Element) -> Any:
    children = list(element)
    if not children:
        return element.text or ""
    if all(_tag(c) == "member" for c in children):
        return [_xml_value(c) for c in children]
    return {_camel(_tag(c)): _xml_value(c) for c in children}


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _drop_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_secrets(v) for k, v in value.items() if not is_secret(str(k))}
    if isinstance(value, list):
        return [_drop_secrets(v) for v in value]
    return value


def response_elements(protocol: str, status: int, answer: bytes, operation: str) -> Any:
    """What a change answered, secrets left out (None for reads, errors, empty answers)."""
    if status >= 400 or not answer:
        return None
    try:
        if protocol in ("query", "ec2"):
            root = ET.fromstring(answer)
            result = next((c for c in root if _tag(c).endswith("Result")), None)
            value = _xml_value(result) if result is not None else None
            value = value if isinstance(value, dict) else None
        elif protocol in ("json", "rest-json"):
            value = _camel_keys(json.loads(answer))
        else:
            value = None
    except (ET.ParseError, ValueError):
        return None
    return _drop_secrets(value) or None


def user_identity(caller: Caller, mfa_authenticated: bool) -> dict[str, Any]:
    temp = caller.temp
    ident: dict[str, Any] = {
        "type": "IAMUser" if caller.is_user else "AssumedRole",
        "principalId": caller.user_id,
        "arn": caller.arn,
        "accountId": caller.account_id,
        "accessKeyId": caller.access_key_id,
    }
    if caller.is_user:
        ident["userName"] = caller.user_name
    if temp is None:
        return ident
    context: dict[str, Any] = {}
    if temp.kind == "assumed-role":
        context["sessionIssuer"] = {
            "type": "Role",
            "principalId": temp.role_id,
            "arn": temp.role_arn,
            "accountId": caller.account_id,
            "userName": temp.role_name,
        }
    context["attributes"] = {
        "creationDate": iso(temp.issued_at),
        "mfaAuthenticated": "true" if mfa_authenticated else "false",
    }
    if temp.source_identity:
        context["sourceIdentity"] = temp.source_identity
    ident["sessionContext"] = context
    return ident


def username_of(caller: Caller) -> str | None:
    """The event history's Username: the IAM user's name, or the role session name."""
    if caller.is_user:
        return caller.user_name
    return caller.temp.session_name if caller.temp is not None else None


def build(
    *,
    caller: Caller,
    service: str,
    operation: str,
    region: str,
    when: datetime,
    source_ip: str,
    user_agent: str,
    params: Any,
    response: Any,
    error: tuple[str, str] | None,
    resources: list[dict[str, str]],
    mfa_authenticated: bool,
    from_console: bool,
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "eventVersion": EVENT_VERSION,
        "userIdentity": user_identity(caller, mfa_authenticated),
        "eventTime": iso(when),
        "eventSource": event_source(service),
        "eventName": operation,
        "awsRegion": region,
        "sourceIPAddress": source_ip,
        "userAgent": user_agent,
    }
    if error is not None:
        record["errorCode"], record["errorMessage"] = error
    record["requestParameters"] = params
    record["responseElements"] = None if read_only(operation) or error else response
    record["requestID"] = str(uuid.uuid4())
    record["eventID"] = str(uuid.uuid4())
    record["readOnly"] = read_only(operation)
    if resources:
        record["resources"] = [
            {k: v for k, v in r.items() if k in ("ARN", "accountId", "type")} for r in resources
        ]
    record["eventType"] = "AwsApiCall"
    record["managementEvent"] = True
    record["recipientAccountId"] = caller.account_id
    record["eventCategory"] = "Management"
    if from_console:
        record["sessionCredentialFromConsole"] = "true"
    return record
