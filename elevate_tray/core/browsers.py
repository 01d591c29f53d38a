"""The browsers installed here and their profiles, as the settings dialog lists them.

A few file reads and PATH look-ups, nothing started: Chromium-family browsers keep their
profiles in `<config>/Local State` (profile.info_cache: directory -> display name), Firefox
in profiles.ini. A file that is missing or malformed means "no profiles", never an error:
the browser still opens, in its own default profile.

Firefox containers go through the "Open external links in a container" extension
(addons.mozilla.org/firefox/addon/open-url-in-container): its `ext+container:` scheme names
the container, its colour and icon. Without the extension Firefox hands that text to its
search engine, so a container choice is checked against the profile's extensions.json.
"""

from __future__ import annotations

import configparser
import json
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .errors import ConfigError, Phrase

# the per-target `browser` values (settings.toml); "" is the app default
APP_DEFAULT, SYSTEM_DEFAULT, CHROMIUM, FIREFOX, CONTAINER, CUSTOM = (
    "",
    "default",
    "chromium",
    "firefox",
    "firefox-container",
    "custom",
)
KINDS = (APP_DEFAULT, SYSTEM_DEFAULT, CHROMIUM, FIREFOX, CONTAINER, CUSTOM)

# the add-on id of "Open external links in a container" (honsiorovskyi/open-url-in-container)
CONTAINER_ADDON_ID = "{f069aec0-43c5-4bbf-b6b4-df95c4326b98}"
# what the extension accepts; red is kept for production
CONTAINER_COLOURS = ("blue", "turquoise", "green", "yellow", "orange", "pink", "purple")
PRODUCTION_WORDS = frozenset({"prod", "production", "prd"})


@dataclass(frozen=True)
class BrowserProfile:
    key: str  # what the launch names: Chromium's directory, Firefox's profile Name
    label: str  # what the user reads
    path: Path | None = None  # Firefox: the profile's folder (its extensions.json)


@dataclass(frozen=True)
class DetectedBrowser:
    label: str  # "Google Chrome", "Firefox", …
    kind: str  # CHROMIUM or FIREFOX
    program: str  # the executable's name as found on PATH
    profiles: tuple[BrowserProfile, ...] = ()


# label, executables in order of preference, config folder under XDG_CONFIG_HOME
_CHROMIUM_FAMILY = (
    ("Google Chrome", ("google-chrome", "google-chrome-stable"), "google-chrome"),
    ("Chromium", ("chromium", "chromium-browser"), "chromium"),
    ("Microsoft Edge", ("microsoft-edge", "microsoft-edge-stable"), "microsoft-edge"),
    ("Brave", ("brave-browser",), "BraveSoftware/Brave-Browser"),
    ("Vivaldi", ("vivaldi", "vivaldi-stable"), "vivaldi"),
)


def detect(environ: Mapping[str, str], home: Path) -> list[DetectedBrowser]:
    """Every browser family found on PATH (the first executable of each), with profiles."""
    path = environ.get("PATH", "")
    config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    found: list[DetectedBrowser] = []
    for label, names, folder in _CHROMIUM_FAMILY:
        program = _first_on_path(names, path)
        if program:
            profiles = chromium_profiles(config / folder)
            found.append(DetectedBrowser(label, CHROMIUM, program, profiles))
    program = _first_on_path(("firefox",), path)
    if program:
        found.append(DetectedBrowser("Firefox", FIREFOX, program, firefox_profiles(home)))
    return found


def _first_on_path(names: tuple[str, ...], path: str) -> str:
    return next((n for n in names if shutil.which(n, path=path)), "")


def chromium_profiles(config_dir: Path) -> tuple[BrowserProfile, ...]:
    raw = _read_json(config_dir / "Local State")
    cache = raw.get("profile", {}) if isinstance(raw, dict) else {}
    cache = cache.get("info_cache", {}) if isinstance(cache, dict) else {}
    if not isinstance(cache, dict):
        return ()
    profiles = []
    for directory, info in cache.items():
        name = info.get("name") if isinstance(info, dict) else None
        if isinstance(directory, str) and directory and "\0" not in directory:
            label = name if isinstance(name, str) and name else directory
            profiles.append(BrowserProfile(directory, label, config_dir / directory))
    return tuple(sorted(profiles, key=lambda p: (p.key != "Default", p.label.casefold())))


def firefox_roots(home: Path) -> tuple[Path, ...]:
    """Where Firefox keeps profiles.ini: the classic folder, then the snap's."""
    return (
        home / ".mozilla" / "firefox",
        home / "snap" / "firefox" / "common" / ".mozilla" / "firefox",
    )


