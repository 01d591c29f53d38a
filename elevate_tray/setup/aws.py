"""boto3 sessions for the setup engine, and AWS errors turned into one sentence."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..core.errors import AccessDenied, ConfigError, ElevateError, NetworkError, Phrase
from .model import Account

if TYPE_CHECKING:
    import boto3

log = logging.getLogger(__name__)


def open_session(profile: str | None, environ: Mapping[str, str]) -> boto3.Session:
    """A session for the admin profile, reading the AWS files that `environ` names."""
    import boto3
    import botocore.session

    from ..core.awsconfig import config_path, credentials_path

    core = botocore.session.Session()
    core.register_component("data_loader", _shared_loader())
    core.set_config_variable("config_file", str(config_path(environ)))
    core.set_config_variable("credentials_file", str(credentials_path(environ)))
    if profile:
        if profile not in core.available_profiles:
            raise ConfigError(
                Phrase(
                    "There is no AWS profile '{profile}'; choose one with --profile "
                    "(see `aws configure list-profiles`).",
                    profile=profile,
                )
            )
        core.set_config_variable("profile", profile)
    profiles = core.full_config.get("profiles", {})
    region = (
        profiles.get(profile or "default", {}).get("region")
        or environ.get("AWS_REGION")
        or environ.get("AWS_DEFAULT_REGION")
        or "us-east-1"
    )
    core.set_config_variable("region", region)
    return boto3.Session(botocore_session=core, region_name=region)


_LOADER: Any = None


def _shared_loader() -> Any:
    """One botocore data loader per process: service models are parsed once, not per session."""
    global _LOADER
    if _LOADER is None:
        import botocore.loaders

        _LOADER = botocore.loaders.create_loader()
    return _LOADER


def endpoint_for(service: str, environ: Mapping[str, str]) -> str | None:
    """The endpoint override botocore would take from the environment for this service."""
    return environ.get(f"AWS_ENDPOINT_URL_{service.upper()}") or environ.get("AWS_ENDPOINT_URL")


def mfa_session(sts: Any, session: boto3.Session, serial: str, code: str) -> boto3.Session:
    """Session credentials with MFA, for an admin whose keys the seed's deny policy covers."""
    import boto3

    with aws_errors(Phrase("get an MFA session")):
        creds = sts.get_session_token(SerialNumber=serial, TokenCode=code)
    c = creds["Credentials"]
    return boto3.Session(
        aws_access_key_id=c["AccessKeyId"],
        aws_secret_access_key=c["SecretAccessKey"],
        aws_session_token=c["SessionToken"],
        region_name=session.region_name,
    )


def caller_account(sts: Any, session: boto3.Session) -> Account:
    with aws_errors(Phrase("find out which account the profile belongs to")):
        ident = sts.get_caller_identity()
    arn = ident["Arn"]
    return Account(
        account_id=ident["Account"],
        partition=arn.split(":")[1],
        caller_arn=arn,
        region=session.region_name or "us-east-1",
    )


def error_code(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code", ""))
    return ""


def translate(exc: BaseException, doing: str) -> ElevateError:
    """One sentence a person understands for a failed AWS call.

    `doing` is a Phrase ("list your MFA devices", a plan step's summary) so that the whole
    sentence can be shown translated.
    """
    import botocore.exceptions as bx

    if isinstance(exc, ElevateError):
        return exc
    if isinstance(exc, bx.ClientError):
        code = error_code(exc)
        message = exc.response.get("Error", {}).get("Message", "") or code
        if code in ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation"):
            return AccessDenied(
                Phrase(
                    "AWS refused to {doing}: {message} Use an admin profile (with an MFA code "
                    "if your user is in a group that requires MFA).",
                    doing=doing,
                    message=message,
                )
            )
        if code in ("InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken"):
            return AccessDenied(
                Phrase(
                    "AWS did not accept the profile's keys while trying to {doing} ({code}): "
                    "check the access key in your AWS credentials.",
                    doing=doing,
                    code=code,
                )
            )
        return ElevateError(
            Phrase(
                "AWS could not {doing}: {message} ({code}).",
                doing=doing,
                message=message,
                code=code,
            )
        )
    if isinstance(exc, bx.NoCredentialsError | bx.PartialCredentialsError):
        return ConfigError(
            Phrase(
                "No AWS credentials were found to {doing}: choose an admin profile with --profile.",
                doing=doing,
            )
        )
    if isinstance(exc, bx.NoRegionError):
        return ConfigError(
            Phrase("No AWS region is set to {doing}: add region to the profile.", doing=doing)
        )
    if isinstance(exc, bx.EndpointConnectionError | bx.ConnectionError):
        return NetworkError(
            Phrase(
                "AWS could not be reached to {doing}: check the network (or AWS_ENDPOINT_URL).",
                doing=doing,
            )
        )
    if isinstance(exc, bx.BotoCoreError):
        # the core's sentence: the same words, one translation
        return ElevateError(Phrase("Could not {action}: {error}.", action=doing, error=exc))
    raise exc


@contextmanager
def aws_errors(doing: str) -> Iterator[None]:
    import botocore.exceptions as bx

    try:
        yield
    except (bx.ClientError, bx.BotoCoreError) as exc:
        log.debug("AWS call failed while trying to %s", doing, exc_info=True)
        raise translate(exc, doing) from None


def not_found(exc: BaseException) -> bool:
    return error_code(exc) in ("NoSuchEntity", "NoSuchEntityException")


def paginate(client: Any, operation: str, key: str, **kwargs: Any) -> list[Any]:
    items: list[Any] = []
    for page in client.get_paginator(operation).paginate(**kwargs):
        items.extend(page.get(key, []))
    return items
