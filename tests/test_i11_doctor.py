"""Issue 11, item 5: `setup doctor` evaluates the trust policy and the setup's policies over
callers and MFA contexts (no longer matching patterns), checks durations and the role's
inline-policy quota, and notes the CloudTrail console-sign-in alarm. Through the CLI against
a fresh sandbox account."""

from __future__ import annotations

import json
from typing import Any

import pytest

from elevate_tray.core.awsconfig_writer import set_profile_values
from tests.test_setup_support import (  # noqa: F401  (fixtures)
    ADMIN,
    FreshAccount,
    fresh_account_fixture,
    run_cli,
)

ROLE = "AdminRole"


def doctor(account: FreshAccount, *extra: str) -> tuple[int, str]:
    code, out, err = run_cli(
        account.env, account.sandbox.clock, "setup", "doctor", "--profile", ADMIN, *extra
    )
    return code, out + err


def set_up(account: FreshAccount, *extra: str) -> None:
    code, out, err = run_cli(
        account.env, account.sandbox.clock, "setup", "apply", "--profile", ADMIN, "--yes", *extra
    )
    assert code == 0, out + err


def trust(principal: Any, condition: dict[str, Any] | None, sid: str = "") -> str:
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": principal,
        "Action": "sts:AssumeRole",
    }
    if sid:
        statement["Sid"] = sid
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


MFA = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}


def risky_documents(account_id: str) -> list[tuple[str, str, str]]:
    """(trust document, the statement doctor must name, the caller it must name)."""
    root = f"arn:aws:iam::{account_id}:root"
    return [
        (
            trust(
                {"AWS": root},
                {"NumericLessThanIfExists": {"aws:MultiFactorAuthAge": "3600"}},
                "RecentMfaIfAny",
            ),
            "statement RecentMfaIfAny lets principals assume AdminRole without MFA",
            f"a user of this account ({account_id}) is admitted with "
            "aws:MultiFactorAuthPresent false, aws:MultiFactorAuthAge absent",
        ),
        (
            trust({"AWS": ["*"]}, MFA),
            "statement 1 lets a principal of another account (111111111111) assume AdminRole",
            f"trust only principals of this account ({account_id})",
        ),
        (
            trust({"AWS": ["*"]}, MFA),
            "statement 1 lets an anonymous caller assume AdminRole",
            f"trust only principals of this account ({account_id})",
        ),
        (
            trust({"AWS": "arn:aws:iam::999988887777:root"}, MFA, "Partner"),
            "statement Partner lets a principal of another account (999988887777) assume AdminRole",
            f"trust only principals of this account ({account_id})",
        ),
    ]


def test_each_risky_trust_policy_is_a_risk_naming_its_statement_and_caller(
    fresh_account: FreshAccount,
) -> None:
    set_up(fresh_account)
    iam = fresh_account.iam
    original = json.dumps(iam.get_role(RoleName=ROLE)["Role"]["AssumeRolePolicyDocument"])
    assert doctor(fresh_account)[0] == 0
    for document, statement, caller in risky_documents(fresh_account.account_id):
        iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=document)
        code, out = doctor(fresh_account)
        assert code == 8, (document, out)
        risks = [line for line in out.splitlines() if line.strip().startswith("risk")]
        assert any(statement in line and caller in line for line in risks), (document, out)

    # a safe document that differs from the model: drift, not a risk
    safe = trust(
        {"AWS": f"arn:aws:iam::{fresh_account.account_id}:root"},
        {**MFA, "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}},
        "MfaWithinAnHour",
    )
    iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=safe)
    code, out = doctor(fresh_account)
    assert code == 7, out
    assert (
        out.rstrip()
        .splitlines()[-1]
        .endswith("1 difference(s) from the model and 0 risk(s) found.")
    )

    iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=original)
    code, out = doctor(fresh_account)
    assert code == 0, out
    assert out.rstrip().splitlines()[-1] == "doctor: the setup matches the model; no risks found."


@pytest.mark.parametrize(
    "condition",
    [
        {"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}},  # long-term keys pass
        {
            "Bool": {"aws:MultiFactorAuthPresent": "true"},
            "IpAddress": {"aws:SourceIp": "1.2.3.0/24"},
        },
    ],
)
def test_an_allow_that_needs_no_mfa_for_some_caller_is_a_risk(
    fresh_account: FreshAccount, condition: dict[str, Any]
) -> None:
    set_up(fresh_account)
    root = f"arn:aws:iam::{fresh_account.account_id}:root"
    document = json.loads(trust({"AWS": root}, MFA, "WithMfa"))
    document["Statement"].append(
        json.loads(trust({"AWS": root}, condition, "Loose"))["Statement"][0]
    )
    fresh_account.iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=json.dumps(document))
    code, out = doctor(fresh_account)
    if "IpAddress" in condition:  # MFA is required: the IP range narrows, never widens
        assert code == 7, out
        assert "lets principals assume" not in out
    else:
        assert code == 8, out
        assert "statement Loose lets principals assume AdminRole without MFA" in out
        assert "statement WithMfa" not in out


