"""Issue 16, the organization sandbox (org-contract.md): five accounts, each request served
in the caller's account, cross-account AssumeRole, SSM, Organizations and StackSets, all
through boto3 against the running sandbox (the `org_sandbox` fixture)."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from elevate_tray.sandbox.__main__ import main
from tests.sandbox_fixtures import client, keys, org_user, temp
from tests.suite_support import cli_fixture  # noqa: F401

MANAGEMENT, IDENTITY = "111111111111", "111122223333"
PROD_WEB, PROD_DATA, DEV_TOOLS = "222222222222", "333333333333", "444444444444"
PRODUCTION, DEVELOPMENT, ROOT = "ou-sbx0-prod0001", "ou-sbx0-dev00001", "r-sbx0"


def code_of(sb, name="alice"):
    sb.clock.advance(30)  # a fresh 30-second window: AWS never takes a code twice
    return sb.totp(sb.org.user(name).mfa_secret)


def mfa_trust(account=IDENTITY):
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                    "Action": "sts:AssumeRole",
                    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
                }
            ],
        }
    )


def member_role(sb, account, name="AdminRole", trust=None):
    """A role made through IAM in a member account, by an admin user created there."""
    admin = sb.create_user(f"admin-{account}", admin=True, mfa=False, account_id=account)
    iam = client(sb, "iam", keys(admin))
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust or mfa_trust())
    return f"arn:aws:iam::{account}:role/{name}"


def allow_alice_assume(sb, resource="arn:aws:iam::*:role/AdminRole"):
    iam = client(sb, "iam", org_user(sb, "sandbox-account-admin"))
    iam.put_user_policy(
        UserName="alice",
        PolicyName="assume",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": resource}
                ],
            }
        ),
    )


def alice_assumes(sb, role_arn, mfa=True, **extra):
    alice = sb.org.user("alice")
    sts = client(sb, "sts", keys(alice))
    more = {"SerialNumber": alice.mfa_serial, "TokenCode": code_of(sb)} if mfa else {}
    return sts.assume_role(RoleArn=role_arn, RoleSessionName="alice", **more, **extra)


# -- accounts ----------------------------------------------------------------------------


def test_each_request_is_served_in_the_callers_account(org_sandbox):
    sb = org_sandbox
    org_admin = org_user(sb, "org-admin")
    identity_admin = org_user(sb, "sandbox-account-admin")
    assert client(sb, "sts", org_admin).get_caller_identity()["Account"] == MANAGEMENT
    assert client(sb, "sts", identity_admin).get_caller_identity()["Account"] == IDENTITY
    assert [u["UserName"] for u in client(sb, "iam", org_admin).list_users()["Users"]] == [
        "org-admin"
    ]
    names = {u["UserName"] for u in client(sb, "iam", identity_admin).list_users()["Users"]}
    assert names == {"alice", "sandbox-account-admin"}
    # a role made in one member account is invisible from the others
    member_role(sb, PROD_WEB)
    web = client(sb, "iam", keys(sb.create_user("x", admin=True, mfa=False, account_id=PROD_WEB)))
    data_admin = sb.create_user("y", admin=True, mfa=False, account_id=PROD_DATA)
    data = client(sb, "iam", keys(data_admin))
    assert [r["RoleName"] for r in web.list_roles()["Roles"]] == ["AdminRole"]
    assert data.list_roles()["Roles"] == []
    with pytest.raises(ClientError) as e:
        data.get_role(RoleName="AdminRole")
    assert e.value.response["Error"]["Code"] == "NoSuchEntity"


def test_cloudtrail_events_stay_in_their_account(org_sandbox):
    sb = org_sandbox
    client(sb, "iam", org_user(sb, "sandbox-account-admin")).create_group(GroupName="G")
    mgmt = client(sb, "cloudtrail", org_user(sb, "org-admin"))
    ident = client(sb, "cloudtrail", org_user(sb, "sandbox-account-admin"))
    names = lambda c: {e["EventName"] for e in c.lookup_events()["Events"]}  # noqa: E731
    assert "CreateGroup" in names(ident)
    assert "CreateGroup" not in names(mgmt)


# -- cross-account AssumeRole ---------------------------------------------------------------


def test_cross_account_assume_role_with_mfa_trust_and_identity_policy(org_sandbox):
    sb = org_sandbox
    arn = member_role(sb, PROD_WEB)
    allow_alice_assume(sb)
    assumed = alice_assumes(sb, arn)
    assert (
        assumed["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{PROD_WEB}:assumed-role/AdminRole/alice"
    )
    who = client(sb, "sts", temp(assumed)).get_caller_identity()
    assert who["Account"] == PROD_WEB
    # the session lives in the role's account: its IAM is the member's
    roles = client(sb, "iam", temp(assumed))
    with pytest.raises(ClientError) as e:  # AdminRole has no policy attached
        roles.list_roles()
    assert e.value.response["Error"]["Code"] == "AccessDenied"


def test_cross_account_assume_role_is_refused_without_mfa(org_sandbox):
    sb = org_sandbox
    arn = member_role(sb, PROD_WEB)
    allow_alice_assume(sb)
    with pytest.raises(ClientError) as e:
        alice_assumes(sb, arn, mfa=False)
    assert e.value.response["Error"]["Code"] == "AccessDenied"
    assert "sts:AssumeRole" in e.value.response["Error"]["Message"]


def test_cross_account_assume_role_needs_the_callers_identity_policy(org_sandbox):
    sb = org_sandbox
    arn = member_role(sb, PROD_WEB)  # trusts the identity account (its root) with MFA
    with pytest.raises(ClientError) as e:
        alice_assumes(sb, arn)
    message = e.value.response["Error"]["Message"]
    assert "no identity-based policy allows the sts:AssumeRole action" in message
    allow_alice_assume(sb, resource=f"arn:aws:iam::{PROD_DATA}:role/AdminRole")  # another one
    with pytest.raises(ClientError):
        alice_assumes(sb, arn)


def test_cross_account_assume_role_refused_when_trust_names_another_account(org_sandbox):
    sb = org_sandbox
    arn = member_role(sb, PROD_WEB, trust=mfa_trust(account=DEV_TOOLS))
    allow_alice_assume(sb)
    with pytest.raises(ClientError) as e:
        alice_assumes(sb, arn)
    assert e.value.response["Error"]["Code"] == "AccessDenied"


def test_cross_account_chaining_is_capped_at_an_hour(org_sandbox):
    sb = org_sandbox
    arn = member_role(sb, PROD_WEB)
    allow_alice_assume(sb)
    alice = sb.org.user("alice")
    session = client(sb, "sts", keys(alice)).get_session_token(
        SerialNumber=alice.mfa_serial, TokenCode=code_of(sb)
    )
    sts = client(sb, "sts", temp(session))
    with pytest.raises(ClientError) as e:
        sts.assume_role(RoleArn=arn, RoleSessionName="alice", DurationSeconds=7200)
    assert "role chaining" in e.value.response["Error"]["Message"]
    chained = sts.assume_role(RoleArn=arn, RoleSessionName="alice", DurationSeconds=3600)
    assert client(sb, "sts", temp(chained)).get_caller_identity()["Account"] == PROD_WEB


# -- SSM ------------------------------------------------------------------------------------


def test_group_members_read_ssm_parameters_of_their_account_with_mfa(org_sandbox):
    sb = org_sandbox
    admin = org_user(sb, "sandbox-account-admin")
    iam = client(sb, "iam", admin)
    iam.create_group(GroupName="Ops")
    iam.attach_group_policy(GroupName="Ops", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    iam.add_user_to_group(GroupName="Ops", UserName="alice")
    ssm = client(sb, "ssm", admin)
    path = "/elevate-tray/organization/accounts-001"
    ssm.put_parameter(Name=path, Value='{"version": 1}', Type="String")
    ssm.add_tags_to_resource(
        ResourceType="Parameter",
        ResourceId=path,
        Tags=[{"Key": "elevate-tray:managed", "Value": "true"}],
    )
    alice = sb.org.user("alice")
    session = client(sb, "sts", keys(alice)).get_session_token(
        SerialNumber=alice.mfa_serial, TokenCode=code_of(sb)
    )
    found = client(sb, "ssm", temp(session)).get_parameters_by_path(
        Path="/elevate-tray/organization/"
    )
    assert [(p["Name"], p["Value"]) for p in found["Parameters"]] == [(path, '{"version": 1}')]
    # the management account has its own parameters (none)
    mgmt = client(sb, "ssm", org_user(sb, "org-admin"))
    assert mgmt.get_parameters_by_path(Path="/elevate-tray/organization/")["Parameters"] == []
    assert ssm.get_parameter(Name=path)["Parameter"]["Value"] == '{"version": 1}'
    assert ssm.delete_parameters(Names=[path])["DeletedParameters"] == [path]
    with pytest.raises(ClientError) as e:
        ssm.get_parameter(Name=path)
    assert e.value.response["Error"]["Code"] == "ParameterNotFound"


# -- the command line, files, resets ---------------------------------------------------------


def test_org_sandbox_writes_its_profiles_and_facts(org_sandbox):
    sb = org_sandbox
    config = sb.config_file.read_text()
    for profile in ("sandbox-org-admin", "sandbox", "sandbox-identity-admin"):
        assert f"[profile {profile}]" in config
    assert "role_arn" not in config  # no target profile at start: targets sync writes them
    facts = json.loads(sb.facts_file.read_text())["organization"]
    assert facts["id"] == "o-sbx0example" and facts["management_account"] == MANAGEMENT
    assert {a["id"]: a["parent"] for a in facts["accounts"]} == {
        MANAGEMENT: ROOT,
        IDENTITY: "ou-sbx0-security1",
        PROD_WEB: PRODUCTION,
        PROD_DATA: PRODUCTION,
        DEV_TOOLS: DEVELOPMENT,
    }
    assert facts["users"]["sandbox-account-admin"]["mfa_serial"] == (
        f"arn:aws:iam::{IDENTITY}:mfa/sandbox-account-admin"
    )
    assert facts["users"]["org-admin"]["account_id"] == MANAGEMENT


def test_sandbox_code_for_alice_and_for_a_named_user(org_sandbox, capsys):
    sb = org_sandbox
    home = str(sb.home)
    assert main(["--home", home, "code"]) == 0
    assert capsys.readouterr().out.split()[0] == sb.totp(sb.org.user("alice").mfa_secret)
    assert main(["--home", home, "code", "--user", "sandbox-account-admin"]) == 0
    admin_secret = sb.org.user("sandbox-account-admin").mfa_secret
    assert capsys.readouterr().out.split()[0] == sb.totp(admin_secret)
    assert main(["--home", home, "code", "--user", "nobody"]) == 2
    assert "no seeded user nobody" in capsys.readouterr().err


def test_reset_wipes_every_account_and_keeps_the_keys(org_sandbox):
    sb = org_sandbox
    member_role(sb, PROD_WEB)
    before = sb.org.user("alice").access_key_id
    sb.reset()
    assert sb.org.user("alice").access_key_id == before
    web = client(sb, "iam", keys(sb.create_user("x", admin=True, mfa=False, account_id=PROD_WEB)))
    assert web.list_roles()["Roles"] == []


def test_the_default_sandbox_is_the_single_account_after_an_org_test(sandbox):
    assert sandbox.organization is False
    assert "[profile sandbox-admin]" in sandbox.config_file.read_text()
    assert sandbox.account.role_arn == "arn:aws:iam::111122223333:role/AdminRole"


def test_sandbox_organization_in_the_foreground_says_how_to_use_it(tmp_path):
    import signal
    import subprocess
    import sys

    from tests.test_sandbox_cli import child_env

    home = tmp_path / "org"
    proc = subprocess.Popen(
        [sys.executable, "-m", "elevate_tray.sandbox", "--home", str(home), "--organization"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=child_env(),
        start_new_session=True,
    )
    lines = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("# Ctrl-C"):
                break
        text = "\n".join(lines)
        assert "o-sbx0example" in text and "222222222222 prod-web (Production)" in text
        assert "--org-profile sandbox-org-admin" in text
        assert "elevate-tray sandbox code --user sandbox-account-admin" in text
        assert any(line.startswith("export AWS_ENDPOINT_URL=") for line in lines)
        facts = json.loads((home / "sandbox.json").read_text())
        assert facts["organization"]["users"]["alice"]["account_id"] == IDENTITY
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        proc.stdout.close()


# -- Organizations ---------------------------------------------------------------------------


def orgs(sb, name="org-admin"):
    return client(sb, "organizations", org_user(sb, name))


def test_organizations_list_calls_from_the_management_account(org_sandbox):
    o = orgs(org_sandbox)
    org = o.describe_organization()["Organization"]
    assert (org["Id"], org["MasterAccountId"]) == ("o-sbx0example", MANAGEMENT)
    assert [r["Id"] for r in o.list_roots()["Roots"]] == [ROOT]
    ous = o.list_organizational_units_for_parent(ParentId=ROOT)["OrganizationalUnits"]
    assert {u["Name"]: u["Id"] for u in ous} == {
        "Security": "ou-sbx0-security1",
        "Production": PRODUCTION,
        "Development": DEVELOPMENT,
    }
    assert {a["Id"]: a["Name"] for a in o.list_accounts()["Accounts"]} == {
        MANAGEMENT: "management",
        IDENTITY: "identity",
        PROD_WEB: "prod-web",
        PROD_DATA: "prod-data",
        DEV_TOOLS: "dev-tools",
    }
    in_prod = o.list_accounts_for_parent(ParentId=PRODUCTION)["Accounts"]
    assert sorted(a["Id"] for a in in_prod) == [PROD_WEB, PROD_DATA]
    children = o.list_children(ParentId=ROOT, ChildType="ACCOUNT")["Children"]
    assert children == [{"Id": MANAGEMENT, "Type": "ACCOUNT"}]
    assert o.list_parents(ChildId=DEV_TOOLS)["Parents"] == [
        {"Id": DEVELOPMENT, "Type": "ORGANIZATIONAL_UNIT"}
    ]
    assert o.describe_account(AccountId=PROD_DATA)["Account"]["Name"] == "prod-data"
    ou = o.describe_organizational_unit(OrganizationalUnitId=PRODUCTION)
    assert ou["OrganizationalUnit"]["Name"] == "Production"
    with pytest.raises(ClientError) as e:
        o.describe_account(AccountId="999999999999")
    assert e.value.response["Error"]["Code"] == "AccountNotFoundException"


def test_organizations_from_a_member_account_is_access_denied(org_sandbox):
    sb = org_sandbox
    member = orgs(sb, "sandbox-account-admin")  # AdministratorAccess, in the identity account
    assert member.describe_organization()["Organization"]["Id"] == "o-sbx0example"
    for call in (member.list_accounts, member.list_roots):
        with pytest.raises(ClientError) as e:
            call()
        assert e.value.response["Error"]["Code"] == "AccessDeniedException"
        assert e.value.response["Error"]["Message"] == (
            "You don't have permissions to access this resource."
        )


def test_organizations_needs_the_callers_identity_policy(org_sandbox):
    sb = org_sandbox
    nobody = sb.create_user("nobody", mfa=False, account_id=MANAGEMENT)
    with pytest.raises(ClientError) as e:
        client(sb, "organizations", keys(nobody)).list_accounts()
    assert e.value.response["Error"]["Code"] == "AccessDeniedException"
    assert "organizations:ListAccounts" in e.value.response["Error"]["Message"]


def test_a_delegated_administrator_reads_but_does_not_change(org_sandbox):
    sb = org_sandbox
    o = orgs(sb)
    principal = "member.org.stacksets.cloudformation.amazonaws.com"
    with pytest.raises(ClientError) as e:  # trusted access first
        o.register_delegated_administrator(AccountId=IDENTITY, ServicePrincipal=principal)
    assert e.value.response["Error"]["Code"] == "ConstraintViolationException"
    o.enable_aws_service_access(ServicePrincipal=principal)
    enabled = o.list_aws_service_access_for_organization()["EnabledServicePrincipals"]
    assert [s["ServicePrincipal"] for s in enabled] == [principal]
    o.register_delegated_administrator(AccountId=IDENTITY, ServicePrincipal=principal)
    admins = o.list_delegated_administrators(ServicePrincipal=principal)
    assert [a["Id"] for a in admins["DelegatedAdministrators"]] == [IDENTITY]
    delegated = orgs(sb, "sandbox-account-admin")
    assert len(delegated.list_accounts()["Accounts"]) == 5
    with pytest.raises(ClientError) as e:
        delegated.move_account(
            AccountId=DEV_TOOLS, SourceParentId=DEVELOPMENT, DestinationParentId=PRODUCTION
        )
    assert e.value.response["Error"]["Code"] == "AccessDeniedException"
    o.deregister_delegated_administrator(AccountId=IDENTITY, ServicePrincipal=principal)
    with pytest.raises(ClientError):
        delegated.list_accounts()


def test_move_account(org_sandbox):
    o = orgs(org_sandbox)
    o.move_account(AccountId=DEV_TOOLS, SourceParentId=DEVELOPMENT, DestinationParentId=PRODUCTION)
    assert o.list_parents(ChildId=DEV_TOOLS)["Parents"][0]["Id"] == PRODUCTION
    with pytest.raises(ClientError) as e:  # not in that parent any more
        o.move_account(
            AccountId=DEV_TOOLS, SourceParentId=DEVELOPMENT, DestinationParentId=PRODUCTION
        )
    assert e.value.response["Error"]["Code"] == "AccountNotFoundException"
    facts = org_sandbox.org.model.accounts
    assert facts[DEV_TOOLS].parent == PRODUCTION


# -- CloudFormation StackSets ----------------------------------------------------------------

MEMBER_TEMPLATE = """\
AWSTemplateFormatVersion: 2010-09-09
Description: elevate-tray member roles (the sandbox's test copy)
Parameters:
  IdentityAccountId:
    Type: String
  AdminRoleName:
    Type: String
    Default: AdminRole
  ReadOnlyRoleName:
    Type: String
    Default: ReadOnlyRole
  AdminPolicyArn:
    Type: String
    Default: arn:aws:iam::aws:policy/AdministratorAccess
  MaxSessionDuration:
    Type: Number
    Default: 3600
Resources:
  AdminRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref AdminRoleName
      MaxSessionDuration: !Ref MaxSessionDuration
      AssumeRolePolicyDocument:
        Version: 2012-10-17
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub arn:${AWS::Partition}:iam::${IdentityAccountId}:root
            Action: sts:AssumeRole
            Condition:
              Bool:
                aws:MultiFactorAuthPresent: "true"
      ManagedPolicyArns:
        - !Ref AdminPolicyArn
      Tags:
        - Key: elevate-tray:managed
          Value: "true"
  ReadOnlyRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref ReadOnlyRoleName
      MaxSessionDuration: !Ref MaxSessionDuration
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub "arn:${AWS::Partition}:iam::${IdentityAccountId}:root"
            Action: sts:AssumeRole
            Condition:
              Bool:
                aws:MultiFactorAuthPresent: "true"
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
      Tags:
        - Key: elevate-tray:managed
          Value: "true"
"""
SET = "elevate-tray-member-roles"
PARAMS = [{"ParameterKey": "IdentityAccountId", "ParameterValue": IDENTITY}]


def cfn(sb, name="org-admin"):
    return client(sb, "cloudformation", org_user(sb, name))


def roles_in(sb, account):
    """The role names in an account, read by a role-less admin user made there."""
    user = f"reader-{len(sb.trail_records())}"
    reader = sb.create_user(user, admin=True, mfa=False, account_id=account)
    return sorted(r["RoleName"] for r in client(sb, "iam", keys(reader)).list_roles()["Roles"])


def stack_set(sb, c=None, auto=True, **extra):
    c = c or cfn(sb)
    c.activate_organizations_access()
    c.create_stack_set(
        StackSetName=SET,
        TemplateBody=MEMBER_TEMPLATE,
        Parameters=PARAMS,
        Capabilities=["CAPABILITY_NAMED_IAM"],
        PermissionModel="SERVICE_MANAGED",
        AutoDeployment={"Enabled": auto, "RetainStacksOnAccountRemoval": False},
        **extra,
    )
    return c


def deploy_to(c, *ous, **extra):
    op = c.create_stack_instances(
        StackSetName=SET,
        DeploymentTargets={"OrganizationalUnitIds": list(ous), **extra},
        Regions=["us-east-1"],
    )["OperationId"]
    return op


def results(c, op):
    found = c.list_stack_set_operation_results(StackSetName=SET, OperationId=op)["Summaries"]
    return {r["Account"]: (r["Status"], r.get("StatusReason", "")) for r in found}


def test_stack_set_to_production_deploys_the_roles_in_exactly_its_accounts(org_sandbox):
    sb = org_sandbox
    c = stack_set(sb)
    op = deploy_to(c, PRODUCTION)
    described = c.describe_stack_set_operation(StackSetName=SET, OperationId=op)
    assert described["StackSetOperation"]["Status"] == "SUCCEEDED"
    assert results(c, op) == {PROD_WEB: ("SUCCEEDED", ""), PROD_DATA: ("SUCCEEDED", "")}
    for account in (PROD_WEB, PROD_DATA):
        assert roles_in(sb, account) == ["AdminRole", "ReadOnlyRole"]
    for account in (MANAGEMENT, IDENTITY, DEV_TOOLS):
        assert roles_in(sb, account) == []
    # deployed for real: trust, policies, duration, tags
    reader = sb.create_user("r", admin=True, mfa=False, account_id=PROD_WEB)
    iam = client(sb, "iam", keys(reader))
    role = iam.get_role(RoleName="AdminRole")["Role"]
    statement = role["AssumeRolePolicyDocument"]["Statement"][0]
    assert statement["Principal"] == {"AWS": f"arn:aws:iam::{IDENTITY}:root"}
    assert statement["Condition"] == {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
    assert role["MaxSessionDuration"] == 3600
    assert {t["Key"]: t["Value"] for t in role["Tags"]} == {"elevate-tray:managed": "true"}
    attached = iam.list_attached_role_policies(RoleName="ReadOnlyRole")["AttachedPolicies"]
    assert [p["PolicyArn"] for p in attached] == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    instances = c.list_stack_instances(StackSetName=SET)["Summaries"]
    assert sorted((i["Account"], i["OrganizationalUnitId"]) for i in instances) == [
        (PROD_WEB, PRODUCTION),
        (PROD_DATA, PRODUCTION),
    ]
    # and alice can use it, with MFA and her own policy
    allow_alice_assume(sb)
    assumed = alice_assumes(sb, f"arn:aws:iam::{PROD_DATA}:role/AdminRole")
    who = client(sb, "sts", temp(assumed)).get_caller_identity()
    assert who["Arn"] == f"arn:aws:sts::{PROD_DATA}:assumed-role/AdminRole/alice"


def test_targeting_the_root_never_deploys_to_the_management_account(org_sandbox):
    sb = org_sandbox
    c = stack_set(sb)
    op = deploy_to(c, ROOT)
    assert set(results(c, op)) == {IDENTITY, PROD_WEB, PROD_DATA, DEV_TOOLS}
    assert roles_in(sb, MANAGEMENT) == []
    assert roles_in(sb, DEV_TOOLS) == ["AdminRole", "ReadOnlyRole"]


def test_account_filters(org_sandbox):
    c = stack_set(org_sandbox)
    op = deploy_to(c, PRODUCTION, Accounts=[PROD_DATA], AccountFilterType="INTERSECTION")
    assert set(results(c, op)) == {PROD_DATA}
    op = deploy_to(c, ROOT, Accounts=[PROD_DATA, IDENTITY], AccountFilterType="DIFFERENCE")
    assert set(results(c, op)) == {PROD_WEB, DEV_TOOLS}
    op = deploy_to(c, DEVELOPMENT, Accounts=[IDENTITY, MANAGEMENT], AccountFilterType="UNION")
    assert set(results(c, op)) == {DEV_TOOLS, IDENTITY}  # never the management account


def test_moving_an_account_into_and_out_of_a_targeted_ou(org_sandbox):
    sb = org_sandbox
    c = stack_set(sb)
    deploy_to(c, PRODUCTION)
    o = orgs(sb)
    o.move_account(AccountId=DEV_TOOLS, SourceParentId=DEVELOPMENT, DestinationParentId=PRODUCTION)
    assert roles_in(sb, DEV_TOOLS) == ["AdminRole", "ReadOnlyRole"]
    accounts = {i["Account"] for i in c.list_stack_instances(StackSetName=SET)["Summaries"]}
    assert accounts == {PROD_WEB, PROD_DATA, DEV_TOOLS}
    o.move_account(AccountId=DEV_TOOLS, SourceParentId=PRODUCTION, DestinationParentId=DEVELOPMENT)
    assert roles_in(sb, DEV_TOOLS) == []
    accounts = {i["Account"] for i in c.list_stack_instances(StackSetName=SET)["Summaries"]}
    assert accounts == {PROD_WEB, PROD_DATA}
    actions = [s["Action"] for s in c.list_stack_set_operations(StackSetName=SET)["Summaries"]]
    assert actions.count("CREATE") == 2 and actions.count("DELETE") == 1


def test_a_role_that_exists_already_fails_that_account_only(org_sandbox):
    sb = org_sandbox
    member_role(sb, PROD_DATA, name="AdminRole")  # made by hand, not by the stack set
    c = stack_set(sb)
    op = deploy_to(c, PRODUCTION)
    got = results(c, op)
    assert got[PROD_WEB] == ("SUCCEEDED", "")
    status, reason = got[PROD_DATA]
    assert status == "FAILED" and "AdminRole already exists" in reason
    described = c.describe_stack_set_operation(StackSetName=SET, OperationId=op)
    assert described["StackSetOperation"]["Status"] == "FAILED"
    assert roles_in(sb, PROD_DATA) == ["AdminRole"]  # nothing of the stack's was left there
    instance = c.describe_stack_instance(
        StackSetName=SET, StackInstanceAccount=PROD_DATA, StackInstanceRegion="us-east-1"
    )["StackInstance"]
    assert instance["StackInstanceStatus"]["DetailedStatus"] == "FAILED"
    assert "already exists" in instance["StatusReason"]


def test_delete_stack_set_is_refused_while_instances_exist(org_sandbox):
    sb = org_sandbox
    c = stack_set(sb)
    deploy_to(c, PRODUCTION)
    with pytest.raises(ClientError) as e:
        c.delete_stack_set(StackSetName=SET)
    assert e.value.response["Error"]["Code"] == "StackSetNotEmptyException"
    op = c.delete_stack_instances(
        StackSetName=SET,
        DeploymentTargets={"OrganizationalUnitIds": [PRODUCTION]},
        Regions=["us-east-1"],
        RetainStacks=False,
    )["OperationId"]
    assert set(results(c, op)) == {PROD_WEB, PROD_DATA}
    assert roles_in(sb, PROD_WEB) == []
    c.delete_stack_set(StackSetName=SET)
    assert c.list_stack_sets()["Summaries"] == []
    with pytest.raises(ClientError) as e:
        c.describe_stack_set(StackSetName=SET)
    assert e.value.response["Error"]["Code"] == "StackSetNotFoundException"


def test_update_stack_set_redeploys_every_instance(org_sandbox):
    sb = org_sandbox
    c = stack_set(sb)
    deploy_to(c, PRODUCTION)
    op = c.update_stack_set(
        StackSetName=SET,
        UsePreviousTemplate=True,
        Parameters=[*PARAMS, {"ParameterKey": "MaxSessionDuration", "ParameterValue": "7200"}],
        Capabilities=["CAPABILITY_NAMED_IAM"],
    )["OperationId"]
    assert results(c, op) == {PROD_WEB: ("SUCCEEDED", ""), PROD_DATA: ("SUCCEEDED", "")}
    reader = sb.create_user("r", admin=True, mfa=False, account_id=PROD_WEB)
    role = client(sb, "iam", keys(reader)).get_role(RoleName="AdminRole")["Role"]
    assert role["MaxSessionDuration"] == 7200


def test_stack_set_rules_capabilities_and_trusted_access(org_sandbox):
    sb = org_sandbox
    c = cfn(sb)
    assert c.describe_organizations_access()["Status"] == "DISABLED"
    create = dict(
        StackSetName=SET,
        TemplateBody=MEMBER_TEMPLATE,
        Parameters=PARAMS,
        PermissionModel="SERVICE_MANAGED",
        AutoDeployment={"Enabled": True, "RetainStacksOnAccountRemoval": False},
    )
    with pytest.raises(ClientError) as e:
        c.create_stack_set(**create, Capabilities=["CAPABILITY_NAMED_IAM"])
    assert "trusted access" in e.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as e:  # a member cannot activate it
        cfn(sb, "sandbox-account-admin").activate_organizations_access()
    c.activate_organizations_access()
    assert c.describe_organizations_access()["Status"] == "ENABLED"
    with pytest.raises(ClientError) as e:
        c.create_stack_set(**create)
    assert e.value.response["Error"]["Code"] == "InsufficientCapabilitiesException"
    with pytest.raises(ClientError) as e:
        c.create_stack_set(**create, Capabilities=["CAPABILITY_IAM"])
    assert e.value.response["Error"]["Code"] == "InsufficientCapabilitiesException"


def test_delegated_admin_only_from_a_registered_delegated_administrator(org_sandbox):
    sb = org_sandbox
    admin = cfn(sb, "sandbox-account-admin")  # the identity account
    cfn(sb).activate_organizations_access()
    for call_as in ("SELF", "DELEGATED_ADMIN"):
        with pytest.raises(ClientError) as e:
            admin.list_stack_sets(CallAs=call_as)
        assert e.value.response["Error"]["Code"] == "ValidationError"
    orgs(sb).register_delegated_administrator(
        AccountId=IDENTITY, ServicePrincipal="member.org.stacksets.cloudformation.amazonaws.com"
    )
    admin.create_stack_set(
        StackSetName=SET,
        TemplateBody=MEMBER_TEMPLATE,
        Parameters=PARAMS,
        Capabilities=["CAPABILITY_NAMED_IAM"],
        PermissionModel="SERVICE_MANAGED",
        AutoDeployment={"Enabled": True, "RetainStacksOnAccountRemoval": False},
        CallAs="DELEGATED_ADMIN",
    )
    op = admin.create_stack_instances(
        StackSetName=SET,
        DeploymentTargets={"OrganizationalUnitIds": [PRODUCTION]},
        Regions=["us-east-1"],
        CallAs="DELEGATED_ADMIN",
    )["OperationId"]
    found = admin.list_stack_set_operation_results(
        StackSetName=SET, OperationId=op, CallAs="DELEGATED_ADMIN"
    )["Summaries"]
    assert {r["Account"] for r in found} == {PROD_WEB, PROD_DATA}
    with pytest.raises(ClientError):  # CallAs=SELF stays the management account's
        admin.list_stack_sets()


def test_operations_can_be_held_running_for_a_few_describes(org_sandbox):
    sb = org_sandbox
    c = stack_set(sb)
    sb.org.hold_operations = 2
    op = deploy_to(c, PRODUCTION)
    statuses = [
        c.describe_stack_set_operation(StackSetName=SET, OperationId=op)["StackSetOperation"][
            "Status"
        ]
        for _ in range(3)
    ]
    assert statuses == ["RUNNING", "RUNNING", "SUCCEEDED"]


# -- plain stacks -------------------------------------------------------------------------


def test_plain_stack_in_the_callers_account(org_sandbox):
    sb = org_sandbox
    c = cfn(sb)
    c.create_stack(
        StackName=SET,
        TemplateBody=MEMBER_TEMPLATE,
        Parameters=PARAMS,
        Capabilities=["CAPABILITY_NAMED_IAM"],
    )
    stack = c.describe_stacks(StackName=SET)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert roles_in(sb, MANAGEMENT) == ["AdminRole", "ReadOnlyRole"]
    events = c.describe_stack_events(StackName=SET)["StackEvents"]
    assert {e["LogicalResourceId"] for e in events} == {SET, "AdminRole", "ReadOnlyRole"}
    c.update_stack(
        StackName=SET,
        UsePreviousTemplate=True,
        Parameters=[*PARAMS, {"ParameterKey": "AdminRoleName", "ParameterValue": "OpsAdmin"}],
        Capabilities=["CAPABILITY_NAMED_IAM"],
    )
    assert c.describe_stacks(StackName=SET)["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"
    assert roles_in(sb, MANAGEMENT) == ["OpsAdmin", "ReadOnlyRole"]
    c.delete_stack(StackName=SET)
    assert roles_in(sb, MANAGEMENT) == []
    with pytest.raises(ClientError):
        c.describe_stacks(StackName=SET)


def test_plain_stack_that_fails_rolls_back_with_the_reason(org_sandbox):
    sb = org_sandbox
    member_role(sb, IDENTITY, name="ReadOnlyRole")
    c = cfn(sb, "sandbox-account-admin")
    c.create_stack(
        StackName="s",
        TemplateBody=MEMBER_TEMPLATE,
        Parameters=PARAMS,
        Capabilities=["CAPABILITY_NAMED_IAM"],
    )
    stack = c.describe_stacks(StackName="s")["Stacks"][0]
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    assert "ReadOnlyRole already exists" in stack["StackStatusReason"]
    assert roles_in(sb, IDENTITY) == ["ReadOnlyRole"]  # AdminRole was rolled back
    events = c.describe_stack_events(StackName="s")["StackEvents"]
    failed = [e for e in events if e["ResourceStatus"] == "CREATE_FAILED"]
    assert [(e["LogicalResourceId"], e["ResourceStatusReason"]) for e in failed] == [
        ("ReadOnlyRole", "ReadOnlyRole already exists")
    ]
    assert events[0]["ResourceStatus"] == "ROLLBACK_COMPLETE"


def test_fixtures_on_the_sandbox_follow_the_org_sandbox_in_any_order(org_sandbox, cli):
    assert org_sandbox.organization is True
    assert org_sandbox.org.user("org-admin").arn == f"arn:aws:iam::{MANAGEMENT}:user/org-admin"
    assert cli.__class__.__name__ == "Cli"


def test_validate_template_names_the_capability(org_sandbox):
    checked = cfn(org_sandbox).validate_template(TemplateBody=MEMBER_TEMPLATE)
    assert checked["Capabilities"] == ["CAPABILITY_NAMED_IAM"]
    assert [p["ParameterKey"] for p in checked["Parameters"]][:2] == [
        "IdentityAccountId",
        "AdminRoleName",
    ]
    with pytest.raises(ClientError) as e:
        cfn(org_sandbox).validate_template(TemplateBody="Resources: [")
    assert "Template format error" in e.value.response["Error"]["Message"]
