"""Issue 16, points 1 and 2: the hub-and-spoke pattern (the member template, the identity
account's documents, the engine's hub option) and `elevate-tray setup org ...` deploying it
with CloudFormation StackSets, against the organization sandbox."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from elevate_tray.core.clock import ManualClock
from elevate_tray.setup.engine import SetupEngine, options_from
from elevate_tray.setup.model import Account, Names, SetupOptions
from elevate_tray.setup.render import render
from tests.cli_helpers import Cli, Result
from tests.sandbox_fixtures import client, keys, org_user, own_aws_files
from tests.suite_support import CLEAN, cli_fixture  # noqa: F401  (fixture)
from tests.test_setup_support import (  # noqa: F401  (fixtures)
    ADMIN,
    FreshAccount,
    fresh_account_fixture,
)

ROOT = Path(__file__).resolve().parents[1]
MEMBER_TEMPLATE = ROOT / "provisioning" / "cloudformation" / "elevate-tray-member.yaml"
ORG_DOCS = ROOT / "provisioning" / "policies" / "organization"
MFA = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}


def _cfn_lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    run = "import sys; from cfnlint.runner import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", run, *map(str, paths)], capture_output=True, text=True, timeout=60
    )


def _template() -> dict[str, Any]:
    from cfnlint.decode import cfn_yaml

    return dict(cfn_yaml.loads(MEMBER_TEMPLATE.read_text(encoding="utf-8")))


# -- 1: the pattern as reviewable data -----------------------------------------------------------
def test_member_template_passes_cfn_lint_and_holds_the_two_roles() -> None:
    result = _cfn_lint(MEMBER_TEMPLATE)
    assert result.returncode == 0, result.stdout + result.stderr
    t = _template()
    params = t["Parameters"]
    assert list(params) == [
        "IdentityAccountId",
        "AdminRoleName",
        "ReadOnlyRoleName",
        "AdminPolicyArn",
        "MaxSessionDuration",
    ]
    assert params["AdminRoleName"]["Default"] == "AdminRole"
    assert params["ReadOnlyRoleName"]["Default"] == "ReadOnlyRole"
    assert params["MaxSessionDuration"]["Default"] == 3600
    assert params["AdminPolicyArn"]["Default"] == "arn:aws:iam::aws:policy/AdministratorAccess"
    assert "Conditions" not in t  # one template for every account, no branches
    roles = {k: v for k, v in t["Resources"].items() if v["Type"] == "AWS::IAM::Role"}
    assert sorted(roles) == ["AdminRole", "ReadOnlyRole"]
    for role in roles.values():
        props = role["Properties"]
        (statement,) = props["AssumeRolePolicyDocument"]["Statement"]
        assert statement["Principal"] == {
            "AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${IdentityAccountId}:root"}
        }
        assert statement["Condition"] == MFA and statement["Action"] == "sts:AssumeRole"
        assert props["Tags"] == [{"Key": "elevate-tray:managed", "Value": "true"}]
        assert props["MaxSessionDuration"] == {"Ref": "MaxSessionDuration"}
    assert roles["ReadOnlyRole"]["Properties"]["ManagedPolicyArns"] == [
        {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"}
    ]


def test_identity_documents_allow_the_member_roles_in_any_account_only_with_mfa() -> None:
    assert sorted(p.name for p in ORG_DOCS.glob("*.json")) == [
        "AssumeMemberRolesPolicy.json",
        "MemberRoleTrustPolicy.json",
        "OrganizationReadPolicy.json",
    ]
    names = Names(
        SetupOptions(hub=True, role_name="Ops", readonly_role_name="Look"),
        Account(account_id="111122223333", partition="aws-cn"),
    )
    docs = render(names)
    (allow,) = docs.assume_policy["Statement"]
    assert allow["Action"] == "sts:AssumeRole" and allow["Condition"] == MFA
    assert allow["Resource"] == ["arn:aws-cn:iam::*:role/Ops", "arn:aws-cn:iam::*:role/Look"]
    (trust,) = docs.trust_policy["Statement"]
    assert trust["Principal"] == {"AWS": "arn:aws-cn:iam::111122223333:root"}
    assert trust["Condition"] == MFA
    assert "${aws:username}" in json.dumps(docs.credentials_policy)


def test_hub_setup_makes_the_group_and_its_policies_and_no_role(
    fresh_account: FreshAccount,
) -> None:
    fresh_account.add_user("bob")
    options = options_from(hub=True, members=("bob",))
    e = SetupEngine.for_profile(ADMIN, options, fresh_account.env)
    plan = e.plan()
    assert [s.kind for s in plan.steps] == [
        "policy",
        "policy",
        "group",
        "group-policy",
        "group-policy",
        "group-policy",
        "member",
    ]
    assert "(members may assume AdminRole and ReadOnlyRole in any account, with MFA)" in (
        plan.steps[0].summary
    )
    e.apply(plan)
    iam = fresh_account.iam
    assert all(r["RoleName"] != "AdminRole" for r in iam.list_roles()["Roles"])
    attached = iam.list_attached_group_policies(GroupName="ReadOnlyUsers")["AttachedPolicies"]
    assert sorted(p["PolicyName"] for p in attached) == [
        "AssumeAdminRolePolicy",
        "ManageOwnCredentialsWithMFAPolicy",
        "ReadOnlyAccess",
    ]
    assert e.plan().changes == []  # a second apply changes nothing
    # a role of that name in the identity account is not the hub's: teardown leaves it
    iam.create_role(RoleName="AdminRole", AssumeRolePolicyDocument=json.dumps({"Statement": []}))
    e.teardown()
    assert [r["RoleName"] for r in iam.list_roles()["Roles"]] == ["AdminRole"]
    assert iam.list_groups()["Groups"] == []


# -- 2: the command line's usage errors (before any AWS call) -------------------------------------
@pytest.mark.parametrize(
    "argv,sentence",
    [
        (["setup", "org"], "Name what `elevate-tray setup org` does: plan, apply, publish, "),
        (["setup", "org", "plan", "--ou", "ou-sbx0-prod0001"], "needs --org-profile"),
        (
            ["setup", "org", "apply", "--org-profile", "o", "--identity-profile", "i"],
            "Name the organizational units to deploy to with --ou",
        ),
        (
            ["setup", "org", "plan", "--org-profile", "o", "--identity-profile", "i", "--ou", "x"],
            "'x' is not an organizational unit ID",
        ),
        (
            [
                *("setup", "org", "plan", "--org-profile", "o", "--identity-profile", "i"),
                *("--ou", "ou-sbx0-prod0001", "--accounts", "2222,333333333333"),
            ],
            "'2222' is not an AWS account ID (12 digits)",
        ),
        (["setup", "plan", "apply"], "'apply' is not an argument of `elevate-tray setup plan`"),
    ],
)
def test_setup_org_usage_errors_are_one_sentence_and_exit_2(
    cli: Any, argv: list[str], sentence: str
) -> None:
    r = cli(*argv)
    assert r.code == 2
    assert sentence in r.err and "usage:" not in r.err


# -- 2: against the organization sandbox ---------------------------------------------------------
MANAGEMENT, IDENTITY = "111111111111", "111122223333"
PROD_WEB, PROD_DATA, DEV_TOOLS = "222222222222", "333333333333", "444444444444"
PRODUCTION, DEVELOPMENT, SECURITY = "ou-sbx0-prod0001", "ou-sbx0-dev00001", "ou-sbx0-security1"
ORG = ("--org-profile", "sandbox-org-admin", "--identity-profile", "sandbox-identity-admin")
STACKSET = "elevate-tray-member-roles"
MEMBER_TRUST = {
    "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{IDENTITY}:root"},
    "Action": "sts:AssumeRole",
    "Condition": MFA,
}


@pytest.fixture
def org_cli(
    org_sandbox: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    """The command line in-process against the organization sandbox (as the `cli` fixture)."""
    for k, v in org_sandbox.env().items():
        monkeypatch.setenv(k, v)
    for k in CLEAN:
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("ELEVATE_TRAY_HOME", str(tmp_path / "app"))
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "file")
    return Cli(capsys, ManualClock(org_sandbox.clock.now()), tmp_path / "app")


class Accounts:
    """Each account's IAM (by an admin user made there for the test), and the org's APIs."""

    def __init__(self, sb: Any) -> None:
        self.sb = sb
        self._iam: dict[str, Any] = {}

    def iam(self, account: str) -> Any:
        if account not in self._iam:
            if account == IDENTITY:
                creds = org_user(self.sb, "sandbox-account-admin")
            elif account == MANAGEMENT:
                creds = org_user(self.sb, "org-admin")
            else:
                admin = self.sb.create_user(
                    f"looker-{account}", admin=True, mfa=False, account_id=account
                )
                creds = keys(admin)
            self._iam[account] = client(self.sb, "iam", creds)
        return self._iam[account]

    def roles(self, account: str) -> dict[str, Any]:
        found = self.iam(account).list_roles()["Roles"]
        return {r["RoleName"]: r for r in found if r["RoleName"] in ("AdminRole", "ReadOnlyRole")}

    def org(self, service: str) -> Any:
        return client(self.sb, service, org_user(self.sb, "org-admin"))

    def ssm(self) -> Any:
        return client(self.sb, "ssm", org_user(self.sb, "sandbox-account-admin"))

    def published(self) -> list[str]:
        from elevate_tray.core import org_accounts

        found = self.ssm().get_parameters_by_path(Path="/elevate-tray/organization/")
        values = [p["Value"] for p in found["Parameters"]]
        return [a.id for a in org_accounts.decode(values).accounts] if values else []


def _apply(cli: Cli, *extra: str) -> Result:
    return cli("setup", "org", "apply", *ORG, "--member", "alice", "--yes", *extra)


def _check_member_roles(accounts: Accounts, account: str) -> None:
    roles = accounts.roles(account)
    assert sorted(roles) == ["AdminRole", "ReadOnlyRole"], account
    iam = accounts.iam(account)
    for name, role in roles.items():
        doc = role["AssumeRolePolicyDocument"]
        doc = json.loads(doc) if isinstance(doc, str) else doc
        assert doc["Statement"] == [MEMBER_TRUST], (account, name)
        tags = iam.list_role_tags(RoleName=name)["Tags"]
        assert {"Key": "elevate-tray:managed", "Value": "true"} in tags
    attached = iam.list_attached_role_policies(RoleName="AdminRole")["AttachedPolicies"]
    assert [p["PolicyName"] for p in attached] == ["AdministratorAccess"]


def test_org_plan_names_the_accounts_trusted_access_and_the_widening(
    org_cli: Cli, org_sandbox: Any
) -> None:
    r = org_cli("setup", "org", "plan", *ORG, "--ou", PRODUCTION, "--member", "alice")
    assert r.code == 0, r.err
    out = " ".join(r.out.split())
    assert (
        f"OU {PRODUCTION} (Production): 2 account(s): {PROD_WEB} prod-web, {PROD_DATA} prod-data"
        in out
    )
    assert "StackSets deploy to 2 account(s)." in out
    assert "activate trusted access between CloudFormation StackSets and AWS Organizations" in out
    assert (
        "create the service-managed StackSet elevate-tray-member-roles with auto-deployment" in out
    )
    assert "allows AdminRole and ReadOnlyRole in any account (arn:aws:iam::*:role/...)" in out
    assert "The alternative is to list the account IDs in the policy" in out
    assert '"arn:aws:iam::*:role/AdminRole"' in out  # the identity document, as a diff
    assert f"IdentityAccountId = {IDENTITY}" in out
    assert "add the user alice to ReadOnlyUsers" in out
    # nothing was changed
    cfn = Accounts(org_sandbox).org("cloudformation")
    assert cfn.describe_organizations_access()["Status"] == "DISABLED"


def test_org_apply_creates_the_roles_in_exactly_the_ous_accounts_then_changes_nothing(
    org_cli: Cli, org_sandbox: Any
) -> None:
    r = _apply(org_cli, "--ou", PRODUCTION)
    assert r.code == 0, r.err
    assert f"account {PROD_WEB}: succeeded" in r.out
    assert f"account {PROD_DATA}: succeeded" in r.out
    assert "apply: 12 change(s) made; the organization matches the model." in r.out
    accounts = Accounts(org_sandbox)
    for account in (PROD_WEB, PROD_DATA):
        _check_member_roles(accounts, account)
    for account in (DEV_TOOLS, MANAGEMENT, IDENTITY):  # no role outside the OU's accounts
        assert accounts.roles(account) == {}, account
    cfn = accounts.org("cloudformation")
    assert cfn.describe_organizations_access()["Status"] == "ENABLED"
    stackset = cfn.describe_stack_set(StackSetName=STACKSET)["StackSet"]
    assert stackset["PermissionModel"] == "SERVICE_MANAGED"
    assert stackset["AutoDeployment"]["Enabled"] is True
    assert "CAPABILITY_NAMED_IAM" in stackset["Capabilities"]
    instances = cfn.list_stack_instances(StackSetName=STACKSET)["Summaries"]
    assert sorted(i["Account"] for i in instances) == [PROD_WEB, PROD_DATA]
    # the identity side: the group with alice, its policies; no role
    iam = accounts.iam(IDENTITY)
    group = iam.get_group(GroupName="ReadOnlyUsers")
    assert [u["UserName"] for u in group["Users"]] == ["alice"]
    assert group["Group"]["Path"] == "/elevate-tray/"
    assert accounts.published() == [PROD_WEB, PROD_DATA]
    operations = cfn.list_stack_set_operations(StackSetName=STACKSET)["Summaries"]

    again = _apply(org_cli, "--ou", PRODUCTION)
    assert again.code == 0, again.err
    assert "apply: no changes; the organization matches the model." in again.out
    assert cfn.list_stack_set_operations(StackSetName=STACKSET)["Summaries"] == operations
    plan = org_cli("setup", "org", "plan", *ORG, "--ou", PRODUCTION, "--member", "alice", "--json")
    assert plan.code == 0 and plan.json()["changes"] == 0


def test_an_account_moved_into_the_ou_gets_the_roles_by_auto_deployment(
    org_cli: Cli, org_sandbox: Any
) -> None:
    assert _apply(org_cli, "--ou", PRODUCTION).code == 0
    accounts = Accounts(org_sandbox)
    assert accounts.roles(DEV_TOOLS) == {}
    accounts.org("organizations").move_account(
        AccountId=DEV_TOOLS, SourceParentId=DEVELOPMENT, DestinationParentId=PRODUCTION
    )
    _check_member_roles(accounts, DEV_TOOLS)  # by auto-deployment, no command of ours
    plan = org_cli("setup", "org", "plan", *ORG, "--ou", PRODUCTION, "--member", "alice")
    assert plan.code == 0, plan.err
    assert f"the roles are deployed in the 3 account(s) of {PRODUCTION} (Production)" in plan.out
    assert "plan: 1 change(s) to make" in plan.out  # only the published list is behind
    r = org_cli("setup", "org", "publish", *ORG, "--ou", PRODUCTION)
    assert r.code == 0, r.err
    assert "publish: 3 account(s) published in /elevate-tray/organization/accounts-001" in r.out
    assert accounts.published() == [PROD_WEB, PROD_DATA, DEV_TOOLS]
    r = org_cli("setup", "org", "publish", *ORG)  # the OUs the StackSet deploys to
    assert r.code == 0, r.err and accounts.published() == [PROD_WEB, PROD_DATA, DEV_TOOLS]


def test_the_management_account_chosen_gets_the_plain_stack_and_the_plan_says_so(
    org_cli: Cli, org_sandbox: Any
) -> None:
    accounts = Accounts(org_sandbox)
    root = accounts.org("organizations").list_roots()["Roots"][0]["Id"]
    accounts.org("organizations").move_account(
        AccountId=MANAGEMENT, SourceParentId=root, DestinationParentId=SECURITY
    )
    chosen = ("--ou", SECURITY, "--ou", PRODUCTION, "--accounts", f"{MANAGEMENT},{PROD_WEB}")
    plan = org_cli("setup", "org", "plan", *ORG, *chosen, "--member", "alice")
    assert plan.code == 0, plan.err
    out = " ".join(plan.out.split())
    assert "StackSets deploy to 1 account(s) + the management account as a plain stack." in out
    assert (
        f"create the plain stack {STACKSET} in the management account {MANAGEMENT} "
        "(StackSets never deploy to the management account)"
    ) in out
    assert f"The management account {MANAGEMENT} is among the chosen accounts" in out
    r = _apply(org_cli, *chosen)
    assert r.code == 0, r.err
    _check_member_roles(accounts, MANAGEMENT)
    _check_member_roles(accounts, PROD_WEB)
    assert accounts.roles(PROD_DATA) == {} and accounts.roles(IDENTITY) == {}
    cfn = accounts.org("cloudformation")
    instances = cfn.list_stack_instances(StackSetName=STACKSET)["Summaries"]
    assert [i["Account"] for i in instances] == [PROD_WEB]  # never the management account
    assert cfn.describe_stacks(StackName=STACKSET)["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
    assert accounts.published() == [MANAGEMENT, PROD_WEB]
    assert _apply(org_cli, *chosen).out.endswith(
        "apply: no changes; the organization matches the model.\n"
    )


def test_a_failed_account_is_reported_with_its_reason_and_the_others_are_done(
    org_cli: Cli, org_sandbox: Any
) -> None:
    accounts = Accounts(org_sandbox)
    accounts.iam(PROD_DATA).create_role(  # a role of that name, not from the StackSet
        RoleName="AdminRole", AssumeRolePolicyDocument=json.dumps({"Statement": []})
    )
    r = _apply(org_cli, "--ou", PRODUCTION)
    assert r.code == 2
    assert f"account {PROD_WEB}: succeeded" in r.out
    failed = [line for line in r.out.splitlines() if f"account {PROD_DATA}: failed: " in line]
    assert len(failed) == 1 and "AdminRole" in failed[0]  # with CloudFormation's reason
    (sentence,) = r.err.strip().splitlines()
    assert sentence.startswith(
        f"elevate-tray: The roles could not be deployed in 1 account(s) ({PROD_DATA}: "
    )
    assert "fix that and run `elevate-tray setup org apply` again." in sentence
    _check_member_roles(accounts, PROD_WEB)
    assert accounts.iam(IDENTITY).get_group(GroupName="ReadOnlyUsers")["Users"]  # done too
    # fixed by hand, the next apply deploys there
    accounts.iam(PROD_DATA).delete_role(RoleName="AdminRole")
    again = _apply(org_cli, "--ou", PRODUCTION)
    assert again.code == 0, again.err
    _check_member_roles(accounts, PROD_DATA)


def test_teardown_leaves_no_instance_stackset_role_stack_or_published_list(
    org_cli: Cli, org_sandbox: Any
) -> None:
    accounts = Accounts(org_sandbox)
    root = accounts.org("organizations").list_roots()["Roots"][0]["Id"]
    accounts.org("organizations").move_account(
        AccountId=MANAGEMENT, SourceParentId=root, DestinationParentId=SECURITY
    )
    assert _apply(org_cli, "--ou", PRODUCTION, "--ou", SECURITY).code == 0
    _check_member_roles(accounts, MANAGEMENT)
    _check_member_roles(accounts, IDENTITY)  # in a chosen OU: a member like the others
    r = org_cli("setup", "org", "teardown", *ORG, "--yes")
    assert r.code == 0, r.err
    for account in (MANAGEMENT, IDENTITY, PROD_WEB, PROD_DATA, DEV_TOOLS):
        assert accounts.roles(account) == {}, account
    cfn = accounts.org("cloudformation")
    assert [s for s in cfn.list_stack_sets()["Summaries"] if s.get("Status") != "DELETED"] == []
    try:  # the management account's plain stack
        stacks = cfn.describe_stacks(StackName=STACKSET)["Stacks"]
    except ClientError as exc:
        assert exc.response["Error"]["Code"] == "ValidationError"  # no such stack
        stacks = []
    assert [st for st in stacks if st["StackStatus"] != "DELETE_COMPLETE"] == []
    iam = accounts.iam(IDENTITY)
    assert iam.list_groups()["Groups"] == []
    assert iam.list_policies(Scope="Local")["Policies"] == []
    assert accounts.ssm().get_parameters_by_path(Path="/elevate-tray/")["Parameters"] == []
    again = org_cli("setup", "org", "teardown", *ORG, "--yes")
    assert again.code == 0 and "teardown: nothing to remove." in again.out


def _org_proc_env(sb: Any, tmp_path: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ELEVATE_TRAY_"))}
    env.update(
        sb.env(),
        ELEVATE_TRAY_HOME=str(tmp_path / "app"),
        ELEVATE_TRAY_SECRET_STORE="file",
        PYTHONPATH=str(ROOT),
        LANG="en_US.UTF-8",
    )
    return env


def test_setup_org_apply_as_a_process_with_stdin_closed(org_sandbox: Any, tmp_path: Path) -> None:
    from elevate_tray.sandbox.clock import system_now

    org_sandbox.clock.follow(system_now)  # the processes sign on the wall clock
    env = _org_proc_env(org_sandbox, tmp_path)
    argv = [sys.executable, "-m", "elevate_tray", "setup", "org", "apply", *ORG]
    argv += ["--ou", PRODUCTION, "--member", "alice"]
    run = dict(env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    refused = subprocess.run(
        argv,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        **run,  # type: ignore[call-overload]
    )
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "elevate-tray: Refusing to change the account without a prompt: add --yes."
    )
    accounts = Accounts(org_sandbox)
    assert accounts.roles(PROD_WEB) == {}
    done = subprocess.run(
        [*argv, "--yes"],
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        **run,  # type: ignore[call-overload]
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "apply: 12 change(s) made; the organization matches the model." in done.stdout
    _check_member_roles(accounts, PROD_WEB)


def test_an_apply_interrupted_while_its_operation_runs_finishes_when_run_again(
    org_cli: Cli, org_sandbox: Any
) -> None:
    org_sandbox.org.hold_operations = 6  # each operation RUNNING for 6 looks at it
    # AWS stops answering while apply follows the instances' operation (every retry too)
    org_sandbox.fail_next("cloudformation:DescribeStackSetOperation", times=4)
    r = _apply(org_cli, "--ou", PRODUCTION)
    assert r.code == 5
    (sentence,) = r.err.strip().splitlines()
    assert "Step 3 of 12 (deploy the roles to ou-sbx0-prod0001" in sentence
    assert "run the same setup again to continue from there." in sentence
    accounts = Accounts(org_sandbox)
    assert accounts.iam(IDENTITY).list_groups()["Groups"] == []  # the identity side: not yet
    start = org_cli.clock.now()
    again = _apply(org_cli, "--ou", PRODUCTION)
    assert again.code == 0, again.err
    out = " ".join(again.out.split())
    assert "of an earlier apply is still running; apply follows it to its end first." in out
    assert f"account {PROD_WEB}: succeeded" in out and f"account {PROD_DATA}: succeeded" in out
    assert "apply: 9 change(s) made; the organization matches the model." in out
    # it waited on the command's clock, 5 s between looks, never on the wall clock
    assert (org_cli.clock.now() - start).total_seconds() == 5 * 6
    for account in (PROD_WEB, PROD_DATA):
        _check_member_roles(accounts, account)
    assert accounts.published() == [PROD_WEB, PROD_DATA]


def test_a_changed_option_updates_the_stackset_and_every_instance(
    org_cli: Cli, org_sandbox: Any
) -> None:
    assert _apply(org_cli, "--ou", PRODUCTION).code == 0
    org_sandbox.org.hold_operations = 2
    start = org_cli.clock.now()
    r = _apply(org_cli, "--ou", PRODUCTION, "--max-session-duration", "7200")
    assert r.code == 0, r.err
    assert "update the StackSet elevate-tray-member-roles (its parameters)" in r.out
    assert "apply: 1 change(s) made; the organization matches the model." in r.out
    assert (org_cli.clock.now() - start).total_seconds() == 5 * 2
    accounts = Accounts(org_sandbox)
    for account in (PROD_WEB, PROD_DATA):
        for role in accounts.roles(account).values():
            assert role["MaxSessionDuration"] == 7200


def test_an_org_profile_outside_the_management_account_is_access_denied_exit_4(
    org_cli: Cli, org_sandbox: Any
) -> None:
    r = org_cli(
        *("setup", "org", "plan", "--org-profile", "sandbox-identity-admin"),
        *("--identity-profile", "sandbox-identity-admin", "--ou", PRODUCTION),
    )
    assert r.code == 4
    (sentence,) = r.err.strip().splitlines()
    assert sentence == (
        f"elevate-tray: AWS refused to show the org profile's account {IDENTITY} the "
        "organization's OUs and accounts; use the management account's profile, or that of a "
        "delegated administrator for CloudFormation StackSets, as --org-profile."
    )


def test_a_delegated_administrator_deploys_with_call_as_and_cannot_reach_the_management(
    org_cli: Cli, org_sandbox: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An admin of 444444444444, registered as StackSets' delegated administrator (once the
    management account activated trusted access), rolls the roles out to Production."""
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
    assert "(CallAs=DELEGATED_ADMIN)" in plan.out
    assert "trusted access between CloudFormation StackSets and Organizations is active" in plan.out
    r = org_cli("setup", "org", "apply", *delegated, "--ou", PRODUCTION, "--yes")
    assert r.code == 0, r.err
    for account in (PROD_WEB, PROD_DATA):
        _check_member_roles(accounts, account)
    # the management account is out of a delegated administrator's reach: said before anything
    root = accounts.org("organizations").list_roots()["Roots"][0]["Id"]
    accounts.org("organizations").move_account(
        AccountId=MANAGEMENT, SourceParentId=root, DestinationParentId=PRODUCTION
    )
    refused = org_cli("setup", "org", "apply", *delegated, "--ou", PRODUCTION, "--yes")
    assert refused.code == 2
    assert refused.err.strip() == (
        f"elevate-tray: The management account {MANAGEMENT} is among the chosen accounts and "
        "StackSets never deploy there; run with the management account's profile as "
        "--org-profile to deploy it as a plain stack, or leave it out with --accounts."
    )
    assert accounts.roles(MANAGEMENT) == {}
