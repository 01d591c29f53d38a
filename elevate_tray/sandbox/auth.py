"""Who is calling: the SigV4 Authorization header, checked against the caller's secret.

The request time (X-Amz-Date) is deliberately not compared with the sandbox clock: tests
move that clock by hours, and the SDK signs with the real one. A key made through the sandbox
that has not propagated yet, and (strict key sessions) temporary credentials whose source key
is no longer Active, are invalid tokens: see keys.py.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from botocore.utils import normalize_url_path

from . import motoview
from .errors import (
    MISSING_TOKEN,
    SIGNATURE_MISMATCH,
    AwsError,
    expired_token,
    invalid_token,
)
from .keys import AccessKeyRules
from .sessions import CredentialTable, TempCredential

_AUTH = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=(?P<key>[^/\s,]+)/(?P<date>\d{8})/(?P<region>[^/]+)/"
    r"(?P<service>[^/]+)/aws4_request,\s*SignedHeaders=(?P<headers>[^,\s]+),\s*"
    r"Signature=(?P<signature>[0-9a-f]{64})"
)


@dataclass(frozen=True)
class SigV4:
    access_key_id: str
    date: str
    region: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str


def parse_authorization(header: str | None) -> SigV4 | None:
    if not header:
        return None
    m = _AUTH.search(header)
    if m is None:
        return None
    return SigV4(
        m["key"],
        m["date"],
        m["region"],
        m["service"],
        tuple(m["headers"].split(";")),
        m["signature"],
    )


def _header(environ: dict[str, Any], name: str) -> str:
    if name == "content-type":
        return str(environ.get("CONTENT_TYPE", ""))
    if name == "content-length":
        return str(environ.get("CONTENT_LENGTH", ""))
    return str(environ.get("HTTP_" + name.upper().replace("-", "_"), ""))


def canonical_request(environ: dict[str, Any], body: bytes, sig: SigV4) -> str:
    raw_uri = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "/")
    parts = urlsplit(raw_uri)
    path = parts.path or "/"
    if sig.service != "s3":
        path = quote(normalize_url_path(path), safe="/~")
    query = environ.get("QUERY_STRING", "")
    pairs = sorted(
        (quote(k, safe="-_.~"), quote(v, safe="-_.~"))
        for k, v in parse_qsl(query, keep_blank_values=True)
    )
    canonical_query = "&".join(f"{k}={v}" for k, v in pairs)
    headers = "".join(
        f"{name}:{' '.join(_header(environ, name).split())}\n" for name in sig.signed_headers
    )
    payload = _header(environ, "x-amz-content-sha256") or hashlib.sha256(body).hexdigest()
    return "\n".join(
        [
            environ.get("REQUEST_METHOD", "GET").upper(),
            path,
            canonical_query,
            headers,
            ";".join(sig.signed_headers),
            payload,
        ]
    )


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def signature_ok(environ: dict[str, Any], body: bytes, sig: SigV4, secret: str) -> bool:
    amz_date = _header(environ, "x-amz-date")
    scope = f"{sig.date}/{sig.region}/{sig.service}/aws4_request"
    creq = canonical_request(environ, body, sig)
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(creq.encode()).hexdigest()]
    )
    key = _hmac(("AWS4" + secret).encode(), sig.date)
    for part in (sig.region, sig.service, "aws4_request"):
        key = _hmac(key, part)
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sig.signature)


@dataclass(frozen=True)
class Caller:
    """An authenticated principal: an IAM user with its long-term keys ("user"), the same
    user with GetSessionToken credentials ("user-session"), or a role session."""

    kind: str
    account_id: str
    partition: str
    access_key_id: str
    arn: str
    user_id: str
    user_name: str | None = None
    temp: TempCredential | None = None

    @property
    def is_user(self) -> bool:
        return self.kind in ("user", "user-session")

    @property
    def principal_arns(self) -> tuple[str, ...]:
        if self.temp is not None and self.temp.kind == "assumed-role":
            return (str(self.temp.role_arn), self.arn)
        return (self.arn,)


def identify(
    environ: dict[str, Any],
    body: bytes,
    accounts: str | Sequence[str],
    partition: str,
    table: CredentialTable,
    now: datetime,
    keys: AccessKeyRules,
) -> tuple[Caller, SigV4]:
    sig = parse_authorization(environ.get("HTTP_AUTHORIZATION"))
    if sig is None:
        raise AwsError("MissingAuthenticationToken", MISSING_TOKEN, 403)
    temp = table.get(sig.access_key_id)
    if temp is not None:
        if environ.get("HTTP_X_AMZ_SECURITY_TOKEN", "") != temp.session_token:
            raise invalid_token()
        keys.check_session(temp, motoview.iam(temp.key_account_id, temp.partition))
        if not signature_ok(environ, body, sig, temp.secret_access_key):
            raise AwsError("SignatureDoesNotMatch", SIGNATURE_MISMATCH, 403)
        if now >= temp.expires_at:
            raise expired_token()
        caller = caller_from_temp(temp)
        if caller is None:
            raise invalid_token()
        return caller, sig
    # long-term keys: found in any account of the sandbox (the organization's, or the one)
    key, account_id = None, ""
    for account_id in [accounts] if isinstance(accounts, str) else accounts:
        key = motoview.find_user_key(motoview.iam(account_id, partition), sig.access_key_id)
        if key is not None:
            break
    if key is None or not key.active:
        raise invalid_token()
    keys.check_long_term(key.access_key_id, now)
    if environ.get("HTTP_X_AMZ_SECURITY_TOKEN"):
        raise invalid_token()
    if not signature_ok(environ, body, sig, key.secret_access_key):
        raise AwsError("SignatureDoesNotMatch", SIGNATURE_MISMATCH, 403)
    u = key.user
    return Caller("user", account_id, partition, sig.access_key_id, u.arn, u.id, u.name), sig


def caller_from_temp(temp: TempCredential) -> Caller | None:
    """The principal behind temporary credentials (None if its user no longer exists)."""
    if temp.kind == "session-token":
        u = motoview.user(motoview.iam(temp.account_id, temp.partition), temp.user_name)
        if u is None:
            return None
        return Caller(
            "user-session",
            temp.account_id,
            temp.partition,
            temp.access_key_id,
            u.arn,
            u.id,
            u.name,
            temp,
        )
    return Caller(
        "role-session",
        temp.account_id,
        temp.partition,
        temp.access_key_id,
        temp.assumed_role_arn,
        temp.assumed_role_id,
        None,
        temp,
    )
