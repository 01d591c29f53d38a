"""The setup engine's AWS access: the admin profile's session and its clients.

Sessions and clients come from core/awsclients (the environ passed in, never os.environ);
a failed call becomes a sentence through core/awserrors, the one place that words them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from ..core import awsclients
from ..core.awserrors import CallContext, explain
from ..core.errors import Phrase
from ..core.sessions import Credentials
from .model import Account

log = logging.getLogger(__name__)

# IAM is eventually consistent and rate-limits bursts: a setup run retries more than the
# elevate path, whose user is waiting
SETUP_ATTEMPTS = 4
DEFAULT_REGION = "us-east-1"


class AdminSession:
    """An admin profile's keys (or an MFA session's) in one region, for the setup engine."""

    def __init__(
        self,
        botocore_session: Any,
        profile: str | None,
        region: str,
        environ: Mapping[str, str],
        credentials: Credentials | None = None,
    ) -> None:
        self.botocore_session = botocore_session
        self.profile = profile
        self.region_name = region
        self.environ = dict(environ)
        self.credentials = credentials

    @property
    def name(self) -> str:
        """The profile in use: --profile, else the environment's AWS_PROFILE, else default."""
        env = self.environ
        return self.profile or env.get("AWS_PROFILE") or env.get("AWS_DEFAULT_PROFILE") or "default"

    def client(self, service: str) -> Any:
        return awsclients.client(
            service,
            profile=self.profile,
            region=self.region_name,
            credentials=self.credentials,
            environ=self.environ,
            session=None if self.credentials else self.botocore_session,
            attempts=SETUP_ATTEMPTS,
        )

    def with_credentials(self, credentials: Credentials) -> AdminSession:
        return AdminSession(
            self.botocore_session, self.profile, self.region_name, self.environ, credentials
        )


def open_session(
    profile: str | None,
    environ: Mapping[str, str],
    mfa_prompt: awsclients.MfaPrompt | None = None,
) -> AdminSession:
    """A session for the admin profile, reading the AWS files and settings `environ` names.

    `mfa_prompt` answers a role profile's mfa_serial; without one, such a profile is refused
    in one sentence instead of botocore asking on a terminal that may not be there.
    """
    session = awsclients.botocore_session(profile, environ, mfa_prompt)
    admin = AdminSession(session, profile, DEFAULT_REGION, environ)
    with aws_errors(Phrase("read your AWS config"), admin.name):
        profiles = session.full_config.get("profiles", {})
    admin.region_name = (
        profiles.get(admin.name, {}).get("region")
        or environ.get("AWS_REGION")
        or environ.get("AWS_DEFAULT_REGION")
        or DEFAULT_REGION
    )
    return admin


def assumes_role_with_mfa(session: AdminSession) -> bool:
    """Whether the profile is a role profile whose AssumeRole needs an MFA code."""
    profiles = session.botocore_session.full_config.get("profiles", {})
    values = profiles.get(session.name, {})
    return bool(values.get("role_arn") and values.get("mfa_serial"))


def mfa_session(sts: Any, session: AdminSession, serial: str, code: str) -> AdminSession:
    """Session credentials with MFA, for an admin whose keys the seed's deny policy covers."""
    with aws_errors(Phrase("get an MFA session"), session.name, mfa_serial=serial):
        creds = sts.get_session_token(SerialNumber=serial, TokenCode=code)
    c = creds["Credentials"]
    expiration = c["Expiration"]
    return session.with_credentials(
        Credentials(
            c["AccessKeyId"],
            c["SecretAccessKey"],
            c["SessionToken"],
            expiration if isinstance(expiration, datetime) else datetime.fromisoformat(expiration),
        )
    )


def caller_account(sts: Any, session: AdminSession) -> Account:
    with aws_errors(Phrase("find out which account the profile belongs to"), session.name):
        ident = sts.get_caller_identity()
    arn = ident["Arn"]
    return Account(
        account_id=ident["Account"],
        partition=arn.split(":")[1],
        caller_arn=arn,
        region=session.region_name or DEFAULT_REGION,
    )


@contextmanager
def aws_errors(doing: str, profile: str | None = None, mfa_serial: str = "") -> Iterator[None]:
    """AWS's failures inside the block become the core's one sentence for them.

    `doing` is a Phrase ("list your MFA devices", a plan step's summary) so that the whole
    sentence can be shown translated.
    """
    import botocore.exceptions as bx
    from botocore.parsers import ResponseParserError

    try:
        yield
    except (bx.ClientError, bx.BotoCoreError, ResponseParserError) as exc:  # not AWS's answer
        log.debug("AWS call failed while trying to %s", doing, exc_info=True)
        ctx = CallContext(action=doing, profile=profile or "default", mfa_serial=mfa_serial)
        raise explain(exc, ctx) from None


def paginate(client: Any, operation: str, key: str, **kwargs: Any) -> list[Any]:
    items: list[Any] = []
    for page in client.get_paginator(operation).paginate(**kwargs):
        items.extend(page.get(key, []))
    return items
