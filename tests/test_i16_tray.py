# ruff: noqa: F811  (pytest fixtures imported from test_ui_support are re-bound as arguments)
"""Issue 16 point 3, the tray: the targets menu groups an organization's targets by OU (the
OU's name as a header, targets without an OU first, as before), shows a type-to-filter field
once there are more than ten targets, and the MFA dialog names the account ("prod-web
(222222222222)"). The targets and their settings are what `targets sync` writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidgetAction

from elevate_tray.core.clock import ManualClock
from elevate_tray.core.context import AppContext
from elevate_tray.core.settings import TargetSettings
from elevate_tray.ui.i18n import install_translator, remove_translator
from elevate_tray.ui.workers import InlineRunner
from tests.suite_support import cli_fixture  # noqa: F401
from tests.test_i16_targets import files, sandbox  # noqa: F401  (the organization sandbox)
from tests.test_ui_support import QT_NOISE, START, write_config

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)

IDENTITY = "111122223333"
OUS = {
    "ou-sbx0-prod0001": "Production",
    "ou-sbx0-dev00001": "Development",
    "ou-sbx0-sand0001": "Sandbox",
}


def accounts(n: int) -> list[tuple[str, str, str]]:
    """n accounts (id, name, OU): prod-web, prod-data, dev-tools, then more spread over OUs."""
    first = [
        ("222222222222", "prod-web", "ou-sbx0-prod0001"),
        ("333333333333", "prod-data", "ou-sbx0-prod0001"),
        ("444444444444", "dev-tools", "ou-sbx0-dev00001"),
    ]
    more = [(f"5000000000{i:02d}", f"team-{i:02d}", list(OUS)[i % 3]) for i in range(max(0, n - 3))]
    return (first + more)[:n]


def org_config(n: int) -> str:
    text = f"""[profile me]
region = us-east-1

[profile single]
role_arn = arn:aws:iam::{IDENTITY}:role/AdminRole
source_profile = me
mfa_serial = arn:aws:iam::{IDENTITY}:mfa/alice
"""
    for account, name, _ou in accounts(n):
        text += f"""
