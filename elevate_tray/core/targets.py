"""Targets: AWS role profiles (role_arn + source_profile) the user can elevate into."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .awsconfig import AwsConfig
from .commandline import command_text, sandbox_installed
from .errors import ConfigError, Phrase
from .mfaprocess import MfaProcess
from .partitions import ARN_RE, Arn, partition_for_region
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
    problem: str = ""  # why it cannot be elevated into (a Phrase naming profile and file)
    mfa_process: MfaProcess | None = None  # a command that prints a code (aws-vault's key)

    @property
    def arn(self) -> Arn:
        return Arn.parse(self.role_arn)

    @property
    def _parsed(self) -> Arn | None:
        """The ARN, or None for a target whose problem is its role_arn: what a list shows."""
        return Arn.parse(self.role_arn) if ARN_RE.match(self.role_arn.strip()) else None

    @property
    def account(self) -> str:
        return self._parsed.account if self._parsed else ""

    @property
    def role_name(self) -> str:
        return self._parsed.name if self._parsed else ""

    @property
    def partition(self) -> str:
        return self._parsed.partition if self._parsed else ""

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
            "problem": str(self.problem),
        }


_REGION_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")  # botocore's host label
_SERIAL_RE = re.compile(r"^[\w+=/:,.@-]{9,256}$")  # STS's SerialNumber pattern
_ROLE_RESOURCE_RE = re.compile(r"^role/(?:[!-~]*/)?[\w+=,.@-]{1,64}$")


def _duration_of(raw: object) -> tuple[int | None, bool]:
    """The profile's duration_seconds (None when unset), and whether it is one AWS accepts."""
    if raw in (None, ""):
        return None, True
    text = str(raw).strip() if isinstance(raw, str) else ""
    if (
        not (text.isascii() and text.isdigit())
        or len(text) > 6
        or not MIN_DURATION <= int(text) <= MAX_DURATION
    ):
        return None, False
    return int(text), True


def _problem(cfg: AwsConfig, name: str, values: dict[str, Any], region: object) -> Phrase | None:
    """Why a role profile cannot be elevated into, naming the profile and the file; None: usable."""
    path = cfg.config_file
    role_arn, source = values.get("role_arn"), values.get("source_profile")
    if not isinstance(role_arn, str) or not ARN_RE.match(role_arn.strip()):
        return Phrase(
            "In {path}, profile '{profile}' has role_arn = {arn}, which is not an ARN "
            "(expected arn:aws:iam::ACCOUNT:role/NAME).",
            path=path,
            profile=name,
            arn=_shown(role_arn),
        )
    arn = Arn.parse(role_arn)
    if arn.service != "iam" or not _ROLE_RESOURCE_RE.match(arn.resource):
        return Phrase(
            "In {path}, profile '{profile}' has role_arn = {arn}, which is not an IAM role ARN.",
            path=path,
            profile=name,
            arn=role_arn,
        )
    if not isinstance(source, str) or source not in cfg.profiles:
        return Phrase(
            "In {path}, profile '{profile}' names source_profile = {source}, but there is no "
            "profile '{source}' in {path} or {credentials}: add it, or correct the name.",
            path=path,
            profile=name,
            source=_shown(source),
            credentials=cfg.credentials_file,
        )
    if not isinstance(region, str) or not _REGION_RE.match(region):
        return Phrase(
            "In {path}, profile '{profile}' uses region {region}, which is not an AWS region "
            "name (like us-east-1).",
            path=path,
            profile=name,
            region=_shown(region),
        )
    if partition_for_region(region) != arn.partition:
        return Phrase(
            "In {path}, profile '{profile}' uses region {region}, which is not in "
            "the {partition} partition of its role {arn}.",
            path=path,
            profile=name,
            region=region,
            partition=arn.partition,
            arn=role_arn,
        )
    serial = values.get("mfa_serial")
    if serial not in (None, "") and (not isinstance(serial, str) or not _SERIAL_RE.match(serial)):
        return Phrase(
            "In {path}, profile '{profile}' has mfa_serial = {serial}, which is neither an MFA "
            "device ARN nor a hardware token's serial number.",
            path=path,
            profile=name,
            serial=_shown(serial),
        )
    for holder in (name, source):
        command = cfg.profiles.get(holder, {}).get("mfa_process")
        if command is not None and (not isinstance(command, str) or "\n" in command.strip()):
            return Phrase(
                "In {path}, profile '{profile}' has an mfa_process spread over several lines; "
                "write the command on one line.",
                path=path,
                profile=holder,
            )
    raw = values.get("duration_seconds")
    if not _duration_of(raw)[1]:
        return Phrase(
            "In {path}, profile '{profile}' has duration_seconds = {value}; it must be a whole "
            "number of seconds from 900 to 43200.",
            path=path,
            profile=name,
            value=_shown(raw),
        )
    return None


