"""IAM rules the sandbox applies before moto sees a request (moto leaves them out), and what
it records after: a caller's own user filled in, quotas, MFA device codes, new keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from . import apirequest, motoview, quotas
from .auth import Caller
from .errors import AwsError
from .keys import AccessKeyRules
from .resources import SELF_USER_ACTIONS
from .sessions import MfaCodes


def before(
    environ: dict[str, Any],
    caller: Caller,
    request: apirequest.ApiRequest,
    backend: Any,
    mfa: MfaCodes,
    now: datetime,
) -> None:
    params, operation = request.params, request.operation
    if operation in SELF_USER_ACTIONS and not params.get("UserName"):
        if not caller.is_user:
            raise AwsError(
                "ValidationError",
                "Must specify userName when calling with non-User credentials",
                400,
            )
        params["UserName"] = str(caller.user_name)
        apirequest.replace_params(environ, params)
    if operation == "PutRolePolicy":
        quotas.check_role_inline_policies(backend, params)
    if operation == "EnableMFADevice":
        serial = params.get("SerialNumber", "")
        secret = motoview.virtual_device_secret(backend, serial)
        if secret is not None and not mfa.enable(
            serial,
            secret,
            params.get("AuthenticationCode1", ""),
            params.get("AuthenticationCode2", ""),
            now,
        ):
            raise AwsError(
                "InvalidAuthenticationCode", "Authentication code for device is not valid.", 403
            )


def after(
    request: apirequest.ApiRequest,
    status: int,
    answer: bytes,
    backend: Any,
    keys: AccessKeyRules,
    now: datetime,
) -> bytes:
    """moto's answer, as the caller gets it."""
    if request.operation == "CreateAccessKey" and status == 200:
        return keys.created(backend, answer, now)
    return answer
