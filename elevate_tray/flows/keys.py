"""`keys import|export|list` and `credentials --source`: long-term keys in the secret store.

Import verifies the keys (sts:GetCallerIdentity), keeps them, writes this app's
`credential_process = … credentials --source P` into the profile (in the AWS config file,
where the AWS CLI, aws-vault and granted read it), then removes the two key lines from the
file they were in, every other byte kept. Export undoes it. In that order, a process killed
half-way leaves the keys in the file, in the store, or in both: never in neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core import awsclients
from ..core import keys as keys_core
from ..core.awsconfig import file_sections
from ..core.awsconfig_writer import remove_profile_values, section_name, set_profile_values
from ..core.awserrors import CallContext, explain
from ..core.commandline import serves_source, source_process_line
from ..core.context import AppContext
from ..core.errors import ConfigError, ElevateError, Phrase
from ..core.keys import AccessKey, KeptKey, masked
from ..core.settings import TargetSettings
from ..core.targets import DEFAULT_REGION, Target

KEY_FIELDS = keys_core.KEY_FIELDS


@dataclass(frozen=True)
class StaticKeys:
    """Keys written in an AWS file: which file, and whether it is the credentials file."""

    path: Path
    credentials_file: bool
    key: AccessKey


@dataclass(frozen=True)
class KeyRow:
    """One line of `keys list`: a profile, where its key is, the key's id and age."""

    profile: str
    where: str  # "keyring", "file" (the app's user-only store) or the AWS file's path
    access_key_id: str
    age_days: int | None
    age_known: bool  # False: counted from when the app was given the key
    rotation_pending: bool = False


def default_profile(ctx: AppContext, profile: str | None) -> str:
    """--profile, else the default target's source profile, else AWS_PROFILE or default."""
    if profile:
        return profile
    try:
        source = ctx.target(None).source_profile
    except ElevateError:
        source = ""
    return source or ctx.environ.get("AWS_PROFILE") or "default"


AwsFiles = list[tuple[Path, bool, dict[str, Any]]]  # (path, is the credentials file, sections)


def aws_files(ctx: AppContext) -> AwsFiles:
    """The credentials file, then the config file, each parsed once."""
    cfg = ctx.aws_config
    return [
        (path, creds_file, file_sections(path, creds_file))
        for path, creds_file in ((cfg.credentials_file, True), (cfg.config_file, False))
    ]


def static_keys(ctx: AppContext, profile: str, files: AwsFiles | None = None) -> StaticKeys | None:
    """The profile's keys as written in the credentials file (or, failing that, config)."""
    for path, creds_file, sections in files if files is not None else aws_files(ctx):
        values = sections.get(section_name(profile, creds_file))
        if not isinstance(values, dict) or not any(values.get(k) for k in KEY_FIELDS):
            continue
        if values.get("aws_session_token"):
            raise ConfigError(
                Phrase(
                    "Profile '{profile}' in {path} holds temporary credentials "
                    "(aws_session_token); only an IAM user's long-term keys are kept.",
                    profile=profile,
                    path=path,
                )
            )
        key_id, secret = (str(values.get(k) or "").strip() for k in KEY_FIELDS)
        if not key_id or not secret:
            raise ConfigError(
                Phrase(
                    "Profile '{profile}' in {path} has only one of aws_access_key_id and "
                    "aws_secret_access_key; write both, then import.",
                    profile=profile,
                    path=path,
                )
            )
        return StaticKeys(path, creds_file, AccessKey(key_id, secret))
    return None


def served_by_us(ctx: AppContext, profile: str) -> bool:
    return keys_core.served_by_us(ctx.aws_config.profiles.get(profile, {}), profile)


def region_of(ctx: AppContext, profile: str) -> str:
    return ctx.aws_config.region_for(profile) or DEFAULT_REGION


def client(ctx: AppContext, service: str, profile: str, creds: Any, attempts: int = 2) -> Any:
    """A client signed with `creds`, on the profile's endpoint and region. `attempts=1`: no
    retry by botocore (a CreateAccessKey retried after a lost answer makes a second key)."""
    return awsclients.client(
        service,
        region=region_of(ctx, profile),
        credentials=creds,
        environ=ctx.environ,
        session=awsclients.botocore_session(profile, ctx.environ),
        attempts=attempts,
    )


def identify(ctx: AppContext, profile: str, key: AccessKey) -> dict[str, Any]:
    """sts:GetCallerIdentity with the long-term key (always allowed: no MFA needed)."""
    action = Phrase("check the access key of profile '{profile}'", profile=profile)
    try:
        answer: dict[str, Any] = client(
            ctx, "sts", profile, key.as_credentials()
        ).get_caller_identity()
    except Exception as exc:
        raise explain(exc, CallContext(action=action, profile=profile)) from None
    return answer


def key_created(ctx: AppContext, profile: str, key: AccessKey, user: str) -> datetime | None:
    """The key's CreateDate, where the user's policy lets it be read without MFA."""
    try:
        iam = client(ctx, "iam", profile, key.as_credentials())
        for meta in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]:
            if meta.get("AccessKeyId") == key.access_key_id:
                created = meta.get("CreateDate")
                return created if isinstance(created, datetime) else None
    except Exception:  # noqa: BLE001 - the seed's users may not list keys without MFA
        return None
    return None


