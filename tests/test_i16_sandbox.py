"""Issue 16, the organization sandbox (org-contract.md): five accounts, each request served
in the caller's account, cross-account AssumeRole, SSM, Organizations and StackSets, all
through boto3 against the running sandbox (the `org_sandbox` fixture)."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from elevate_tray.sandbox.__main__ import main
from tests.sandbox_fixtures import client, keys, org_user, temp

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
