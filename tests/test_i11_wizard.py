"""Issue 11, the wizard: adoption and widenings are asked on the plan page before anything is
applied, and a failed apply says what failed and what is done in one short sentence, with Back.

The setup engine's adoption interface (Step.unmanaged / adopt_name / refusal / widenings,
SetupOptions.adopt / accept_widening) is being added beside this change; until it lands,
`StandInEngine` marks the real plan's steps the way that interface does (the account, the
plan and the apply are the sandbox's and the engine's own)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from elevate_tray.core.awsconfig import AwsConfig
from elevate_tray.core.errors import Phrase
from elevate_tray.setup.engine import SetupEngine
from elevate_tray.setup.model import SetupOptions
from elevate_tray.setup.plan import Plan
from elevate_tray.ui import wizard as wizard_module
from elevate_tray.ui.wizard import PAGE_APPLY, PAGE_PLAN, SetupWizard
from elevate_tray.ui.workers import InlineRunner
from tests.test_setup_support import (  # noqa: F401  (fixtures)
    FreshAccount,
    fresh_account_fixture,
)
from tests.test_wizard import check_user, open_wizard, to_members

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

THEIRS = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}],
}
HAS_ADOPT = "adopt" in {f.name for f in dataclasses.fields(SetupOptions)}


class CountingRunner(InlineRunner):
    def __init__(self) -> None:
        self.tasks = 0

    def run_task(self, func: Callable[[], Any], on_done: Any) -> None:
        self.tasks += 1
        super().run_task(func, on_done)


class StandInEngine(SetupEngine):
    """The real engine; its plan marks AssumeAdminRolePolicy as someone else's policy."""

    adoptable = True
    chosen: Callable[[], tuple[str, ...]] = staticmethod(lambda: ())  # type: ignore[assignment]
    plans = 0

    def with_options(self, options: SetupOptions) -> SetupEngine:
        engine = StandInEngine(self.session, options, self.environ, self.profile)
        engine._account, engine._clients = self._account, self._clients
        return engine

    def plan(self) -> Plan:
        StandInEngine.plans += 1
        plan = super().plan()
        adopt = getattr(self.options, "adopt", None) if HAS_ADOPT else StandInEngine.chosen()
        for step in plan.steps:
            step.managed, step.unmanaged, step.adopt_name = True, False, ""  # type: ignore[attr-defined]
            step.refusal, step.widenings = "", []  # type: ignore[attr-defined]
            if step.name == "AssumeAdminRolePolicy":
                step.managed, step.unmanaged, step.current = False, True, THEIRS  # type: ignore[attr-defined]
                step.action = "update"
                step.summary = Phrase(
                    "add a default version to the managed policy {name} (its current "
                    "version is kept)",
                    name=step.name,
                )
                if StandInEngine.adoptable:
                    step.adopt_name = step.name  # type: ignore[attr-defined]
                else:
                    step.refusal = Phrase("{name} already has five versions.", name=step.name)  # type: ignore[attr-defined]
                if step.name in (adopt or ()):
                    step.widenings = [
                        "alice, whom it is attached to, will be able to assume AdminRole"
                    ]  # type: ignore[attr-defined]
            if step.op == "add_member":
                step.widenings = [Phrase("{user} will be able to assume the role", user="bob")]  # type: ignore[attr-defined]
        return plan


def to_plan(qtbot: Any, account: FreshAccount, adoptable: bool = True) -> SetupWizard:
    StandInEngine.adoptable = adoptable
    StandInEngine.plans = 0
    account.add_user("bob")

    def factory(profile: str | None, options: SetupOptions, environ: Any) -> SetupEngine:
        return StandInEngine.for_profile(profile, options, environ)

    runner = CountingRunner()
    wizard = SetupWizard(runner=runner, environ=account.env, engine_factory=factory)
    qtbot.addWidget(wizard)
    wizard.show()
    StandInEngine.chosen = wizard.plan_page.adopt_chosen  # type: ignore[method-assign]
    to_members(wizard)
    check_user(wizard, "bob")
    wizard.next()
    assert wizard.currentId() == PAGE_PLAN
    return wizard


