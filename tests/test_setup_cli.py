"""`elevate-tray setup ...` through its run() hook, against a fresh account on loopback."""

from __future__ import annotations

import argparse
import io
import json
from typing import Any

import pytest

from elevate_tray.cli import setup_commands as cli
from elevate_tray.core.awsconfig import AwsConfig
from elevate_tray.core.commandline import credential_process_line
from elevate_tray.core.errors import ConfigError, MfaRejected
from elevate_tray.core.paths import app_dirs
from elevate_tray.core.settings import Settings
from tests.test_setup_support import (  # noqa: F401  (fixtures)
    ADMIN,
    FreshAccount,
    fresh_account_fixture,
)


def run(account: FreshAccount, *argv: str, stdin: str = "") -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["setup", *argv])
    out = io.StringIO()
    code = cli.run(args, environ=account.env, out=out, stdin=io.StringIO(stdin))
    return code, out.getvalue()


def last_line(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


def test_plan_apply_again_doctor_teardown(fresh_account: FreshAccount) -> None:
    fresh_account.add_user("bob")
    code, out = run(fresh_account, "plan", "--profile", ADMIN, "--member", "bob")
    assert code == 0
    assert last_line(out).startswith("plan: 9 change(s) to make")
    assert '"aws:MultiFactorAuthPresent": "true"' in out  # the documents are shown
    assert "bob has no MFA device" in out

    code, out = run(fresh_account, "apply", "--profile", ADMIN, "--member", "bob", "--yes")
    assert code == 0
    assert "[9/9] add the user bob to ReadOnlyUsers: done" in out
    assert last_line(out) == "apply: 9 change(s) made; the account matches the model."

    code, out = run(fresh_account, "apply", "--profile", ADMIN, "--member", "bob", "--yes")
    assert last_line(out) == "apply: 0 change(s) made; the account matches the model."
    code, out = run(fresh_account, "plan", "--profile", ADMIN, "--member", "bob")
    assert last_line(out) == "plan: no changes; the account matches the model."

    code, out = run(fresh_account, "doctor", "--profile", ADMIN)
    assert code == 8  # a risk found
    assert "bob has no MFA device" in out
    assert last_line(out) == "doctor: 0 difference(s) from the model and 1 risk(s) found."

    code, out = run(fresh_account, "teardown", "--profile", ADMIN, "--yes")
    assert code == 0 and last_line(out) == "teardown: 4 resource(s) removed."
    code, out = run(fresh_account, "teardown", "--profile", ADMIN, "--yes")
    assert last_line(out) == "teardown: nothing to remove."


def test_doctor_spots_a_trust_policy_whose_mfa_condition_was_removed(
    fresh_account: FreshAccount,
) -> None:
    run(fresh_account, "apply", "--profile", ADMIN, "--yes")
    iam = fresh_account.iam
    trust = iam.get_role(RoleName="AdminRole")["Role"]["AssumeRolePolicyDocument"]
    trust["Statement"][0].pop("Condition")
    iam.update_assume_role_policy(RoleName="AdminRole", PolicyDocument=json.dumps(trust))

    code, out = run(fresh_account, "doctor", "--profile", ADMIN)
    assert code == 8  # risk and drift: risk wins
    assert "lets principals assume AdminRole without MFA" in out
    assert last_line(out) == "doctor: 1 difference(s) from the model and 1 risk(s) found."
    code, out = run(fresh_account, "doctor", "--profile", ADMIN, "--json")
    assert {f["level"] for f in json.loads(out)} == {"risk", "drift", "note"}  # note: CloudTrail


def test_apply_writes_the_target_profile_keeping_the_config(fresh_account: FreshAccount) -> None:
    before = fresh_account.config_file.read_text()
    code, out = run(
        fresh_account,
        "apply",
        "--profile",
        ADMIN,
        "--yes",
        "--target",
        "prod",
        "--max-session-duration",
        "7200",
        "--allow-source-identity",
    )
    assert code == 0 and "Target profile 'prod' written" in out
    text = fresh_account.config_file.read_text()
    assert text.startswith(before)  # comments, order and other profiles untouched
    profiles = AwsConfig.load(fresh_account.env).profiles
    assert profiles["prod"] == {
        "role_arn": "arn:aws:iam::111122223333:role/AdminRole",
        "source_profile": ADMIN,
        "region": "us-east-1",
        "duration_seconds": "3600",
    }
    assert profiles["prod-cli"]["credential_process"] == credential_process_line(
        "prod", environ=fresh_account.env
    )
    assert profiles["prod-readonly"]["credential_process"] == (
        credential_process_line("prod", True, fresh_account.env)
    )
    prefs = Settings.load(app_dirs(fresh_account.env).settings_file).target("prod")
    assert (prefs.max_duration, prefs.allows_source_identity, prefs.allows_session_tags) == (
        7200,
        True,
        False,
    )
    # a second run rewrites nothing
    run(
        fresh_account,
        "apply",
        "--profile",
        ADMIN,
        "--yes",
        "--target",
        "prod",
        "--max-session-duration",
        "7200",
        "--allow-source-identity",
    )
    assert fresh_account.config_file.read_text() == text


def test_apply_refuses_to_turn_the_admin_profile_into_a_target(fresh_account: FreshAccount) -> None:
    with pytest.raises(ConfigError, match="cannot be named 'admin'"):
        run(fresh_account, "apply", "--profile", ADMIN, "--yes", "--target", ADMIN)


def test_apply_without_yes_and_without_a_terminal_changes_nothing(
    fresh_account: FreshAccount,
) -> None:
    with pytest.raises(ConfigError, match="add --yes"):
        run(fresh_account, "apply", "--profile", ADMIN)
    assert fresh_account.iam.list_roles()["Roles"] == []


def test_bad_options_are_one_clear_sentence(fresh_account: FreshAccount) -> None:
    with pytest.raises(ConfigError, match="between 3600 and 43200"):
        run(fresh_account, "plan", "--profile", ADMIN, "--max-session-duration", "60")
    with pytest.raises(ConfigError, match="neither AdministratorAccess"):
        run(fresh_account, "plan", "--profile", ADMIN, "--admin-policy-arn", "God")
    with pytest.raises(ConfigError, match="profile 'nope' does not exist"):
        run(fresh_account, "plan", "--profile", "nope")


def test_mfa_device_for_the_current_user(fresh_account: FreshAccount) -> None:
    fresh_account.add_user("dana", profile=True, admin=True)
    with pytest.raises(MfaRejected):
        run(fresh_account, "mfa-device", "--profile", "dana", stdin="123456\n123456\n")
    # the half-made device was removed again
    assert fresh_account.iam.list_virtual_mfa_devices()["VirtualMFADevices"] == []

    from elevate_tray.setup.engine import SetupEngine, options_from

    engine = SetupEngine.for_profile("dana", options_from(), fresh_account.env)
    device = engine.create_mfa_device()
    assert "secret" not in repr(device) and device.secret not in repr(device)
    assert device.qr_png().startswith(b"\x89PNG")
    engine.enable_mfa_device(device, *fresh_account.two_codes(device.secret))
    assert engine.caller_mfa_serials() == [device.serial]
    code, out = run(fresh_account, "mfa-device", "--profile", "dana")
    assert "already has an MFA device" in out

    code, out = run(fresh_account, "apply", "--profile", "dana", "--yes")
    profiles = AwsConfig.load(fresh_account.env).profiles
    assert profiles["admin-111122223333"]["mfa_serial"] == device.serial
    assert "elevate-tray elevate --target admin-111122223333" in out


def test_export_cloudformation_to_stdout() -> None:
    acct: Any = type("A", (), {"env": {}})()
    code, out = run(acct, "export-cloudformation", "--role", "Ops")
    assert code == 0 and out.startswith('AWSTemplateFormatVersion: "2010-09-09"')
    assert '  RoleName:\n    Type: String\n    Default: "Ops"' in out


def test_doctor_names_a_target_asking_for_more_than_the_role_allows(
    fresh_account: FreshAccount,
) -> None:
    from elevate_tray.core.awsconfig_writer import set_profile_values

    run(fresh_account, "apply", "--profile", ADMIN, "--yes", "--target", "prod")
    code, out = run(fresh_account, "doctor", "--profile", ADMIN)
    assert code == 0
    assert last_line(out) == "doctor: the setup matches the model; no risks found."
    set_profile_values(fresh_account.config_file, "prod", {"duration_seconds": "7200"})
    code, out = run(fresh_account, "doctor", "--profile", ADMIN)
    assert code == 8
    assert (
        "profile prod (duration_seconds) asks for 7200 s but the role allows at most 3600 s"
    ) in out
    assert last_line(out) == "doctor: 0 difference(s) from the model and 1 risk(s) found."
