"""Fixtures shared by the setup and wizard tests: a fresh (unseeded) sandbox account.

Holds no tests. The sandbox (tests/sandbox_fixtures.py) is reset without its seed for every
test, so the account is empty but for an admin user `admin` (AdministratorAccess, no MFA
device) whose keys are the `admin` profile of this test's own AWS config files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.sandbox_fixtures import client, keys

ADMIN = "admin"


@dataclass
class FreshAccount:
    sandbox: Any
    env: dict[str, str]
    iam: Any  # the admin's client, for arranging and checking
    account_id: str

    @property
    def config_file(self) -> Path:
        return Path(self.env["AWS_CONFIG_FILE"])

    def add_user(self, name: str, *, profile: bool = False, **kwargs: Any) -> Any:
        """An IAM user (by default without MFA); profile=True adds its keys as a profile."""
        kwargs.setdefault("mfa", False)
        user = self.sandbox.create_user(name, **kwargs)
        if profile:
            with open(self.env["AWS_SHARED_CREDENTIALS_FILE"], "a", encoding="utf-8") as fh:
                fh.write(
                    f"\n[{name}]\naws_access_key_id = {user.access_key_id}\n"
                    f"aws_secret_access_key = {user.secret_access_key}\n"
                )
        return user

    def two_codes(self, secret: str) -> tuple[str, str]:
        """Two consecutive TOTP codes, as an authenticator app shows them, by the sandbox clock."""
        now = self.sandbox.clock.now()
        return (
            self.sandbox.totp(secret, for_time=now - timedelta(seconds=30)),
            self.sandbox.totp(secret, for_time=now),
        )


def _reset_unseeded(sb: Any) -> None:
    sb.reset(seed=False)
    assert sb.seed is False  # an empty account: no group, role or user


@pytest.fixture(name="fresh_account")
def fresh_account_fixture(sandbox_server: Any, tmp_path: Path) -> FreshAccount:
    sb = sandbox_server
    _reset_unseeded(sb)
    admin = sb.create_user(ADMIN, admin=True, mfa=False)
    aws = tmp_path / "aws"
    aws.mkdir()
    (aws / "config").write_text(
        "# my AWS config\n[default]\nregion = eu-west-1\n\n"
        f"[profile {ADMIN}]\n# admin keys\nregion = us-east-1\noutput = json\n",
        encoding="utf-8",
    )
    (aws / "credentials").write_text(
        f"[{ADMIN}]\naws_access_key_id = {admin.access_key_id}\n"
        f"aws_secret_access_key = {admin.secret_access_key}\n",
        encoding="utf-8",
    )
    env = {
        **sb.env(),
        "AWS_CONFIG_FILE": str(aws / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(aws / "credentials"),
        "ELEVATE_TRAY_HOME": str(tmp_path / "home"),
        "ELEVATE_TRAY_SECRET_STORE": "file",
    }
    return FreshAccount(sb, env, client(sb, "iam", keys(admin)), sb.account_id)


def run_cli(env: dict[str, str], clock: Any, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    """The whole command line in-process (a fresh AppContext, like a new process)."""
    import contextlib
    import io
    import sys

    from elevate_tray.cli import main
    from elevate_tray.core.clock import ManualClock
    from elevate_tray.core.context import AppContext

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(
                list(argv), ctx=AppContext(environ=dict(env), clock=ManualClock(clock.now()))
            )
    finally:
        sys.stdin = old_stdin
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()