def apply_enabled(wizard: SetupWizard) -> bool:
    return wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_plan_page_asks_to_adopt_and_to_accept_widenings_before_apply(
    qtbot: Any, fresh_account: FreshAccount
) -> None:
    before = fresh_account.config_file.read_text()
    wizard = to_plan(qtbot, fresh_account)
    page = wizard.plan_page
    assert page.panel is not None and len(page.panel.items) == 1
    box = page.panel.items[0]
    assert box.title() == "AssumeAdminRolePolicy: exists, not managed by this setup"
    assert box.adopt is not None and box.adopt.text() == "Adopt AssumeAdminRolePolicy"
    assert not box.adopt.isChecked()
    assert '"Effect": "Deny"' in box.before.toPlainText()
    assert '"sts:AssumeRole"' in box.after.toPlainText()
    assert box.documents.isVisibleTo(wizard)
    box.toggle.setChecked(False)  # the JSON folds away
    assert not box.documents.isVisibleTo(wizard)
    words = [label.text() for label in page.panel.widenings]
    assert words == ["Gives more than before: bob will be able to assume the role"]
    assert not page.panel.accept.isVisibleTo(wizard)  # an owned widening needs no acceptance
    assert page.panel.why.text().startswith("Apply stays disabled until every item")
    assert not page.isComplete() and not apply_enabled(wizard)
    shown = page.text.toPlainText()
    assert "    exists, not managed by this setup" in shown
    assert "    Gives more than before: bob will be able to assume the role" in shown

    tasks, plans = wizard.runner.tasks, StandInEngine.plans  # type: ignore[attr-defined]
    box.adopt.setChecked(True)
    assert wizard.runner.tasks == tasks + 1 and StandInEngine.plans == plans + 1  # type: ignore[attr-defined]
    assert page.adopt_chosen() == ("AssumeAdminRolePolicy",)
    box = page.panel.items[0]  # the panel is rebuilt with the new plan
    assert box.adopt is not None and box.adopt.isChecked()
    assert [label.text() for label in box.widenings] == [
        "Gives more than before: alice, whom it is attached to, will be able to assume AdminRole"
    ]
    assert page.panel.accept.isVisibleTo(wizard) and not page.panel.accept.isChecked()
    assert page.panel.accept.text() == "I accept these widenings"
    assert page.panel.why.text() == (
        "Apply stays disabled until you accept the widenings of what you adopt."
    )
    assert not apply_enabled(wizard)

    page.panel.accept.setChecked(True)
    assert page.widening_accepted() and page.panel.why.text() == ""
    assert page.isComplete() and apply_enabled(wizard)
    page.panel.accept.setChecked(False)
    assert not apply_enabled(wizard)
    assert fresh_account.config_file.read_text() == before  # nothing applied or written


@pytest.mark.skipif(not HAS_ADOPT, reason="SetupOptions.adopt is not in the engine yet")
def test_the_admins_choices_reach_the_engine_options(
    qtbot: Any, fresh_account: FreshAccount
) -> None:
    wizard = to_plan(qtbot, fresh_account)
    page = wizard.plan_page
    page.panel.items[0].adopt.setChecked(True)
    page.panel.accept.setChecked(True)
    options = wizard.setup_options()
    assert options.adopt == ("AssumeAdminRolePolicy",)  # type: ignore[attr-defined]
    assert options.accept_widening is True  # type: ignore[attr-defined]


def test_an_item_that_cannot_be_adopted_shows_why_and_apply_stays_off(
    qtbot: Any, fresh_account: FreshAccount
) -> None:
    wizard = to_plan(qtbot, fresh_account, adoptable=False)
    page = wizard.plan_page
    box = page.panel.items[0]
    assert box.adopt is None
    assert box.refusal is not None
    assert box.refusal.text() == (
        "Cannot be adopted: AssumeAdminRolePolicy already has five versions."
    )
    assert not page.isComplete() and not apply_enabled(wizard)


def test_a_plan_without_questions_shows_no_panel(qtbot: Any, fresh_account: FreshAccount) -> None:
    wizard = open_wizard(qtbot, fresh_account)
    to_members(wizard)
    wizard.next()
    page = wizard.plan_page
    assert page.panel is None and not page.scroll.isVisibleTo(wizard)
    assert page.isComplete() and apply_enabled(wizard)


