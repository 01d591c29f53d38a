"""One place that wires the core together for a process (the CLI or the tray).

Everything is loaded lazily and once, so a command pays only for what it touches.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .clock import Clock, SystemClock
from .paths import AppDirs, app_dirs

if TYPE_CHECKING:
    from .awsconfig import AwsConfig
    from .elevation import Elevator
    from .errors import Phrase
    from .keys import KeptKeys
    from .secrets import SecretStore
    from .sessions import SessionStore
    from .settings import Settings
    from .targets import Target
    from .values import Credentials


@dataclass
class AppContext:
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    clock: Clock = field(default_factory=SystemClock)
    _notices: list[Phrase] = field(default_factory=list, init=False, repr=False)

    @cached_property
    def dirs(self) -> AppDirs:
        dirs = app_dirs(self.environ)
        dirs.ensure()
        return dirs

    @cached_property
    def settings(self) -> Settings:
        from .settings import Settings

        return Settings.load(self.dirs.settings_file)

    def save_settings(self) -> None:
        self.settings.save(self.dirs.settings_file)

    @cached_property
    def aws_config(self) -> AwsConfig:
        from .awsconfig import AwsConfig

        return AwsConfig.load(self.environ)

    def targets(self, include_hidden: bool = False) -> list[Target]:
        from .targets import load_targets

        return load_targets(self.aws_config, self.settings, include_hidden)

    def target(self, name: str | None) -> Target:
        from .targets import find_target

        return find_target(
            self.targets(include_hidden=bool(name)), name, self.environ.get("AWS_PROFILE")
        )

    @cached_property
    def secrets(self) -> SecretStore:
        from .secrets import open_secret_store

        return open_secret_store(self.dirs, self.environ, self._notices)

    @cached_property
    def store(self) -> SessionStore:
        from .sessions import SessionStore

        return SessionStore(
            self.dirs,
            lambda: self.secrets,
            self.clock,
            self._notices,
            aws_profile=self.environ.get("AWS_PROFILE") or None,
        )

    @cached_property
    def kept_keys(self) -> KeptKeys:
        from .keys import KeptKeys

        return KeptKeys(self.dirs, lambda: self.secrets)

    def long_term_key(self, profile: str) -> Credentials | None:
        """The kept long-term key the app signs with for `profile`, when the profile's
        credentials are this app's `credentials --source` (read once per process)."""
        from .keys import served_by_us

        if not served_by_us(self.aws_config.profiles.get(profile, {}), profile):
            return None
        if self.kept_keys.info(profile) is None:
            return None
        key = self.kept_keys.read(profile)
        return key.as_credentials() if key is not None else None

    def take_notices(self) -> list[Phrase]:
        """What the core has to tell the user (once each), for the CLI to print on stderr
        and the tray to show; the core itself never prints."""
        taken, self._notices[:] = list(self._notices), []
        return taken

    def elevator(self, target: Target) -> Elevator:
        from .elevation import Elevator

        return Elevator(
            target,
            self.store,
            self.clock,
            self.environ,
            self.settings.readonly_duration,
            long_term=lambda: self.long_term_key(target.source_profile),
        )

    def reload(self) -> None:
        """Forget cached config and settings (files changed on disk)."""
        for name in ("settings", "aws_config"):
            self.__dict__.pop(name, None)

    def totp_secret(self, mfa_serial: str) -> str | None:
        from .totp import secret_key

        return self.secrets.get(secret_key(mfa_serial))

    def last_code(self, mfa_serial: str) -> dict[str, Any] | None:
        from .codes import SpentCodes

        return SpentCodes(self.dirs, self.clock).last(mfa_serial)
