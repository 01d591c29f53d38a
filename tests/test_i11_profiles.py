"""Issue 11, items 3 and 4: setups side by side in one account, and profiles the setup did not
write are never changed (companions and target carry the marker of the setup that wrote them)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from elevate_tray.core.awsconfig import AwsConfig
from elevate_tray.core.commandline import credential_process_line
from tests.cli_helpers import Cli
from tests.suite_support import bump, cli_fixture, elevate  # noqa: F401  (fixtures)
from tests.test_setup_support import (  # noqa: F401  (fixtures)
    ADMIN,
    FreshAccount,
    fresh_account_fixture,
    run_cli,
)

MARK = "# written by elevate-tray setup "
SECOND = ["--role", "OpsAdmin", "--group", "Readers"]


def profiles(env: dict[str, str]) -> dict[str, dict[str, Any]]:
    return AwsConfig.load(env).profiles


# -- 3: setups side by side ----------------------------------------------------------------


@pytest.fixture
def own_config(sandbox, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """The seeded sandbox's AWS config, copied so the test's setup writes only its own."""
    config = tmp_path / "aws-config"
    shutil.copyfile(sandbox.config_file, config)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    return config


def test_a_second_setup_leaves_the_first_elevating_and_its_teardown_leaves_it_intact(
    sandbox, cli: Cli, own_config: Path
) -> None:  # type: ignore[no-untyped-def]
    admin = ["--profile", "sandbox-account-admin"]
    assert elevate(cli, sandbox).code == 0  # the seeded setup: alice elevates to AdminRole
    assert cli("drop").code == 0
    r = cli("setup", "apply", *admin, *SECOND, "--member", sandbox.account.user_name, "--yes")
    assert r.code == 0, r.out + r.err
    assert "AssumeOpsAdminPolicy-Readers" in r.out
    assert "write a new default version of the policy AssumeAdminRolePolicy" not in r.out
    written = [n for n in profiles(dict(os.environ)) if n.startswith("admin-")]
    assert len(written) == 3  # the target and its two companions
    text = own_config.read_text()
    assert text.count(f"{MARK}{sandbox.account.account_id}/Readers/OpsAdmin") == 3
    target = profiles(dict(os.environ))[f"admin-{sandbox.account.account_id}"]
    assert target["source_profile"] == "sandbox"  # alice's own keys, not the admin's

    bump(cli, sandbox)
    r = elevate(cli, sandbox, "--target", "sandbox-admin")
    assert r.code == 0, r.out + r.err
    assert cli("drop").code == 0

    r = cli("setup", "teardown", *admin, *SECOND, "--yes")
    assert r.code == 0, r.out + r.err
    assert "AssumeAdminRolePolicy" not in r.out and "AdminRole " not in r.out
    assert not [n for n in profiles(dict(os.environ)) if n.startswith("admin-")]
    assert MARK not in own_config.read_text()
    bump(cli, sandbox)
    assert elevate(cli, sandbox, "--target", "sandbox-admin").code == 0
    r = cli("setup", "doctor", *admin)  # the seeded (default) setup, policies and all
    assert r.code == 0 and "the setup matches the model" in r.out, r.out


def test_the_cloudformation_export_names_the_second_setups_policies(
    fresh_account: FreshAccount,
) -> None:
    code, out, _ = run_cli(
        fresh_account.env, fresh_account.sandbox.clock, "setup", "export-cloudformation", *SECOND
    )
    assert code == 0
    assert 'Default: "AssumeOpsAdminPolicy-Readers"' in out
    assert 'Default: "ManageOwnCredentialsWithMFAPolicy-Readers-OpsAdmin"' in out
    assert "ManagedPolicyName: !Ref AssumePolicyName" in out
    code, out, _ = run_cli(
        fresh_account.env, fresh_account.sandbox.clock, "setup", "export-cloudformation"
    )
    assert 'Default: "AssumeAdminRolePolicy"' in out


def test_long_role_and_group_names_give_policy_names_iam_accepts(
    fresh_account: FreshAccount,
) -> None:
    role, group = "R" * 64, "G" * 128
    code, out, err = run_cli(
        fresh_account.env,
        fresh_account.sandbox.clock,
        "setup",
        "apply",
        "--profile",
        ADMIN,
        "--role",
        role,
        "--group",
        group,
        "--no-target",
        "--yes",
    )
    assert code == 0, out + err
    names = [p["PolicyName"] for p in fresh_account.iam.list_policies(Scope="Local")["Policies"]]
    assert len(names) == 2 and all(len(n) <= 128 for n in names)
    assert sorted(n[:40] for n in names) == [
        f"Assume{role}"[:40],
        f"ManageOwnCredentialsWithMFAPolicy-{group}"[:40],
    ]


# -- 4: profiles it did not write ------------------------------------------------------------


def apply(fresh: FreshAccount, *extra: str) -> tuple[int, str, str]:
    return run_cli(
        fresh.env, fresh.sandbox.clock, "setup", "apply", "--profile", ADMIN, "--yes", *extra
    )


def test_an_sso_cli_profile_it_did_not_write_is_left_alone(fresh_account: FreshAccount) -> None:
    target = f"admin-{fresh_account.account_id}"
    sso = (
        f"\n[profile {target}-cli]\n"
        "credential_process = aws-sso-util credential-process --profile work\n"
        "region = ap-northeast-1\n"
    )
    with fresh_account.config_file.open("a", encoding="utf-8") as fh:
        fh.write(sso)
    code, out, err = apply(fresh_account)
    assert code == 0, out + err
    assert sso in fresh_account.config_file.read_text()
    found = profiles(fresh_account.env)
    assert found[f"{target}-cli"]["region"] == "ap-northeast-1"
    assert "credentials --target" in found[f"{target}-cli-2"]["credential_process"]
    assert found[f"{target}-readonly"]["credential_process"].endswith("--readonly")


def test_a_marked_companion_is_updated_and_teardown_removes_only_marked_ones(
    fresh_account: FreshAccount,
) -> None:
    target = f"admin-{fresh_account.account_id}"
    code, out, err = apply(fresh_account)
    assert code == 0, out + err
    cfg = fresh_account.config_file
    line = profiles(fresh_account.env)[f"{target}-cli"]["credential_process"]
    text = cfg.read_text().replace(line, "/old/venv/bin/elevate-tray credentials")
    cfg.write_text(text + "\n[profile mine]\nregion = sa-east-1\n")
    code, out, err = apply(fresh_account)
    assert code == 0, out + err
    found = profiles(fresh_account.env)
    assert f"{target}-cli-2" not in found
    assert found[f"{target}-cli"]["credential_process"] == line  # ours: rewritten in place
    code, out, err = run_cli(
        fresh_account.env,
        fresh_account.sandbox.clock,
        "setup",
        "teardown",
        "--profile",
        ADMIN,
        "--yes",
    )
    assert code == 0, out + err
    left = profiles(fresh_account.env)
    assert not [n for n in left if n.startswith(target)]
    assert left["mine"]["region"] == "sa-east-1" and ADMIN in left
    assert MARK not in cfg.read_text()


def test_an_elevated_credential_process_profile_is_never_a_source_profile(
    sandbox, cli: Cli, own_config: Path
) -> None:  # type: ignore[no-untyped-def]
    """alice elevates; the admin runs setup with a credential_process profile on that session."""
    assert elevate(cli, sandbox).code == 0
    line = credential_process_line("sandbox-admin", environ=dict(os.environ))
    with own_config.open("a", encoding="utf-8") as fh:
        fh.write(f"\n[profile elevated]\ncredential_process = {line}\nregion = us-east-1\n")
    r = cli("setup", "apply", "--profile", "elevated", *SECOND, "--member", "alice", "--yes")
    assert r.code == 0, r.out + r.err
    assert ":assumed-role/AdminRole/" in r.out  # it really ran on the elevated session
    found = profiles(dict(os.environ))
    target = found[f"admin-{sandbox.account.account_id}"]
    assert target["source_profile"] == "sandbox"  # alice's own long-term keys
    assert all(v.get("source_profile") != "elevated" for v in found.values())
