"""The app's own preferences (settings.toml), separate from the AWS config it shares."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError, Phrase

DEFAULT_WARNINGS = (300, 60)


@dataclass
class TargetSettings:
    """Per-target preferences that have no place in an AWS profile."""

    hidden: bool = False
    console_destination: str = ""  # empty: console home of the target's region
    allows_source_identity: bool = False  # trust policy has sts:SetSourceIdentity
    allows_session_tags: bool = False  # trust policy has sts:TagSession
    max_duration: int = 0  # the role's MaxSessionDuration when known; 0 = unknown


@dataclass
class Settings:
    browser_command: str = ""  # empty: the default browser; "{url}" is replaced
    default_duration: int = 3600
    logout_console_on_drop: bool = False
    warnings: list[int] = field(default_factory=lambda: list(DEFAULT_WARNINGS))
    countdown_window: bool = False
    countdown_window_pos: list[int] = field(default_factory=list)
    start_at_login: bool = False
    targets: dict[str, TargetSettings] = field(default_factory=dict)

    def target(self, name: str) -> TargetSettings:
        return self.targets.get(name) or TargetSettings()

    # -- persistence -------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                Phrase("The settings file {path} cannot be read: {error}.", path=path, error=exc)
            ) from None
        return cls.from_dict(raw, path)

    @classmethod
    def from_dict(cls, raw: dict[str, Any], path: Path) -> Settings:
        settings = cls()
        known = {f.name: f for f in fields(cls)}
        for key, value in raw.items():
            if key == "targets":
                if not isinstance(value, dict):
                    raise ConfigError(
                        Phrase("In {path}, [targets] must be a table of tables.", path=path)
                    )
                settings.targets = {
                    str(name): _target_settings(name, tv, path) for name, tv in value.items()
                }
            elif key in known:
                default = getattr(settings, key)
                if type(value) is not type(default):
                    raise ConfigError(
                        Phrase(
                            "In {path}, '{key}' should be {expected}, not {actual}.",
                            path=path,
                            key=key,
                            expected=type(default).__name__,
                            actual=type(value).__name__,
                        )
                    )
                setattr(settings, key, value)
            # unknown keys are kept by nobody but harm nobody: newer versions may add them
        if settings.default_duration < 900:
            raise ConfigError(
                Phrase("In {path}, default_duration must be at least 900 seconds.", path=path)
            )
        _check_members(settings, path)
        return settings

    def save(self, path: Path) -> None:
        import tomli_w

        from .awsconfig_writer import write_private

        data = asdict(self)
        data["targets"] = {
            name: {k: v for k, v in asdict(t).items() if v != getattr(TargetSettings(), k)}
            for name, t in self.targets.items()
        }
        write_private(path, tomli_w.dumps(data))


def _check_members(settings: Settings, path: Path) -> None:
    """What the lists hold and the ranges: a wrong member would fail later, in the tray."""
    if not all(type(w) is int and w > 0 for w in settings.warnings):
        raise ConfigError(
            Phrase(
                "In {path}, warnings must list seconds before the end, like [300, 60].",
                path=path,
            )
        )
    pos = settings.countdown_window_pos
    if pos and (len(pos) != 2 or not all(type(v) is int for v in pos)):
        raise ConfigError(
            Phrase(
                "In {path}, countdown_window_pos must be two whole numbers [x, y], or [].",
                path=path,
            )
        )
    for name, ts in settings.targets.items():
        if ts.max_duration and not 900 <= ts.max_duration <= 43200:
            raise ConfigError(
                Phrase(
                    "In {path}, targets.{name}.max_duration must be 0 (unknown) or from 900 "
                    "to 43200 seconds.",
                    path=path,
                    name=name,
                )
            )


def _target_settings(name: str, raw: Any, path: Path) -> TargetSettings:
    if not isinstance(raw, dict):
        raise ConfigError(
            Phrase("In {path}, [targets.{name}] must be a table.", path=path, name=name)
        )
    ts = TargetSettings()
    for key, value in raw.items():
        if not hasattr(ts, key):
            continue
        default = getattr(ts, key)
        if type(value) is not type(default):
            raise ConfigError(
                Phrase(
                    "In {path}, targets.{name}.{key} should be {expected}, not {actual}.",
                    path=path,
                    name=name,
                    key=key,
                    expected=type(default).__name__,
                    actual=type(value).__name__,
                )
            )
        setattr(ts, key, value)
    return ts