def user_name(arn: str) -> str:
    return arn.rsplit("/", 1)[-1] if ":user/" in arn else ""


@dataclass(frozen=True)
class Imported:
    profile: str
    store: str
    access_key_id: str
    removed_from: Path
    config_file: Path
    already: bool = False


def import_keys(ctx: AppContext, profile: str) -> Imported:
    cfg = ctx.aws_config
    found = static_keys(ctx, profile)
    if found is None:
        kept = ctx.kept_keys.info(profile)
        if kept is not None and served_by_us(ctx, profile):
            return Imported(
                profile, kept.store, kept.access_key_id, cfg.credentials_file, cfg.config_file, True
            )
        raise ConfigError(
            Phrase(
                "Profile '{profile}' has no aws_access_key_id and aws_secret_access_key in {path}; "
                "there is nothing to import.",
                profile=profile,
                path=cfg.credentials_file,
            )
        )
    process = cfg.profiles.get(profile, {}).get("credential_process")
    if process and not serves_source(process, profile):
        raise ConfigError(
            Phrase(
                "Profile '{profile}' already has a credential_process of its own; remove it "
                "(or the keys) from the profile, then import.",
                profile=profile,
            )
        )
    ident = identify(ctx, profile, found.key)
    arn = str(ident.get("Arn", ""))
    created = key_created(ctx, profile, found.key, user_name(arn)) if user_name(arn) else None
    store = ctx.kept_keys.keep(
        profile, found.key, user_arn=arn, created=created, now=ctx.clock.now()
    )
    line = source_process_line(profile, ctx.environ)
    set_profile_values(cfg.config_file, profile, {"credential_process": line})
    remove_profile_values(found.path, profile, KEY_FIELDS, credentials_file=found.credentials_file)
    ctx.reload()
    return Imported(profile, store, found.key.access_key_id, found.path, cfg.config_file)


@dataclass(frozen=True)
class Exported:
    profile: str
    path: Path
    access_key_id: str


def kept_or_say(ctx: AppContext, profile: str) -> KeptKey:
    kept = ctx.kept_keys.info(profile)
    if kept is None:
        raise ConfigError(
            Phrase(
                "No access key is kept for profile '{profile}'; `elevate-tray keys import "
                "--profile {profile}` keeps one.",
                profile=profile,
            )
        )
    return kept


def export_keys(ctx: AppContext, profile: str) -> Exported:
    cfg = ctx.aws_config
    kept = kept_or_say(ctx, profile)
    if kept.rotation:
        raise ConfigError(
            Phrase(
                "A rotation of the key of profile '{profile}' is unfinished; run "
                "`elevate-tray keys rotate --profile {profile}` to finish it, then export.",
                profile=profile,
            )
        )
    key = ctx.kept_keys.read(profile)
    if key is None:
        raise ConfigError(
            Phrase(
                "The key kept for profile '{profile}' is missing from the {store} store; "
                "write the profile's keys into {path} again.",
                profile=profile,
                store=kept.store,
                path=cfg.credentials_file,
            )
        )
    set_profile_values(
        cfg.credentials_file,
        profile,
        dict(zip(KEY_FIELDS, (key.access_key_id, key.secret_access_key), strict=True)),
        credentials_file=True,
    )
    if served_by_us(ctx, profile) or serves_source(
        cfg.profiles.get(profile, {}).get("credential_process"), profile
    ):
        remove_profile_values(cfg.config_file, profile, ("credential_process",))
    ctx.kept_keys.forget(profile)
    ctx.reload()
    return Exported(profile, cfg.credentials_file, key.access_key_id)


def listing(ctx: AppContext) -> list[KeyRow]:
    """Every profile with a key: kept by the app, or written in an AWS file."""
    now = ctx.clock.now()
    rows = [
        KeyRow(
            k.profile,
            k.store,
            k.access_key_id,
            k.age_days(now),
            k.created is not None,
            bool(k.rotation),
        )
        for k in ctx.kept_keys.all()
    ]
    kept = {r.profile for r in rows}
    files = aws_files(ctx)
    for name in sorted(ctx.aws_config.profiles):
        if name in kept:
            continue
        try:
            found = static_keys(ctx, name, files)
        except ConfigError:
            found = None
        if found is not None:
            rows.append(KeyRow(name, str(found.path), found.key.access_key_id, None, False))
    return rows


def target_for(ctx: AppContext, profile: str) -> Target:
    """The first target whose source is `profile` (its MFA device and mfa_process), else the
    profile on its own."""
    for target in ctx.targets(include_hidden=True):
        if target.source_profile == profile and not target.problem:
            return target
    return Target(profile, "", profile, None, region_of(ctx, profile), None, TargetSettings())


def due(ctx: AppContext) -> list[tuple[str, int]]:
    """Kept keys older than the rotation setting (profile, age in days); [] when it is off."""
    return keys_core.due(ctx.kept_keys.all(), ctx.settings.key_rotation_days, ctx.clock.now())


__all__ = ["masked"]
