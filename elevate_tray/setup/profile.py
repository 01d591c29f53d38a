"""Write the target profile and its credential_process companions into the AWS config."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.awsconfig import AwsConfig, config_path
from ..core.awsconfig_writer import set_profile_values, write_private
from ..core.errors import ConfigError, Phrase
from ..core.paths import app_dirs
from ..core.settings import Settings


@dataclass(frozen=True)
class TargetProfile:
    name: str
    role_arn: str
    source_profile: str
    mfa_serial: str | None
    region: str
    duration_seconds: int

    def sections(self) -> dict[str, dict[str, str]]:
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
            f"{self.name}-cli": {
                "credential_process": f"elevate-tray credentials --target {self.name}",
                "region": self.region,
            },
            f"{self.name}-readonly": {
                "credential_process": f"elevate-tray credentials --target {self.name} --readonly",
                "region": self.region,
            },
        }


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
    check_profile_free(profile, env)
    path = config_path(env)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "config"
        if path.exists():
            shutil.copyfile(path, scratch)
        for name, values in profile.sections().items():
            set_profile_values(scratch, name, values)
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
