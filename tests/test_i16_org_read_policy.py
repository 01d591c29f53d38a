"""Issue 16, round 2 (the setup side): `setup org apply` puts the organization's resource policy
that lets the identity account read the OUs and their accounts, so `targets sync` sees an
account that joins a chosen OU with no re-publish; a foreign policy is left alone unless
adopted by name; `--no-organization-read` leaves it out; teardown removes what it put; the
published list carries the chosen OUs and the account filter. Against the organization
sandbox."""

# ruff: noqa: F811  (org_cli, the fixture imported below, is each test's parameter)
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.cli_helpers import Cli
from tests.test_i16_org_setup import (  # noqa: F401  (fixture)
    DEV_TOOLS,
    IDENTITY,
    ORG,
    PROD_DATA,
    PROD_WEB,
    PRODUCTION,
    Accounts,
    _apply,
    org_cli,
)

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "provisioning" / "policies" / "organization" / "OrganizationReadPolicy.json"
SID = "ElevateTrayIdentityReadsAccounts"
OURS = {
    "Sid": SID,
    "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{IDENTITY}:root"},
    "Action": [
        "organizations:DescribeOrganization",
        "organizations:DescribeOrganizationalUnit",
        "organizations:ListAccountsForParent",
        "organizations:ListOrganizationalUnitsForParent",
        "organizations:ListParents",
    ],
    "Resource": "*",
}
WIDENS = (
    f"widens: every principal of the identity account {IDENTITY} whose own policies allow "
    "organizations:Describe*/List* (ReadOnlyAccess does) can read the OU structure and the "
    "accounts' IDs, names and e-mail addresses"
)
FOREIGN = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AuditorsRead",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::444444444444:root"},
            "Action": "organizations:DescribeOrganization",
            "Resource": "*",
        }
    ],
}


def _plan(cli: Cli, *extra: str) -> Any:
    return cli("setup", "org", "plan", *ORG, "--ou", PRODUCTION, "--member", "alice", *extra)


def _policy(accounts: Accounts) -> dict[str, Any] | None:
    org = accounts.org("organizations")
    try:
        found = org.describe_resource_policy()["ResourcePolicy"]
    except ClientError as exc:
        assert exc.response["Error"]["Code"] == "ResourcePolicyNotFoundException"
        return None
    doc: dict[str, Any] = json.loads(found["Content"])
    return doc


def _published(accounts: Accounts) -> dict[str, Any]:
    found = accounts.ssm().get_parameters_by_path(Path="/elevate-tray/organization/")
    (part,) = [p for p in found["Parameters"] if p["Name"].endswith("accounts-001")]
    value: dict[str, Any] = json.loads(part["Value"])
    return value


def test_the_document_is_reviewable_data_with_the_one_statement() -> None:
    doc = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    (statement,) = doc["Statement"]
    assert statement == {
        **OURS,
        "Principal": {"AWS": "arn:${Partition}:iam::${IdentityAccountId}:root"},
    }


def test_plan_names_the_resource_policy_and_its_widening(org_cli: Cli, org_sandbox: Any) -> None:
    r = _plan(org_cli)
    assert r.code == 0, r.err
    out = " ".join(r.out.split())
    assert (
        f"put the organization's resource policy (statement {SID}): the identity account "
        f"{IDENTITY} may read the OUs and their accounts" in out
    )
    assert WIDENS in out
    assert "`targets sync` lists them with no re-publish" in out
    data = _plan(org_cli, "--json").json()
    (step,) = [s for s in data["steps"] if s["kind"] == "organization-policy"]
    assert step["action"] == "create" and step["document"]["Statement"] == [OURS]
    assert _policy(Accounts(org_sandbox)) is None  # a plan changes nothing


def test_apply_puts_exactly_the_document_tagged_and_a_second_apply_changes_nothing(
    org_cli: Cli, org_sandbox: Any
) -> None:
    r = _apply(org_cli, "--ou", PRODUCTION)
    assert r.code == 0, r.err
    accounts = Accounts(org_sandbox)
    doc = _policy(accounts)
    assert doc == {"Version": "2012-10-17", "Statement": [OURS]}
    org = accounts.org("organizations")
    policy_id = org.describe_resource_policy()["ResourcePolicy"]["ResourcePolicySummary"]["Id"]
    tags = org.list_tags_for_resource(ResourceId=policy_id)["Tags"]
    assert {"Key": "elevate-tray:managed", "Value": "true"} in tags
    again = _apply(org_cli, "--ou", PRODUCTION)
    assert again.code == 0, again.err
    assert "apply: no changes; the organization matches the model." in again.out
    assert _policy(accounts) == doc


