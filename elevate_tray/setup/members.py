"""Members of the group and their MFA devices; a virtual MFA device for the current user."""

from __future__ import annotations

import base64
import contextlib
import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..core.awserrors import error_code
from ..core.errors import MfaRejected, Phrase
from .aws import aws_errors, paginate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MemberStatus:
    user: str
    in_group: bool
    mfa_serials: tuple[str, ...]

    @property
    def has_mfa(self) -> bool:
        return bool(self.mfa_serials)

    def as_dict(self) -> dict[str, object]:
        return {"user": self.user, "in_group": self.in_group, "mfa": list(self.mfa_serials)}


def list_users(iam: Any) -> list[str]:
    with aws_errors(Phrase("list the account's IAM users")):
        return sorted(u["UserName"] for u in paginate(iam, "list_users", "Users"))


def member_status(iam: Any, group: str, users: list[str]) -> list[MemberStatus]:
    """Who is in the group, who lacks an MFA device: for the chosen users and the members."""
    with aws_errors(Phrase("read the members of {group}", group=group)):
        try:
            members = [u["UserName"] for u in paginate(iam, "get_group", "Users", GroupName=group)]
        except iam.exceptions.NoSuchEntityException:
            members = []
        out = []
        for user in dict.fromkeys([*users, *members]):
            devices = paginate(iam, "list_mfa_devices", "MFADevices", UserName=user)
            out.append(
                MemberStatus(user, user in members, tuple(d["SerialNumber"] for d in devices))
            )
    return out


@dataclass(frozen=True)
class NewMfaDevice:
    """A virtual MFA device created but not yet enabled. The secret never reaches a log."""

    user: str
    serial: str
    secret: str  # base32
    issuer: str

    def __repr__(self) -> str:  # keeps the secret out of tracebacks and logs
        return f"NewMfaDevice(user={self.user!r}, serial={self.serial!r})"

    @property
    def otpauth_uri(self) -> str:
        label = quote(f"{self.issuer}:{self.user}")
        return f"otpauth://totp/{label}?secret={self.secret}&issuer={quote(self.issuer)}"

    def qr_png(self, scale: int = 6) -> bytes:
        import segno

        buf = io.BytesIO()
        segno.make(self.otpauth_uri, error="m").save(buf, kind="png", scale=scale, border=2)
        return buf.getvalue()

    def qr_text(self) -> str:
        import segno

        buf = io.StringIO()
        segno.make(self.otpauth_uri, error="m").terminal(out=buf, compact=True, border=2)
        return buf.getvalue()


def create_virtual_mfa(iam: Any, user: str, account_id: str) -> NewMfaDevice:
    """Create a virtual MFA device named after the user (replacing an unassigned leftover)."""
    with aws_errors(Phrase("create a virtual MFA device for {user}", user=user)):
        try:
            made = iam.create_virtual_mfa_device(VirtualMFADeviceName=user)
        except Exception as exc:
            if error_code(exc) != "EntityAlreadyExists":
                raise
            # a leftover from an earlier attempt that was never enabled
            stale = [
                d
                for d in paginate(
                    iam,
                    "list_virtual_mfa_devices",
                    "VirtualMFADevices",
                    AssignmentStatus="Unassigned",
                )
                if d["SerialNumber"].endswith(f":mfa/{user}")
            ]
            if not stale:
                raise
            iam.delete_virtual_mfa_device(SerialNumber=stale[0]["SerialNumber"])
            made = iam.create_virtual_mfa_device(VirtualMFADeviceName=user)
    device = made["VirtualMFADevice"]
    seed = device["Base32StringSeed"]
    secret = seed.decode("ascii") if isinstance(seed, bytes) else str(seed)
    if not _is_base32(secret):  # some SDK paths hand back the bytes base64-encoded
        secret = base64.b64decode(secret).decode("ascii")
    return NewMfaDevice(user, device["SerialNumber"], secret, f"AWS {account_id}")


def _is_base32(text: str) -> bool:
    try:
        base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError:
        return False
    return True


def enable_mfa(iam: Any, device: NewMfaDevice, code1: str, code2: str) -> None:
    codes = [c.strip() for c in (code1, code2)]
    if not all(c.isdigit() and len(c) == 6 for c in codes) or codes[0] == codes[1]:
        raise MfaRejected(
            "Enter two consecutive 6-digit codes from the authenticator app (two different "
            "codes, one after the other)."
        )
    with aws_errors(Phrase("enable the MFA device for {user}", user=device.user)):
        iam.enable_mfa_device(  # codes AWS does not accept: MfaRejected (core/awserrors)
            UserName=device.user,
            SerialNumber=device.serial,
            AuthenticationCode1=codes[0],
            AuthenticationCode2=codes[1],
        )


def discard_mfa(iam: Any, device: NewMfaDevice) -> None:
    """Delete a device that was created but never enabled (the user cancelled)."""
    with (
        aws_errors(Phrase("delete the unused MFA device {serial}", serial=device.serial)),
        contextlib.suppress(iam.exceptions.NoSuchEntityException),
    ):
        iam.delete_virtual_mfa_device(SerialNumber=device.serial)


def keep_totp_secret(device: NewMfaDevice, environ: Mapping[str, str]) -> None:
    """Keep the device's secret in the keyring (or the app's user-only file fallback)."""
    from ..core.paths import app_dirs
    from ..core.secrets import open_secret_store

    env = dict(environ)
    open_secret_store(app_dirs(env), env).set(f"totp:{device.serial}", device.secret)
