"""End to end on the sandbox: an account the engine provisioned keeps the seed's security
model, and a new admin sets up, re-runs, elevates and tears down from the command line."""

from __future__ import annotations

import inspect
import os
from typing import Any

import pytest

from elevate_tray.sandbox.facts import SeededAccount
from elevate_tray.setup.engine import SetupEngine, options_from
from tests import test_sandbox_security_model as seed_model
from tests.test_setup_support import (  # noqa: F401  (fixtures)
    ADMIN,
    FreshAccount,
    fresh_account_fixture,
    run_cli,
)


class ProvisionedSandbox:
    """The sandbox as the seed model's checks see it, with the engine's setup as `account`."""

    def __init__(self, sandbox: Any, account: SeededAccount) -> None:
        self._sandbox = sandbox
        self.account = account

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sandbox, name)

    def totp(self, secret: str | None = None, *, for_time: Any = None) -> str:
        return str(self._sandbox.totp(secret or self.account.mfa_secret, for_time=for_time))


SEED_MODEL_CHECKS = [
    fn
    for name, fn in inspect.getmembers(seed_model, inspect.isfunction)
    if name.startswith("test_") and list(inspect.signature(fn).parameters) == ["sandbox"]
]


def test_the_seed_model_has_checks_to_run() -> None:
    assert len(SEED_MODEL_CHECKS) >= 15


@pytest.mark.parametrize("check", SEED_MODEL_CHECKS, ids=lambda fn: fn.__name__[5:])
def test_the_seed_security_model_holds_on_an_engine_provisioned_account(
    fresh_account: FreshAccount, check: Any
) -> None:
    alice = fresh_account.add_user("alice", mfa=True)
    engine = SetupEngine.for_profile(ADMIN, options_from(members=("alice",)), fresh_account.env)
    assert engine.apply().again.changes == []  # type: ignore[union-attr]
    account = SeededAccount(
        account_id=fresh_account.account_id,
        partition="aws",
        user_name="alice",
        access_key_id=alice.access_key_id,
        secret_access_key=alice.secret_access_key,
        mfa_serial=alice.mfa_serial,
        mfa_secret=alice.mfa_secret,
        role_name="AdminRole",
        role_arn=engine.names.role_arn,
        group_name="ReadOnlyUsers",
        target_profile="prod",
        source_profile="alice",
    )
    check(ProvisionedSandbox(fresh_account.sandbox, account))


# -- the "done when", on the command line --------------------------------------------
def test_a_new_admin_sets_up_reruns_elevates_and_tears_down(
    fresh_account: FreshAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    sb = fresh_account.sandbox
    for key in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    for key, value in fresh_account.env.items():
        monkeypatch.setenv(key, value)
    env = dict(os.environ)

    def cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        return run_cli(env, sb.clock, *argv, stdin=stdin)

    def code_now(secret: str) -> str:
        sb.clock.advance(30)  # each code from a new window: the sandbox refuses a reused one
        return str(sb.totp(secret))

    # an MFA device for the admin, from the terminal
    engine = SetupEngine.for_profile(ADMIN, options_from(), env)
    code, out, _ = cli("setup", "mfa-device", "--profile", ADMIN, stdin="000000\n000001\n")
    assert code == 3  # two made-up codes are refused, and the device is removed again
    assert fresh_account.iam.list_virtual_mfa_devices()["VirtualMFADevices"] == []
    device = engine.create_mfa_device()
    engine.enable_mfa_device(device, *fresh_account.two_codes(device.secret))

    code, out, _ = cli("setup", "plan", "--profile", ADMIN, "--member", ADMIN)
    assert code == 0 and out.splitlines()[-1].startswith("plan: 9 change(s) to make")
    code, out, _ = cli(
        "setup", "apply", "--profile", ADMIN, "--member", ADMIN, "--yes", "--target", "prod"
    )
    assert code == 0, out
    assert "Elevate with: elevate-tray elevate --target prod" in out
    # the admin is now a member: the seed's deny covers its keys without MFA
    assert out.splitlines()[-1] == (
        "apply: 9 change(s) made; your keys now need an MFA session to check it (use --mfa-code)."
    )
    code, _, err = cli("setup", "plan", "--profile", ADMIN)
    assert code == 4 and "explicit deny" in err
    code, out, _ = cli(
        "setup",
        "apply",
        "--profile",
        ADMIN,
        "--member",
        ADMIN,
        "--yes",
        "--target",
        "prod",
        "--mfa-code",
        code_now(device.secret),
    )
    assert out.splitlines()[-1] == "apply: 0 change(s) made; the account matches the model."

    code, _, err = cli(
        "elevate", "--target", "prod", "--code", code_now(device.secret), "--no-browser"
    )
    assert code == 0, err
    code, out, _ = cli("status", "--json")
    assert '"mode": "admin"' in out and "AdminRole" in out
    assert cli("drop", "--target", "prod")[0] == 0

    code, out, _ = cli("setup", "doctor", "--profile", ADMIN, "--mfa-code", code_now(device.secret))
    assert out.splitlines()[-1] == "doctor: the setup matches the model; no risks found."
    code, out, _ = cli(
        "setup", "teardown", "--profile", ADMIN, "--yes", "--mfa-code", code_now(device.secret)
    )
    assert code == 0 and out.splitlines()[-1] == "teardown: 4 resource(s) removed."
    assert fresh_account.iam.list_roles()["Roles"] == []