def test_our_policy_changed_by_hand_is_converged(org_cli: Cli, org_sandbox: Any) -> None:
    assert _apply(org_cli, "--ou", PRODUCTION).code == 0
    accounts = Accounts(org_sandbox)
    narrowed = {**OURS, "Action": ["organizations:DescribeOrganization"]}
    accounts.org("organizations").put_resource_policy(
        Content=json.dumps({"Version": "2012-10-17", "Statement": [narrowed]})
    )
    plan = _plan(org_cli)
    assert f"update the statement {SID} of the organization's resource policy" in plan.out
    assert WIDENS in " ".join(plan.out.split())
    assert _apply(org_cli, "--ou", PRODUCTION).code == 0
    assert _policy(accounts) == {"Version": "2012-10-17", "Statement": [OURS]}


def test_a_foreign_policy_is_left_alone_with_the_note(org_cli: Cli, org_sandbox: Any) -> None:
    accounts = Accounts(org_sandbox)
    accounts.org("organizations").put_resource_policy(Content=json.dumps(FOREIGN))
    plan = _plan(org_cli)
    assert plan.code == 0, plan.err
    out = " ".join(plan.out.split())
    assert "keep the organization's resource policy: it was not put by elevate-tray" in out
    assert "--adopt OrganizationResourcePolicy to change it" in out
    assert (
        "so `targets sync` sees accounts that join these OUs only after `elevate-tray setup "
        "org publish`; --adopt OrganizationResourcePolicy merges" in out
    )
    r = _apply(org_cli, "--ou", PRODUCTION)
    assert r.code == 0, r.err
    assert _policy(accounts) == FOREIGN
    assert org_cli("setup", "org", "teardown", *ORG, "--yes").code == 0
    assert _policy(accounts) == FOREIGN  # not ours: teardown leaves it too


def test_an_adopted_policy_is_merged_and_put_back_at_teardown(
    org_cli: Cli, org_sandbox: Any
) -> None:
    accounts = Accounts(org_sandbox)
    org = accounts.org("organizations")
    org.put_resource_policy(Content=json.dumps(FOREIGN))
    before = org.describe_resource_policy()["ResourcePolicy"]["Content"]
    adopt = ("--adopt", "OrganizationResourcePolicy")
    refused = _apply(org_cli, "--ou", PRODUCTION, *adopt)
    assert refused.code == 2
    assert "This would widen access on resources you adopt: every principal" in refused.err
    assert "then add --accept-widening." in refused.err
    assert _policy(accounts) == FOREIGN
    r = _apply(org_cli, "--ou", PRODUCTION, *adopt, "--accept-widening")
    assert r.code == 0, r.err
    assert f"merge the statement {SID} into the organization's resource policy" in r.out
    assert _policy(accounts) == {**FOREIGN, "Statement": [*FOREIGN["Statement"], OURS]}
    again = _apply(org_cli, "--ou", PRODUCTION)  # ours now: no --adopt needed
    assert "apply: no changes; the organization matches the model." in again.out
    t = org_cli("setup", "org", "teardown", *ORG, "--yes")
    assert t.code == 0, t.err
    assert org.describe_resource_policy()["ResourcePolicy"]["Content"] == before


def test_no_organization_read_leaves_it_out(org_cli: Cli, org_sandbox: Any) -> None:
    plan = _plan(org_cli, "--no-organization-read")
    assert plan.code == 0, plan.err
    assert "resource policy" not in plan.out
    assert "run `elevate-tray setup org publish` then, so that `targets sync` lists them" in (
        " ".join(plan.out.split())
    )
    r = _apply(org_cli, "--ou", PRODUCTION, "--no-organization-read")
    assert r.code == 0, r.err
    assert _policy(Accounts(org_sandbox)) is None


def test_teardown_leaves_no_policy_of_ours(org_cli: Cli, org_sandbox: Any) -> None:
    assert _apply(org_cli, "--ou", PRODUCTION).code == 0
    accounts = Accounts(org_sandbox)
    assert _policy(accounts) is not None
    t = org_cli("setup", "org", "teardown", *ORG, "--yes")
    assert t.code == 0, t.err
    assert "delete the organization's resource policy" in t.out
    assert _policy(accounts) is None
    again = org_cli("setup", "org", "teardown", *ORG, "--yes")
    assert again.code == 0 and "teardown: nothing to remove." in again.out


