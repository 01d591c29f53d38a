"""The setup wizard: the account admin's first run, page by page, over the setup engine.

welcome -> admin profile and account -> names and options -> members (and MFA) -> plan review
-> apply (per-step progress) -> done. AWS calls run through the runner (off the UI thread);
nothing local is written before the apply page, and that write is one atomic replace.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget, QWizard

from ...setup.engine import SetupEngine
from ...setup.members import NewMfaDevice
from ...setup.model import SetupOptions
from ..workers import Runner, ThreadRunner
from .parts import EngineFactory
from .review import with_choices

PAGE_WELCOME, PAGE_ACCOUNT, PAGE_OPTIONS, PAGE_MEMBERS, PAGE_PLAN, PAGE_APPLY, PAGE_DONE = range(7)


def first_run(environ: Mapping[str, str]) -> bool:
    """True when the AWS config has no target yet: the tray then offers the wizard."""
    from ...core.awsconfig import AwsConfig
    from ...core.errors import ConfigError

    try:
        profiles = AwsConfig.load(dict(environ)).profiles
    except ConfigError:
        return False  # a broken config is reported elsewhere, not papered over by the wizard
    return not any(p.get("role_arn") and p.get("source_profile") for p in profiles.values())


class SetupWizard(QWizard):
    """Drive it with a runner (ThreadRunner in the app, InlineRunner in tests)."""

    elevate_requested = Signal(str)  # the target name, from the done page's button

    def __init__(
        self,
        ctx: Any = None,
        runner: Runner | None = None,
        engine_factory: EngineFactory | None = None,
        environ: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from . import pages

        if environ is None:
            environ = getattr(ctx, "environ", None) or os.environ
        self.environ: dict[str, str] = dict(environ)
        self.runner: Runner = runner or ThreadRunner()
        self.engine_factory: EngineFactory = engine_factory or SetupEngine.for_profile
        self.engine: SetupEngine | None = None
        self.pending_device: NewMfaDevice | None = None  # created, not yet enabled
        self.target_written: str | None = None
        self.busy = False

        self.setWindowTitle(
            QCoreApplication.translate("Wizard", "Set up elevate-tray for an AWS account")
        )
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.account_page = pages.AccountPage(self)
        self.options_page = pages.OptionsPage(self)
        self.members_page = pages.MembersPage(self)
        self.plan_page = pages.PlanPage(self)
        self.setPage(PAGE_WELCOME, pages.WelcomePage(self))
        self.setPage(PAGE_ACCOUNT, self.account_page)
        self.setPage(PAGE_OPTIONS, self.options_page)
        self.setPage(PAGE_MEMBERS, self.members_page)
        self.setPage(PAGE_PLAN, self.plan_page)
        self.setPage(PAGE_APPLY, pages.ApplyPage(self))
        self.setPage(PAGE_DONE, pages.DonePage(self))
        self.setStartId(PAGE_WELCOME)
        self.resize(760, 560)

    # -- shared state the pages fill in ------------------------------------------------------
    def setup_options(self) -> SetupOptions:
        options = self.options_page.options(self.members_page.chosen())
        page = self.plan_page
        return with_choices(options, page.adopt_chosen(), page.widening_accepted())

    def target_name(self) -> str:
        return self.options_page.target_name()

    def current_engine(self) -> SetupEngine:
        assert self.engine is not None, "the account page makes the engine"
        self.engine = self.engine.with_options(self.setup_options())
        return self.engine

    def run(
        self, func: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]
    ) -> None:
        """Run an AWS call off the UI thread; the wizard's buttons wait while it runs."""
        self.busy = True
        self._refresh_buttons()

        def done(result: Any, error: BaseException | None) -> None:
            self.busy = False
            on_done(result, error)
            self._refresh_buttons()

        self.runner.run_task(func, done)

    def _refresh_buttons(self) -> None:
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()

    # -- cancel: nothing half-written --------------------------------------------------------
    def reject(self) -> None:
        device, self.pending_device = self.pending_device, None
        if device is not None and self.engine is not None:
            engine = self.engine
            self.runner.run_task(lambda: engine.discard_mfa_device(device), lambda _r, _e: None)
        super().reject()
