"""What `elevate-tray sandbox --organization` prints: the export lines and how to use it."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from typing import Any

from .org_model import PRODUCTION_OU


def org_export_lines(sandbox: Any, env: Mapping[str, str], other: str | None) -> list[str]:
    org = sandbox.org.model
    members = ", ".join(
        f"{a.id} {a.name} ({org.ous[a.parent].name if a.parent in org.ous else 'Root'})"
        for a in org.accounts.values()
    )
    users = sandbox.org.users
    lines = [
        f"# elevate-tray sandbox on {sandbox.endpoint_url}: a fake AWS Organization {org.id} "
        f"of five accounts: {members}; paste these lines into another terminal",
    ]
    lines += [f"export {name}={shlex.quote(value)}" for name, value in env.items()]
    if other:
        lines.append(f"# elevate-tray is {other} here: put its folder on PATH")
    lines.append(
        "# profiles: "
        + ", ".join(f"{o.profile} ({name} in {o.account_id})" for name, o in users.items())
    )
    lines.append(
        "# MFA code for alice's throwaway device: elevate-tray sandbox code "
        "(the identity admin's: elevate-tray sandbox code --user sandbox-account-admin)"
    )
    lines.append(
        "# roll the pattern out: elevate-tray setup org plan --org-profile sandbox-org-admin "
        f"--identity-profile sandbox-identity-admin --ou {PRODUCTION_OU} --member alice"
    )
    lines.append(
        "# then, as alice: elevate-tray targets sync --profile sandbox, and elevate into a "
        "member account: elevate-tray elevate --target org-prod-web"
    )
    return lines
