"""Targets: AWS role profiles (role_arn + source_profile) the user can elevate into."""

from __future__ import annotations

from dataclasses import dataclass

from .awsconfig import AwsConfig
from .errors import ConfigError, Phrase
from .partitions import Arn, partition_for_region
from .settings import Settings, TargetSettings

MIN_DURATION = 900
MAX_DURATION = 43200
DEFAULT_REGION = "us-east-1"


@dataclass(frozen=True)
class Target:
    name: str  # the AWS profile name
    role_arn: str
    source_profile: str
    mfa_serial: str | None
    region: str
    duration_seconds: int | None  # the profile's own default, when set
    prefs: TargetSettings

    @property
    def arn(self) -> Arn:
        return Arn.parse(self.role_arn)

    @property
    def account(self) -> str:
        return self.arn.account

    @property
    def role_name(self) -> str:
        return self.arn.name

    @property
    def partition(self) -> str:
        return self.arn.partition

    @property
    def max_duration(self) -> int | None:
        return self.prefs.max_duration or None

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role_arn": self.role_arn,
            "account": self.account,
            "partition": self.partition,
            "source_profile": self.source_profile,
            "mfa_serial": self.mfa_serial,
            "region": self.region,
            "duration_seconds": self.duration_seconds,
            "hidden": self.prefs.hidden,
        }


def _int_or_error(profile: str, key: str, raw: object, cfg: AwsConfig) -> int | None:
    if raw in (None, ""):
        return None
    try:
        return int(str(raw))
    except ValueError:
        raise ConfigError(
            Phrase(
                "In {path}, profile '{profile}' has {key} = {value}; "
                "it must be a whole number of seconds.",
                path=cfg.config_file,
                profile=profile,
                key=key,
                value=repr(raw),
            )
        ) from None


def load_targets(cfg: AwsConfig, settings: Settings, include_hidden: bool = False) -> list[Target]:
    targets = []
    for name, values in cfg.profiles.items():
        role_arn = values.get("role_arn")
        source = values.get("source_profile")
        if not role_arn or not source or not isinstance(role_arn, str):
            continue
        prefs = settings.target(name)
        if prefs.hidden and not include_hidden:
            continue
        arn = Arn.parse(role_arn)
        if arn.service != "iam" or not arn.resource.startswith("role/"):
            raise ConfigError(
                Phrase(
                    "In {path}, profile '{profile}' has role_arn = {arn}, "
                    "which is not an IAM role ARN.",
                    path=cfg.config_file,
                    profile=name,
                    arn=role_arn,
                )
            )
        region = cfg.region_for(name) or cfg.region_for(source) or DEFAULT_REGION
        if partition_for_region(region) != arn.partition:
            raise ConfigError(
                Phrase(
                    "In {path}, profile '{profile}' uses region {region}, which is not in "
                    "the {partition} partition of its role {arn}.",
                    path=cfg.config_file,
                    profile=name,
                    region=region,
                    partition=arn.partition,
                    arn=role_arn,
                )
            )
        targets.append(
            Target(
                name=name,
                role_arn=role_arn,
                source_profile=str(source),
                mfa_serial=values.get("mfa_serial") or None,
                region=region,
                duration_seconds=_int_or_error(
                    name, "duration_seconds", values.get("duration_seconds"), cfg
                ),
                prefs=prefs,
            )
        )
    return targets


def find_target(targets: list[Target], name: str | None, environ_profile: str | None) -> Target:
    """--target, else AWS_PROFILE when it names a target, else the only target."""
    by_name = {t.name: t for t in targets}
    if name:
        if name not in by_name:
            known = ", ".join(sorted(by_name)) or Phrase("none")
            raise ConfigError(
                Phrase("There is no target '{name}' (targets: {known}).", name=name, known=known)
            )
        return by_name[name]
    if environ_profile and environ_profile in by_name:
        return by_name[environ_profile]
    if len(targets) == 1:
        return targets[0]
    if not targets:
        raise ConfigError(
            "No target is configured: add a profile with role_arn and source_profile to your "
            "AWS config, or run `elevate-tray setup apply`, or try `make run` for the sandbox."
        )
    raise ConfigError(
        Phrase(
            "Several targets are configured; choose one with --target ({names}).",
            names=", ".join(sorted(by_name)),
        )
    )
