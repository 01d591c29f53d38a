"""Write the target profile and its credential_process companions into the AWS config."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.awsconfig import AwsConfig, config_path
from ..core.awsconfig_writer import (
    marked_profiles,
    profile_writer,
    remove_profile,
    set_profile_values,
    write_private,
)
from ..core.commandline import cli_profile_name, credential_process_line
from ..core.errors import ConfigError, Phrase
from ..core.paths import app_dirs
from ..core.settings import Settings
from .model import Names, setup_id
from .sources import choose_source, member_mfa_serial


@dataclass(frozen=True)
class TargetProfile:
    name: str
    role_arn: str
    source_profile: str
    mfa_serial: str | None
    region: str
    duration_seconds: int
    writer: str = ""  # ACCOUNT/GROUP/ROLE: the marker its profiles carry (settle_profile)
    cli_name: str = ""  # "": cli_profile_name(name)
    readonly_name: str = ""
    notes: tuple[str, ...] = ()  # the names it used instead of profiles it did not write

    def sections(self, environ: Mapping[str, str] | None = None) -> dict[str, dict[str, str]]:
        """Profile name -> values, in the order they are written."""
        target = {
            "role_arn": self.role_arn,
            "source_profile": self.source_profile,
        }
        if self.mfa_serial:
            target["mfa_serial"] = self.mfa_serial
        target["region"] = self.region
        target["duration_seconds"] = str(self.duration_seconds)
        return {
            self.name: target,
            self.cli_name or cli_profile_name(self.name): {
                "credential_process": credential_process_line(self.name, False, environ),
                "region": self.region,
            },
            self.readonly_name or cli_profile_name(self.name, True): {
                "credential_process": credential_process_line(self.name, True, environ),
                "region": self.region,
            },
        }


def writer_of(names: Names) -> str:
    """The marker of the setup's profiles: its account, group and role."""
    return f"{names.account.account_id}/{setup_id(names.options)}"


def _free_name(cfg: AwsConfig, base: str, writer: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`...: the first that is absent or this setup's own."""
    for n in range(1, 1000):
        name = base if n == 1 else f"{base}-{n}"
        if name in taken:
            continue
        if name not in cfg.profiles or profile_writer(cfg.config_file, name) == writer:
            return name
    raise ConfigError(Phrase("No free profile name near '{name}'; pass --target.", name=base))


def settle_profile(
    profile: TargetProfile,
    environ: Mapping[str, str],
    iam: Any,
    names: Names,
    chosen: bool = False,
) -> TargetProfile:
    """The profile as it will be written: a member's own keys as source_profile, and names
    that are free or this setup's own (never a profile it did not write). A target name the
    admin chose (`chosen`, --target) is refused rather than renamed."""
    env = dict(environ)
    cfg = AwsConfig.load(env)
    source, member = choose_source(env, profile.source_profile, iam, names.options.members)
    serial = member_mfa_serial(iam, member) if member else profile.mfa_serial
    writer = writer_of(names)
    taken = profile.name in cfg.profiles or profile.name == source
    if chosen and taken and profile_writer(cfg.config_file, profile.name) != writer:
        check_profile_free(replace(profile, source_profile=source), env)
        raise ConfigError(
            Phrase(
                "The profile '{name}' exists and was not written by this setup, so it is "
                "left as it is; choose another --target.",
                name=profile.name,
            )
        )
    target = _free_name(cfg, profile.name, writer, {source})
    cli = _free_name(cfg, cli_profile_name(target), writer, {source, target})
    readonly = _free_name(cfg, cli_profile_name(target, True), writer, {source, target, cli})
    asked = (
        (profile.name, target),
        (cli_profile_name(target), cli),
        (cli_profile_name(target, True), readonly),
    )
    notes = tuple(
        Phrase(
            "The profile '{name}' exists and was not written by this setup, so it is left as "
            "it is; setup wrote '{used}' instead.",
            name=base,
            used=used,
        )
        for base, used in asked
        if base != used
    )
    return replace(
        profile,
        name=target,
        source_profile=source,
        mfa_serial=serial,
        writer=writer,
        cli_name=cli,
        readonly_name=readonly,
        notes=notes,
    )


def remove_setup_profiles(environ: Mapping[str, str], names: Names) -> list[str]:
    """Teardown's local part: delete the profiles this setup wrote (its marker), and only them."""
    env = dict(environ)
    path = config_path(env)
    removed = [p for p in marked_profiles(path, writer_of(names)) if remove_profile(path, p)]
    if removed:
        settings_file = app_dirs(env).settings_file
        settings = Settings.load(settings_file)
        if any(settings.targets.pop(name, None) for name in removed):
            settings.save(settings_file)
    return removed


def check_profile_free(profile: TargetProfile, environ: Mapping[str, str]) -> None:
    """Refuse to turn someone's unrelated profile (say, the admin's own) into a target."""
    cfg = AwsConfig.load(dict(environ))
    if profile.name == profile.source_profile:
        raise ConfigError(
            Phrase(
                "The target profile cannot be named '{name}' like the profile whose keys "
                "it uses; choose another target name.",
                name=profile.name,
            )
        )
    existing = cfg.profiles.get(profile.name)
    if existing and existing.get("role_arn") not in (None, profile.role_arn):
        raise ConfigError(
            Phrase(
                "The profile '{name}' already points at {arn}; choose another target name.",
                name=profile.name,
                arn=existing.get("role_arn"),
            )
        )
    if (
        existing
        and not existing.get("role_arn")
        and (existing.get("aws_access_key_id") or existing.get("credential_process"))
    ):
        raise ConfigError(
            Phrase(
                "The profile '{name}' already holds credentials; choose another target name.",
                name=profile.name,
            )
        )


def write_target_profile(
    profile: TargetProfile,
    environ: Mapping[str, str],
    allows_source_identity: bool = False,
    allows_session_tags: bool = False,
    max_duration: int = 0,
) -> Path:
    """All three sections land in one atomic replace of the config file; then the settings."""
    env = dict(environ)
    if not profile.writer:  # settled profiles (settle_profile) have chosen free names already
        check_profile_free(profile, env)
    path = config_path(env)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "config"
        if path.exists():
            shutil.copyfile(path, scratch)
        for name, values in profile.sections(env).items():
            set_profile_values(scratch, name, values, writer=profile.writer or None)
        write_private(path, scratch.read_text(encoding="utf-8"))

    settings_file = app_dirs(env).settings_file
    settings = Settings.load(settings_file)
    prefs = settings.target(profile.name)
    prefs.allows_source_identity = allows_source_identity
    prefs.allows_session_tags = allows_session_tags
    prefs.max_duration = max_duration
    settings.targets[profile.name] = prefs
    settings.save(settings_file)
    return path


def asked_durations(role_arn: str, environ: Mapping[str, str]) -> dict[str, int]:
    """Durations asked of a role by the profiles that target it and the app's default."""
    env = dict(environ)
    asked: dict[str, int] = {}
    try:
        cfg = AwsConfig.load(env)
    except ConfigError:
        return asked
    targets = []
    for name, values in cfg.profiles.items():
        if values.get("role_arn") != role_arn:
            continue
        targets.append(name)
        raw = values.get("duration_seconds")
        if raw and str(raw).isdigit():
            asked[f"profile {name} (duration_seconds)"] = int(raw)
    if targets:
        try:
            settings = Settings.load(app_dirs(env).settings_file)
        except ConfigError:
            return asked
        asked["the app's default duration"] = settings.default_duration
    return asked
