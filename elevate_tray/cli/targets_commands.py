"""`targets` (the list) and `targets sync` (profiles from the organization's account list)."""

from __future__ import annotations

import argparse

from ..core.context import AppContext
from ..core.sessions import Credentials
from ..flows import org_session, targets_sync
from .console import Console


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    s = sub.add_parser("targets", help="list targets (role profiles) found in the AWS config")
    s.add_argument("--json", action="store_true", help="print them as JSON")
    s.add_argument("--all", action="store_true", help="include targets hidden in settings")
    actions = s.add_subparsers(
        dest="targets_action",
        metavar="ACTION",
        parser_class=type(s),
        help="sync: write the organization's targets (without an action: list the targets)",
    )
    sync = actions.add_parser(
        "sync",
        help="write one role profile per account of your organization's published account "
        "list (read with your read-only MFA session); remove those of accounts no longer listed",
    )
    sync.add_argument(
        "--profile",
        "-p",
        metavar="SOURCE",
        help="the profile with your IAM user's keys in the identity account; default: the "
        "targets' source profile, or the only profile that is no role profile",
    )
    sync.add_argument(
        "--code",
        metavar="123456",
        help="an MFA code for the read-only session, when none is live (asked for otherwise)",
    )
    sync.add_argument("--json", action="store_true", help="print what changed as JSON")


def cmd_targets(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    if getattr(args, "targets_action", None) == "sync":
        return cmd_sync(args, ctx, con)
    targets = ctx.targets(include_hidden=args.all)
    if args.json:
        con.json([t.as_dict() | _org(t.prefs) for t in targets])
        return 0
    if not targets:
        con.out(
            f"No targets in {ctx.aws_config.config_file}: a target is a profile with role_arn "
            "and source_profile (see README), or set one up with `elevate-tray setup plan`, "
            "or `elevate-tray targets sync` in an organization."
        )
        return 0
    rows = [("TARGET", "ROLE", "REGION", "MFA DEVICE")]
    for t in targets:
        problem = str(t.problem)
        mfa = t.mfa_serial or "(discovered at elevation)"
        rows.append((t.name, t.role_arn, t.region, f"PROBLEM: {problem}" if problem else mfa))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        con.out("  ".join(c.ljust(w) for c, w in zip(r[:3], widths, strict=True)) + "  " + r[3])
    return 0


def _org(prefs: object) -> dict[str, object]:
    from ..core.settings import TargetSettings

    assert isinstance(prefs, TargetSettings)
    if not prefs.organization:
        return {}
    return {
        "organization": prefs.organization,
        "account_name": prefs.account_name,
        "ou": prefs.account_ou,
        "ou_name": prefs.ou_name,
        "readonly_role_arn": prefs.readonly_role_arn,
    }


def cmd_sync(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    from ..core.totp import normalise_code
    from ..flows import org_session

    given = normalise_code(args.code) if args.code is not None else None  # before any call
    who = org_session.reader(ctx, org_session.source_profile(ctx, args.profile))
    creds = identity_readonly(ctx, con, who, given)
    result = targets_sync.sync(ctx, who, creds)
    if args.json:
        con.json(result.as_dict())
        return 0
    for note in result.notes:
        con.say(str(note))
    source = (
        f"accounts read live from the organization; list published {result.published}"
        if result.source == targets_sync.ORGANIZATION
        else f"list published {result.published}"
    )
    con.out(
        f"Organization {result.organization}, identity account {result.identity_account} "
        f"({source}): {len(result.targets)} accounts."
    )
    for verb, names in (
        ("added", result.added),
        ("updated", result.updated),
        ("removed", result.removed),
    ):
        for name in names:
            con.out(f"  {verb}: {name}")
    if not (result.added or result.updated or result.removed):
        con.out(f"  no change: the profiles in {ctx.aws_config.config_file} already match.")
    else:
        con.out(f"  in {ctx.aws_config.config_file}")
    return 0


def identity_readonly(
    ctx: AppContext, con: Console, who: org_session.Reader, given: str | None
) -> Credentials:
    """The identity account's read-only MFA session: the live one, else one the tray's
    dialog started (for a plain target), else one started with a code as `credentials
    --readonly` gets it (--code, kept secret, mfa_process, the terminal)."""
    from ..flows import credentials as credentials_flow
    from .prompting import codes as _codes

    creds = org_session.live_readonly(ctx, who)  # a live session first, as `credentials`
    if creds is None and given is None and who.is_target:
        document = credentials_flow.from_tray(ctx, who.target.name, readonly=True)
        creds = org_session.brokered(document) if document else None
    if creds is not None:
        return creds
    serial = ctx.elevator(who.target).mfa_serial()[0]
    codes = _codes(ctx, con, who.target, serial, given)
    if given is None and not ctx.totp_secret(serial) and who.target.mfa_process is not None:
        con.say(
            f"Getting the MFA code from the mfa_process of profile "
            f"'{who.target.mfa_process.profile}' (touch your security key if it asks)."
        )
    return credentials_flow.start_readonly(ctx, who.target, codes).credentials


def member_credentials(args: argparse.Namespace, ctx: AppContext, con: Console) -> int | None:
    """`credentials --readonly` for an organization's target: its account's ReadOnlyRole,
    chained from the identity account's read-only MFA session (None: not such a target)."""
    from ..core.errors import ElevateError
    from ..core.totp import normalise_code

    try:
        target = ctx.target(args.target)
    except ElevateError:
        return None  # the usual path says why
    if not org_session.is_member(target):
        return None
    given = normalise_code(args.code) if args.code is not None else None
    who = org_session.reader(ctx, target.source_profile)
    identity = identity_readonly(ctx, con, who, given)
    con.out(org_session.member_readonly(ctx, target, identity).process_json())
    return 0
