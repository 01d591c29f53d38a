"""`elevate-tray setup org ACTION`'s own arguments (the setup's others are shared)."""

from __future__ import annotations

import argparse

from ..setup.model import DEFAULT_READONLY_ROLE

ORG_COMMANDS = ("plan", "apply", "publish", "doctor", "teardown")


def add_org_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "org_action",
        nargs="?",
        metavar="ORG_ACTION",
        help="with `org`: " + " | ".join(ORG_COMMANDS),
    )
    p.add_argument(
        "--org-profile",
        metavar="PROFILE",
        help="org: the management account's (or a StackSets delegated administrator's) profile",
    )
    p.add_argument(
        "--identity-profile",
        metavar="PROFILE",
        help="org: an admin profile of the identity account (where the people's users are)",
    )
    p.add_argument(
        "--ou",
        action="append",
        default=[],
        metavar="OU",
        help="org: an organizational unit (ou-...) or root (r-...) to deploy to (repeatable)",
    )
    p.add_argument(
        "--accounts",
        metavar="ID,...",
        help="org: only these accounts of the OUs (a filter; new accounts in the OUs still "
        "get the roles by auto-deployment)",
    )
    p.add_argument(
        "--readonly-role",
        metavar="NAME",
        help=f"org: the member accounts' read-only role (default {DEFAULT_READONLY_ROLE})",
    )
    p.add_argument(
        "--no-organization-read",
        action="store_true",
        help="org: do not put the organization's resource policy that lets the identity "
        "account read the OUs (then `targets sync` sees new accounts only after `setup org "
        "publish`)",
    )
