"""REST-protocol requests (S3, Lambda, ...): the operation is found from the HTTP method and
path with botocore's own service model, so they can be authorized like the others.

Knows nothing of ApiRequest (apirequest builds one from the RestOperation found here)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote


@dataclass(frozen=True)
class RestOperation:
    protocol: str  # rest-json | rest-xml
    operation: str  # the IAM action's name (S3's differ from its API's)
    resource: str | None  # the resource ARN, for services whose path names it (S3)


# IAM action names that differ from the S3 API operation names.
_S3_ACTIONS = {
    "ListBuckets": "ListAllMyBuckets",
    "ListObjects": "ListBucket",
    "ListObjectsV2": "ListBucket",
    "HeadBucket": "ListBucket",
    "HeadObject": "GetObject",
    "ListObjectVersions": "ListBucketVersions",
    "DeleteObjects": "DeleteObject",
    "CopyObject": "PutObject",
    "GetBucketLocation": "GetBucketLocation",
}


@lru_cache(maxsize=32)
def _routes(
    service: str,
) -> tuple[str, tuple[tuple[str, re.Pattern[str], frozenset[str], int, str], ...]] | None:
    import botocore.exceptions
    import botocore.session

    try:
        model = botocore.session.get_session().get_service_model(service)
    except botocore.exceptions.UnknownServiceError:
        return None
    routes = []
    for name in model.operation_names:
        http = model.operation_model(name).http
        path, _, query = str(http.get("requestUri", "/")).partition("?")
        regex = "".join(
            "(.+)"
            if part.endswith("+}")
            else "([^/]+)"
            if part.startswith("{")
            else re.escape(part)
            for part in re.split(r"(\{[^}]+\})", path)
            if part
        )
        keys = frozenset(k for k, _ in parse_qsl(query, keep_blank_values=True)) | frozenset(
            q for q in query.split("&") if q and "=" not in q
        )
        literal = len(re.sub(r"\{[^}]+\}", "", path)) + 10 * len(keys)
        routes.append(
            (str(http.get("method", "GET")), re.compile(regex + "/?"), keys, literal, name)
        )
    return model.protocol, tuple(routes)


def resolve(service: str, environ: dict[str, Any]) -> RestOperation | None:
    found = _routes(service)
    if found is None:
        return None
    protocol, routes = found
    method = str(environ.get("REQUEST_METHOD", "GET")).upper()
    path = unquote(str(environ.get("PATH_INFO", "/")))
    query = {k for k, _ in parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)}
    best: tuple[int, str] | None = None
    for op_method, regex, keys, literal, name in routes:
        matches = op_method == method and keys <= query and regex.fullmatch(path)
        if matches and (best is None or literal > best[0]):
            best = (literal, name)
    if best is None:
        return None
    operation = best[1]
    if service != "s3":
        return RestOperation(protocol, operation, None)
    bucket, _, key = path.lstrip("/").partition("/")
    resource = f"arn:aws:s3:::{bucket}" + (f"/{key}" if key else "") if bucket else None
    return RestOperation(protocol, _S3_ACTIONS.get(operation, operation), resource)
