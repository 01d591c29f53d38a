# ruff: noqa: F811  (pytest fixtures imported from test_ui_support are re-bound as arguments)
"""Issue 12, point 2 in the settings dialog: each target's browser, profile or container
(pytest-qt, offscreen, the InlineRunner). What the person sees is read from the widgets, what
is kept from settings.toml.

No real browser runs here: the browsers the dialog finds are stand-in executables on a
temporary PATH, their profiles a planted `Local State`, profiles.ini and extensions.json.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from elevate_tray.core.browser import BrowserChoice, open_in
from elevate_tray.core.context import AppContext
from elevate_tray.core.settings import TargetSettings
from elevate_tray.ui.settings_dialog import SettingsDialog
from tests.test_browsers import URL, Browsers, plant_chrome, plant_firefox
from tests.test_ui_i18n import japanese  # noqa: F401
from tests.test_ui_support import AWS_CONFIG, QT_NOISE, ctx, home_env, write_config  # noqa: F401

pytestmark = [pytest.mark.qt_log_ignore(QT_NOISE)]

TWO_TARGETS = (
    AWS_CONFIG
    + """
[profile dev]
role_arn = arn:aws:iam::210987654321:role/AdminRole
source_profile = me
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = eu-west-1
"""
)


@pytest.fixture
def here(ctx: AppContext, tmp_path):  # type: ignore[no-untyped-def]
    """Chrome and Firefox on the app's PATH, with profiles; `dev` a second target."""
    (tmp_path / "browsers").mkdir()
    b = Browsers(tmp_path / "browsers")
    b.home = tmp_path  # the app's HOME (home_env)
    write_config(tmp_path, TWO_TARGETS)
    b.install("google-chrome")
    b.install("firefox")
    plant_chrome(tmp_path / "xdg")  # XDG_CONFIG_HOME (home_env)/google-chrome
    plant_firefox(tmp_path / ".mozilla" / "firefox", with_extension="aws")
    ctx.environ["PATH"] = str(b.bin)
    ctx.reload()
    yield b
    b.stop()


def open_dialog(qtbot, ctx: AppContext) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def items(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count())]


def choose(dialog: SettingsDialog, target: str, browser: str, profile: str = "") -> None:
    section = dialog.browsers
    section.target.setCurrentText(target)
    section.browser.setCurrentIndex(items(section.browser).index(browser))
    if profile:
        section.profile.setCurrentIndex(items(section.profile).index(profile))


def test_the_dialog_lists_the_detected_browsers_and_their_profiles(qtbot, ctx, here) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx)
    section = dialog.browsers
    assert items(section.target) == ["prod", "dev"]  # as in the AWS config
    assert items(section.browser) == [
        "App default",
        "System default",
        "Google Chrome",
        "Firefox",
        "Firefox, container per target",
        "Custom command…",
    ]
    assert not section.profile.isEnabled() and not section.command.isEnabled()
    choose(dialog, "prod", "Google Chrome")
    assert items(section.profile) == ["The browser's default profile", "Person 1", "Work"]
    choose(dialog, "prod", "Firefox, container per target")
    assert items(section.profile) == ["The browser's default profile", "default-release", "aws"]
    choose(dialog, "prod", "Custom command…")
    assert section.command.isEnabled() and not section.profile.isEnabled()


def test_chrome_profile_work_is_written_and_opens_there(qtbot, ctx, here) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx)
    choose(dialog, "prod", "Google Chrome", "Work")
    dialog.browsers.logout_first.setChecked(True)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    ctx.reload()  # from settings.toml
    assert ctx.settings.target("prod") == TargetSettings(
        browser="chromium",
        browser_program="google-chrome",
        browser_profile="Profile 1",
        console_logout_first=True,
    )
    assert "dev" not in ctx.settings.targets  # untouched: no empty table written
    choice = BrowserChoice.for_target(ctx.settings, "prod")
    open_in(URL, choice, target_name="prod", environ=ctx.environ, home=here.home)
    assert here.argv("google-chrome") == ["--profile-directory=Profile 1", URL]


def test_a_container_whose_profile_lacks_the_extension_is_refused(qtbot, ctx, here) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx)
    choose(dialog, "prod", "Firefox, container per target", "default-release")
    dialog.save()
    said = dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.error.isHidden()
    assert "Open external links in a container" in said and "default-release" in said
    assert "prod" in said and said.endswith(".")
    assert not ctx.dirs.settings_file.exists()  # nothing saved
    choose(dialog, "prod", "Firefox, container per target", "aws")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    ctx.reload()
    prod = ctx.settings.target("prod")
    assert (prod.browser, prod.browser_program, prod.browser_profile) == (
        "firefox-container",
        "firefox",
        "aws",
    )


@pytest.mark.parametrize("command", ["", "   ", "{url}", "'unclosed {url}"])
def test_a_custom_command_without_a_program_is_refused(qtbot, ctx, here, command: str) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx)
    choose(dialog, "dev", "Custom command…")
    dialog.browsers.command.setText(command)
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Browser command" in dialog.error.text() and "dev" in dialog.error.text()
    assert not ctx.dirs.settings_file.exists()


def test_each_target_keeps_its_own_choice(qtbot, ctx, here) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx)
    choose(dialog, "prod", "Google Chrome", "Work")
    choose(dialog, "dev", "Firefox", "aws")
    dialog.browsers.target.setCurrentText("prod")
    assert dialog.browsers.browser.currentText() == "Google Chrome"
    assert dialog.browsers.profile.currentText() == "Work"
    dialog.save()
    ctx.reload()
    assert ctx.settings.target("prod").browser_profile == "Profile 1"
    dev = ctx.settings.target("dev")
    assert (dev.browser, dev.browser_program, dev.browser_profile) == ("firefox", "firefox", "aws")


def test_a_browser_no_longer_found_is_shown_and_kept(qtbot, ctx, here) -> None:  # type: ignore[no-untyped-def]
    ctx.settings.targets["prod"] = TargetSettings(
        browser="chromium", browser_program="vivaldi", browser_profile="Profile 3"
    )
    ctx.save_settings()
    ctx.reload()
    dialog = open_dialog(qtbot, ctx)
    dialog.browsers.target.setCurrentText("prod")
    assert dialog.browsers.browser.currentText() == "vivaldi (not found)"
    assert dialog.browsers.profile.currentText() == "Profile 3"
    dialog.save()
    ctx.reload()
    assert ctx.settings.target("prod").browser_program == "vivaldi"
    assert ctx.settings.target("prod").browser_profile == "Profile 3"


def test_the_browser_section_speaks_japanese(qtbot, ctx, here, japanese) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx)
    shown = items(dialog.browsers.browser)
    assert shown[0] != "App default" and shown[-1] != "Custom command…"
    choose(dialog, "prod", shown[4], "default-release")  # Firefox, container per target
    dialog.save()
    assert "Open external links in a container" in dialog.error.text()  # its name, as is
    assert not dialog.error.text().startswith("The ")


def test_a_kept_container_whose_extension_went_away_does_not_block_other_settings(
    qtbot, ctx, here
) -> None:  # type: ignore[no-untyped-def]
    """Refused when chosen, not forever after: opening the console says it (test_browsers)."""
    ctx.settings.targets["prod"] = TargetSettings(
        browser="firefox-container", browser_program="firefox", browser_profile="default-release"
    )
    ctx.save_settings()
    ctx.reload()
    dialog = open_dialog(qtbot, ctx)
    dialog.warnings.setText("10, 2")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    ctx.reload()
    assert ctx.settings.warnings == [600, 120]
    assert ctx.settings.target("prod").browser_profile == "default-release"