@pytest.mark.parametrize("accounts_filter", [(), (PROD_WEB,)])
def test_the_published_list_carries_the_ous_and_the_account_filter(
    org_cli: Cli, org_sandbox: Any, accounts_filter: tuple[str, ...]
) -> None:
    extra = ("--accounts", ",".join(accounts_filter)) if accounts_filter else ()
    assert _apply(org_cli, "--ou", PRODUCTION, *extra).code == 0
    accounts = Accounts(org_sandbox)
    value = _published(accounts)
    assert value["version"] == 1
    assert value["ous"] == [{"id": PRODUCTION, "name": "Production"}]
    assert value["account_filter"] == list(accounts_filter)
    wanted = [PROD_WEB] if accounts_filter else [PROD_WEB, PROD_DATA]
    assert [a["id"] for a in value["accounts"]] == wanted
    assert DEV_TOOLS not in json.dumps(value)


def test_an_apply_interrupted_at_the_policy_finishes_when_run_again(
    org_cli: Cli, org_sandbox: Any
) -> None:
    org_sandbox.fail_next("organizations:PutResourcePolicy", times=4)  # every retry too
    r = _apply(org_cli, "--ou", PRODUCTION)
    assert r.code == 5
    (sentence,) = r.err.strip().splitlines()
    assert "Step 4 of 12 (put the organization's resource policy" in sentence
    accounts = Accounts(org_sandbox)
    assert _policy(accounts) is None
    again = _apply(org_cli, "--ou", PRODUCTION)
    assert again.code == 0, again.err
    assert _policy(accounts) == {"Version": "2012-10-17", "Statement": [OURS]}
    assert "apply: no changes" in _apply(org_cli, "--ou", PRODUCTION).out


def test_a_delegated_administrator_cannot_put_it_and_the_plan_says_so(
    org_cli: Cli, org_sandbox: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.sandbox_fixtures import own_aws_files

    accounts = Accounts(org_sandbox)
    accounts.org("cloudformation").activate_organizations_access()
    accounts.org("organizations").register_delegated_administrator(
        AccountId=DEV_TOOLS, ServicePrincipal="member.org.stacksets.cloudformation.amazonaws.com"
    )
    admin = org_sandbox.create_user("stacksets-admin", admin=True, mfa=False, account_id=DEV_TOOLS)
    files = own_aws_files(org_sandbox, tmp_path / "aws")
    with open(files["AWS_SHARED_CREDENTIALS_FILE"], "a", encoding="utf-8") as fh:
        fh.write(
            f"\n[delegated]\naws_access_key_id = {admin.access_key_id}\n"
            f"aws_secret_access_key = {admin.secret_access_key}\n"
        )
    for k, v in files.items():
        monkeypatch.setenv(k, v)
    delegated = ("--org-profile", "delegated", "--identity-profile", "sandbox-identity-admin")
    plan = org_cli("setup", "org", "plan", *delegated, "--ou", PRODUCTION)
    assert plan.code == 0, plan.err
    assert "Only the management account can put the organization's resource policy" in (
        " ".join(plan.out.split())
    )
    r = org_cli("setup", "org", "apply", *delegated, "--ou", PRODUCTION, "--yes")
    assert r.code == 0, r.err
    assert _policy(accounts) is None


def test_an_account_that_joins_the_ou_needs_nothing_more_than_targets_sync(
    org_cli: Cli, org_sandbox: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's "Done when": no `setup org publish` after the account joined."""
    from tests.sandbox_fixtures import own_aws_files
    from tests.test_i16_organization import _profiles, _sync

    for key, value in own_aws_files(org_sandbox, tmp_path / "aws").items():
        monkeypatch.setenv(key, value)
    config = Path(org_cli.context().environ["AWS_CONFIG_FILE"])
    assert _apply(org_cli, "--ou", PRODUCTION).code == 0
    synced = _sync(org_cli, org_sandbox)
    assert synced.code == 0, synced.err
    assert _profiles(config) == ["org-prod-data", "org-prod-web"]
    Accounts(org_sandbox).org("organizations").move_account(
        AccountId=DEV_TOOLS, SourceParentId="ou-sbx0-dev00001", DestinationParentId=PRODUCTION
    )
    synced = _sync(org_cli, org_sandbox)
    assert synced.code == 0, synced.err
    assert _profiles(config) == ["org-dev-tools", "org-prod-data", "org-prod-web"]
