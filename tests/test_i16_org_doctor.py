"""Issue 16, the cross-account doctor: a member account's admin role judged from the identity
account (trust, MFA, MaxSessionDuration), and the table and exit codes it ends in."""

from __future__ import annotations

import io
import json

from elevate_tray.cli.org_doctor_table import print_reports
from elevate_tray.setup.model import Account
from elevate_tray.setup.org_doctor import (
    AccountReport,
    MemberAccount,
    OrgDoctorOptions,
    check_admin_role,
    trust_findings,
)

IDENTITY = Account("111122223333", "aws", "arn:aws:iam::111122223333:user/admin")
MFA = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}


def _trust(principal: object, condition: object = MFA) -> dict[str, object]:
    statement: dict[str, object] = {
        "Effect": "Allow",
        "Principal": {"AWS": principal},
        "Action": "sts:AssumeRole",
    }
    if condition:
        statement["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [statement]}


def _role(trust: dict[str, object], max_session: int = 3600, managed: bool = True) -> dict:
    tags = [{"Key": "elevate-tray:managed", "Value": "true"}] if managed else []
    return {
        "RoleName": "AdminRole",
        "AssumeRolePolicyDocument": trust,
        "MaxSessionDuration": max_session,
        "Tags": tags,
    }


def _report(role: dict | None, asked: dict[str, int] | None = None) -> AccountReport:
    report = AccountReport(MemberAccount("222222222222", "prod-web", "Production"), reached=True)
    opts = OrgDoctorOptions(asked={"222222222222": asked or {}})
    check_admin_role(role, report, IDENTITY, opts)
    return report


def test_the_member_template_trust_is_clean() -> None:
    assert trust_findings(_trust("arn:aws:iam::111122223333:root"), "AdminRole", IDENTITY) == []
    assert _report(_role(_trust("arn:aws:iam::111122223333:root"))).verdict == "ok"


def test_a_trust_widened_to_another_account_is_a_risk() -> None:
    widened = _trust(["arn:aws:iam::111122223333:root", "arn:aws:iam::999988887777:root"])
    report = _report(_role(widened))
    assert report.verdict == "risk" and report.trust == "risk"
    assert any("999988887777" in f.message for f in report.findings)


def test_a_trust_without_mfa_is_a_risk() -> None:
    report = _report(_role(_trust("arn:aws:iam::111122223333:root", condition=None)))
    assert report.verdict == "risk"
    assert any("without MFA" in f.message for f in report.findings)


def test_a_trust_that_no_longer_admits_the_identity_account_is_drift() -> None:
    report = _report(_role(_trust("arn:aws:iam::222222222222:root")))
    assert "drift" in {f.level for f in report.findings}
    assert any("does not admit the identity account" in f.message for f in report.findings)


def test_a_missing_role_and_a_short_max_session_are_found() -> None:
    missing = _report(None)
    assert missing.verdict == "drift" and missing.admin_role == "missing"
    short = _report(_role(_trust("arn:aws:iam::111122223333:root")), {"profile org-x": 7200})
    assert short.verdict == "risk"
    assert any("7200 s" in f.message and "3600 s" in f.message for f in short.findings)


def test_the_table_and_the_exit_codes() -> None:
    ok = _report(_role(_trust("arn:aws:iam::111122223333:root")))
    risky = _report(_role(_trust("*")))
    unreachable = AccountReport(MemberAccount("444444444444", "dev-tools"))
    out = io.StringIO()
    assert print_reports(IDENTITY, [ok], out) == 0
    assert "every member account matches" in out.getvalue()
    out = io.StringIO()
    assert print_reports(IDENTITY, [ok, risky, unreachable], out) == 8
    lines = out.getvalue().splitlines()
    assert lines[1].split()[:2] == ["ACCOUNT", "NAME"]
    assert "unreachable" in out.getvalue()
    out = io.StringIO()
    assert print_reports(IDENTITY, [ok, _report(None)], out, as_json=True) == 7
    data = json.loads(out.getvalue())
    assert [a["verdict"] for a in data["accounts"]] == ["ok", "drift"]
