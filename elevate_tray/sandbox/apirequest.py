"""What an incoming AWS API request asks for: service, protocol, IAM action and parameters."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .auth import parse_authorization


@dataclass
class ApiRequest:
    service: str  # the SigV4 signing name: iam, sts, s3, ...
    region: str
    protocol: str  # query | ec2 | json | rest-json | rest-xml
    operation: str | None  # e.g. CreateUser; None when it cannot be told
    params: dict[str, str] = field(default_factory=dict)
    resource: str | None = None  # set by the REST resolver for services it knows (S3)

    @property
    def action(self) -> str:
        return f"{self.service}:{self.operation}"


def read_body(environ: dict[str, Any]) -> bytes:
    """Read the whole body and put it back for whoever reads next (moto)."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def _is_form(environ: dict[str, Any]) -> bool:
    return str(environ.get("CONTENT_TYPE", "")).startswith("application/x-www-form-urlencoded")


def parse(environ: dict[str, Any], body: bytes) -> ApiRequest | None:
    sig = parse_authorization(environ.get("HTTP_AUTHORIZATION"))
    if sig is None:
        return None
    service, region = sig.service, sig.region
    params = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
    if _is_form(environ) and body:
        params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    if "Action" in params and not environ.get("HTTP_X_AMZ_TARGET"):
        protocol = "ec2" if service == "ec2" else "query"
        return ApiRequest(service, region, protocol, params["Action"], params)
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return ApiRequest(service, region, "json", target.rsplit(".", 1)[-1], {})
    from .rest import resolve  # botocore models load only when a REST service is used

    rest = resolve(service, environ)
    if rest is None:
        return None
    return ApiRequest(service, region, rest.protocol, rest.operation, {}, rest.resource)


def replace_params(environ: dict[str, Any], params: dict[str, str]) -> None:
    """Re-encode a Query-protocol request after the sandbox filled in a parameter."""
    encoded = urlencode(params)
    if _is_form(environ):
        environ["wsgi.input"] = io.BytesIO(encoded.encode())
        environ["CONTENT_LENGTH"] = str(len(encoded))
        environ["QUERY_STRING"] = ""
    else:
        environ["QUERY_STRING"] = encoded
