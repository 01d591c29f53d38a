"""Which local profile a target's source_profile may be: a member's own long-term keys, never
an admin's role session or a `credential_process` profile (a session would expire, and the
target would elevate on someone else's identity)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from ..core.awsconfig import AwsConfig
from ..core.errors import ConfigError, Phrase


def long_term_keys(values: Mapping[str, Any] | None) -> str | None:
    """The access key ID of a profile that holds long-term keys and nothing else, or None."""
    if not values or values.get("credential_process") or values.get("role_arn"):
        return None
    if values.get("aws_session_token") or values.get("sso_session") or values.get("sso_start_url"):
        return None
    key = values.get("aws_access_key_id")
    # ASIA...: a temporary key pasted into the file, a session that would expire
    return key if isinstance(key, str) and key and not key.startswith("ASIA") else None


def _member_keys(iam: Any, members: tuple[str, ...]) -> dict[str, str]:
    """Access key ID -> member, for the members the admin's session may list keys of."""
    found: dict[str, str] = {}
    for user in members:
        try:
            listed = iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
        except (ClientError, BotoCoreError):
            continue  # a user that does not exist yet, or keys this session may not list
        found.update({k["AccessKeyId"]: user for k in listed})
    return found


def choose_source(
    environ: Mapping[str, str], session_profile: str, iam: Any, members: tuple[str, ...]
) -> tuple[str, str | None]:
    """(the profile, the member whose keys it holds, or None for the caller's own keys).

    In order: the setup's own profile when it holds a member's keys; another local profile
    that holds a member's keys; the setup's own profile when it holds long-term keys (the
    admin's user, who joins the group). Anything else is refused in one sentence."""
    cfg = AwsConfig.load(dict(environ))
    by_key = _member_keys(iam, members)
    own = long_term_keys(cfg.profiles.get(session_profile))
    if own and own in by_key:
        return session_profile, by_key[own]
    for name in sorted(cfg.profiles):
        key = long_term_keys(cfg.profiles[name])
        if key and key in by_key:
            return name, by_key[key]
    if own:
        return session_profile, None
    raise ConfigError(
        Phrase(
            "The profile '{profile}' gives a role or credential_process session, not a "
            "member's own access keys, so no target was written with it as source_profile; "
            "add the member's access keys as a profile and run setup again with --member NAME, "
            "or pass --no-target.",
            profile=session_profile,
        )
    )


def member_mfa_serial(iam: Any, user: str) -> str | None:
    try:
        devices = iam.list_mfa_devices(UserName=user)["MFADevices"]
    except (ClientError, BotoCoreError):
        return None
    return next((d["SerialNumber"] for d in devices), None)
