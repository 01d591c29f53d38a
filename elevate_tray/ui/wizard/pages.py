"""The wizard's pages. Each page asks the engine through the wizard's runner, never inline."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ...core.errors import ConfigError
from ...setup.engine import default_target_name
from ...setup.model import (
    AWS_MANAGED_SHORT_NAMES,
    DEFAULT_GROUP,
    DEFAULT_ROLE,
    SetupOptions,
)
from .apply_page import ApplyPage
from .members import MembersPage
from .parts import _label, _Page
from .plan_page import PlanPage

__all__ = [
    "WelcomePage",
    "AccountPage",
    "OptionsPage",
    "MembersPage",
    "PlanPage",
    "ApplyPage",
    "DonePage",
]


class WelcomePage(_Page):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setTitle(
            QCoreApplication.translate("Wizard", "Read-only by default, admin when you mean it")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                QCoreApplication.translate(
                    "Wizard",
                    "This wizard sets up an AWS account so that people work read-only every "
                    "day and become admin only deliberately: with an MFA code, for a "
                    "limited time.\n\n"
                    "It creates:\n"
                    " • an IAM group whose members can read everything (ReadOnlyAccess), manage "
                    "their own password, keys and MFA device, and do nothing else without MFA;\n"
                    " • an admin role that members may assume, only with an MFA code;\n"
                    ' • on this computer, a profile (a "target") to elevate with.\n\n'
                    "You will see every policy document before anything is changed. Running the "
                    "wizard again changes nothing that is already right, and the setup can be "
                    "removed again with `elevate-tray setup teardown`.",
                )
            )
        )
        layout.addStretch(1)


class AccountPage(_Page):
    """Which admin profile does the work, and which account that is."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("Wizard", "Admin profile and account"))
        self.setSubTitle(
            QCoreApplication.translate(
                "Wizard", "Choose the AWS profile whose keys may create IAM groups and roles."
            )
        )
        self.profile = QComboBox()
        self.mfa_code = QLineEdit()
        self.mfa_code.setPlaceholderText(
            QCoreApplication.translate("Wizard", "only if your user is already in the group")
        )
        self.mfa_code.setMaxLength(6)
        self.check_button = QPushButton(QCoreApplication.translate("Wizard", "Check"))
        self.status = _label()
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("Wizard", "Admin profile:"), self.profile)
        form.addRow(QCoreApplication.translate("Wizard", "MFA code (optional):"), self.mfa_code)
        form.addRow("", self.check_button)
        form.addRow(self.status)
        self.check_button.clicked.connect(self.check)
        self.profile.currentIndexChanged.connect(self._forget)
        self.account: Any = None
        self.caller_serials: list[str] = []

    def initializePage(self) -> None:
        from ...core.awsconfig import AwsConfig

        self.profile.blockSignals(True)
        self.profile.clear()
        try:
            profiles = AwsConfig.load(self.wiz().environ).profiles
        except ConfigError as exc:
            self.show_error(self.status, exc)
            profiles = {}
        names = admin_profile_candidates(profiles, self.wiz().environ.get("AWS_PROFILE"))
        self.profile.addItems(names)
        self.profile.blockSignals(False)
        if not names:
            self.show_info(
                self.status,
                QCoreApplication.translate(
                    "Wizard",
                    "No profile with keys was found in the AWS config; add one with "
                    "`aws configure --profile admin` and come back.",
                ),
            )
        elif self.account is None:
            self.check()

    def _forget(self) -> None:
        self.account = None
        self.status.clear()
        self.completeChanged.emit()

    def check(self) -> None:
        wiz = self.wiz()
        profile = self.profile.currentText() or None
        code = self.mfa_code.text().strip()
        self.account = None
        self.show_info(self.status, QCoreApplication.translate("Wizard", "Checking the account…"))

        def work() -> tuple[Any, Any, list[str]]:
            engine = wiz.engine_factory(profile, SetupOptions(), wiz.environ)
            if code:
                engine.use_mfa(code)
            return engine, engine.account, engine.caller_mfa_serials()

        def done(result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.show_error(self.status, error)
                return
            wiz.engine, self.account, self.caller_serials = result
            a = self.account
            self.show_info(
                self.status,
                QCoreApplication.translate("Wizard", "Account %1 (partition %2), as %3.")
                .replace("%1", a.account_id)
                .replace("%2", a.partition)
                .replace("%3", a.caller_arn),
            )

        wiz.run(work, done)

    def isComplete(self) -> bool:
        return self.account is not None and not self.wiz().busy


def admin_profile_candidates(profiles: dict[str, Any], preferred: str | None) -> list[str]:
    """Profiles that can hold an admin's own credentials; those with keys or SSO first."""
    from ...core.keys import served_by_us  # a profile whose keys `keys import` kept

    usable = [
        n
        for n, v in profiles.items()
        if not v.get("role_arn") and (not v.get("credential_process") or served_by_us(v, n))
    ]
    keys = ("aws_access_key_id", "sso_session", "sso_start_url")
    with_keys = [
        n for n in usable if any(profiles[n].get(k) for k in keys) or served_by_us(profiles[n], n)
    ]
    ordered = with_keys + [n for n in usable if n not in with_keys]
    if preferred in ordered:
        ordered.remove(preferred)
        ordered.insert(0, preferred)
    return ordered


class OptionsPage(_Page):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("Wizard", "Names and options"))
        self.setSubTitle(
            QCoreApplication.translate(
                "Wizard", "The defaults follow the article this setup comes from."
            )
        )
        self.group = QLineEdit(DEFAULT_GROUP)
        self.role = QLineEdit(DEFAULT_ROLE)
        self.policy = QComboBox()
        self.policy.addItems(
            [
                *AWS_MANAGED_SHORT_NAMES[:2],
                QCoreApplication.translate("Wizard", "Another managed policy (ARN)"),
            ]
        )
        self.policy_arn = QLineEdit()
        self.policy_arn.setPlaceholderText("arn:aws:iam::123456789012:policy/MyAdmin")
        self.policy_arn.setEnabled(False)
        self.hours = QSpinBox()
        self.hours.setRange(1, 12)
        self.hours.setSuffix(QCoreApplication.translate("Wizard", " h"))
        self.source_identity = QCheckBox(
            QCoreApplication.translate(
                "Wizard", "Record who elevated in CloudTrail (sts:SetSourceIdentity)"
            )
        )
        self.session_tags = QCheckBox(
            QCoreApplication.translate(
                "Wizard", "Pass the reason as a session tag (sts:TagSession)"
            )
        )
        self.target = QLineEdit()
        self.error = _label()
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("Wizard", "Group:"), self.group)
        form.addRow(QCoreApplication.translate("Wizard", "Admin role:"), self.role)
        form.addRow(QCoreApplication.translate("Wizard", "Role permissions:"), self.policy)
        form.addRow("", self.policy_arn)
        form.addRow(QCoreApplication.translate("Wizard", "Longest elevation:"), self.hours)
        form.addRow(self.source_identity)
        form.addRow(self.session_tags)
        form.addRow(QCoreApplication.translate("Wizard", "Target profile to write:"), self.target)
        form.addRow(self.error)
        self.policy.currentIndexChanged.connect(lambda i: self.policy_arn.setEnabled(i == 2))

    def initializePage(self) -> None:
        account = self.wiz().account_page.account
        if not self.target.text() and account is not None:
            self.target.setText(default_target_name(account))

    def admin_policy(self) -> str:
        if self.policy.currentIndex() == 2:
            return self.policy_arn.text().strip()
        return self.policy.currentText()

    def options(self, members: tuple[str, ...] = ()) -> SetupOptions:
        return SetupOptions(
            group_name=self.group.text().strip(),
            role_name=self.role.text().strip(),
            admin_policy=self.admin_policy(),
            max_session_duration=self.hours.value() * 3600,
            allow_source_identity=self.source_identity.isChecked(),
            allow_session_tags=self.session_tags.isChecked(),
            members=members,
        )

    def target_name(self) -> str:
        return self.target.text().strip()

    def validatePage(self) -> bool:
        try:
            self.options()
            if not self.target_name() or any(c in self.target_name() for c in " []"):
                raise ConfigError(
                    QCoreApplication.translate(
                        "Wizard", "Give the target profile a name without spaces or brackets."
                    )
                )
        except ConfigError as exc:
            self.show_error(self.error, exc)
            return False
        self.error.clear()
        return True


class DonePage(_Page):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("Wizard", "Ready"))
        self.text = _label()
        self.elevate = QPushButton(QCoreApplication.translate("Wizard", "Elevate now"))
        self.elevate.clicked.connect(self._elevate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.elevate, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:
        name = self.wiz().target_written or ""
        self.text.setText(
            QCoreApplication.translate(
                "Wizard",
                "The account is set up and the target %1 is in your AWS config. Elevate from "
                "the tray menu, or in a terminal with `elevate-tray elevate --target %1`; "
                "AWS CLI commands use it through the profile %1-cli.",
            ).replace("%1", name)
        )

    def _elevate(self) -> None:
        wiz = self.wiz()
        wiz.elevate_requested.emit(wiz.target_written or "")
        wiz.accept()