def test_the_groups_assume_role_policy_without_mfa_is_a_risk(fresh_account: FreshAccount) -> None:
    set_up(fresh_account)
    iam = fresh_account.iam
    arn = f"arn:aws:iam::{fresh_account.account_id}:policy/AssumeAdminRolePolicy"
    version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
    document = iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"]
    if isinstance(document, str):
        document = json.loads(document)
    for st in document["Statement"]:
        st.pop("Condition", None)
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(document), SetAsDefault=True)
    code, out = doctor(fresh_account)
    assert code == 8, out
    assert "of AssumeAdminRolePolicy lets the group's members assume AdminRole without MFA" in out


def test_a_target_asking_more_than_the_roles_max_is_reported(fresh_account: FreshAccount) -> None:
    set_up(fresh_account, "--target", "prod")
    assert doctor(fresh_account)[0] == 0
    set_profile_values(fresh_account.config_file, "prod", {"duration_seconds": "5400"})
    code, out = doctor(fresh_account)
    assert code == 8, out
    assert (
        "profile prod (duration_seconds) asks for 5400 s but the role allows at most 3600 s" in out
    )


def test_revoke_statements_near_the_inline_quota_are_reported(fresh_account: FreshAccount) -> None:
    set_up(fresh_account)
    iam = fresh_account.iam
    arn = f"arn:aws:iam::{fresh_account.account_id}:role/{ROLE}"

    def revoke(n: int, users: int) -> str:
        return json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": f"Revoke{n}x{i}",
                        "Effect": "Deny",
                        "Action": "*",
                        "Resource": "*",
                        "Condition": {
                            "DateLessThan": {"aws:TokenIssueTime": "2026-12-01T10:00:00Z"},
                            "StringLike": {"aws:userid": f"AROAEXAMPLE:user{n}-{i}"},
                        },
                    }
                    for i in range(users)
                ],
            }
        )

    iam.put_role_policy(RoleName=ROLE, PolicyName="revoke-1", PolicyDocument=revoke(1, 20))
    code, out = doctor(fresh_account)
    assert code == 0, out  # about 3,600 characters: far from the quota
    iam.put_role_policy(RoleName=ROLE, PolicyName="revoke-2", PolicyDocument=revoke(2, 26))
    code, out = doctor(fresh_account)
    assert code == 8, out
    assert f"the inline policies of {ROLE} (revoked sessions) hold" in out
    assert "of the 10,240 non-whitespace characters IAM allows a role" in out
    assert arn  # the role is the subject


def test_doctor_notes_the_console_sign_in_alarm_without_calling_it_a_risk(
    fresh_account: FreshAccount,
) -> None:
    set_up(fresh_account)
    code, out = doctor(fresh_account)
    assert code == 0, out
    note = next(line for line in out.splitlines() if line.strip().startswith("note"))
    assert "mfaAuthenticated: false" in note
    assert "userIdentity.sessionContext.sessionIssuer.arn is " in note
    assert f"arn:aws:iam::{fresh_account.account_id}:role/{ROLE}" in note
    code, out = doctor(fresh_account, "--json")
    assert code == 0
    assert [f["level"] for f in json.loads(out)] == ["note"]


@pytest.mark.parametrize("kind", ["named user", "NotPrincipal"])
def test_a_named_user_or_a_not_principal_without_mfa_is_a_risk(
    fresh_account: FreshAccount, kind: str
) -> None:
    set_up(fresh_account)
    fresh_account.add_user("carol")
    acct = fresh_account.account_id
    statement: dict[str, Any] = {"Sid": "Odd", "Effect": "Allow", "Action": "sts:AssumeRole"}
    if kind == "named user":
        statement["Principal"] = {"AWS": f"arn:aws:iam::{acct}:user/carol"}
    else:
        statement["NotPrincipal"] = {"AWS": "arn:aws:iam::999988887777:root"}
    document = {"Version": "2012-10-17", "Statement": [statement]}
    fresh_account.iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=json.dumps(document))
    code, out = doctor(fresh_account)
    assert code == 8, out
    assert "statement Odd lets principals assume AdminRole without MFA" in out
    if kind == "NotPrincipal":  # everyone but one account: the rest of the world too
        assert "statement Odd lets an anonymous caller assume AdminRole" in out
