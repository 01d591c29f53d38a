"""Issue 16 point 3, round 2: an account that joins a chosen OU needs nothing more than
`targets sync` (org-contract.md "Round 2"). The published list carries the chosen OUs and the
account filter; the sandbox's Organizations has a resource policy that lets the identity
account read them; `targets sync` reads the OUs' current accounts live with the user's
read-only MFA session and falls back to the published accounts when it may not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from elevate_tray.core import org_accounts as oa
from elevate_tray.core.errors import ConfigError

from .cli_helpers import Cli
from .sandbox_fixtures import client, keys, org_user, temp
from .suite_support import bump, cli_fixture  # noqa: F401
from .test_i16_targets import files, publish, sandbox, section, sync

# test_i16_targets' fixtures serve these tests too: the organization sandbox with alice in a
# group with ReadOnlyAccess (what the org setup gives a member), and the AWS files of a test
FIXTURES = (sandbox, files)

ORG = "o-sbx0example"
IDENTITY = "111122223333"
PRODUCTION = oa.OrgUnit("ou-sbx0-prod0001", "Production")
DEVELOPMENT = oa.OrgUnit("ou-sbx0-dev00001", "Development")
PROD_WEB = oa.OrgAccount("222222222222", "prod-web", PRODUCTION.id, PRODUCTION.name)
PROD_DATA = oa.OrgAccount("333333333333", "prod-data", PRODUCTION.id, PRODUCTION.name)


def _list(accounts=(PROD_WEB, PROD_DATA), ous=(PRODUCTION,), account_filter=()):  # type: ignore[no-untyped-def]
    return oa.PublishedList(
        ORG,
        IDENTITY,
        "AdminRole",
        "ReadOnlyRole",
        "2026-12-01T20:00:00Z",
        tuple(accounts),
        ous=tuple(ous),
        account_filter=tuple(account_filter),
    )


# -- the list format: the chosen OUs and the account filter ------------------------------
def test_the_list_carries_the_chosen_ous_and_the_account_filter() -> None:
    lst = _list(ous=(PRODUCTION, DEVELOPMENT), account_filter=("222222222222",))
    values = oa.encode(lst)
    assert len(values) == 1
    first = json.loads(values[0])
    assert first["version"] == 1
    assert first["ous"] == [
        {"id": "ou-sbx0-prod0001", "name": "Production"},
        {"id": "ou-sbx0-dev00001", "name": "Development"},
    ]
    assert first["account_filter"] == ["222222222222"]
    assert oa.decode(values) == lst


def test_a_list_without_ous_or_filter_still_decodes() -> None:
    """A list published by round 1's setup has neither field: no OUs, no filter."""
    value = json.loads(oa.encode(_list())[0])
    del value["ous"], value["account_filter"]
    lst = oa.decode([json.dumps(value)])
    assert lst.ous == () and lst.account_filter == ()
    assert lst.accounts == (PROD_WEB, PROD_DATA)


def test_a_long_list_with_many_ous_splits_into_parts_that_decode_whole() -> None:
    ous = tuple(oa.OrgUnit(f"ou-sbx0-{i:08d}", f"Unit number {i}") for i in range(20))
    accounts = tuple(
        oa.OrgAccount(
            f"{i:012d}", f"account-with-a-longish-name-{i}", ous[i % 20].id, ous[i % 20].name
        )
        for i in range(1, 200)
    )
    flt = tuple(a.id for a in accounts[::10])
    lst = _list(accounts=accounts, ous=ous, account_filter=flt)
    values = oa.encode(lst)
    assert len(values) > 2
    assert all(len(v) <= oa.MAX_VALUE for v in values)
    assert [json.loads(v)["part"] for v in values] == list(range(1, len(values) + 1))
    assert oa.decode(list(reversed(values))) == lst  # any order


def test_ous_that_fill_the_first_part_leave_the_accounts_to_the_next() -> None:
    """The OUs alone nearly fill part 1: the first account goes to part 2, none is lost."""
    name = "x" * 100
    ous: list[oa.OrgUnit] = []
    while len(oa.encode(_list(accounts=(), ous=ous))[0]) < oa.MAX_VALUE - 120:
        ous.append(oa.OrgUnit(f"ou-sbx0-{len(ous):08d}", name[:60]))
    lst = _list(accounts=(PROD_WEB, PROD_DATA), ous=ous)
    values = oa.encode(lst)
    assert all(len(v) <= oa.MAX_VALUE for v in values)
    assert oa.decode(values) == lst


