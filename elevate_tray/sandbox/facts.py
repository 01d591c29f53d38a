"""The sandbox's account facts and its files (AWS config, credentials, sandbox.json).

No moto here: the app may read sandbox.json (e.g. to fill in MFA codes from the sandbox's
throwaway secret) without the sandbox extra installed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

REGION = "us-east-1"
# The sandbox's test-only endpoints (its clock) answer only callers that send this header with
# the secret the running sandbox wrote, user-only, into SECRET_FILE in its home folder.
SECRET_HEADER = "X-Elevate-Tray-Sandbox-Secret"
SECRET_FILE = "sandbox-secret"
SECRET_NOTE = (
    "account.mfa_secret is the elevate-tray SANDBOX's throwaway TOTP secret for its "
    "simulated MFA device. It protects nothing real; never use it for an actual AWS account."
)


@dataclass(frozen=True)
class SeededAccount:
    account_id: str
    partition: str
    user_name: str
    access_key_id: str
    secret_access_key: str
    mfa_serial: str
    mfa_secret: str  # base32; the sandbox's throwaway secret
    role_name: str
    role_arn: str
    group_name: str
    target_profile: str
    source_profile: str
    # the account admin (AdministratorAccess, no MFA group) that `setup` and the wizard use
    admin_user_name: str = ""
    admin_access_key_id: str = ""
    admin_secret_access_key: str = ""
    admin_profile: str = ""


@dataclass(frozen=True)
class SandboxUser:
    user_name: str
    arn: str
    access_key_id: str
    secret_access_key: str
    mfa_serial: str | None
    mfa_secret: str | None


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def write_secret(home: Path, secret: str) -> None:
    """The running sandbox's own secret, readable by this user only (0600)."""
    _write_private(home / SECRET_FILE, secret + "\n")


def read_secret(home: Path) -> str | None:
    """The secret of the sandbox last started in `home` (None: none started there)."""
    try:
        text = (home / SECRET_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def write_aws_files(config: Path, credentials: Path, account: SeededAccount | None) -> None:
    """The sandbox's own AWS config: one source profile, exactly one target, and the
    account admin's profile (long-term keys, for `elevate-tray setup --profile ...`)."""
    if account is None:
        _write_private(config, "")
        _write_private(credentials, "")
        return
    admin = bool(account.admin_profile and account.admin_access_key_id)
    _write_private(
        config,
        (
            # the admin first: the setup wizard offers the first profile with keys
            (f"[profile {account.admin_profile}]\nregion = {REGION}\n" if admin else "")
            + f"[profile {account.source_profile}]\n"
            f"region = {REGION}\n"
            f"[profile {account.target_profile}]\n"
            f"role_arn = {account.role_arn}\n"
            f"source_profile = {account.source_profile}\n"
            f"mfa_serial = {account.mfa_serial}\n"
            f"region = {REGION}\n"
            "duration_seconds = 3600\n"
        ),
    )
    _write_private(
        credentials,
        (
            (
                f"[{account.admin_profile}]\n"
                f"aws_access_key_id = {account.admin_access_key_id}\n"
                f"aws_secret_access_key = {account.admin_secret_access_key}\n"
                if admin
                else ""
            )
            + f"[{account.source_profile}]\n"
            f"aws_access_key_id = {account.access_key_id}\n"
            f"aws_secret_access_key = {account.secret_access_key}\n"
        ),
    )


def write_facts(
    path: Path,
    account: SeededAccount | None,
    env: Mapping[str, str],
    organization: Mapping[str, Any] | None = None,
) -> None:
    """sandbox.json; `organization`: the organization sandbox's facts (org_seed.org_facts)."""
    data: dict[str, Any] = {
        "sandbox": True,
        "what": "elevate-tray sandbox: a local AWS double on loopback. Nothing in this file "
        "is a real AWS credential.",
        "endpoint_url": env.get("AWS_ENDPOINT_URL"),
        "signin_url": env.get("ELEVATE_TRAY_SIGNIN_URL"),
        "env": dict(env),
        "account": asdict(account) if account is not None else None,
        "mfa_secret_note": SECRET_NOTE,
    }
    if organization is not None:
        data["organization"] = dict(organization)
    _write_private(path, json.dumps(data, indent=2) + "\n")


def read_facts(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("sandbox") is True else None


def remembered_account(path: Path) -> SeededAccount | None:
    data = read_facts(path)
    raw = data.get("account") if data else None
    if not isinstance(raw, dict):
        return None
    known = {f.name: str(raw[f.name]) for f in fields(SeededAccount) if f.name in raw}
    try:
        return SeededAccount(**known)
    except TypeError:  # a required field missing
        return None
