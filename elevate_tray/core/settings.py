"""The app's own preferences (settings.toml), separate from the AWS config it shares."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError, Phrase

DEFAULT_WARNINGS = (300, 60)
MIN_SECONDS, MAX_SECONDS = 900, 43200  # AWS's bounds for a role session
MAX_HANDOFF = 600  # seconds: a browser slower than that did not open
MAX_PIXELS = 100_000  # a window position beyond any screen (and beyond Qt's int)
READONLY_MIN, READONLY_MAX = 900, 129600  # GetSessionToken's bounds for an IAM user (36 h)
MAX_MFA_PROCESS_WAIT = 600  # seconds: longer than any touch or unlock a person gives
MAX_BROKER = 3600  # seconds: a program waiting longer than an hour has long given up


@dataclass
class TargetSettings:
    """Per-target preferences that have no place in an AWS profile."""

    hidden: bool = False
    console_destination: str = ""  # empty: console home of the target's region
    allows_source_identity: bool = False  # trust policy has sts:SetSourceIdentity
    allows_session_tags: bool = False  # trust policy has sts:TagSession
    max_duration: int = 0  # the role's MaxSessionDuration when known; 0 = unknown
    # where its console opens: one of core.browsers.KINDS; "" = the app default
    browser: str = ""
    browser_program: str = ""  # the detected executable ("google-chrome", a path)
    browser_profile: str = ""  # Chromium: the profile directory; Firefox: its Name
    browser_command: str = ""  # browser = "custom": a command, "{url}" is replaced
    console_logout_first: bool = False  # log out of the old console session first
    # an organization's account, written by `targets sync` from the published account list
    organization: str = ""  # the organization's ID (o-...); "" = not an org target
    account_name: str = ""  # the account's name in the organization ("prod-web")
    account_ou: str = ""  # the OU's ID (ou-...); "" = directly under the root
    ou_name: str = ""  # the OU's name ("Production")
    readonly_role_arn: str = ""  # the account's read-only role (for reading there)


@dataclass
class Settings:
    browser_command: str = ""  # empty: the default browser; "{url}" is replaced
    default_duration: int = 3600
    logout_console_on_drop: bool = False
    handoff_timeout: int = 30  # seconds the browser has to take a console sign-in
    readonly_duration: int = 43200  # seconds: the read-only MFA session (GetSessionToken)
    mfa_process_timeout: int = 60  # seconds a profile's mfa_process has to print its code
    warnings: list[int] = field(default_factory=lambda: list(DEFAULT_WARNINGS))
    countdown_window: bool = False
    countdown_window_pos: list[int] = field(default_factory=list)
    start_at_login: bool = False
    broker_wait: int = 120  # seconds a credentials request waits for the person in the tray
    broker_cooldown: int = 30  # seconds a cancelled or unanswered request is answered at once
    key_rotation_days: int = 0  # remind to rotate a kept access key this old; 0: never
    targets: dict[str, TargetSettings] = field(default_factory=dict)

    def target(self, name: str) -> TargetSettings:
        return self.targets.get(name) or TargetSettings()

    # -- persistence -------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> Settings:
        if path.is_dir():
            raise ConfigError(
                Phrase(
                    "The settings file {path} is a folder, not a file: move it away (elevate-tray "
                    "then starts with its defaults).",
                    path=path,
                )
            )
        if path.exists() and not path.is_file():  # reading a FIFO would wait forever
            raise ConfigError(
                Phrase(
                    "The settings file {path} is not a regular file: move it away (elevate-tray "
                    "then starts with its defaults).",
                    path=path,
                )
            )
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                Phrase("The settings file {path} cannot be read: {error}.", path=path, error=exc)
            ) from None
        except OSError as exc:
            raise ConfigError(
                Phrase(
                    "The settings file {path} cannot be read: {error}.",
                    path=path,
                    error=exc.strerror or type(exc).__name__,
                )
            ) from None
        return cls.from_dict(raw, path)

    @classmethod
    def from_dict(cls, raw: dict[str, Any], path: Path) -> Settings:
        settings = cls()
        known = {f.name for f in fields(cls)}
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
                _check_type(path, key, value, getattr(settings, key))
                setattr(settings, key, value)
            # unknown keys are kept by nobody but harm nobody: newer versions may add them
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


def _check_type(path: Path, key: str, value: object, default: object) -> None:
    if type(value) is not type(default):
        raise ConfigError(
            Phrase(
                "In {path}, '{key}' should be {expected}, not {actual}.",
                path=path,
                key=key,
                expected=_kind(default),
                actual=_kind(value),
            )
        )


def _kind(value: object) -> str:
    """A TOML value's type as a person says it (tomllib gives only these)."""
    if isinstance(value, bool):
        return Phrase("true or false")
    if isinstance(value, int):
        return Phrase("a whole number")
    if isinstance(value, float):
        return Phrase("a decimal number")
    if isinstance(value, str):
        return Phrase("text in quotes")
    if isinstance(value, list):
        return Phrase("a list")
    if isinstance(value, dict):
        return Phrase("a table")
    return Phrase("a date or time")


