"""The read-only MFA session of an organization's identity account, and reading in a member
account with it: `targets sync` reads the published account list with the session, and
`credentials --readonly` for an organization's target assumes that account's ReadOnlyRole
chained from it (AWS caps a chained session at 1 hour).

The session is the source profile's ("readonly:<source>"), whatever target started it. It is
started for a target of the source profile that is no organization target, else for the
source profile on its own: never under an organization target's name, so no read-only entry
ever answers for such a target with the identity account's credentials (the credential fast
path serves entries by target name without reading the settings).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..core import awsclients
from ..core.awserrors import CallContext, explain, no_such_profile
from ..core.context import AppContext
from ..core.elevation import CHAINED_MAX
from ..core.errors import ConfigError, NetworkError, Phrase
from ..core.partitions import Arn, partition_for_region
from ..core.sessions import Credentials, readonly_key
from ..core.settings import TargetSettings
from ..core.targets import DEFAULT_REGION, Target, mfa_process_of
from ..core.textrules import session_name


@dataclass(frozen=True)
class Reader:
    """Whose read-only MFA session it is: a target of the source profile (so the tray's
    dialog can be asked for it), or the source profile on its own."""

    target: Target
    is_target: bool  # False: no plain target has this source profile (the first sync)

    @property
    def source(self) -> str:
        return self.target.source_profile


def is_member(target: Target) -> bool:
    """An organization's target with a read-only role to read there (`targets sync`'s)."""
    return bool(target.prefs.organization and target.prefs.readonly_role_arn)


def source_profile(ctx: AppContext, given: str | None) -> str:
    """--profile, else the one source profile of the targets, else the one profile that is
    no role profile (AWS_PROFILE when it is one)."""
    profiles = ctx.aws_config.profiles
    if given:
        if given not in profiles:
            raise no_such_profile(given)
        return given
    targets = ctx.targets(include_hidden=True)
    sources = sorted({t.source_profile for t in targets if t.source_profile})
    if len(sources) == 1:
        return sources[0]
    plain = sorted(n for n, v in profiles.items() if not v.get("role_arn"))
    env = ctx.environ.get("AWS_PROFILE")
    if env in plain:
        return str(env)
    if len(plain) == 1:
        return plain[0]
    if not sources and not plain:
        raise ConfigError(
            "No AWS profile with your IAM user's keys is configured, so there is nothing to sync "
            "from; add one (`aws configure --profile NAME`), then run `elevate-tray targets "
            "sync --profile NAME`."
        )
    raise ConfigError(
        Phrase(
            "Name the profile with your IAM user's keys: elevate-tray targets sync --profile "
            "NAME (profiles: {names}).",
            names=", ".join(sources or plain) or Phrase("none"),
        )
    )


def reader(ctx: AppContext, source: str) -> Reader:
    mine = [
        t for t in ctx.targets(include_hidden=True) if t.source_profile == source and not t.problem
    ]
    plain = [t for t in mine if not is_member(t)]
    if plain:
        return Reader(plain[0], True)
    cfg = ctx.aws_config
    region = cfg.region_for(source) or DEFAULT_REGION
    serial = cfg.profiles.get(source, {}).get("mfa_serial") or next(
        (t.mfa_serial for t in mine if t.mfa_serial), None
    )
    alone = Target(
        name=source,
        role_arn="",
        source_profile=source,
        mfa_serial=serial if isinstance(serial, str) and serial else None,
        region=region,
        duration_seconds=None,
        prefs=TargetSettings(),
        mfa_process=mfa_process_of(cfg, source, None),
    )
    caller = ctx.elevator(alone).caller()  # the read-only session needs the partition
    partition = partition_for_region(region)
    return Reader(replace(alone, role_arn=f"arn:{partition}:iam::{caller.account}:root"), False)


def live_readonly(ctx: AppContext, who: Reader) -> Credentials | None:
    """The live read-only MFA session of the source profile, if any (whatever target)."""
    session = ctx.store.get(readonly_key(who.source))
    return ctx.store.credentials(session) if session is not None else None


def brokered(document: str) -> Credentials:
    """The tray's answer (credential_process JSON) as credentials."""
    import json

    from ..core.clock import parse_iso

    raw = json.loads(document)
    return Credentials(
        raw["AccessKeyId"],
        raw["SecretAccessKey"],
        raw["SessionToken"],
        parse_iso(raw["Expiration"]),
    )


def member_readonly(ctx: AppContext, target: Target, identity: Credentials) -> Credentials:
    """The member account's ReadOnlyRole, assumed with the identity account's read-only MFA
    session (role chaining: at most 1 hour, and the MFA of that session carries over)."""
    role = Arn.parse(target.prefs.readonly_role_arn)
    user = ctx.elevator(target).caller().user_name
    action = Phrase("assume {role} in account {account}", role=role.name, account=role.account)
    try:
        sts = awsclients.client(
            "sts", region=target.region, credentials=identity, environ=ctx.environ
        )
        resp: dict[str, Any] = sts.assume_role(
            RoleArn=str(role),
            RoleSessionName=session_name(user),
            DurationSeconds=CHAINED_MAX,
        )
    except Exception as exc:
        raise explain(
            exc, CallContext(action=action, profile=target.source_profile, target=target.name)
        ) from None
    raw = resp.get("Credentials") if isinstance(resp, dict) else None
    if not isinstance(raw, dict) or not all(
        raw.get(k) for k in ("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration")
    ):
        from ..core.awserrors import NOT_AWS

        raise NetworkError(NOT_AWS)
    from ..core.clock import parse_iso

    expiration = raw["Expiration"]
    return Credentials(
        raw["AccessKeyId"],
        raw["SecretAccessKey"],
        raw["SessionToken"],
        expiration if not isinstance(expiration, str) else parse_iso(expiration),
    )
