"""AWS and network failures -> one sentence a stranger understands, and the right exit code."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import (
    AccessDenied,
    ConfigError,
    ElevateError,
    MfaRejected,
    NetworkError,
    NotElevated,
    Phrase,
)

INVALID_OTP = "invalid MFA one time pass code"
UNABLE_TO_VALIDATE = "unable to validate MFA code"
CHAINING_LIMIT = "1 hour session limit for roles assumed by role chaining"
BAD_ENDPOINT = (
    "AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_STS / _IAM) is not a usable URL; write it like "
    "https://sts.eu-west-1.amazonaws.com or unset it."
)
NOT_AWS = (
    "The AWS endpoint answered with something that is not AWS (a captive portal or a proxy's "
    "error page?); sign in to the network or check AWS_ENDPOINT_URL, then try again."
)
SERVER_FAULTS = ("ServiceFailure", "InternalFailure", "InternalError", "ServiceUnavailable")
ACCESS_DENIED_CODES = ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation")
CODE_ALREADY_USED = (
    "That MFA code was already used; AWS accepts each code once. Wait for your device to show "
    "the next code (they change every 30 seconds) and try again."
)


@dataclass
class CallContext:
    """What we were doing, so the sentence can name it."""

    action: str = Phrase("call AWS")  # e.g. "assume AdminRole"; a Phrase is translatable
    profile: str = ""
    target: str = ""
    mfa_serial: str = ""
    code_was_reused: bool = False  # this exact code was accepted by AWS before


def error_code(exc: BaseException) -> str:
    """AWS's error code of a failed call ("" for anything that is not AWS's answer)."""
    return _code_message(exc)[0]


def not_found(exc: BaseException) -> bool:
    return error_code(exc) in ("NoSuchEntity", "NoSuchEntityException")


def _code_message(exc: BaseException) -> tuple[str, str]:
    response = getattr(exc, "response", None)
    err = response.get("Error", {}) if isinstance(response, dict) else {}
    return str(err.get("Code", "")), str(err.get("Message", ""))


def explain(exc: BaseException, ctx: CallContext) -> ElevateError:
    if isinstance(exc, ElevateError):
        return exc
    import botocore.exceptions as bx

    if isinstance(exc, bx.ClientError):
        return _client_error(exc, ctx)
    if isinstance(exc, bx.NoCredentialsError | bx.PartialCredentialsError):
        return ConfigError(
            Phrase(
                "Profile '{profile}' has no usable access keys: set aws_access_key_id and "
                "aws_secret_access_key for it in your AWS credentials file.",
                profile=ctx.profile,
            )
        )
    if isinstance(exc, bx.ProfileNotFound):
        return no_such_profile(ctx.profile or str(exc.kwargs.get("profile", "")))
    if isinstance(exc, bx.CredentialRetrievalError):
        return process_failed(ctx.profile or "default")
    from botocore.parsers import ResponseParserError

    # botocore chokes on an answer that is not AWS's (HTML from a captive portal, say) with a
    # parser error or, for XML of the wrong shape, a bare KeyError from inside its parser
    if isinstance(exc, ResponseParserError | KeyError):
        return NetworkError(NOT_AWS)
    if isinstance(exc, ValueError) and "endpoint" in str(exc).lower():
        return ConfigError(BAD_ENDPOINT)
    if isinstance(exc, bx.ConnectTimeoutError | bx.ReadTimeoutError):
        return NetworkError(
            Phrase(
                "AWS did not answer in time while trying to {action}; check your network "
                "connection and try again.",
                action=ctx.action,
            )
        )
    if isinstance(
        exc, bx.EndpointConnectionError | bx.HTTPClientError | bx.ConnectionError | OSError
    ):
        return NetworkError(
            Phrase(
                "Could not reach AWS to {action} (no connection to the endpoint); check your "
                "network connection, proxy or AWS_ENDPOINT_URL, and try again.",
                action=ctx.action,
            )
        )
    return ElevateError(
        Phrase("Could not {action}: {error}.", action=ctx.action, error=type(exc).__name__)
    )


def no_such_profile(profile: str) -> ConfigError:
    return ConfigError(
        Phrase(
            "The AWS profile '{profile}' does not exist in your AWS config; check its name "
            "(`aws configure list-profiles` lists them).",
            profile=profile,
        )
    )


def process_failed(profile: str) -> ConfigError:
    return ConfigError(
        Phrase(
            "The credential_process of profile '{profile}' failed or printed something other "
            "than credentials; run that command yourself to see why, and fix it in your AWS "
            "config.",
            profile=profile,
        )
    )


def mfa_code_needed(profile: str) -> ConfigError:
    """A role profile with mfa_serial, and nothing that may ask for its code."""
    return ConfigError(
        Phrase(
            "Profile '{profile}' assumes a role that needs an MFA code (mfa_serial) and there "
            "is no terminal to ask for it; give the code (setup's --mfa-code) or use a "
            "profile with an IAM user's own keys.",
            profile=profile,
        )
    )


def credentials_error(exc: BaseException, profile: str, process: str | None) -> ElevateError:
    """Reading a profile's credentials failed. `process`: the profile (itself or a source
    profile) whose credential_process supplies them, if any. botocore hands that command's
    garbage on raw (a JSON error, a missing program's OSError), so any such failure that is
    not botocore's own is the command's."""
    import botocore.exceptions as bx

    if isinstance(exc, ElevateError):
        return exc
    if isinstance(exc, bx.CredentialRetrievalError) and process:
        return process_failed(process)
    if process and not isinstance(exc, bx.BotoCoreError | bx.ClientError):
        return process_failed(process)
    action = Phrase("read the credentials of profile '{profile}'", profile=profile)
    return explain(exc, CallContext(action=action, profile=profile))


def _client_error(exc: BaseException, ctx: CallContext) -> ElevateError:
    code, message = _code_message(exc)
    if code == "AccessDenied" and INVALID_OTP in message:
        if ctx.code_was_reused:
            return MfaRejected(CODE_ALREADY_USED)
        return MfaRejected(
            "AWS rejected the MFA code: it is wrong or too old. Type the code your device "
            "shows right now (check the device's clock if this keeps happening)."
        )
    if code == "InvalidAuthenticationCode":  # EnableMFADevice's two codes
        return MfaRejected(
            "AWS did not accept those codes: wait for two new consecutive codes and try again."
        )
    if code == "AccessDenied" and UNABLE_TO_VALIDATE in message:
        return MfaRejected(
            Phrase(
                "The MFA device {serial} is not assigned to the user of profile '{profile}'; "
                "set mfa_serial in the profile to that user's device ARN.",
                serial=ctx.mfa_serial or "(mfa_serial)",
                profile=ctx.profile,
            )
        )
    if code in ACCESS_DENIED_CODES:
        detail = (
            Phrase("an explicit deny")
            if "explicit deny" in message
            else Phrase("no policy allowing it")
        )
        return AccessDenied(
            Phrase(
                "AWS refused to {action} ({detail}); ask your account admin to check the "
                "group's policies and the role's trust policy (elevate-tray setup doctor).",
                action=ctx.action,
                detail=detail,
            )
        )
    if code in ("InvalidClientTokenId", "UnrecognizedClientException"):
        return AccessDenied(
            Phrase(
                "AWS does not know the access key of profile '{profile}' (unknown, inactive "
                "or deleted); put a current key in your AWS credentials file.",
                profile=ctx.profile,
            )
        )
    if code == "ExpiredToken" or code == "ExpiredTokenException":
        return NotElevated(
            "The session's credentials have expired; elevate again with `elevate-tray elevate`."
        )
    if code == "SignatureDoesNotMatch" and (
        "Signature expired" in message or "not yet current" in message
    ):
        return AccessDenied(
            "AWS refused the request because this computer's clock is more than 5 minutes off; "
            "set the clock right (turn on automatic time) and try again."
        )
    if code == "SignatureDoesNotMatch":
        return AccessDenied(
            Phrase(
                "The secret access key of profile '{profile}' does not match its access key "
                "id; copy both again from the IAM console.",
                profile=ctx.profile,
            )
        )
    if code == "ValidationError" and CHAINING_LIMIT in message:
        return ConfigError(
            "This elevation goes through an MFA session (role chaining), which AWS limits to "
            "1 hour; choose --duration 1h or less."
        )
    if code == "ValidationError" and "MaxSessionDuration" in message:
        return ConfigError(
            "The requested duration is longer than the role allows (its MaxSessionDuration); "
            "choose a shorter --duration, or ask the admin to raise the role's maximum."
        )
    if code in ("Throttling", "ThrottlingException", "RequestLimitExceeded"):
        return NetworkError(
            "AWS is rate-limiting requests (Rate exceeded); wait a minute and try again."
        )
    if code == "RegionDisabledException":
        return ConfigError(
            Phrase(
                "STS is not activated in this region for the account; set another region in "
                "profile '{profile}', or activate the region in IAM.",
                profile=ctx.target or ctx.profile,
            )
        )
    if code in ("NoSuchEntity", "NoSuchEntityException"):
        return AccessDenied(
            Phrase(
                "Could not {action}: AWS says it does not exist ({message}).",
                action=ctx.action,
                message=message,
            )
        )
    said = message.strip().rstrip(".") or code
    status = (getattr(exc, "response", None) or {}).get("ResponseMetadata", {})
    if code in SERVER_FAULTS or int(status.get("HTTPStatusCode") or 0) >= 500:
        return NetworkError(
            Phrase(
                "AWS could not {action} ({code}: {message}); try again in a minute.",
                action=ctx.action,
                code=code,
                message=said,
            )
        )
    return AccessDenied(
        Phrase(
            "AWS refused to {action} ({code}: {message}).",
            action=ctx.action,
            code=code,
            message=said,
        )
    )