def test_ous_too_long_for_one_part_are_refused_in_one_sentence() -> None:
    ous = tuple(oa.OrgUnit(f"ou-sbx0-{i:08d}", "y" * 120) for i in range(40))
    with pytest.raises(ConfigError, match="too long to publish"):
        oa.encode(_list(ous=ous))


@pytest.mark.parametrize(
    ("field", "bad"),
    [("ous", "ou-1"), ("ous", [{"id": "ou-1"}]), ("ous", ["ou-1"]), ("account_filter", ["12"])],
)
def test_a_malformed_ous_or_filter_is_a_config_error(field: str, bad: object) -> None:
    value = json.loads(oa.encode(_list())[0])
    value[field] = bad
    with pytest.raises(ConfigError, match="not valid"):
        oa.decode([json.dumps(value)])


# -- the sandbox: the organization's resource policy ---------------------------------------
MANAGEMENT = "111111111111"
ROOT = "r-sbx0"
READ_ACTIONS = [
    "organizations:DescribeOrganization",
    "organizations:DescribeOrganizationalUnit",
    "organizations:ListAccountsForParent",
    "organizations:ListOrganizationalUnitsForParent",
    "organizations:ListParents",
]


def read_policy(principal: str = f"arn:aws:iam::{IDENTITY}:root", actions=READ_ACTIONS) -> str:  # type: ignore[no-untyped-def]
    """The contract's OrganizationReadPolicy.json, filled in for the sandbox."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "ElevateTrayIdentityReadsAccounts",
                    "Effect": "Allow",
                    "Principal": {"AWS": principal},
                    "Action": actions,
                    "Resource": "*",
                }
            ],
        }
    )


def put_read_policy(sb, content: str | None = None):  # type: ignore[no-untyped-def]
    orgs = client(sb, "organizations", org_user(sb, "org-admin"))
    return orgs.put_resource_policy(
        Content=content or read_policy(),
        Tags=[{"Key": oa.TAG_KEY, "Value": oa.TAG_VALUE}],
    )


def refused(call, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ClientError) as caught:
        call(*args, **kwargs)
    return str(caught.value.response["Error"]["Code"])


def give_alice_readonly(sb) -> None:  # type: ignore[no-untyped-def]
    iam = client(sb, "iam", org_user(sb, "sandbox-account-admin"))
    iam.attach_user_policy(UserName="alice", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")


def test_sandbox_resource_policy_is_put_described_and_deleted_by_the_management_account_only(
    org_sandbox,
) -> None:
    sb = org_sandbox
    orgs = client(sb, "organizations", org_user(sb, "org-admin"))
    identity_admin = client(sb, "organizations", org_user(sb, "sandbox-account-admin"))
    assert refused(orgs.describe_resource_policy) == "ResourcePolicyNotFoundException"
    assert refused(identity_admin.put_resource_policy, Content=read_policy()) == (
        "AccessDeniedException"
    )
    assert refused(orgs.put_resource_policy, Content="{not json") == (
        "MalformedPolicyDocumentException"
    )
    put = put_read_policy(sb)["ResourcePolicy"]
    summary = put["ResourcePolicySummary"]
    assert summary["Id"].startswith("rp-")
    assert summary["Arn"] == (
        f"arn:aws:organizations::{MANAGEMENT}:resourcepolicy/{ORG}/{summary['Id']}"
    )
    described = orgs.describe_resource_policy()["ResourcePolicy"]
    assert described == put
    assert json.loads(described["Content"])["Statement"][0]["Sid"] == (
        "ElevateTrayIdentityReadsAccounts"
    )
    tags = orgs.list_tags_for_resource(ResourceId=summary["Id"])["Tags"]
    assert tags == [{"Key": oa.TAG_KEY, "Value": oa.TAG_VALUE}]
    # an update keeps the ID and the tags
    again = orgs.put_resource_policy(Content=read_policy(IDENTITY))["ResourcePolicy"]
    assert again["ResourcePolicySummary"] == summary
    assert orgs.list_tags_for_resource(ResourceId=summary["Id"])["Tags"] == tags
    assert refused(identity_admin.delete_resource_policy) == "AccessDeniedException"
    orgs.delete_resource_policy()
    assert refused(orgs.describe_resource_policy) == "ResourcePolicyNotFoundException"
    assert refused(orgs.delete_resource_policy) == "ResourcePolicyNotFoundException"
    put_read_policy(sb)
    sb.reset(seed=True, organization=True)  # a reset clears it
    assert refused(orgs.describe_resource_policy) == "ResourcePolicyNotFoundException"


def test_sandbox_resource_policy_grants_its_read_actions_to_the_identity_account(
    org_sandbox,
) -> None:
    sb = org_sandbox
    identity_admin = client(sb, "organizations", org_user(sb, "sandbox-account-admin"))
    assert refused(identity_admin.list_accounts_for_parent, ParentId=PRODUCTION.id) == (
        "AccessDeniedException"
    )
    put_read_policy(sb)
    ids = [
        a["Id"] for a in identity_admin.list_accounts_for_parent(ParentId=PRODUCTION.id)["Accounts"]
    ]
    assert ids == ["222222222222", "333333333333"]
    ous = identity_admin.list_organizational_units_for_parent(ParentId=ROOT)
    assert PRODUCTION.id in [o["Id"] for o in ous["OrganizationalUnits"]]
    unit = identity_admin.describe_organizational_unit(OrganizationalUnitId=PRODUCTION.id)
    assert unit["OrganizationalUnit"]["Name"] == "Production"
    # only the actions granted, only to the principals named
    assert refused(identity_admin.list_accounts) == "AccessDeniedException"
    assert refused(identity_admin.describe_account, AccountId="222222222222") == (
        "AccessDeniedException"
    )
    member = sb.create_user("admin-prod", admin=True, mfa=False, account_id="222222222222")
    member_orgs = client(sb, "organizations", keys(member))
    assert refused(member_orgs.list_accounts_for_parent, ParentId=PRODUCTION.id) == (
        "AccessDeniedException"
    )


def test_sandbox_resource_policy_needs_the_callers_identity_policies_too(org_sandbox) -> None:
    """alice is in no group at start: the resource policy alone does not let her read."""
    sb = org_sandbox
    put_read_policy(sb)
    alice = client(sb, "organizations", org_user(sb, "alice"))
    assert refused(alice.list_accounts_for_parent, ParentId=PRODUCTION.id) in (
        "AccessDenied",
        "AccessDeniedException",
    )
    give_alice_readonly(sb)
    accounts = alice.list_accounts_for_parent(ParentId=PRODUCTION.id)["Accounts"]
    assert {a["Name"] for a in accounts} == {"prod-web", "prod-data"}
    # with her MFA session as well (what targets sync uses)
    user = sb.org.user("alice")
    sb.clock.advance(30)
    session = client(sb, "sts", org_user(sb, "alice")).get_session_token(
        SerialNumber=user.mfa_serial, TokenCode=sb.totp(user.mfa_secret)
    )
    alice_mfa = client(sb, "organizations", temp(session))
    assert len(alice_mfa.list_accounts_for_parent(ParentId=PRODUCTION.id)["Accounts"]) == 2


@pytest.mark.parametrize(
    "principal",
    [IDENTITY, f"arn:aws:iam::{IDENTITY}:user/alice"],
    ids=["bare-account-id", "principal-arn"],
)
def test_sandbox_resource_policy_principal_forms_and_wildcard_actions(
    org_sandbox, principal: str
) -> None:
    sb = org_sandbox
    give_alice_readonly(sb)
    put_read_policy(sb, read_policy(principal, ["organizations:List*"]))
    alice = client(sb, "organizations", org_user(sb, "alice"))
    assert len(alice.list_accounts()["Accounts"]) == 5  # List* grants ListAccounts too
    assert refused(alice.describe_organizational_unit, OrganizationalUnitId=PRODUCTION.id) == (
        "AccessDeniedException"
    )
    identity_admin = client(sb, "organizations", org_user(sb, "sandbox-account-admin"))
    outcome = "granted" if principal == IDENTITY else "refused"
    try:
        identity_admin.list_accounts()
        got = "granted"
    except ClientError:
        got = "refused"
    assert got == outcome  # the bare account ID names every principal of it; an ARN only that one


# -- targets sync: the OUs' accounts read live ------------------------------------------
DEV_TOOLS_ID = "444444444444"


def live_list(accounts=(PROD_WEB, PROD_DATA), account_filter=()) -> list[str]:  # type: ignore[no-untyped-def]
    """The list as `setup org apply --ou ou-sbx0-prod0001` publishes it in round 2."""
    return oa.encode(_list(accounts=accounts, ous=(PRODUCTION,), account_filter=account_filter))


def move(sb, account: str, source: str, destination: str) -> None:  # type: ignore[no-untyped-def]
    orgs = client(sb, "organizations", org_user(sb, "org-admin"))
    orgs.move_account(AccountId=account, SourceParentId=source, DestinationParentId=destination)


def synced(cli: Cli) -> dict[str, dict]:  # type: ignore[type-arg]
    return {t["name"]: t for t in cli("targets", "--json").json() if t.get("organization")}


def test_sync_adds_an_account_moved_into_a_listed_ou_without_republishing(
    cli: Cli, sandbox, files: Path
) -> None:
    put_read_policy(sandbox)
    publish(sandbox, values=live_list())
    r = sync(cli, sandbox, "--json")
    assert r.code == 0, r.err
    assert r.json()["source"] == "organization"
    assert sorted(r.json()["added"]) == ["org-prod-data", "org-prod-web"]
    move(sandbox, DEV_TOOLS_ID, DEVELOPMENT.id, PRODUCTION.id)
    bump(cli, sandbox, 60)
    r = sync(cli, sandbox, code=False)  # the live read-only session, the same published list
    assert r.code == 0, r.err
    assert "added: org-dev-tools" in r.out
    assert "read live from the organization" in r.out
    assert "role_arn = arn:aws:iam::444444444444:role/AdminRole" in section(
        files.read_text(), "org-dev-tools"
    )
    dev = synced(cli)["org-dev-tools"]
    assert (dev["account"], dev["account_name"], dev["ou"], dev["ou_name"]) == (
        DEV_TOOLS_ID,
        "dev-tools",
        PRODUCTION.id,
        "Production",
    )
    move(sandbox, DEV_TOOLS_ID, PRODUCTION.id, DEVELOPMENT.id)
    bump(cli, sandbox, 60)
    r = sync(cli, sandbox, code=False)
    assert r.code == 0, r.err
    assert "removed: org-dev-tools" in r.out
    assert "org-dev-tools" not in files.read_text()
    assert sorted(synced(cli)) == ["org-prod-data", "org-prod-web"]


def test_an_account_in_a_child_ou_of_a_listed_ou_is_added_with_that_ous_name(
    cli: Cli, sandbox, files: Path
) -> None:
    """Recursively: an account in an OU below a listed one (StackSets deploy there too)."""
    put_read_policy(sandbox)
    publish(sandbox, values=live_list())
    sandbox.org.model.ous["ou-sbx0-prodeu01"] = type(sandbox.org.model.ous[PRODUCTION.id])(
        "ou-sbx0-prodeu01", "Production EU", PRODUCTION.id
    )
    move(sandbox, DEV_TOOLS_ID, DEVELOPMENT.id, "ou-sbx0-prodeu01")
    r = sync(cli, sandbox, "--json")
    assert r.code == 0, r.err
    assert sorted(r.json()["added"]) == ["org-dev-tools", "org-prod-data", "org-prod-web"]
    assert synced(cli)["org-dev-tools"]["ou_name"] == "Production EU"


def test_without_the_resource_policy_sync_uses_the_published_list_and_says_so(
    cli: Cli, sandbox, files: Path
) -> None:
    publish(sandbox, values=live_list())
    move(sandbox, DEV_TOOLS_ID, DEVELOPMENT.id, PRODUCTION.id)
    r = sync(cli, sandbox)
    assert r.code == 0, r.err
    assert "added: org-dev-tools" not in r.out
    assert sorted(synced(cli)) == ["org-prod-data", "org-prod-web"]
    lines = [line for line in r.err.splitlines() if "could not" in line or "did not let" in line]
    assert len(lines) == 1, r.err
    assert "AccessDeniedException" in lines[0] and "2026-12-01T20:00:00Z" in lines[0]
    assert "setup org publish" in lines[0]
    bump(cli, sandbox, 60)
    j = sync(cli, sandbox, "--json", code=False)
    assert j.code == 0, j.err
    assert j.json()["source"] == "published list"
    assert any("did not let your read-only session" in n for n in j.json()["notes"])


def test_a_list_without_ous_is_used_as_published_without_a_note(
    cli: Cli, sandbox, files: Path
) -> None:
    """A list of round 1 (no "ous"): nothing is asked of Organizations, nothing to say."""
    put_read_policy(sandbox)
    publish(sandbox, values=oa.encode(_list(ous=())))
    move(sandbox, DEV_TOOLS_ID, DEVELOPMENT.id, PRODUCTION.id)
    r = sync(cli, sandbox, "--json")
    assert r.code == 0, r.err
    assert r.json()["source"] == "published list" and r.json()["notes"] == []
    assert sorted(r.json()["added"]) == ["org-prod-data", "org-prod-web"]


def test_the_account_filter_is_kept(cli: Cli, sandbox, files: Path) -> None:
    """--accounts 222222222222,444444444444 on Production: prod-data is never added; dev-tools
    once it is in Production."""
    put_read_policy(sandbox)
    publish(sandbox, values=live_list((PROD_WEB,), account_filter=("222222222222", DEV_TOOLS_ID)))
    r = sync(cli, sandbox, "--json")
    assert r.code == 0, r.err
    assert r.json()["added"] == ["org-prod-web"] and r.json()["source"] == "organization"
    move(sandbox, DEV_TOOLS_ID, DEVELOPMENT.id, PRODUCTION.id)
    bump(cli, sandbox, 60)
    r = sync(cli, sandbox, "--json", code=False)
    assert r.code == 0, r.err
    assert r.json()["added"] == ["org-dev-tools"]
    assert sorted(synced(cli)) == ["org-dev-tools", "org-prod-web"]


def test_the_management_account_and_accounts_outside_the_ous_are_never_added(
    cli: Cli, sandbox, files: Path
) -> None:
    put_read_policy(sandbox)
    publish(sandbox, values=live_list())
    move(sandbox, MANAGEMENT, ROOT, PRODUCTION.id)  # no StackSet instance ever goes there
    r = sync(cli, sandbox, "--json")
    assert r.code == 0, r.err
    assert r.json()["source"] == "organization"
    assert sorted(synced(cli)) == ["org-prod-data", "org-prod-web"]  # not management,
    text = files.read_text()  # not dev-tools (Development), not identity (Security)
    assert MANAGEMENT not in text and DEV_TOOLS_ID not in text and f"{IDENTITY}:role" not in text


def test_the_management_account_stays_when_the_list_has_it(cli: Cli, sandbox, files: Path) -> None:
    """The setup gave it the plain stack, so the list names it: then the live read keeps it."""
    put_read_policy(sandbox)
    management = oa.OrgAccount(MANAGEMENT, "management", PRODUCTION.id, PRODUCTION.name)
    move(sandbox, MANAGEMENT, ROOT, PRODUCTION.id)
    publish(sandbox, values=live_list((management, PROD_WEB, PROD_DATA)))
    r = sync(cli, sandbox, "--json")
    assert r.code == 0, r.err
    assert sorted(synced(cli)) == ["org-management", "org-prod-data", "org-prod-web"]


def test_organizations_failing_is_one_sentence_with_the_network_exit_code(
    cli: Cli, sandbox, files: Path
) -> None:
    put_read_policy(sandbox)
    publish(sandbox, values=live_list())
    assert sync(cli, sandbox).code == 0
    before = files.read_text()
    sandbox.fail_next("organizations:ListAccountsForParent", times=5)
    bump(cli, sandbox, 60)
    r = sync(cli, sandbox, code=False)
    assert r.code == 5, (r.code, r.err)
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1, r.err
    assert files.read_text() == before  # nothing written, nothing removed
