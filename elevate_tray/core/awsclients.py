"""botocore clients for a profile, created the way the AWS CLI would (env vars honoured).

botocore rather than boto3: the same clients, without boto3's import cost on the elevate path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from .awsconfig import config_path, credentials_path
from .awserrors import BAD_ENDPOINT
from .errors import ConfigError

CONNECT_TIMEOUT = 5
READ_TIMEOUT = 10


def botocore_session(profile: str | None, environ: Mapping[str, str] | None = None) -> Any:
    import botocore.session

    env = os.environ if environ is None else environ
    session = botocore.session.Session(profile=profile)
    # a caller may pass an environ other than os.environ (tests, the tray's sandbox mode)
    session.set_config_variable("config_file", str(config_path(env)))
    session.set_config_variable("credentials_file", str(credentials_path(env)))
    return session


def client(
    service: str,
    *,
    profile: str | None = None,
    region: str,
    credentials: Any = None,
    environ: Mapping[str, str] | None = None,
) -> Any:
    """A client for `service`; `credentials` (sessions.Credentials) replaces the profile's keys."""
    from botocore.config import Config

    session = botocore_session(profile if credentials is None else None, environ)
    config = Config(
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        # total_max_attempts counts the first try: a silent endpoint costs 2 timeouts, not 3
        retries={"mode": "standard", "total_max_attempts": 2},
        user_agent_extra="elevate-tray",
    )
    kwargs: dict[str, Any] = {"region_name": region, "config": config}
    if credentials is not None:
        kwargs.update(
            aws_access_key_id=credentials.access_key_id,
            aws_secret_access_key=credentials.secret_access_key,
            aws_session_token=credentials.session_token,
        )
    env = os.environ if environ is None else environ
    endpoint = env.get(f"AWS_ENDPOINT_URL_{service.upper()}") or env.get("AWS_ENDPOINT_URL")
    if endpoint and not _usable_url(endpoint):
        raise ConfigError(BAD_ENDPOINT)
    if endpoint and env is not os.environ:
        kwargs["endpoint_url"] = endpoint  # botocore reads only os.environ by itself
    try:
        return session.create_client(service, **kwargs)
    except ValueError as exc:  # botocore's "Invalid endpoint: …"
        raise ConfigError(BAD_ENDPOINT) from exc


def _usable_url(url: str) -> bool:
    import urllib.parse

    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url