# written by elevate-tray targets sync o-sbx0example/{IDENTITY}
[profile org-{name}]
role_arn = arn:aws:iam::{account}:role/AdminRole
source_profile = me
mfa_serial = arn:aws:iam::{IDENTITY}:mfa/alice
region = us-east-1
duration_seconds = 3600
"""
    return text


def org_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int) -> AppContext:
    env = write_config(tmp_path, org_config(n))
    for key in ("AWS_PROFILE", "AWS_REGION", "LC_ALL", "LC_MESSAGES", "ELEVATE_TRAY_SANDBOX"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    ctx = AppContext(environ=dict(os.environ), clock=ManualClock(START))
    for account, name, ou in accounts(n):
        ctx.settings.targets[f"org-{name}"] = TargetSettings(
            organization="o-sbx0example",
            account_name=name,
            account_ou=ou,
            ou_name=OUS[ou],
            readonly_role_arn=f"arn:aws:iam::{account}:role/ReadOnlyRole",
        )
    ctx.save_settings()
    return AppContext(environ=dict(os.environ), clock=ManualClock(START))  # reads them back


def tray(qtbot, ctx: AppContext):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    ctl = TrayController(ctx, runner=InlineRunner(), tray_available=False)
    ctl.start()
    qtbot.addWidget(ctl.window)
    return ctl


@pytest.fixture
def three(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    ctl = tray(qtbot, org_context(tmp_path, monkeypatch, 3))
    yield ctl
    ctl.timer.stop()


@pytest.fixture
def many(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    ctl = tray(qtbot, org_context(tmp_path, monkeypatch, 12))  # 13 targets with `single`
    yield ctl
    ctl.timer.stop()


def target_rows(menu) -> list[str]:  # type: ignore[no-untyped-def]
    """The targets part of the menu as shown: OU headers as '# NAME', targets by their text."""
    rows = []
    for action in menu.actions():
        if not action.isVisible() or action.isSeparator():
            continue
        if action.objectName().startswith("ou:"):
            rows.append("# " + action.text())
        elif action.menu() is not None and action.objectName() != "recent-sessions":
            rows.append(action.text())
    return rows


def filter_field(menu) -> QLineEdit | None:  # type: ignore[no-untyped-def]
    for action in menu.actions():
        if isinstance(action, QWidgetAction) and action.objectName() == "target-filter":
            widget = action.defaultWidget()
            assert isinstance(widget, QLineEdit)
            return widget
    return None


def test_the_menu_groups_targets_by_ou(three) -> None:  # type: ignore[no-untyped-def]
    three.menu.rebuild()
    assert target_rows(three.menu) == [
        f"single — {IDENTITY}",  # no OU: first, as before
        "# Development",
        "org-dev-tools — 444444444444",
        "# Production",
        "org-prod-data — 333333333333",
        "org-prod-web — 222222222222",
    ]
    header = three.menu.action_named("ou:ou-sbx0-prod0001")
    assert header is not None and not header.isEnabled()  # a header, not an entry
    assert three.menu.action_named("elevate:org-prod-web").isEnabled()
    assert filter_field(three.menu) is None  # ten or fewer: no filter


def test_more_than_ten_targets_get_a_filter_that_filters(qtbot, many) -> None:  # type: ignore[no-untyped-def]
    menu = many.menu
    menu.rebuild()
    field = filter_field(menu)
    assert field is not None
    assert field.placeholderText() == "Type to filter targets…"
    assert len(target_rows(menu)) == 13 + 3  # 13 targets, 3 OU headers
    field.setText("PROD-")  # any case
    assert target_rows(menu) == [
        "# Production",
        "org-prod-data — 333333333333",
        "org-prod-web — 222222222222",
    ]
    field.setText("444444444444")  # the account ID matches too
    assert target_rows(menu) == ["# Development", "org-dev-tools — 444444444444"]
    field.setText("development")  # and the OU's name
    assert "org-dev-tools — 444444444444" in target_rows(menu)
    assert "# Production" not in target_rows(menu)
    field.setText("no-such-thing")
    assert target_rows(menu) == []
    assert menu.action_named("filter-none").isVisible()
    field.setText("")
    assert len(target_rows(menu)) == 16
    assert not menu.action_named("filter-none").isVisible()


@pytest.mark.qt_log_ignore(QT_NOISE, r"does not support raise\(\)", "does not support grabbing")
def test_typing_in_the_open_menu_goes_to_the_filter(qtbot, many) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    menu = many.menu
    menu.popup(QPoint(10, 10))
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClicks(menu, "web")
    assert filter_field(menu).text() == "web"
    assert target_rows(menu) == ["# Production", "org-prod-web — 222222222222"]
    menu.rebuild()  # the config read again while open: the filter stays
    assert filter_field(menu).text() == "web"
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible())
    menu.rebuild()  # opened again: every target
    assert filter_field(menu).text() == ""


def test_ten_targets_have_no_filter(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    ctl = tray(qtbot, org_context(tmp_path, monkeypatch, 9))  # + `single`: ten
    try:
        ctl.menu.rebuild()
        assert filter_field(ctl.menu) is None
        assert len([r for r in target_rows(ctl.menu) if not r.startswith("#")]) == 10
    finally:
        ctl.timer.stop()


def test_the_mfa_dialog_names_the_account(qtbot, three) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.mfa_dialog import MfaDialog

    dialog = MfaDialog(three.ctx, three.ctx.target("org-prod-web"), InlineRunner())
    qtbot.addWidget(dialog)
    assert dialog.target_label.text() == "AdminRole in prod-web (222222222222)  (org-prod-web)"
    single = MfaDialog(three.ctx, three.ctx.target("single"), InlineRunner())
    qtbot.addWidget(single)
    assert single.target_label.text() == f"AdminRole in account {IDENTITY}  (single)"


def test_the_new_text_is_japanese_too(qtbot, qapp, many) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.mfa_dialog import MfaDialog

    translator = install_translator(qapp, {"LANG": "ja_JP.UTF-8"})
    assert translator is not None
    try:
        dialog = MfaDialog(many.ctx, many.ctx.target("org-prod-web"), InlineRunner())
        qtbot.addWidget(dialog)
        assert dialog.target_label.text() == (
            "prod-web (222222222222) の AdminRole  (org-prod-web)"
        )
        many.menu.rebuild()
        assert filter_field(many.menu).placeholderText() == "入力して対象を絞り込む…"
        many.menu.action_named("target-filter").defaultWidget().setText("zzz")
        assert many.menu.action_named("filter-none").text() == "一致する対象はありません"
    finally:
        remove_translator(qapp, translator)


def test_after_a_real_sync_the_menu_shows_every_account_under_its_ou(  # type: ignore[no-untyped-def]
    qtbot, cli, sandbox, files
) -> None:
    """End to end: `targets sync` against the organization sandbox, then the tray's menu."""
    from tests.test_i16_targets import publish

    publish(sandbox)
    r = cli("targets", "sync", "--profile", "sandbox", "--code", sandbox.totp())
    assert r.code == 0, r.err
    ctl = tray(qtbot, cli.context())
    try:
        ctl.menu.rebuild()
        assert target_rows(ctl.menu) == [
            "# Development",
            "org-dev-tools — 444444444444",
            "# Production",
            "org-prod-data — 333333333333",
            "org-prod-web — 222222222222",
        ]
    finally:
        ctl.timer.stop()
