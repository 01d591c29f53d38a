"""Issue 12, point 2: the browser the user chose, per target (core.browsers, core.browser).

No real browser can run here: every browser is a stand-in executable on a temporary PATH
(google-chrome, brave-browser, firefox, …) that writes the arguments it was given, one per
line, to a file; its profiles are a planted `Local State`, profiles.ini and extensions.json
under a temporary HOME. What a real Chrome or Firefox does with those arguments (a profile
directory, `-P NAME`, an `ext+container:` URL) is the browsers' own documented behaviour.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elevate_tray.core import browsers
from elevate_tray.core.browser import (
    BrowserChoice,
    BrowserUnavailable,
    container_url,
    open_in,
)
from elevate_tray.core.errors import ConfigError
from elevate_tray.core.settings import Settings, TargetSettings

from .cli_helpers import Cli
from .suite_support import cli_fixture  # noqa: F401

URL = "http://127.0.0.1:41234/3f1c0a9e5b7d4c2a8e6f1b3d5a7c9e0f?a=1&b=two words"
STAND_IN = """#!{python}
import os, sys, time
from pathlib import Path
out = Path({out!r}) / (Path(sys.argv[0]).name + ".args")
tmp = out.with_suffix(".tmp")
tmp.write_text("\\n".join([str(os.getpid()), *sys.argv[1:]]) + "\\n")
tmp.rename(out)  # whole or not at all: the test waits for the file
time.sleep({sleep})
"""


class Browsers:
    """A temporary HOME and PATH with stand-ins that record their argv in `out`."""

    def __init__(self, tmp_path: Path) -> None:
        self.home = tmp_path / "home"
        self.bin = tmp_path / "bin"
        self.out = tmp_path / "out"
        for d in (self.home, self.bin, self.out):
            d.mkdir()
        self.environ = {"PATH": str(self.bin), "HOME": str(self.home)}
        self.started: list[int] = []

    def install(self, name: str, sleep: float = 0) -> Path:
        exe = self.bin / name
        exe.write_text(STAND_IN.format(python=sys.executable, out=str(self.out), sleep=sleep))
        exe.chmod(0o755)
        return exe

    def argv(self, name: str, timeout: float = 20) -> list[str]:
        """What the stand-in got (its pid first, dropped), once it has written it."""
        out = self.out / f"{name}.args"
        deadline = time.monotonic() + timeout
        while not out.exists():
            assert time.monotonic() < deadline, f"{name} was not started"
            time.sleep(0.02)
        pid, *args = out.read_text().splitlines()
        self.started.append(int(pid))
        return args

    def open(self, choice: BrowserChoice, target: str = "dev") -> None:
        open_in(URL, choice, target_name=target, environ=self.environ, home=self.home)

    def stop(self) -> None:
        for pid in self.started:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)


@pytest.fixture
def here(tmp_path: Path):  # type: ignore[no-untyped-def]
    b = Browsers(tmp_path)
    yield b
    b.stop()


def plant_chrome(config_home: Path, folder: str = "google-chrome") -> Path:
    """A Chromium-family `Local State` under XDG_CONFIG_HOME (~/.config by default)."""
    config = config_home / folder
    config.mkdir(parents=True)
    cache = {"Default": {"name": "Person 1"}, "Profile 1": {"name": "Work"}}
    (config / "Local State").write_text(json.dumps({"profile": {"info_cache": cache}}))
    return config


def plant_firefox(root: Path, with_extension: str = "aws") -> None:
    root.mkdir(parents=True)
    (root / "profiles.ini").write_text(
        "[Install4F96D1932A9F858E]\nDefault=abc.default-release\n\n"
        "[Profile0]\nName=default-release\nIsRelative=1\nPath=abc.default-release\n\n"
        "[Profile1]\nName=aws\nIsRelative=1\nPath=xyz.aws\nDefault=1\n\n"
        "[General]\nStartWithLastProfile=1\nVersion=2\n"
    )
    for folder, name in (("abc.default-release", "default-release"), ("xyz.aws", "aws")):
        (root / folder).mkdir()
        addons = [{"id": "uBlock0@raymondhill.net", "active": True}]
        if name == with_extension:
            addons.append({"id": browsers.CONTAINER_ADDON_ID, "active": True})
        (root / folder / "extensions.json").write_text(json.dumps({"addons": addons}))


# -- detection ---------------------------------------------------------------------------
def test_detection_lists_the_browsers_on_path_with_their_profiles(here: Browsers) -> None:
    for name in ("google-chrome", "brave-browser", "firefox", "unrelated"):
        here.install(name)
    plant_chrome(here.home / ".config")
    plant_chrome(here.home / ".config", "BraveSoftware/Brave-Browser")
    plant_firefox(here.home / ".mozilla" / "firefox")
    found = {b.label: b for b in browsers.detect(here.environ, here.home)}
    assert list(found) == ["Google Chrome", "Brave", "Firefox"]
    chrome = found["Google Chrome"]
    assert (chrome.kind, chrome.program) == ("chromium", "google-chrome")
    assert [(p.key, p.label) for p in chrome.profiles] == [
        ("Default", "Person 1"),
        ("Profile 1", "Work"),
    ]
    firefox = found["Firefox"]
    assert firefox.kind == "firefox"
    assert [p.key for p in firefox.profiles] == ["default-release", "aws"]
    aws = firefox.profiles[1]
    assert aws.path == here.home / ".mozilla" / "firefox" / "xyz.aws"
    assert browsers.container_installed(aws.path)
    assert not browsers.container_installed(firefox.profiles[0].path)


def test_the_first_executable_of_a_family_is_taken_and_xdg_config_home_is_read(
    here: Browsers,
) -> None:
    here.install("google-chrome-stable")
    here.install("chromium-browser")
    plant_chrome(here.home / ".config", "elsewhere/chromium")
    here.environ["XDG_CONFIG_HOME"] = str(here.home / ".config" / "elsewhere")
    found = {b.label: b for b in browsers.detect(here.environ, here.home)}
    assert found["Google Chrome"].program == "google-chrome-stable"
    assert found["Google Chrome"].profiles == ()  # ~/.config/google-chrome is not there
    assert found["Chromium"].program == "chromium-browser"
    assert [p.label for p in found["Chromium"].profiles] == ["Person 1", "Work"]


def test_snap_firefox_profiles_are_listed_and_the_default_is_known(here: Browsers) -> None:
    here.install("firefox")
    snap = here.home / "snap" / "firefox" / "common" / ".mozilla" / "firefox"
    plant_firefox(snap)
    (firefox,) = browsers.detect(here.environ, here.home)
    assert [p.key for p in firefox.profiles] == ["default-release", "aws"]
    default = browsers.firefox_profile(here.home, "")
    assert default is not None and default.key == "default-release"  # [Install…] wins


@pytest.mark.parametrize(
    "local_state",
    [
        "{not json",
        "[]",
        '{"profile": []}',
        '{"profile": {"info_cache": {"Profile 1": "Work"}}}',
        "\udcff".encode("utf-8", "surrogatepass").decode("latin-1"),
    ],
)
def test_a_malformed_local_state_gives_no_profiles(here: Browsers, local_state: str) -> None:
    here.install("google-chrome")
    config = here.home / ".config" / "google-chrome"
    config.mkdir(parents=True)
    (config / "Local State").write_text(local_state, encoding="latin-1")
    (chrome,) = browsers.detect(here.environ, here.home)
    assert all(p.key == "Profile 1" for p in chrome.profiles)  # at most the readable one


@pytest.mark.parametrize(
    "ini",
    [
        "[Profile0\nName=x\n",
        "Name=x\nPath=y\n",
        "[Profile0]\nName=x\n",
        "[Profile0]\nName = a\nName = b\nPath=p\n[Profile0]\nName=c\n",
        "\0\0\0",
    ],
)
def test_a_malformed_profiles_ini_gives_no_crash(here: Browsers, ini: str) -> None:
    here.install("firefox")
    root = here.home / ".mozilla" / "firefox"
    root.mkdir(parents=True)
    (root / "profiles.ini").write_text(ini)
    (firefox,) = browsers.detect(here.environ, here.home)
    assert all(p.path is not None for p in firefox.profiles)
    browsers.firefox_profile(here.home, "")
    assert not browsers.container_installed(root / "missing")


# -- launching each kind -----------------------------------------------------------------
def test_chrome_opens_the_url_in_the_chosen_profile_directory(here: Browsers) -> None:
    exe = here.install("google-chrome")
    here.open(BrowserChoice("chromium", "google-chrome", "Profile 1"))
    assert here.argv("google-chrome") == ["--profile-directory=Profile 1", URL]
    assert exe.exists()


def test_firefox_opens_a_new_tab_in_the_chosen_profile(here: Browsers) -> None:
    here.install("firefox")
    here.open(BrowserChoice("firefox", "firefox", "aws"))
    assert here.argv("firefox") == ["-P", "aws", "--new-tab", URL]


def test_a_prod_container_is_red_and_carries_the_url_encoded(here: Browsers) -> None:
    here.install("firefox")
    plant_firefox(here.home / ".mozilla" / "firefox")
    here.open(BrowserChoice("firefox-container", "firefox", "aws"), target="acme-prod")
    profile_flag, name, container = here.argv("firefox")
    assert (profile_flag, name) == ("-P", "aws")
    scheme, _, query = container.partition(":")
    assert scheme == "ext+container"
    assert " " not in query and query.count("&") == 3  # the URL's own & is encoded
    assert dict(parse_qsl(query)) == {
        "name": "acme-prod",
        "color": "red",
        "icon": "fingerprint",
        "url": URL,
    }


@pytest.mark.parametrize("name", ["prod", "Acme Production", "eu_prd_admin", "PROD-east"])
def test_every_production_name_is_red(name: str) -> None:
    assert browsers.container_colour(name) == "red"


def test_other_containers_have_a_stable_colour_that_is_never_red() -> None:
    names = ["dev", "staging", "product-analytics", "reproduce", "sandbox-admin", "qa"]
    colours = [browsers.container_colour(n) for n in names]
    assert "red" not in colours
    assert colours == [browsers.container_colour(n) for n in names]  # not random
    assert len(set(colours)) > 1
    assert browsers.container_colour("dev") == "turquoise"  # sha256: the same on every machine
    assert "color=turquoise" in container_url(URL, "dev")


def test_a_container_without_the_extension_is_refused_at_open_time(here: Browsers) -> None:
    here.install("firefox")
    plant_firefox(here.home / ".mozilla" / "firefox", with_extension="none")
    with pytest.raises(BrowserUnavailable) as caught:
        here.open(BrowserChoice("firefox-container", "firefox", "aws"), target="acme-prod")
    said = caught.value.sentence
    assert "aws" in said and "acme-prod" in said and "Browser" in said
    assert "Open external links in a container" in said and URL not in said
    assert caught.value.exit_code == 2
    assert not (here.out / "firefox.args").exists()  # refused before anything started


def test_a_container_in_the_default_profile_is_checked_there(here: Browsers) -> None:
    here.install("firefox")
    plant_firefox(here.home / ".mozilla" / "firefox", with_extension="default-release")
    here.open(BrowserChoice("firefox-container", "firefox", ""), target="dev")
    (container,) = here.argv("firefox")
    assert container.startswith("ext+container:name=dev&color=turquoise&icon=briefcase&url=http")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("{program} --kiosk {url}", ["--kiosk", URL]),
        ("{program} --new-window", ["--new-window", URL]),
    ],
)
def test_a_custom_command_gets_the_url_replaced_or_appended(
    here: Browsers, command: str, expected: list[str]
) -> None:
    here.install("my-browser")
    here.open(BrowserChoice("custom", command=command.replace("{program}", "my-browser")))
    assert here.argv("my-browser") == expected


def test_the_launch_does_not_wait_for_the_browser(here: Browsers) -> None:
    here.install("google-chrome", sleep=30)
    started = time.monotonic()
    here.open(BrowserChoice("chromium", "google-chrome"))
    assert time.monotonic() - started < 5  # the stand-in stays 30 s
    assert here.argv("google-chrome") == [URL]


@pytest.mark.parametrize(
    "choice",
    [
        BrowserChoice("chromium", "google-chrome", "Work"),
        BrowserChoice("firefox", "/nonexistent/firefox"),
        BrowserChoice("custom", command="no-such-browser --x {url}"),
        BrowserChoice("custom", command="{url}", app_default=True),
        BrowserChoice("custom", command="'{url}' --new-tab"),
    ],
)
def test_a_program_that_cannot_start_is_one_sentence_with_its_name(
    here: Browsers, choice: BrowserChoice
) -> None:
    with pytest.raises(BrowserUnavailable) as caught:
        here.open(choice, target="dev")
    said = caught.value.sentence
    program = choice.program or choice.command.split()[0]
    if "{url}" not in program:
        assert program in said
    assert "Browser" in said and "Settings" in said
    assert URL not in said and "127.0.0.1" not in said
    assert said.count(". ") == 0 and said.endswith(".")


def test_the_app_default_is_the_browser_command_else_the_system_default() -> None:
    s = Settings(browser_command="firefox {url}")
    s.targets["chrome"] = TargetSettings(browser="chromium", browser_program="google-chrome")
    assert BrowserChoice.for_target(s, "other") == BrowserChoice.app("firefox {url}")
    assert BrowserChoice.for_target(s, "other").kind == "custom"
    assert BrowserChoice.for_target(Settings(), "x").kind == "default"
    assert BrowserChoice.for_target(s, "chrome") == BrowserChoice("chromium", "google-chrome")


# -- settings.toml -----------------------------------------------------------------------
def test_browser_settings_round_trip_through_settings_toml(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    s = Settings()
    s.targets["prod"] = TargetSettings(
        browser="firefox-container",
        browser_program="/usr/bin/firefox",
        browser_profile="aws",
        console_logout_first=True,
    )
    s.targets["dev"] = TargetSettings(
        browser="chromium", browser_program="google-chrome", browser_profile="Profile 1"
    )
    s.targets["lab"] = TargetSettings(browser="custom", browser_command="my-browser {url}")
    s.save(path)
    again = Settings.load(path)
    assert again.targets == s.targets
    assert again.target("other") == TargetSettings()


def test_an_old_settings_file_loads_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'browser_command = "firefox {url}"\ndefault_duration = 1800\n'
        '[targets.prod]\nhidden = true\nconsole_destination = "https://x"\n'
    )
    s = Settings.load(path)
    assert s.browser_command == "firefox {url}" and s.default_duration == 1800
    prod = s.target("prod")
    assert prod.hidden and prod.browser == "" and not prod.console_logout_first
    assert BrowserChoice.for_target(s, "prod") == BrowserChoice.app("firefox {url}")


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ('browser = "opera"', ["Browser", "opera", "prod", "Settings"]),
        ('browser = "chromium"', ["Browser", "prod", "Settings"]),
        ('browser = "custom"\nbrowser_command = "  "', ["Browser command", "prod"]),
        ('browser = "firefox"\nbrowser_profile = "a\\u0000b"', ["Profile", "NUL"]),
    ],
)
def test_a_bad_browser_choice_is_one_sentence_with_the_dialog_labels(
    tmp_path: Path, table: str, words: list[str]
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f"[targets.prod]\n{table}\n")
    with pytest.raises(ConfigError) as caught:
        Settings.load(path)
    said = caught.value.sentence.replace(str(path), "settings.toml")
    assert all(w in said for w in words), said
    assert "browser_" not in said and said.endswith(".")


def test_the_cli_says_an_unknown_browser_in_one_sentence(cli: Cli, sandbox) -> None:  # type: ignore[no-untyped-def]
    """Black box: a settings.toml naming a browser this version does not know is said as
    the dialog says it, with exit 2 (the base version ignored it silently)."""
    settings_file = cli.home / "config" / "settings.toml"
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    name = sandbox.account.target_profile
    settings_file.write_text(f'[targets.{name}]\nbrowser = "netscape"\n')
    r = cli("targets")
    assert r.code == 2, r
    assert "the Browser for" in r.err and "netscape" in r.err and "Traceback" not in r.err


_toml_values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(list(browsers.KINDS) + ["opera", "Chromium", "custom "]),
    st.booleans(),
    st.integers(),
    st.lists(st.text(max_size=3), max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "browser",
                "browser_program",
                "browser_profile",
                "browser_command",
                "console_logout_first",
            ]
        ),
        _toml_values,
    )
)
def test_any_browser_table_loads_or_is_one_config_sentence(table: dict[str, object]) -> None:
    """Whatever a hand-edited [targets.x] holds: loaded, or one ConfigError, never a crash;
    and what loads can be chosen (BrowserChoice) without an error."""
    try:
        s = Settings.from_dict({"targets": {"x": table}}, Path("settings.toml"))
    except ConfigError as exc:
        assert exc.sentence.endswith(".") and "Traceback" not in exc.sentence
        return
    choice = BrowserChoice.for_target(s, "x")
    assert choice.kind in browsers.KINDS and choice.kind != browsers.APP_DEFAULT