def test_a_failed_apply_says_it_shortly_and_back_returns_to_the_plan(
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

    wizard = open_wizard(qtbot, fresh_account, engine_factory=factory)
    to_members(wizard)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PAGE_APPLY
    page = wizard.page(PAGE_APPLY)
    status = page.status.text()  # type: ignore[attr-defined]
    assert status.startswith("Step 7 of 8 failed: AWS could not create the role AdminRole")
    assert status.endswith("Steps 1–6 are done; running Apply again continues from there.")
    assert "run the same setup again" not in status and status.count("Step") == 2
    back = wizard.button(QWizard.WizardButton.BackButton)
    assert back.isEnabled() and back.isVisible()

    wizard.back()
    assert wizard.currentId() == PAGE_PLAN
    plan_page = wizard.plan_page
    assert plan_page.summary.text() == "2 change(s) to make in account 111122223333."
    assert plan_page.isCommitPage() and apply_enabled(wizard)
    wizard.next()
    assert wizard.currentId() == PAGE_APPLY
    assert page.isComplete()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert "prod" in AwsConfig.load(fresh_account.env).profiles


def test_while_applying_there_is_no_way_back(qtbot: Any, fresh_account: FreshAccount) -> None:
    wizard = open_wizard(qtbot, fresh_account)
    to_members(wizard)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PAGE_APPLY and wizard.page(PAGE_APPLY).isComplete()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()


def test_adoption_and_a_failed_step_in_japanese(
    qapp: Any, qtbot: Any, fresh_account: FreshAccount
) -> None:
    from elevate_tray.core.errors import ConfigError
    from elevate_tray.setup.apply import StepFailed
    from elevate_tray.setup.plan import Step
    from elevate_tray.ui.i18n import install_translator, remove_translator
    from elevate_tray.ui.wizard.apply_page import failure_text

    wizard = to_plan(qtbot, fresh_account)  # the earlier pages are asserted in English
    translator = install_translator(qapp, {"LANG": "ja_JP.UTF-8"})
    assert translator is not None
    try:
        page = wizard.plan_page
        page.panel.items[0].adopt.setChecked(True)  # the rebuilt panel speaks Japanese
        box = page.panel.items[0]
        assert box.title() == "AssumeAdminRolePolicy: 既に存在し、このセットアップの管理外です"
        assert box.adopt.text() == "AssumeAdminRolePolicy を引き継ぐ"
        assert box.widenings[0].text().startswith("これまでより多くを許可します: ")
        assert page.panel.accept.text() == "これらの権限拡大を承認します"
        assert page.panel.why.text() == (
            "引き継ぐ項目の権限拡大を承認するまで、[適用] は無効のままです。"
        )
        box.adopt.setChecked(False)
        assert page.panel.why.text().startswith("このセットアップの管理外で既に存在し")
        assert "既に存在し、このセットアップの管理外です" in page.text.toPlainText()

        cause = ConfigError("Your user has no MFA device, so an MFA code cannot be used.")
        step = Step("create", "group", "Ops", "create the group", op="create_group")
        failed = StepFailed("long", 3, step, cause)
        assert failure_text(failed, 7) == (
            "ステップ 3/7 に失敗しました: あなたのユーザーには MFA デバイスがないため、MFA "
            "コードは使用できません。 ステップ 1〜2 は完了しています。もう一度 [適用] を実行"
            "するとそこから続行します。"
        )
    finally:
        remove_translator(qapp, translator)


def test_failure_text_counts_what_is_done() -> None:
    from elevate_tray.core.errors import ConfigError
    from elevate_tray.setup.apply import StepFailed
    from elevate_tray.setup.plan import Step
    from elevate_tray.ui.wizard.apply_page import failure_text

    cause = ConfigError("Something is off.")
    step = Step("create", "group", "Ops", "create the group", op="create_group")
    assert failure_text(StepFailed("x", 1, step, cause), 3) == (
        "Step 1 of 3 failed: Something is off. Nothing was changed before it; running Apply "
        "again starts there."
    )
    assert failure_text(StepFailed("x", 2, step, cause), 3) == (
        "Step 2 of 3 failed: Something is off. Step 1 is done; running Apply again continues "
        "from there."
    )
    assert failure_text(cause, 3) == "Something is off."  # not a step: its own sentence


def test_adopting_plans_again_off_the_ui_thread(qtbot: Any, fresh_account: FreshAccount) -> None:
    import threading

    from elevate_tray.ui.workers import ThreadRunner

    StandInEngine.adoptable = True
    threads: list[str] = []

    class Recording(StandInEngine):
        def plan(self) -> Plan:
            threads.append(threading.current_thread().name)
            return super().plan()

        def with_options(self, options: SetupOptions) -> SetupEngine:
            engine = Recording(self.session, options, self.environ, self.profile)
            engine._account, engine._clients = self._account, self._clients
            return engine

    def factory(profile: str | None, options: SetupOptions, environ: Any) -> SetupEngine:
        return Recording.for_profile(profile, options, environ)

    wizard = SetupWizard(runner=ThreadRunner(), environ=fresh_account.env, engine_factory=factory)
    qtbot.addWidget(wizard)
    wizard.show()
    StandInEngine.chosen = wizard.plan_page.adopt_chosen  # type: ignore[method-assign]
    wizard.next()
    qtbot.waitUntil(wizard.page(wizard_module.PAGE_ACCOUNT).isComplete, timeout=10000)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(wizard.page(wizard_module.PAGE_MEMBERS).isComplete, timeout=10000)
    wizard.next()
    page = wizard.plan_page
    qtbot.waitUntil(lambda: page.panel is not None, timeout=10000)
    old_panel = page.panel
    page.panel.items[0].adopt.setChecked(True)
    assert page.plan is None and not old_panel.isEnabled()  # waiting for the pool
    qtbot.waitUntil(lambda: page.panel is not old_panel and page.panel is not None, timeout=10000)
    assert page.panel.items[0].adopt.isChecked() and page.panel.accept.isVisibleTo(wizard)
    assert len(threads) == 2 and threading.main_thread().name not in threads


@pytest.mark.skipif(not HAS_ADOPT, reason="SetupOptions.adopt is not in the engine yet")
def test_the_real_engine_someone_elses_policy_is_adopted_from_the_plan_page(
    qtbot: Any, fresh_account: FreshAccount
) -> None:
    import json

    iam = fresh_account.iam
    arn = iam.create_policy(PolicyName="AssumeAdminRolePolicy", PolicyDocument=json.dumps(THEIRS))[
        "Policy"
    ]["Arn"]
    fresh_account.add_user("dave", mfa=True)
    iam.attach_user_policy(UserName="dave", PolicyArn=arn)
    wizard = open_wizard(qtbot, fresh_account)
    to_members(wizard)
    wizard.next()
    page = wizard.plan_page
    assert page.panel is not None
    [box] = [b for b in page.panel.items if b.step.name == "AssumeAdminRolePolicy"]
    assert box.adopt is not None and not box.adopt.isChecked()
    assert '"Effect": "Deny"' in box.before.toPlainText()
    assert not apply_enabled(wizard)

    box.adopt.setChecked(True)
    [box] = [b for b in page.panel.items if b.step.name == "AssumeAdminRolePolicy"]
    assert box.adopt is not None and box.adopt.isChecked()
    assert any("dave" in label.text() for label in page.panel.widenings)
    assert page.panel.accept.isVisibleTo(wizard) and not apply_enabled(wizard)
    shots = os.environ.get("ELEVATE_TRAY_SCREENSHOTS")
    if shots:  # docs/setup.md's picture: the plan page with an adoption and its widening
        wizard.resize(960, 760)
        wizard.grab().save(os.path.join(shots, "setup-wizard-plan.png"))
    page.panel.accept.setChecked(True)
    assert apply_enabled(wizard)
    wizard.next()
    assert wizard.currentId() == PAGE_APPLY
    assert wizard.page(PAGE_APPLY).isComplete(), wizard.page(PAGE_APPLY).status.text()  # type: ignore[attr-defined]
