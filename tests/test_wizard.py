"""The setup wizard driven page by page with qtbot, against a fresh account on loopback."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from elevate_tray.core.awsconfig import AwsConfig
from elevate_tray.core.commandline import credential_process_line
from elevate_tray.core.paths import app_dirs
from elevate_tray.core.settings import Settings
from elevate_tray.setup.engine import SetupEngine, options_from
from elevate_tray.ui import wizard as wizard_module
from elevate_tray.ui.wizard import (
    PAGE_ACCOUNT,
    PAGE_APPLY,
    PAGE_DONE,
    PAGE_MEMBERS,
    PAGE_OPTIONS,
    PAGE_PLAN,
    SetupWizard,
)
from elevate_tray.ui.workers import InlineRunner
from tests.test_setup_support import (  # noqa: F401  (fixtures)
    ADMIN,
    FreshAccount,
    fresh_account_fixture,
    run_cli,
)

# the offscreen platform cannot propagate size hints; a real screen can
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def open_wizard(qtbot: Any, account: FreshAccount, **kwargs: Any) -> SetupWizard:
    wizard = SetupWizard(runner=InlineRunner(), environ=account.env, **kwargs)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def check_user(wizard: SetupWizard, name: str) -> None:
    users = wizard.page(PAGE_MEMBERS).users  # type: ignore[attr-defined]
    for i in range(users.count()):
        item = users.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == name:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{name} is not listed")


def to_members(wizard: SetupWizard, target: str = "prod") -> None:
    wizard.next()  # welcome -> account: the profile is checked at once
    assert wizard.currentId() == PAGE_ACCOUNT
    account_page = wizard.page(PAGE_ACCOUNT)
    assert account_page.profile.currentText() == ADMIN  # type: ignore[attr-defined]
    assert "Account 111122223333 (partition aws)" in account_page.status.text()  # type: ignore[attr-defined]
    assert account_page.isComplete()
    wizard.next()
    assert wizard.currentId() == PAGE_OPTIONS
    options = wizard.page(PAGE_OPTIONS)
    assert options.target.text() == "admin-111122223333"  # type: ignore[attr-defined]
    options.target.setText(target)  # type: ignore[attr-defined]
    options.hours.setValue(2)  # type: ignore[attr-defined]
    wizard.next()
    assert wizard.currentId() == PAGE_MEMBERS


def test_wizard_sets_up_a_fresh_account_and_writes_the_target(
    qtbot: Any, fresh_account: FreshAccount
) -> None:
    fresh_account.add_user("bob")
    before = fresh_account.config_file.read_text()
    wizard = open_wizard(qtbot, fresh_account)
    assert (
        "read-only every day"
        in wizard.currentPage().findChildren(type(wizard.page(PAGE_ACCOUNT).status))[0].text()
    )  # type: ignore[attr-defined]
    to_members(wizard)
    members = wizard.page(PAGE_MEMBERS)
    listed = [members.users.item(i).text() for i in range(members.users.count())]  # type: ignore[attr-defined]
    assert listed == ["admin (you, no MFA device)", "bob (no MFA device)"]
    assert members.mfa_box.isVisibleTo(wizard)  # type: ignore[attr-defined]
    check_user(wizard, "bob")
    wizard.next()

    assert wizard.currentId() == PAGE_PLAN
    plan_page = wizard.page(PAGE_PLAN)
    assert plan_page.summary.text() == "9 change(s) to make in account 111122223333."  # type: ignore[attr-defined]
    shown = plan_page.text.toPlainText()  # type: ignore[attr-defined]
    for document in (
        "AssumeAdminRolePolicy",
        "ManageOwnCredentialsWithMFAPolicy",
        "AdminRole trust policy",
    ):
        assert f"== {document} (create) ==" in shown
    assert '"Sid": "DenyAllExceptListedIfNoMFA"' in shown
    assert "+ add the user bob to ReadOnlyUsers" in shown
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "Apply"
    assert fresh_account.config_file.read_text() == before  # nothing written yet

    wizard.next()
    assert wizard.currentId() == PAGE_APPLY
    apply_page = wizard.page(PAGE_APPLY)
    steps = [apply_page.steps.item(i).text() for i in range(apply_page.steps.count())]  # type: ignore[attr-defined]
    assert len(steps) == 9 and all(s.endswith(": done") for s in steps)
    assert (
        steps[6]
        == "7. create the role AdminRole (assumed only with MFA, at most 120 minutes): done"
    )
    assert apply_page.isComplete()

    wizard.next()
    assert wizard.currentId() == PAGE_DONE
    assert "elevate-tray elevate --target prod" in wizard.currentPage().text.text()  # type: ignore[attr-defined]
    with qtbot.waitSignal(wizard.elevate_requested) as requested:
        qtbot.mouseClick(wizard.currentPage().elevate, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert requested.args == ["prod"]

    profiles = AwsConfig.load(fresh_account.env).profiles
    assert profiles["prod"]["role_arn"] == "arn:aws:iam::111122223333:role/AdminRole"
    assert profiles["prod-cli"]["credential_process"] == credential_process_line(
        "prod", environ=fresh_account.env
    )
    assert fresh_account.config_file.read_text().startswith(before)
    assert (
        Settings.load(app_dirs(fresh_account.env).settings_file).target("prod").max_duration == 7200
    )
    again = SetupEngine.for_profile(
        ADMIN, options_from(members=("bob",), max_session_duration=7200), fresh_account.env
    )
    assert again.plan().changes == []

    # a second run of the wizard finds nothing to do
    second = open_wizard(qtbot, fresh_account)
    to_members(second)
    second.next()
    assert second.page(PAGE_PLAN).summary.text().startswith("No changes")  # type: ignore[attr-defined]


def test_cancel_on_the_plan_page_leaves_nothing_written(
    qtbot: Any, fresh_account: FreshAccount
) -> None:
    before = fresh_account.config_file.read_text()
    wizard = open_wizard(qtbot, fresh_account)
    to_members(wizard)
    wizard.next()
    assert wizard.currentId() == PAGE_PLAN
    wizard.reject()
    assert fresh_account.config_file.read_text() == before
    assert not app_dirs(fresh_account.env).settings_file.exists()
    assert fresh_account.iam.list_roles()["Roles"] == []
    assert fresh_account.iam.list_policies(Scope="Local")["Policies"] == []


def test_mfa_device_for_the_admin_from_the_members_page(
    qtbot: Any, fresh_account: FreshAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = open_wizard(qtbot, fresh_account)
    to_members(wizard)
    page = wizard.page(PAGE_MEMBERS)
    qtbot.mouseClick(page.create_mfa, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert not page.qr.pixmap().isNull()  # type: ignore[attr-defined]
    device = wizard.pending_device
    assert device is not None
    first, second = fresh_account.two_codes(device.secret)
    page.code1.setText("12")  # type: ignore[attr-defined]
    qtbot.mouseClick(page.enable_mfa, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert "two consecutive 6-digit codes" in page.mfa_status.text()  # type: ignore[attr-defined]
    page.code1.setText(first)  # type: ignore[attr-defined]
    page.code2.setText(second)  # type: ignore[attr-defined]
    page.keep_secret.setChecked(True)  # type: ignore[attr-defined]
    qtbot.mouseClick(page.enable_mfa, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert page.mfa_status.text().startswith(f"MFA device {device.serial} is enabled.")  # type: ignore[attr-defined]
    assert "keyring" in page.mfa_status.text()  # type: ignore[attr-defined]
    assert page.users.item(0).text() == "admin (you, MFA device)"  # type: ignore[attr-defined]
    assert not page.mfa_box.isVisibleTo(wizard)  # type: ignore[attr-defined]
    devices = fresh_account.iam.list_mfa_devices(UserName=ADMIN)["MFADevices"]
    assert [d["SerialNumber"] for d in devices] == [device.serial]

    from elevate_tray.core.secrets import open_secret_store

    store = open_secret_store(app_dirs(fresh_account.env), fresh_account.env)
    assert store.get(f"totp:{device.serial}") == device.secret

    wizard.next()
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PAGE_DONE
    profiles = AwsConfig.load(fresh_account.env).profiles
    assert profiles["prod"]["mfa_serial"] == device.serial

    # the new admin elevates with the target the wizard wrote
    for key, value in fresh_account.env.items():  # boto3 reads the process environment
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    sb = fresh_account.sandbox
    sb.clock.advance(30)
    code, _, err = run_cli(
        fresh_account.env,
        sb.clock,
        "elevate",
        "--target",
        "prod",
        "--code",
        sb.totp(device.secret),
        "--no-browser",
    )
    assert code == 0, err
    assert "Elevated to AdminRole" in err


def test_cancel_after_creating_an_mfa_device_removes_it(
    qtbot: Any, fresh_account: FreshAccount
) -> None:
    wizard = open_wizard(qtbot, fresh_account)
    to_members(wizard)
    qtbot.mouseClick(wizard.page(PAGE_MEMBERS).create_mfa, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert fresh_account.iam.list_virtual_mfa_devices()["VirtualMFADevices"] != []
    wizard.reject()
    assert fresh_account.iam.list_virtual_mfa_devices()["VirtualMFADevices"] == []


def test_a_failed_step_is_shown_and_try_again_finishes(
    qtbot: Any, fresh_account: FreshAccount
) -> None:
    from botocore.exceptions import ClientError

    failures = {"CreateRole": 1}

    def fail_once(model: Any, **kwargs: Any) -> None:
        if failures.get(model.name):
            failures[model.name] -= 1
            raise ClientError(
                {"Error": {"Code": "ServiceFailure", "Message": "Injected."}}, model.name
            )

    def factory(profile: str | None, options: Any, environ: Any) -> SetupEngine:
        engine = SetupEngine.for_profile(profile, options, environ)
        engine.iam.meta.events.register("before-call.iam.*", fail_once)
        return engine

    before = fresh_account.config_file.read_text()
    wizard = open_wizard(qtbot, fresh_account, engine_factory=factory)
    to_members(wizard)
    wizard.next()
    wizard.next()
    page = wizard.page(PAGE_APPLY)
    steps = [page.steps.item(i).text() for i in range(page.steps.count())]  # type: ignore[attr-defined]
    assert steps[-1].startswith("7. create the role AdminRole")
    assert ": failed — AWS could not create the role" in steps[-1]
    assert page.status.text().startswith("Step 7 of 8")  # type: ignore[attr-defined]
    assert not page.isComplete() and page.retry.isVisibleTo(wizard)  # type: ignore[attr-defined]
    assert fresh_account.config_file.read_text() == before  # no target for a half setup

    qtbot.mouseClick(page.retry, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    steps = [page.steps.item(i).text() for i in range(page.steps.count())]  # type: ignore[attr-defined]
    assert [s.split(": ")[-1] for s in steps] == ["done", "done"]
    assert page.isComplete()
    assert "prod" in AwsConfig.load(fresh_account.env).profiles


def test_first_run_is_true_until_a_target_exists(fresh_account: FreshAccount) -> None:
    assert wizard_module.first_run(fresh_account.env)
    engine = SetupEngine.for_profile(ADMIN, options_from(), fresh_account.env)
    engine.apply()
    engine.write_target(engine.target_profile("prod"))
    assert not wizard_module.first_run(fresh_account.env)


@pytest.mark.parametrize("bad", ["", "two words", "[x]"])
def test_options_page_refuses_bad_target_names(
    qtbot: Any, fresh_account: FreshAccount, bad: str
) -> None:
    wizard = open_wizard(qtbot, fresh_account)
    wizard.next()
    wizard.next()
    wizard.page(PAGE_OPTIONS).target.setText(bad)  # type: ignore[attr-defined]
    wizard.next()
    assert wizard.currentId() == PAGE_OPTIONS
    assert "target profile a name" in wizard.page(PAGE_OPTIONS).error.text()  # type: ignore[attr-defined]


def test_aws_calls_run_off_the_ui_thread(qtbot: Any, fresh_account: FreshAccount) -> None:
    import threading

    from elevate_tray.ui.workers import ThreadRunner

    threads: list[str] = []

    def factory(profile: str | None, options: Any, environ: Any) -> SetupEngine:
        threads.append(threading.current_thread().name)
        return SetupEngine.for_profile(profile, options, environ)

    wizard = SetupWizard(runner=ThreadRunner(), environ=fresh_account.env, engine_factory=factory)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.page(PAGE_ACCOUNT)
    assert not page.isComplete()  # the check is still running in the pool
    qtbot.waitUntil(page.isComplete, timeout=10000)
    assert threads and threads[0] != threading.main_thread().name
    wizard.next()
    wizard.next()
    members = wizard.page(PAGE_MEMBERS)
    qtbot.waitUntil(members.isComplete, timeout=10000)
    wizard.next()
    plan_page = wizard.page(PAGE_PLAN)
    qtbot.waitUntil(plan_page.isComplete, timeout=10000)
    wizard.next()
    apply_page = wizard.page(PAGE_APPLY)
    qtbot.waitUntil(apply_page.isComplete, timeout=10000)
    assert apply_page.steps.count() == 8  # type: ignore[attr-defined]
    assert "prod" not in AwsConfig.load(fresh_account.env).profiles
    assert "admin-111122223333" in AwsConfig.load(fresh_account.env).profiles
