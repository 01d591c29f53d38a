"""The wizard's members page: who joins the group, who lacks MFA, and MFA for yourself."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ...setup.members import MemberStatus, NewMfaDevice, keep_totp_secret
from ..error_text import error_sentence
from .parts import _label, _Page

USER_ROLE = Qt.ItemDataRole.UserRole


class MembersPage(_Page):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("Wizard", "Members"))
        self.setSubTitle(
            QCoreApplication.translate("Wizard", "Tick the IAM users who join the read-only group.")
        )
        self.users = QListWidget()
        self.status = _label()

        self.mfa_box = QGroupBox(QCoreApplication.translate("Wizard", "An MFA device for you"))
        self.mfa_intro = _label(
            QCoreApplication.translate(
                "Wizard",
                "Your user has no MFA device, so it cannot elevate yet. Create a virtual one, "
                "scan the QR code with an authenticator app, then enter two consecutive codes.",
            )
        )
        self.create_mfa = QPushButton(QCoreApplication.translate("Wizard", "Create MFA device"))
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code1 = QLineEdit()
        self.code2 = QLineEdit()
        for edit, hint in (
            (self.code1, QCoreApplication.translate("Wizard", "first code")),
            (self.code2, QCoreApplication.translate("Wizard", "next code")),
        ):
            edit.setMaxLength(6)
            edit.setPlaceholderText(hint)
        self.enable_mfa = QPushButton(QCoreApplication.translate("Wizard", "Enable"))
        self.keep_secret = QCheckBox(
            QCoreApplication.translate("Wizard", "Keep the secret in this computer's keyring")
        )
        self.keep_warning = _label(
            QCoreApplication.translate(
                "Wizard",
                "Then the app can type the codes for you, but the MFA secret sits on the same "
                "computer as your access keys: the two factors become one. That still prevents "
                "mistakes, which is what this setup is for; it does not stop an attacker.",
            )
        )
        self.mfa_status = _label()
        codes = QHBoxLayout()
        codes.addWidget(self.code1)
        codes.addWidget(self.code2)
        codes.addWidget(self.enable_mfa)
        box = QVBoxLayout(self.mfa_box)
        box.addWidget(self.mfa_intro)
        box.addWidget(self.create_mfa, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.qr)
        box.addLayout(codes)
        box.addWidget(self.keep_secret)
        box.addWidget(self.keep_warning)
        box.addWidget(self.mfa_status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.users, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.mfa_box)

        self.create_mfa.clicked.connect(self.create_device)
        self.enable_mfa.clicked.connect(self.enable_device)
        self._show_codes(False)
        self.mfa_box.setVisible(False)
        self.loaded = False

    # -- the list --------------------------------------------------------------------------
    def initializePage(self) -> None:
        if self.loaded:
            return
        wiz = self.wiz()
        engine = wiz.current_engine()
        self.status.setText(QCoreApplication.translate("Wizard", "Reading the account's users…"))

        def work() -> list[MemberStatus]:
            return engine.member_status(engine.list_users())

        def done(result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.show_error(self.status, error)
                return
            self.loaded = True
            self.fill(result)

        wiz.run(work, done)

    def fill(self, statuses: list[MemberStatus]) -> None:
        wiz = self.wiz()
        me = wiz.engine.account.caller_user if wiz.engine else None
        self.users.clear()
        lacking = []
        for s in statuses:
            notes = []
            if s.user == me:
                notes.append(QCoreApplication.translate("Wizard", "you"))
            if s.in_group:
                notes.append(QCoreApplication.translate("Wizard", "in the group"))
            notes.append(
                QCoreApplication.translate("Wizard", "MFA device")
                if s.has_mfa
                else QCoreApplication.translate("Wizard", "no MFA device")
            )
            sep = QCoreApplication.translate("Wizard", ", ", "between the notes after a user")
            item = QListWidgetItem(f"{s.user} ({sep.join(notes)})", self.users)
            item.setData(USER_ROLE, s.user)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.in_group else Qt.CheckState.Unchecked)
            if not s.has_mfa:
                lacking.append(s.user)
        if lacking:
            self.show_info(
                self.status,
                QCoreApplication.translate(
                    "Wizard",
                    "Without an MFA device: %1. They can set one up "
                    "themselves on the console's Security credentials "
                    "page.",
                ).replace("%1", ", ".join(lacking)),
            )
        else:
            self.show_info(
                self.status, QCoreApplication.translate("Wizard", "Every user has an MFA device.")
            )
        self.mfa_box.setVisible(bool(me) and me in lacking)

    def chosen(self) -> tuple[str, ...]:
        out = []
        for i in range(self.users.count()):
            item = self.users.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(USER_ROLE)))
        return tuple(out)

    def isComplete(self) -> bool:
        return self.loaded and not self.wiz().busy

    # -- MFA for the current user ----------------------------------------------------------
    def _show_codes(self, visible: bool) -> None:
        for w in (
            self.qr,
            self.code1,
            self.code2,
            self.enable_mfa,
            self.keep_secret,
            self.keep_warning,
        ):
            w.setVisible(visible)

    def create_device(self) -> None:
        wiz = self.wiz()
        engine = wiz.current_engine()

        def done(device: Any, error: BaseException | None) -> None:
            if error is not None:
                self.show_error(self.mfa_status, error)
                return
            wiz.pending_device = device
            pixmap = QPixmap()
            pixmap.loadFromData(device.qr_png())
            self.qr.setPixmap(pixmap)
            self.create_mfa.setEnabled(False)
            self._show_codes(True)
            self.show_info(
                self.mfa_status,
                QCoreApplication.translate(
                    "Wizard", "Scan the code, then enter two codes in a row."
                ),
            )

        wiz.run(engine.create_mfa_device, done)

    def enable_device(self) -> None:
        wiz = self.wiz()
        device: NewMfaDevice | None = wiz.pending_device
        if device is None:
            return
        engine = wiz.current_engine()
        code1, code2 = self.code1.text(), self.code2.text()
        keep = self.keep_secret.isChecked()

        def work() -> None:
            engine.enable_mfa_device(device, code1, code2)

        def done(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.show_error(self.mfa_status, error)
                return
            wiz.pending_device = None
            self._show_codes(False)
            self.create_mfa.setVisible(False)
            message = QCoreApplication.translate("Wizard", "MFA device %1 is enabled.").replace(
                "%1", device.serial
            )
            if keep:
                try:
                    keep_totp_secret(device, wiz.environ)
                    message += " " + QCoreApplication.translate(
                        "Wizard", "Its secret is in the keyring."
                    )
                except Exception as exc:  # the device works; only the convenience failed
                    message += " " + (
                        error_sentence(exc)
                        if getattr(exc, "sentence", None)
                        else type(exc).__name__
                    )
            self.show_info(self.mfa_status, message)
            self.loaded = False
            self.initializePage()  # show the new device in the list

        wiz.run(work, done)