def firefox_profiles(home: Path) -> tuple[BrowserProfile, ...]:
    profiles: dict[str, BrowserProfile] = {}
    for root in firefox_roots(home):
        for profile in _profiles_ini(root):
            profiles.setdefault(profile.key, profile)  # the classic install wins a clash
    return tuple(profiles.values())


def _read_ini(root: Path) -> configparser.ConfigParser | None:
    ini = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        ini.read_string((root / "profiles.ini").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, configparser.Error):
        return None
    return ini


def _profiles_ini(root: Path, ini: configparser.ConfigParser | None = None) -> list[BrowserProfile]:
    ini = ini or _read_ini(root)
    found: list[BrowserProfile] = []
    if ini is None:
        return found
    for section in ini.sections():
        if not section.startswith("Profile"):
            continue
        name = ini.get(section, "Name", fallback="").strip()
        where = ini.get(section, "Path", fallback="").strip()
        if not name or not where or "\0" in name + where:
            continue
        relative = ini.get(section, "IsRelative", fallback="1").strip() != "0"
        found.append(BrowserProfile(name, name, root / where if relative else Path(where)))
    return found


def firefox_profile(home: Path, name: str) -> BrowserProfile | None:
    """The profile of that Name; for "", the one Firefox opens by default."""
    if name:
        return next((p for p in firefox_profiles(home) if p.key == name), None)
    for root in firefox_roots(home):
        default = _default_in(root)
        if default is not None:
            return default
    return None


def _default_in(root: Path) -> BrowserProfile | None:
    """profiles.ini's [Install…] Default= (Firefox 67 and later), else Default=1, else the
    only profile there is."""
    ini = _read_ini(root)
    if ini is None:
        return None
    profiles = _profiles_ini(root, ini)
    for section in ini.sections():
        where = ini.get(section, "Default", fallback="").strip()
        if section.startswith("Install") and where:
            match = [p for p in profiles if p.path in (root / where, Path(where))]
            if match:
                return match[0]
    for section in ini.sections():
        if section.startswith("Profile") and ini.get(section, "Default", fallback="") == "1":
            name = ini.get(section, "Name", fallback="").strip()
            return next((p for p in profiles if p.key == name), None)
    return profiles[0] if len(profiles) == 1 else None


def container_installed(profile_dir: Path | None) -> bool:
    """Whether that Firefox profile has "Open external links in a container", enabled."""
    if profile_dir is None:
        return False
    raw = _read_json(profile_dir / "extensions.json")
    addons = raw.get("addons") if isinstance(raw, dict) else None
    if not isinstance(addons, list):
        return False
    return any(
        isinstance(a, dict) and a.get("id") == CONTAINER_ADDON_ID and a.get("active") is True
        for a in addons
    )


def container_colour(target_name: str) -> str:
    """Red for production (a word prod, production or prd in the name), else one of the
    other colours chosen by the name, the same on every run and every machine."""
    words = set(re.split(r"[^a-z0-9]+", target_name.casefold()))
    if words & PRODUCTION_WORDS:
        return "red"
    import hashlib  # here: the tray's settings import this module at start

    digest = hashlib.sha256(target_name.encode("utf-8")).digest()
    return CONTAINER_COLOURS[digest[0] % len(CONTAINER_COLOURS)]


def container_icon(target_name: str) -> str:
    return "fingerprint" if container_colour(target_name) == "red" else "briefcase"


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None


class Choice(Protocol):
    """What a target's settings say of its browser (settings.TargetSettings)."""

    browser: str
    browser_program: str
    browser_profile: str
    browser_command: str


def check_choice(ts: Choice, name: str, path: Path) -> None:
    """A target's browser choice, said with the settings dialog's field labels. Whether a
    container's extension is installed is checked when the console opens, not here."""
    if ts.browser not in KINDS:
        raise ConfigError(
            Phrase(
                "In {path}, the Browser for {name} is unknown ({kind}): choose it again in "
                "Settings.",
                path=path,
                name=name,
                kind=ts.browser,
            )
        )
    if "\0" in ts.browser_program + ts.browser_profile + ts.browser_command:
        raise ConfigError(
            Phrase(
                "In {path}, the Browser, Profile or Browser command of {name} holds a NUL "
                "character: choose them again in Settings.",
                path=path,
                name=name,
            )
        )
    if ts.browser == CHROMIUM and not ts.browser_program:
        raise ConfigError(
            Phrase(
                "In {path}, the Browser for {name} names no program: choose it again in Settings.",
                path=path,
                name=name,
            )
        )
    if ts.browser == CUSTOM and not ts.browser_command.strip():
        raise ConfigError(
            Phrase(
                "In {path}, {name} opens a custom command but its Browser command is empty: "
                "fill it in in Settings, or choose another Browser.",
                path=path,
                name=name,
            )
        )