MAX_ROTATION_DAYS = 3650

# the settings counted in seconds: their bounds, and what they are, said in the sentence
_SECONDS = (
    ("handoff_timeout", 1, MAX_HANDOFF, Phrase("the time the browser has to open the console")),
    ("readonly_duration", READONLY_MIN, READONLY_MAX, Phrase("15 minutes to 36 hours")),
    (
        "mfa_process_timeout",
        1,
        MAX_MFA_PROCESS_WAIT,
        Phrase("the time a profile's mfa_process has to print its code"),
    ),
    (
        "broker_wait",
        1,
        MAX_BROKER,
        Phrase("the time a program's credentials request waits for you in the tray"),
    ),
    (
        "broker_cooldown",
        0,
        MAX_BROKER,
        Phrase("the time a cancelled credentials request is refused at once"),
    ),
)


def _check_members(settings: Settings, path: Path) -> None:
    """What the lists hold and the ranges: a wrong member would fail later, in the tray."""
    if not MIN_SECONDS <= settings.default_duration <= MAX_SECONDS:
        raise ConfigError(
            Phrase(
                "In {path}, default_duration must be from 900 to 43200 seconds (15 minutes to "
                "12 hours).",
                path=path,
            )
        )
    if not all(type(w) is int and 0 < w <= MAX_SECONDS for w in settings.warnings):
        raise ConfigError(
            Phrase(
                "In {path}, warnings must list seconds before the end, like [300, 60].",
                path=path,
            )
        )
    pos = settings.countdown_window_pos
    if pos and (len(pos) != 2 or not all(type(v) is int and abs(v) <= MAX_PIXELS for v in pos)):
        raise ConfigError(
            Phrase(
                "In {path}, countdown_window_pos must be two whole numbers [x, y], or [].",
                path=path,
            )
        )
    for key, low, high, meaning in _SECONDS:
        if not low <= getattr(settings, key) <= high:
            raise ConfigError(
                Phrase(
                    "In {path}, {key} must be from {low} to {high} seconds ({meaning}).",
                    path=path,
                    key=key,
                    low=low,
                    high=high,
                    meaning=meaning,
                )
            )
    if not 0 <= settings.key_rotation_days <= MAX_ROTATION_DAYS:
        raise ConfigError(
            Phrase(
                "In {path}, key_rotation_days must be from 0 (never remind) to {high} days.",
                path=path,
                high=MAX_ROTATION_DAYS,
            )
        )
    if "\0" in settings.browser_command:
        raise ConfigError(
            Phrase(
                "In {path}, the Browser command holds a NUL character: fix it in Settings.",
                path=path,
            )
        )
    for name, ts in settings.targets.items():
        from . import browsers  # here: only a settings file with targets needs it

        browsers.check_choice(ts, name, path)
        if ts.max_duration and not MIN_SECONDS <= ts.max_duration <= MAX_SECONDS:
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
    known = {f.name for f in fields(TargetSettings)}
    for key, value in raw.items():
        if key not in known:  # a newer version's key, or a typo: harmless
            continue
        default = getattr(ts, key)
        if type(value) is not type(default):
            raise ConfigError(
                Phrase(
                    "In {path}, targets.{name}.{key} should be {expected}, not {actual}.",
                    path=path,
                    name=name,
                    key=key,
                    expected=_kind(default),
                    actual=_kind(value),
                )
            )
        setattr(ts, key, value)
    return ts
