"""`setup org doctor`'s answer: one table row per member account, then what was found."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from ..core.errors import ConfigError, Phrase
from ..setup.model import Account
from ..setup.org_doctor import (
    AccountReport,
    MemberAccount,
    OrgDoctorOptions,
    diagnose_accounts,
    exit_code,
    role_arn,
)
from ..setup.org_engine import OrgEngine
from ..setup.profile import asked_durations
from .role_code import isatty

HEADERS = ("ACCOUNT", "NAME", "OU", "ADMIN ROLE", "TRUST", "MAX SESSION", "RESULT")


def _row(r: AccountReport) -> tuple[str, ...]:
    return (
        r.account.account_id,
        r.account.name or "-",
        r.account.ou_name or "-",
        r.admin_role or ("unreachable" if not r.reached else "-"),
        r.trust or "-",
        f"{r.max_session} s" if r.max_session else "-",
        r.verdict,
    )


def table_lines(reports: Sequence[AccountReport]) -> list[str]:
    rows = [HEADERS, *(_row(r) for r in reports)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def print_reports(
    identity: Account, reports: Sequence[AccountReport], out: TextIO, as_json: bool = False
) -> int:
    """Prints the table (or JSON) and returns the doctor's exit code (0, 7 drift, 8 risk)."""
    code = exit_code(reports)
    if as_json:
        data = {
            "identity_account": identity.account_id,
            "accounts": [r.as_dict() for r in reports],
            "exit_code": code,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False), file=out)
        return code
    print(
        f"Checked {len(reports)} member account(s) from the identity account "
        f"{identity.account_id}:",
        file=out,
    )
    for line in table_lines(reports):
        print(f"  {line}", file=out)
    for r in reports:
        for f in r.findings:
            print(f"  {f.level:<5} {r.account.account_id}: {f.message}", file=out)
    counts = {level: sum(1 for r in reports if r.verdict == level) for level in ("risk", "drift")}
    if code == 0:
        print("doctor: every member account matches the model.", file=out)
    else:
        print(
            f"doctor: {counts['risk']} account(s) at risk, {counts['drift']} with drift "
            f"(exit {code}).",
            file=out,
        )
    return code


def run_org_doctor(
    engine: OrgEngine,
    *,
    mfa_code: str | None,
    json_output: bool,
    out: TextIO,
    stdin: TextIO,
) -> int:
    """The chosen OUs' accounts (from the org profile), then each one checked from the
    identity profile with one MFA code: --mfa-code, else asked on the terminal."""
    state = engine.observe()
    options = engine.identity.options
    environ = engine.identity.environ
    partition = engine.identity.account.partition
    asked = {
        a.id: asked_durations(role_arn(partition, a.id, options.role_name), environ)
        for a in state.accounts
    }
    members = [MemberAccount(a.id, a.name, a.ou_name) for a in state.accounts]
    opts = OrgDoctorOptions(options.role_name, options.readonly_role_name, asked)

    def ask(serial: str) -> str:
        if mfa_code:
            return mfa_code
        if not isatty(stdin):
            raise ConfigError(
                Phrase(
                    "The doctor needs one MFA code of {serial} (the identity profile's "
                    "device) and there is no terminal to ask for it; pass --mfa-code 123456.",
                    serial=serial,
                )
            )
        print(f"MFA code for {serial}: ", end="", file=out, flush=True)
        return stdin.readline().strip()

    identity, reports = diagnose_accounts(engine.identity.session, members, ask, opts)
    return print_reports(identity, reports, out, json_output)
