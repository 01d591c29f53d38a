"""The setup engine against a fresh account on loopback: render, plan, apply, converge,
resume after failures, doctor, teardown; the documents against the seed and the linters."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

from elevate_tray.setup.apply import StepFailed
from elevate_tray.setup.engine import SetupEngine, options_from
from elevate_tray.setup.model import GROUP_PATH, Account, Names, SetupOptions
from elevate_tray.setup.render import render, same_document
from tests.test_setup_support import (  # noqa: F401  (fixtures)
    ADMIN,
    FreshAccount,
    fresh_account_fixture,
)

SEED_FILE = Path(__file__).resolve().parents[2] / "shared/seed/iam-switch-role-article.ja.txt"

# The three documents of the seed article, verbatim (its example account IDs included).
SEED_DOCUMENTS = {
    "assume": {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowAssumeAdminRole",
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Resource": "arn:aws:iam::795662168298:role/AdminRole",
                "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
            }
        ],
    },
    "credentials": {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowViewAccountInfo",
                "Effect": "Allow",
                "Action": ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
                "Resource": "*",
            },
            {
                "Sid": "AllowManageOwnPasswords",
                "Effect": "Allow",
                "Action": ["iam:ChangePassword", "iam:GetUser"],
                "Resource": "arn:aws:iam::*:user/${aws:username}",
            },
            {
                "Sid": "AllowManageOwnAccessKeys",
                "Effect": "Allow",
                "Action": [
                    "iam:CreateAccessKey",
                    "iam:DeleteAccessKey",
                    "iam:ListAccessKeys",
                    "iam:UpdateAccessKey",
                    "iam:GetAccessKeyLastUsed",
                ],
                "Resource": "arn:aws:iam::*:user/${aws:username}",
            },
            {
                "Sid": "AllowManageOwnSigningCertificates",
                "Effect": "Allow",
                "Action": [
                    "iam:DeleteSigningCertificate",
                    "iam:ListSigningCertificates",
                    "iam:UpdateSigningCertificate",
                    "iam:UploadSigningCertificate",
                ],
                "Resource": "arn:aws:iam::*:user/${aws:username}",
            },
            {
                "Sid": "AllowManageOwnSSHPublicKeys",
                "Effect": "Allow",
                "Action": [
                    "iam:DeleteSSHPublicKey",
                    "iam:GetSSHPublicKey",
                    "iam:ListSSHPublicKeys",
                    "iam:UpdateSSHPublicKey",
                    "iam:UploadSSHPublicKey",
                ],
                "Resource": "arn:aws:iam::*:user/${aws:username}",
            },
            {
                "Sid": "AllowManageOwnGitCredentials",
                "Effect": "Allow",
                "Action": [
                    "iam:CreateServiceSpecificCredential",
                    "iam:DeleteServiceSpecificCredential",
                    "iam:ListServiceSpecificCredentials",
                    "iam:ResetServiceSpecificCredential",
                    "iam:UpdateServiceSpecificCredential",
                ],
                "Resource": "arn:aws:iam::*:user/${aws:username}",
            },
            {
                "Sid": "AllowManageOwnVirtualMFADevice",
                "Effect": "Allow",
                "Action": ["iam:CreateVirtualMFADevice"],
                "Resource": "arn:aws:iam::*:mfa/*",
            },
            {
                "Sid": "AllowManageOwnUserMFA",
                "Effect": "Allow",
                "Action": [
                    "iam:DeactivateMFADevice",
                    "iam:EnableMFADevice",
                    "iam:ListMFADevices",
                    "iam:ResyncMFADevice",
                ],
                "Resource": "arn:aws:iam::*:user/${aws:username}",
            },
            {
                "Sid": "DenyAllExceptListedIfNoMFA",
                "Effect": "Deny",
                "NotAction": [
                    "iam:CreateVirtualMFADevice",
                    "iam:EnableMFADevice",
                    "iam:GetUser",
                    "iam:GetMFADevice",
                    "iam:ListMFADevices",
                    "iam:ListVirtualMFADevices",
                    "iam:ResyncMFADevice",
                    "sts:GetSessionToken",
                ],
                "Resource": "*",
                "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
            },
        ],
    },
    "trust": {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                "Action": "sts:AssumeRole",
                "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
            }
        ],
    },
}


def engine(account: FreshAccount, **options: Any) -> SetupEngine:
    return SetupEngine.for_profile(ADMIN, options_from(**options), account.env)


def _seed_names(account_id: str) -> Names:
    return Names(SetupOptions(), Account(account_id=account_id, partition="aws"))


# -- the documents -------------------------------------------------------------------------
def test_embedded_seed_documents_match_the_article() -> None:
    if not SEED_FILE.exists():
        pytest.skip("the seed article is not beside this checkout")
    text = SEED_FILE.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    found = []
    for m in re.finditer(r"^\{", text, re.MULTILINE):
        found.append(decoder.raw_decode(text[m.start() :])[0])
    assert found == [
        SEED_DOCUMENTS["assume"],
        SEED_DOCUMENTS["credentials"],
        SEED_DOCUMENTS["trust"],
    ]


def test_rendered_documents_equal_the_seed_statement_for_statement() -> None:
    assume = render(_seed_names("795662168298")).assume_policy
    credentials = render(_seed_names("795662168298")).credentials_policy
    trust = render(_seed_names("123456789012")).trust_policy
    for rendered, seed in (
        (assume, SEED_DOCUMENTS["assume"]),
        (credentials, SEED_DOCUMENTS["credentials"]),
        (trust, SEED_DOCUMENTS["trust"]),
    ):
        assert rendered["Version"] == seed["Version"]
        assert len(rendered["Statement"]) == len(seed["Statement"])
        for mine, theirs in zip(rendered["Statement"], seed["Statement"], strict=True):
            assert mine == theirs  # exactly, not just equivalent


def test_rendering_follows_partition_account_role_and_options() -> None:
    names = Names(
        SetupOptions(role_name="Ops", allow_source_identity=True, allow_session_tags=True),
        Account(account_id="111122223333", partition="aws-cn"),
    )
    docs = render(names)
    text = json.dumps(docs.as_dict())
    assert "arn:aws:" not in text and "795662168298" not in text
    assert docs.assume_policy["Statement"][0]["Resource"] == "arn:aws-cn:iam::111122223333:role/Ops"
    assert (
        docs.trust_policy["Statement"][0]["Principal"]["AWS"] == "arn:aws-cn:iam::111122223333:root"
    )
    for doc in (docs.assume_policy, docs.trust_policy):
        assert doc["Statement"][0]["Action"] == [
            "sts:AssumeRole",
            "sts:SetSourceIdentity",
            "sts:TagSession",
        ]
        assert doc["Statement"][0]["Condition"] == {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
    # the IAM policy variable is left for IAM
    assert "${aws:username}" in json.dumps(docs.credentials_policy)


def _parliament_findings(doc: dict[str, Any], trust: bool = False) -> list[str]:
    with warnings.catch_warnings():  # parliament leaves its data files open at import
        warnings.simplefilter("ignore", ResourceWarning)
        from parliament import analyze_policy_string
    policy = analyze_policy_string(
        json.dumps(doc), ignore_private_auditors=True, include_community_auditors=False
    )
    ignored = {"RESOURCE_POLICY_PRIVILEGE_ESCALATION"}
    return [f"{f.issue}: {f.detail}" for f in policy.findings if f.issue not in ignored]


@pytest.mark.parametrize("extra", [False, True])
def test_generated_policies_pass_parliament(extra: bool) -> None:
    names = Names(
        SetupOptions(allow_source_identity=extra, allow_session_tags=extra),
        Account(account_id="111122223333", partition="aws"),
    )
    docs = render(names)
    assert _parliament_findings(docs.assume_policy) == []
    assert _parliament_findings(docs.credentials_policy) == []
    # parliament reads identity policies: the trust policy's implied resource is the role
    trust = json.loads(json.dumps(docs.trust_policy))
    for st in trust["Statement"]:
        st.pop("Principal")
        st["Resource"] = names.role_arn
    assert _parliament_findings(trust) == []


def _cfn_lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    run = "import sys; from cfnlint.runner import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", run, *map(str, paths)], capture_output=True, text=True, timeout=60
    )


def test_template_and_export_pass_cfn_lint(tmp_path: Path) -> None:
    from elevate_tray.cli import setup_commands as cli
    from elevate_tray.setup.resources import resource_path

    out = tmp_path / "setup.yaml"
    args = _args(
        "export-cloudformation",
        "--output",
        str(out),
        "--group",
        "Ops",
        "--admin-policy-arn",
        "PowerUserAccess",
        "--max-session-duration",
        "7200",
        "--member",
        "bob",
        "--member",
        "carol",
        "--allow-session-tags",
    )
    assert cli.run(args, environ={}, out=io.StringIO(), stdin=io.StringIO()) == 0
    text = out.read_text()
    assert '    Default: "Ops"' in text and "    Default: 7200" in text
    assert '    Default: "bob,carol"' in text and '    Default: "PowerUserAccess"' in text
    result = _cfn_lint(
        resource_path("provisioning", "cloudformation", "elevate-tray-setup.yaml"), out
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _args(*argv: str) -> Any:
    import argparse

    from elevate_tray.cli import setup_commands as cli

    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["setup", *argv])


# -- plan and apply ------------------------------------------------------------------------
def test_fresh_account_apply_then_second_apply_changes_nothing(fresh_account: FreshAccount) -> None:
    e = engine(fresh_account)
    plan = e.plan()
    assert [s.action for s in plan.steps] == ["create"] * 8
    assert all(s.diff for s in plan.steps if s.document)  # every document is shown
    result = e.apply(plan)
    assert len(result.done) == 8 and result.again.changes == []
    again = e.apply()
    assert again.done == []

    iam = fresh_account.iam
    group = iam.get_group(GroupName="ReadOnlyUsers")["Group"]
    assert group["Path"] == GROUP_PATH
    attached = {
        p["PolicyName"]
        for p in iam.list_attached_group_policies(GroupName="ReadOnlyUsers")["AttachedPolicies"]
    }
    assert attached == {
        "ReadOnlyAccess",
        "AssumeAdminRolePolicy",
        "ManageOwnCredentialsWithMFAPolicy",
    }
    role = iam.get_role(RoleName="AdminRole")["Role"]
    assert role["MaxSessionDuration"] == 3600
    assert {"Key": "elevate-tray:managed", "Value": "true"} in role["Tags"]
    assert same_document(role["AssumeRolePolicyDocument"], e.plan().documents.trust_policy)


def test_members_are_added_and_options_change_the_role(fresh_account: FreshAccount) -> None:
    fresh_account.add_user("bob")
    e = engine(
        fresh_account,
        members=("bob",),
        max_session_duration=7200,
        admin_policy="PowerUserAccess",
        allow_source_identity=True,
    )
    e.apply()
    iam = fresh_account.iam
    assert [u["UserName"] for u in iam.get_group(GroupName="ReadOnlyUsers")["Users"]] == ["bob"]
    assert iam.get_role(RoleName="AdminRole")["Role"]["MaxSessionDuration"] == 7200
    assert [
        p["PolicyName"]
        for p in iam.list_attached_role_policies(RoleName="AdminRole")["AttachedPolicies"]
    ] == ["PowerUserAccess"]
    status = {m.user: m for m in e.member_status()}
    assert status["bob"].in_group and not status["bob"].has_mfa


def test_unknown_member_is_refused_before_anything_changes(fresh_account: FreshAccount) -> None:
    from elevate_tray.core.errors import ConfigError

    with pytest.raises(ConfigError, match="no IAM user nobody"):
        engine(fresh_account, members=("nobody",)).apply()
    assert fresh_account.iam.list_roles()["Roles"] == []


def test_drift_is_reported_and_repaired(fresh_account: FreshAccount) -> None:
    e = engine(fresh_account)
    e.apply()
    iam = fresh_account.iam
    trust = iam.get_role(RoleName="AdminRole")["Role"]["AssumeRolePolicyDocument"]
    del trust["Statement"][0]["Condition"]  # someone "simplified" it by hand
    iam.update_assume_role_policy(RoleName="AdminRole", PolicyDocument=json.dumps(trust))
    iam.update_role(RoleName="AdminRole", MaxSessionDuration=3600 * 2)
    iam.detach_group_policy(GroupName="ReadOnlyUsers", PolicyArn=e.names.credentials_policy_arn)

    findings = e.doctor()
    risks = [f.message for f in findings if f.level == "risk"]
    assert any("without MFA" in m and "MultiFactorAuthPresent" in m for m in risks)
    drift = {f.subject for f in findings if f.level == "drift"}
    assert drift == {
        "AdminRole trust policy",
        "AdminRole",
        "ReadOnlyUsers + ManageOwnCredentialsWithMFAPolicy",
    }

    plan = e.plan()
    update = next(s for s in plan.changes if s.kind == "trust-policy")
    assert re.search(r'^\+\s+"Condition": \{$', update.diff, re.MULTILINE)
    e.apply(plan)
    assert e.plan().changes == [] and [f.level for f in e.doctor()] == ["note"]  # CloudTrail


def test_policy_update_keeps_at_most_five_versions(fresh_account: FreshAccount) -> None:
    e = engine(fresh_account)
    e.apply()
    arn = e.names.assume_policy_arn
    iam = fresh_account.iam
    for n in range(4):  # fill up to five versions, the last one drifted
        doc = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": "sts:AssumeRole",
                    "Resource": f"arn:aws:iam::123456789012:role/X{n}",
                }
            ],
        }
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(doc), SetAsDefault=True)
    assert len(iam.list_policy_versions(PolicyArn=arn)["Versions"]) == 5
    assert [s.kind for s in e.plan().changes] == ["policy"]
    e.apply()
    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    assert len(versions) == 5 and "v1" not in {v["VersionId"] for v in versions}
    assert e.plan().changes == []


def _fail_on_call(number: int) -> Any:
    """A botocore hook that makes the number-th mutating IAM call fail like AWS would."""
    from botocore.exceptions import ClientError

    seen = {"n": 0}

    def hook(model: Any, **kwargs: Any) -> None:
        if model.name.startswith(("Get", "List")):
            return
        seen["n"] += 1
        if seen["n"] == number:
            raise ClientError(
                {"Error": {"Code": "ServiceFailure", "Message": "Injected failure."}}, model.name
            )

    return hook


def test_failure_at_any_step_then_apply_again_converges(fresh_account: FreshAccount) -> None:
    # one account for all nine cases (a reset costs a second): each case ends in teardown,
    # which leaves the account as fresh as it was (see the teardown tests)
    fresh_account.add_user("bob")
    for failing_step in range(1, 10):
        e = engine(fresh_account, members=("bob",))
        e.iam.meta.events.register("before-call.iam.*", _fail_on_call(failing_step))
        with pytest.raises(StepFailed) as failed:
            e.apply()
        assert failed.value.index == failing_step
        assert f"Step {failing_step} of 9" in failed.value.sentence
        assert "run the same setup again" in failed.value.sentence
        again = engine(fresh_account, members=("bob",))
        assert len(again.plan().changes) == 9 - failing_step + 1
        result = again.apply()
        assert result.again.changes == []
        assert [f.level for f in again.doctor()] == ["risk", "note"]  # bob has no MFA device yet
        again.teardown()
        assert again.plan().changes == again.plan().steps  # all created again next time


# -- teardown ------------------------------------------------------------------------------
def test_teardown_removes_only_what_setup_created(fresh_account: FreshAccount) -> None:
    iam = fresh_account.iam
    # the admin already had a group of that name, with a member and a policy, and a role
    iam.create_group(GroupName="ReadOnlyUsers")
    fresh_account.add_user("bob")
    iam.add_user_to_group(GroupName="ReadOnlyUsers", UserName="bob")
    iam.attach_group_policy(
        GroupName="ReadOnlyUsers", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess"
    )
    iam.create_role(
        RoleName="Deployer", AssumeRolePolicyDocument=json.dumps(SEED_DOCUMENTS["trust"])
    )
    fresh_account.add_user("carol")

    refused = engine(fresh_account, members=("carol",)).plan()  # the group is not ours
    assert {s.adopt_name for s in refused.needs_adoption()} == {"ReadOnlyUsers"}
    e = engine(fresh_account, members=("carol",), adopt=("ReadOnlyUsers",), accept_widening=True)
    plan = e.plan()
    assert any("bob" in w for _, w in plan.widenings())  # an existing member, by name
    e.apply(plan)
    teardown = e.teardown_plan()
    assert [(s.action, s.kind) for s in teardown.steps] == [
        ("delete", "policy"),
        ("delete", "policy"),
        ("update", "group"),
        ("delete", "role"),
    ]
    e.teardown(teardown)

    assert [r["RoleName"] for r in iam.list_roles()["Roles"]] == ["Deployer"]
    assert iam.list_policies(Scope="Local")["Policies"] == []
    group = iam.get_group(GroupName="ReadOnlyUsers")
    assert {u["UserName"] for u in group["Users"]} == {"bob"}  # carol was the setup's
    assert [
        p["PolicyName"]
        for p in iam.list_attached_group_policies(GroupName="ReadOnlyUsers")["AttachedPolicies"]
    ] == ["ReadOnlyAccess"]
    assert e.teardown_plan().changes == []


def test_teardown_of_a_created_setup_leaves_an_empty_account(fresh_account: FreshAccount) -> None:
    fresh_account.add_user("bob")
    e = engine(fresh_account, members=("bob",))
    e.apply()
    e.teardown()
    iam = fresh_account.iam
    assert iam.list_groups()["Groups"] == [] and iam.list_roles()["Roles"] == []
    assert iam.list_policies(Scope="Local")["Policies"] == []
    assert iam.get_user(UserName="bob")["User"]["UserName"] == "bob"  # users are never deleted
