"""Recording one call the gateway served: the record (trail_record.py) with what the call
named (its resources), what it answered (or the error it got) and who made it.

The gateway notes in the request's WSGI environ the sandbox time it served the call at
(REQUEST_TIME) and the resource ARN it authorized it on (PRIMARY_RESOURCE).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from .auth import Caller
from .trail import Trail
from .trail_record import build, region_of, request_parameters, response_elements

PRIMARY_RESOURCE = "elevate_tray.resource"
REQUEST_TIME = "elevate_tray.time"

# request parameter -> the resource type CloudTrail's event history names
RESOURCE_TYPES = {
    "UserName": "AWS::IAM::User",
    "RoleName": "AWS::IAM::Role",
    "GroupName": "AWS::IAM::Group",
    "PolicyArn": "AWS::IAM::Policy",
    "AccessKeyId": "AWS::IAM::AccessKey",
    "InstanceProfileName": "AWS::IAM::InstanceProfile",
    "RoleArn": "AWS::IAM::Role",
}


_XML_ERROR = re.compile(rb"<Code>([^<]*)</Code>\s*<Message>([^<]*)</Message>", re.S)


def error_of(protocol: str, status: int, answer: bytes) -> tuple[str, str] | None:
    """(errorCode, errorMessage) of an error answer from moto."""
    if status < 400:
        return None
    if protocol in ("json", "rest-json"):
        try:
            data = json.loads(answer)
            code = str(data.get("__type", "")).rsplit("#", 1)[-1]
            return code or "Error", str(data.get("message") or data.get("Message") or "")
        except (ValueError, AttributeError):
            return "Error", ""
    m = _XML_ERROR.search(answer)
    return (m[1].decode(), m[2].decode()) if m else ("Error", "")


def resources_of(
    params: dict[str, str], account_id: str, primary: str | None
) -> list[dict[str, str]]:
    """[{"ARN", "accountId", "type", "name"}] for the resources a request names."""
    found: list[dict[str, str]] = []
    for param, kind in RESOURCE_TYPES.items():
        value = params.get(param)
        if not value:
            continue
        name = value.rsplit("/", 1)[-1] if value.startswith("arn:") else value
        arn = value if value.startswith("arn:") else ""
        if not arn and primary and primary.endswith(f"/{name}"):
            arn = primary
        entry = {"accountId": account_id, "type": kind, "name": name}
        if arn:
            entry["ARN"] = arn
        found.append(entry)
    if not found and primary and primary != "*" and primary.startswith("arn:aws:s3:::"):
        kind = "AWS::S3::Object" if "/" in primary[len("arn:aws:s3:::") :] else "AWS::S3::Bucket"
        found.append({"accountId": account_id, "type": kind, "name": primary, "ARN": primary})
    return found


def record_call(
    trail: Trail,
    environ: dict[str, Any],
    body: bytes,
    request: Any,
    caller: Caller,
    status: int,
    answer: bytes,
    error: tuple[str, str] | None,
) -> None:
    """Record one served call (request: the apirequest.ApiRequest) in the trail."""
    operation = str(request.operation)
    if error is None:
        error = error_of(request.protocol, status, answer)
    if error is not None and request.protocol in ("json", "rest-json"):
        error = ("AccessDeniedException" if error[0] == "AccessDenied" else error[0], error[1])
    temp = caller.temp
    mfa = temp is not None and (temp.mfa_present or temp.mfa_authenticated_at is not None)
    primary = environ.get(PRIMARY_RESOURCE) or request.resource
    resources = resources_of(request.params, caller.account_id, primary)
    if request.service == "sts" and operation == "AssumeRole" and error is None:
        key = re.search(rb"<AccessKeyId>([A-Z0-9]+)</AccessKeyId>", answer)
        if key:
            resources.append(
                {
                    "accountId": caller.account_id,
                    "type": "AWS::IAM::AccessKey",
                    "name": key[1].decode(),
                }
            )
    record = build(
        caller=caller,
        service=request.service,
        operation=operation,
        region=region_of(request.service, request.region),
        when=trail_now(environ),
        source_ip=str(environ.get("REMOTE_ADDR", "127.0.0.1")),
        user_agent=str(environ.get("HTTP_USER_AGENT", "")),
        params=request_parameters(request.protocol, request.params, body),
        response=response_elements(request.protocol, status, answer, operation),
        error=error,
        resources=resources,
        mfa_authenticated=mfa,
        from_console=bool(temp is not None and temp.console),
    )
    trail.add(record, resources, trail_now(environ))


def trail_now(environ: dict[str, Any]) -> datetime:
    return environ[REQUEST_TIME]  # type: ignore[no-any-return]
