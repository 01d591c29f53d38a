"""Issue 16 end to end, as an Organization's admin and a group member live it, against the
organization sandbox: one `setup org apply`, `targets sync` as alice, elevation into a member
account (with MFA only), an account joining the OU, the cross-account doctor finding a trust
widened by hand, and a teardown that leaves nothing behind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.cli_helpers import Cli
from tests.sandbox_fixtures import client, keys, org_user, own_aws_files
from tests.suite_support import bump
from tests.test_i16_org_setup import (  # noqa: F401  (fixture)
    DEV_TOOLS,
    DEVELOPMENT,
    IDENTITY,
    ORG,
    PROD_DATA,
    PROD_WEB,
    PRODUCTION,
    STACKSET,
    Accounts,
    org_cli,
)


@pytest.fixture
def story(
    org_cli: Cli,  # noqa: F811  (the fixture imported above)
    org_sandbox: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Cli:
    for key, value in own_aws_files(org_sandbox, tmp_path / "aws").items():
        monkeypatch.setenv(key, value)
    return org_cli


def _identity_admin_code(sb: Any) -> str:
    return str(sb.totp(sb.org.user("sandbox-account-admin").mfa_secret))


def _doctor(cli: Cli, sb: Any) -> Any:
    bump(cli, sb)
    return cli(
        "setup", "org", "doctor", *ORG, "--ou", PRODUCTION, "--mfa-code", _identity_admin_code(sb)
    )


def _sync(cli: Cli, sb: Any) -> Any:
    bump(cli, sb)
    return cli("targets", "sync", "--profile", "sandbox", "--code", sb.totp(), "--json")


def _profiles(config: Path) -> list[str]:
    text = config.read_text(encoding="utf-8")
    return sorted(
        line.strip("[]").split()[1]
        for line in text.splitlines()
        if line.startswith("[profile org-")
    )


def _elevate(cli: Cli, sb: Any, target: str) -> Any:
    bump(cli, sb)
    return cli("elevate", "--target", target, "--code", sb.totp(), "--no-browser")


def test_an_organization_rolled_out_used_grown_checked_and_removed(
    story: Cli, org_sandbox: Any
) -> None:
    sb, cli, accounts = org_sandbox, story, Accounts(org_sandbox)
    config = Path(cli.context().environ["AWS_CONFIG_FILE"])

    # the admin rolls the pattern out to Production with one command
    r = cli("setup", "org", "apply", *ORG, "--ou", PRODUCTION, "--member", "alice", "--yes")
    assert r.code == 0, r.err
    for account in (PROD_WEB, PROD_DATA):
        assert sorted(accounts.roles(account)) == ["AdminRole", "ReadOnlyRole"]
    assert accounts.roles(DEV_TOOLS) == {}

    # alice, a group member, syncs her targets: one profile per account
    synced = _sync(cli, sb)
    assert synced.code == 0, synced.err
    assert _profiles(config) == ["org-prod-data", "org-prod-web"]

    # elevating into a member account works with MFA ...
    r = _elevate(cli, sb, "org-prod-web")
    assert r.code == 0, r.err
    status = cli("status", "--target", "org-prod-web", "--json").json()
    assert status["account"] == PROD_WEB
    # ... and her keys without MFA are refused by the member role's trust
    alice = client(sb, "sts", keys(sb.org.user("alice")))
    with pytest.raises(ClientError) as refused:
        alice.assume_role(
            RoleArn=f"arn:aws:iam::{PROD_WEB}:role/AdminRole", RoleSessionName="alice-no-mfa"
        )
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
    assert cli("drop", "--target", "org-prod-web").code == 0

    # an account joins the OU: auto-deployment gives it the roles, and alice's next sync
    # alone gives her its target (nothing changes on the identity side, nothing is re-published)
    accounts.org("organizations").move_account(
        AccountId=DEV_TOOLS, SourceParentId=DEVELOPMENT, DestinationParentId=PRODUCTION
    )
    assert sorted(accounts.roles(DEV_TOOLS)) == ["AdminRole", "ReadOnlyRole"]
    synced = _sync(cli, sb)
    assert synced.code == 0, synced.err
    assert synced.json()["source"] == "organization"
    assert _profiles(config) == ["org-dev-tools", "org-prod-data", "org-prod-web"]
    r = _elevate(cli, sb, "org-dev-tools")
    assert r.code == 0, r.err
    assert cli("drop", "--target", "org-dev-tools").code == 0

    # the doctor, with one code, finds every member account in order ...
    r = _doctor(cli, sb)
    assert r.code == 0, r.out + r.err
    assert "every member account matches the model" in r.out
    for account in (PROD_WEB, PROD_DATA, DEV_TOOLS):
        assert account in r.out
    # ... and a trust widened by hand in one of them is a risk (exit 8) naming the account
    widened = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {
                    "AWS": [f"arn:aws:iam::{IDENTITY}:root", "arn:aws:iam::999988887777:root"]
                },
                "Action": "sts:AssumeRole",
                "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
            }
        ],
    }
    accounts.iam(PROD_DATA).update_assume_role_policy(
        RoleName="AdminRole", PolicyDocument=json.dumps(widened)
    )
    r = _doctor(cli, sb)
    assert r.code == 8, r.out + r.err
    risky = [line for line in r.out.splitlines() if line.strip().startswith("risk")]
    assert risky and all(PROD_DATA in line for line in risky)
    assert any("999988887777" in line for line in risky)

    # teardown leaves no stack instance, StackSet, role or profile behind
    r = cli("setup", "org", "teardown", *ORG, "--yes")
    assert r.code == 0, r.err
    assert "org-prod-web" in r.out  # the synced profiles it removed on this machine
    cfn = accounts.org("cloudformation")
    names = [s["StackSetName"] for s in cfn.list_stack_sets(Status="ACTIVE")["Summaries"]]
    assert STACKSET not in names
    for account in (PROD_WEB, PROD_DATA, DEV_TOOLS):
        assert accounts.roles(account) == {}
    assert accounts.published() == []
    assert _profiles(config) == []


def test_a_sync_after_the_setup_was_removed_elsewhere_removes_its_profiles(
    story: Cli, org_sandbox: Any
) -> None:
    sb, cli = org_sandbox, story
    config = Path(cli.context().environ["AWS_CONFIG_FILE"])
    assert (
        cli("setup", "org", "apply", *ORG, "--ou", PRODUCTION, "--member", "alice", "--yes").code
        == 0
    )
    assert _sync(cli, sb).code == 0
    # the list disappears (an admin tore the setup down from another machine)
    ssm = client(sb, "ssm", org_user(sb, "sandbox-account-admin"))
    found = ssm.get_parameters_by_path(Path="/elevate-tray/organization/")["Parameters"]
    ssm.delete_parameters(Names=[p["Name"] for p in found])
    r = _sync(cli, sb)
    assert r.code == 2
    assert "org-prod-data, org-prod-web" in r.err and "were removed" in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert _profiles(config) == []


def test_no_secret_outside_the_secret_store_after_the_organization_flows(
    story: Cli, org_sandbox: Any
) -> None:
    """Canaries (alice's and the identity admin's secret keys and TOTP secrets, the member
    sessions' secret keys and tokens) through apply, sync, elevation into a member account,
    its read-only credentials, the doctor and teardown: no log, state, settings, AWS config or
    output holds one, except credential_process output, which the user asked for."""
    from tests.test_security_secrets import files_text, scan

    sb, cli = org_sandbox, story
    home = Path(cli.context().environ["ELEVATE_TRAY_HOME"])
    admin = sb.org.user("sandbox-account-admin")
    alice = sb.org.user("alice")
    canaries = {
        "alice's secret key": alice.secret_access_key,
        "alice's TOTP secret": alice.mfa_secret,
        "identity admin's secret key": admin.secret_access_key,
        "identity admin's TOTP secret": admin.mfa_secret,
    }
    outputs: dict[str, str] = {}

    def run(*argv: str, code: int = 0, secret_output: bool = False) -> Any:
        r = cli(*argv)
        assert r.code == code, (argv, r.err)
        outputs[f"stderr of {' '.join(argv)}"] = r.err
        if not secret_output:
            outputs[f"stdout of {' '.join(argv)}"] = r.out
        return r

    run("setup", "org", "apply", *ORG, "--ou", PRODUCTION, "--member", "alice", "--yes")
    bump(cli, sb)
    run("targets", "sync", "--profile", "sandbox", "--code", sb.totp())
    bump(cli, sb)
    run("elevate", "--target", "org-prod-web", "--code", sb.totp(), "--no-browser")
    admin_creds = run("credentials", "--target", "org-prod-web", secret_output=True).json()
    readonly = run("credentials", "--target", "org-prod-data", "--readonly", secret_output=True)
    readonly_creds = readonly.json()
    for label, creds in (("admin session", admin_creds), ("read-only role", readonly_creds)):
        canaries[f"{label} secret key"] = creds["SecretAccessKey"]
        canaries[f"{label} token"] = creds["SessionToken"]
    run("status", "--json")
    bump(cli, sb)
    run("setup", "org", "doctor", *ORG, "--ou", PRODUCTION, "--mfa-code", _identity_admin_code(sb))
    run("drop", "--all")
    run("setup", "org", "teardown", *ORG, "--yes")

    found = scan(outputs, canaries)
    kept = files_text(home, skip=home / "state" / "secrets")
    assert any(name.endswith("state.json") for name in kept)  # the scan sees the app's files
    found += scan(kept, canaries)
    config = Path(cli.context().environ["AWS_CONFIG_FILE"])
    found += scan({str(config): config.read_text(encoding="utf-8")}, canaries)
    assert found == [], found
