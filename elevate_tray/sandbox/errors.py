"""AWS errors as the sandbox raises them, and their wire shapes botocore parses."""

from __future__ import annotations

import json
import uuid
from xml.sax.saxutils import escape

NAMESPACES = {
    "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
    "iam": "https://iam.amazonaws.com/doc/2010-05-08/",
}

# AWS's own wording (see design/aws-facts.md).
MFA_INVALID_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code."
MFA_NOT_CALLERS = (
    "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA "
    "serial number is valid and associated with this user."
)
INVALID_TOKEN = "The security token included in the request is invalid."
EXPIRED_TOKEN = "The security token included in the request is expired"
SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. Check "
    "your AWS Secret Access Key and signing method. Consult the service documentation for "
    "details."
)
MISSING_TOKEN = "Request is missing Authentication Token"
DURATION_OVER_ROLE_MAX = (
    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
)
DURATION_OVER_CHAINING = (
    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by "
    "role chaining."
)


class AwsError(Exception):
    """An error the sandbox answers with, in the service's own protocol."""

    def __init__(self, code: str, message: str, status: int = 400, sender: bool = True) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.sender = sender


def access_denied(message: str) -> AwsError:
    return AwsError("AccessDenied", message, 403)


def validation_error(message: str) -> AwsError:
    return AwsError("ValidationError", message, 400)


def invalid_token() -> AwsError:
    return AwsError("InvalidClientTokenId", INVALID_TOKEN, 403)


def expired_token() -> AwsError:
    return AwsError("ExpiredToken", EXPIRED_TOKEN, 400)


def not_authorized(principal_arn: str, action: str, resource: str, reason: str | None) -> AwsError:
    """AWS's AccessDenied text for an authorization failure.

    reason: "explicit" (a Deny matched), "implicit" (nothing allowed) or None (the role's
    trust policy refused, which AWS reports without a reason).
    """
    text = f"User: {principal_arn} is not authorized to perform: {action} on resource: {resource}"
    if reason == "explicit":
        text += " with an explicit deny in an identity-based policy"
    elif reason == "implicit":
        text += f" because no identity-based policy allows the {action} action"
    return access_denied(text)


def constraint(value: str, field: str, rule: str) -> AwsError:
    """AWS's "1 validation error detected" wording for a parameter constraint."""
    return validation_error(
        f"1 validation error detected: Value '{value}' at '{field}' failed to satisfy "
        f"constraint: {rule}"
    )


def render(
    error: AwsError, protocol: str, service: str
) -> tuple[int, list[tuple[str, str]], bytes]:
    """(status, headers, body) for an error, shaped for the service's protocol."""
    request_id = str(uuid.uuid4())
    kind = "Sender" if error.sender else "Receiver"
    if protocol in ("json", "rest-json"):
        # JSON services name it AccessDeniedException.
        code = "AccessDeniedException" if error.code == "AccessDenied" else error.code
        body = json.dumps({"__type": code, "message": error.message}).encode()
        headers = [
            ("Content-Type", "application/x-amz-json-1.1"),
            ("x-amzn-ErrorType", code),
            ("x-amzn-RequestId", request_id),
        ]
        return error.status, headers, body
    if protocol == "ec2":
        xml = (
            f"<Response><Errors><Error><Code>{escape(error.code)}</Code>"
            f"<Message>{escape(error.message)}</Message></Error></Errors>"
            f"<RequestID>{request_id}</RequestID></Response>"
        )
    elif protocol == "rest-xml":
        xml = (
            f"<Error><Code>{escape(error.code)}</Code><Message>{escape(error.message)}</Message>"
            f"<RequestId>{request_id}</RequestId></Error>"
        )
    else:
        ns = NAMESPACES.get(service, f"https://{service}.amazonaws.com/doc/")
        xml = (
            f'<ErrorResponse xmlns="{ns}"><Error><Type>{kind}</Type>'
            f"<Code>{escape(error.code)}</Code><Message>{escape(error.message)}</Message>"
            f"</Error><RequestId>{request_id}</RequestId></ErrorResponse>"
        )
    headers = [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)]
    return error.status, headers, xml.encode()