def _shown(value: object) -> str:
    """A config value inside a sentence: one line, and short (a file may hold anything)."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return text if len(text) <= 80 else text[:77] + "..."


def mfa_process_of(cfg: AwsConfig, name: str, source: object) -> MfaProcess | None:
    """The target profile's own mfa_process, else its source profile's: the device belongs
    to the source profile's IAM user, so one line there serves every target it is the source
    of (and its read-only session), while a target may still name its own."""
    for holder in (name, source):
        if not isinstance(holder, str):
            continue
        command = cfg.profiles.get(holder, {}).get("mfa_process")
        if isinstance(command, str) and command.strip() and "\n" not in command.strip():
            return MfaProcess(command.strip(), holder)
    return None


def load_targets(cfg: AwsConfig, settings: Settings, include_hidden: bool = False) -> list[Target]:
    """Every role profile (role_arn + source_profile) is a target; one whose settings AWS would
    refuse is listed with its `problem`, so a bad profile never hides the healthy ones."""
    targets = []
    for name, values in cfg.profiles.items():
        role_arn = values.get("role_arn")
        source = values.get("source_profile")
        if not role_arn or not source:
            continue
        prefs = settings.target(name)
        if prefs.hidden and not include_hidden:
            continue
        raw_region: object = cfg.region_for(name)
        if not raw_region and isinstance(source, str):
            raw_region = cfg.region_for(source)
        raw_region = raw_region or DEFAULT_REGION
        region = raw_region if isinstance(raw_region, str) else ""
        problem = _problem(cfg, name, values, raw_region)
        serial = values.get("mfa_serial")
        targets.append(
            Target(
                name=name,
                role_arn=str(role_arn) if isinstance(role_arn, str) else "",
                source_profile=str(source) if isinstance(source, str) else "",
                mfa_serial=serial if isinstance(serial, str) and serial else None,
                region=region,
                duration_seconds=_duration_of(values.get("duration_seconds"))[0],
                prefs=prefs,
                problem=problem or "",
                mfa_process=mfa_process_of(cfg, name, source),
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
        return _usable(by_name[name])
    if environ_profile and environ_profile in by_name:
        return _usable(by_name[environ_profile])
    if len(targets) == 1:
        return _usable(targets[0])
    if not targets:
        if sandbox_installed():
            raise ConfigError(
                Phrase(
                    "No target is configured: add a profile with role_arn and source_profile "
                    "to your AWS config, or run `{setup}`, or try the local sandbox with "
                    "`{sandbox}`.",
                    setup=command_text("setup", "apply"),
                    sandbox=command_text("sandbox"),
                )
            )
        raise ConfigError(
            Phrase(
                "No target is configured: add a profile with role_arn and source_profile to "
                "your AWS config, or run `{setup}`.",
                setup=command_text("setup", "apply"),
            )
        )
    raise ConfigError(
        Phrase(
            "Several targets are configured; choose one with --target ({names}).",
            names=", ".join(sorted(by_name)),
        )
    )


def _usable(target: Target) -> Target:
    if target.problem:  # a Phrase from _problem: its key and params travel with it
        raise ConfigError(sentence=target.problem)
    return target
