"""`setup org doctor`: the member accounts' roles checked from the identity account.

One MFA code buys a read-only MFA session in the identity account (GetSessionToken); from it,
the read-only role of each member account is assumed (role chaining: at most 1 h, so the
doctor asks for 15 minutes) and the admin role is read there: it exists, its trust admits the
identity account only with MFA (the single-account doctor's policy evaluation), and its
MaxSessionDuration covers what the targets ask of it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ..core.errors import ConfigError, ElevateError, Phrase
from ..core.iampolicy.probe import ACCOUNT, trust_admissions, without_mfa
from ..core.sessions import Credentials
from .aws import AdminSession, aws_errors, caller_account, mfa_session
from .doctor import DRIFT, RISK, Finding, trust_risks
from .model import MANAGED_TAG_KEY, MANAGED_TAG_VALUE, Account

log = logging.getLogger(__name__)

CHAINED_SECONDS = 900  # role chaining caps sessions at 1 h; a doctor needs minutes
PARALLEL = 8  # accounts checked at once


@dataclass(frozen=True)
class MemberAccount:
    account_id: str
    name: str = ""
    ou_name: str = ""


@dataclass
class AccountReport:
    account: MemberAccount
    reached: bool = False  # the read-only role could be assumed
    admin_role: str = ""  # "ok", "missing", "unreadable"
    trust: str = ""  # "ok", "risk", "drift", ""
    max_session: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        levels = {f.level for f in self.findings}
        return RISK if RISK in levels else DRIFT if DRIFT in levels else "ok"

    def as_dict(self) -> dict[str, Any]:
        return {
            "account": self.account.account_id,
            "name": self.account.name,
            "ou": self.account.ou_name,
            "reached": self.reached,
            "admin_role": self.admin_role,
            "trust": self.trust,
            "max_session_duration": self.max_session,
            "verdict": self.verdict,
            "findings": [f.as_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class OrgDoctorOptions:
    admin_role: str = "AdminRole"
    readonly_role: str = "ReadOnlyRole"
    # where a duration is asked of an account's admin role: account id -> {where: seconds}
    asked: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


def role_arn(partition: str, account_id: str, name: str) -> str:
    return f"arn:{partition}:iam::{account_id}:role/{name}"


def _document(raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    parsed = json.loads(unquote(str(raw)))
    return parsed if isinstance(parsed, dict) else {}


def trust_findings(trust: Mapping[str, Any], role: str, identity: Account) -> list[Finding]:
    """Risks (someone else, or the identity account without MFA, admitted) and drift (the
    identity account not admitted with MFA at all: nobody can elevate)."""
    findings = trust_risks(dict(trust), role, identity)
    admits = [
        a
        for a in trust_admissions(dict(trust), identity.account_id, identity.partition)
        if a.caller.kind == ACCOUNT and not without_mfa(a.context)
    ]
    if not admits:
        findings.append(
            Finding(
                DRIFT,
                f"{role} trust policy",
                Phrase(
                    "the trust policy of {role} does not admit the identity account "
                    "({account}) with MFA: nobody can elevate into it.",
                    role=role,
                    account=identity.account_id,
                ),
            )
        )
    return findings


def check_admin_role(
    role: Mapping[str, Any] | None, report: AccountReport, identity: Account, opts: OrgDoctorOptions
) -> None:
    """The admin role as the read-only role sees it (None: it does not exist)."""
    name = opts.admin_role
    if role is None:
        report.admin_role = "missing"
        report.findings.append(
            Finding(
                DRIFT,
                name,
                Phrase(
                    "{role} is missing in account {account}: the StackSet has not deployed "
                    "there or it was deleted; run `setup org apply`.",
                    role=name,
                    account=report.account.account_id,
                ),
            )
        )
        return
    report.admin_role = "ok"
    trust = trust_findings(_document(role.get("AssumeRolePolicyDocument", {})), name, identity)
    levels = {f.level for f in trust}
    report.trust = RISK if RISK in levels else DRIFT if DRIFT in levels else "ok"
    report.findings += trust
    report.max_session = int(role.get("MaxSessionDuration", 3600))
    asked = opts.asked.get(report.account.account_id, {})
    for where, seconds in sorted(asked.items()):
        if seconds > report.max_session:
            report.findings.append(
                Finding(
                    RISK,
                    name,
                    Phrase(
                        "{where} asks for {seconds} s but {role} in account {account} allows "
                        "at most {most} s: elevation will be refused.",
                        where=where,
                        seconds=seconds,
                        role=name,
                        account=report.account.account_id,
                        most=report.max_session,
                    ),
                )
            )
    tags = {t.get("Key"): t.get("Value") for t in role.get("Tags", []) or []}
    if tags.get(MANAGED_TAG_KEY) != MANAGED_TAG_VALUE:
        report.findings.append(
            Finding(
                DRIFT,
                name,
                Phrase(
                    "{role} in account {account} does not carry the tag {tag}: it was not "
                    "made by the setup's StackSet.",
                    role=name,
                    account=report.account.account_id,
                    tag=f"{MANAGED_TAG_KEY}={MANAGED_TAG_VALUE}",
                ),
            )
        )


def _credentials(answer: Mapping[str, Any]) -> Credentials:
    c = answer["Credentials"]
    return Credentials(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"], c["Expiration"])


def check_account(
    session: AdminSession,
    sts: Any,
    identity: Account,
    member: MemberAccount,
    opts: OrgDoctorOptions,
) -> AccountReport:
    """`sts`: a client of the MFA session (clients are thread-safe, sessions are not)."""
    report = AccountReport(member)
    readonly = role_arn(identity.partition, member.account_id, opts.readonly_role)
    user = identity.caller_user or "doctor"
    try:
        with aws_errors(Phrase("assume {role}", role=readonly), session.name):
            answer = sts.assume_role(
                RoleArn=readonly,
                RoleSessionName=f"{user}-doctor"[:64],
                DurationSeconds=CHAINED_SECONDS,
            )
    except ElevateError as exc:
        report.findings.append(
            Finding(
                DRIFT,
                opts.readonly_role,
                Phrase(
                    "cannot read account {account} through {role}: {reason}",
                    account=member.account_id,
                    role=opts.readonly_role,
                    reason=exc.sentence,
                ),
            )
        )
        return report
    report.reached = True
    iam = session.with_credentials(_credentials(answer)).client("iam")
    import botocore.exceptions as bx

    try:
        role = iam.get_role(RoleName=opts.admin_role)["Role"]
    except bx.ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "NoSuchEntity":
            report.admin_role = "unreadable"
            with aws_errors(Phrase("read {role}", role=opts.admin_role), session.name):
                raise
        role = None
    except bx.BotoCoreError:
        with aws_errors(Phrase("read {role}", role=opts.admin_role), session.name):
            raise
    check_admin_role(role, report, identity, opts)
    return report


def mfa_serial_of(session: AdminSession) -> str:
    """The identity profile's user's MFA device, or one sentence saying it has none."""
    iam = session.client("iam")
    with aws_errors(Phrase("list your MFA devices"), session.name):
        devices = iam.list_mfa_devices().get("MFADevices", [])
    if not devices:
        raise ConfigError(
            Phrase(
                "The user of profile '{profile}' has no MFA device, and the member accounts' "
                "roles admit the identity account only with MFA; enrol one with `elevate-tray "
                "setup mfa-device --profile {profile}`.",
                profile=session.name,
            )
        )
    return str(devices[0]["SerialNumber"])


def diagnose_accounts(
    identity_session: AdminSession,
    members: Sequence[MemberAccount],
    code_for: Callable[[str], str],
    opts: OrgDoctorOptions,
) -> tuple[Account, list[AccountReport]]:
    """One MFA code (code_for(serial)), then every member account, PARALLEL at a time.

    A member that cannot be reached is a finding of its own; AWS refusing the MFA session or
    the network failing ends the run with the core's one sentence.
    """
    sts = identity_session.client("sts")
    identity = caller_account(sts, identity_session)
    serial = mfa_serial_of(identity_session)
    session = mfa_session(sts, identity_session, serial, code_for(serial))
    chained = session.client("sts")
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        reports = list(
            pool.map(lambda m: check_account(session, chained, identity, m, opts), members)
        )
    return identity, reports


def exit_code(reports: Sequence[AccountReport]) -> int:
    from .doctor import DRIFT_FOUND, RISK_FOUND

    verdicts = {r.verdict for r in reports}
    return RISK_FOUND if RISK in verdicts else DRIFT_FOUND if DRIFT in verdicts else 0
