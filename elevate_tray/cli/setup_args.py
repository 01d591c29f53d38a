"""The `elevate-tray setup` sub-command's arguments, and the options they make."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..setup.doctor import DRIFT_FOUND, RISK_FOUND
from ..setup.engine import options_from
from ..setup.model import DEFAULT_GROUP, DEFAULT_ROLE, SetupOptions
from .org_args import add_org_arguments

COMMANDS = ("plan", "apply", "doctor", "teardown", "export-cloudformation", "mfa-device", "org")
EXIT_CODES = (
    f"exit codes: 0 done (doctor: the setup matches the model); 2 usage or configuration "
    f"error; 3 MFA code rejected; 4 access denied by AWS; 5 network or endpoint failure; "
    f"doctor only: {DRIFT_FOUND} drift found (the account differs from the model), "
    f"{RISK_FOUND} risk found (also when there is drift too)."
)


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "setup",
        help="create, converge, check or remove the IAM group and admin role",
        description="The setup wizard's engine: the seed's IAM group, policies and MFA-gated "
        "admin role, from an admin profile.",
        epilog=EXIT_CODES,
    )
    p.add_argument("action", choices=COMMANDS, metavar="ACTION", help=" | ".join(COMMANDS))
    add_org_arguments(p)
    p.add_argument("--profile", help="the admin profile whose keys do the setup")
    p.add_argument("--group", help=f"IAM group name (default {DEFAULT_GROUP})")
    p.add_argument("--role", help=f"admin role name (default {DEFAULT_ROLE})")
    p.add_argument(
        "--admin-policy-arn",
        metavar="ARN",
        help="the role's permissions: AdministratorAccess (default), "
        "PowerUserAccess or a managed policy ARN",
    )
    p.add_argument(
        "--max-session-duration",
        type=int,
        metavar="SECONDS",
        help="the role's MaxSessionDuration, 3600-43200 (default 3600)",
    )
    p.add_argument(
        "--member",
        action="append",
        default=[],
        metavar="USER",
        help="an IAM user to add to the group (repeatable)",
    )
    p.add_argument(
        "--allow-source-identity",
        action="store_true",
        help="let members set sts:SourceIdentity (stronger CloudTrail audit)",
    )
    p.add_argument(
        "--allow-session-tags",
        action="store_true",
        help="let members pass session tags (the elevation's reason)",
    )
    p.add_argument(
        "--mfa-code",
        metavar="CODE",
        help="use an MFA session (needed when your own user is in the group); for a role "
        "profile with mfa_serial, the code its AssumeRole needs",
    )
    p.add_argument(
        "--target", metavar="NAME", help="the target profile apply writes (default admin-ACCOUNT)"
    )
    p.add_argument(
        "--no-target",
        action="store_true",
        help="apply: do not write a target profile into the AWS config",
    )
    p.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="export-cloudformation: write here instead of standard output",
    )
    p.add_argument(
        "--adopt",
        action="append",
        default=[],
        metavar="NAME",
        help="plan/apply: take over the existing group, role or policy NAME that this setup "
        "did not create (repeatable); its previous state is recorded and teardown puts it back",
    )
    p.add_argument(
        "--accept-widening",
        action="store_true",
        help="apply: also make the changes that widen access on adopted resources (the plan "
        "lists each one under 'widens:')",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--yes", action="store_true", help="apply/teardown without asking")


def setup_options(args: argparse.Namespace) -> SetupOptions:
    return options_from(
        group_name=args.group,
        role_name=args.role,
        admin_policy=args.admin_policy_arn,
        max_session_duration=args.max_session_duration,
        members=tuple(dict.fromkeys(args.member)) or None,
        allow_source_identity=args.allow_source_identity or None,
        allow_session_tags=args.allow_session_tags or None,
        adopt=tuple(dict.fromkeys(args.adopt)) or None,
        accept_widening=args.accept_widening or None,
    )
