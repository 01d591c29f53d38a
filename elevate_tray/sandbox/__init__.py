"""The sandbox: a local AWS double (moto for IAM/STS state, plus our enforcement of MFA codes,
durations, trust policies, IAM policies, expiry and the federation sign-in endpoint).

Installed with the `sandbox` extra; moto is imported only when a Sandbox is created, so the
packaged app can read `facts` (sandbox.json) and dispatch the CLI without it.

By hand: `python -m elevate_tray.sandbox` (or `elevate-tray sandbox`) runs it in the
foreground and prints `export ...` lines; paste them into another terminal, then e.g.
`aws --profile sandbox iam list-users` (refused: no MFA) and
`aws --profile sandbox-admin iam list-users` (asks for the code that
`elevate-tray sandbox code` prints). Its account admin, for the setup and its wizard:
`elevate-tray setup plan --profile sandbox-account-admin --group Ops --role OpsAdmin`.
Its test-only clock (`/_sandbox/clock`) answers only the secret it writes into its home.

The organization sandbox (`Sandbox(home, organization=True)`, `elevate-tray sandbox
--organization`, the `org_sandbox` fixture): five accounts of an AWS Organization, every
request served in the caller's account, cross-account AssumeRole, Organizations, StackSets
and stacks deployed for real into each account's IAM (org_sandbox.py; provisioning/README.md
says what is emulated and what is not). `sb.org.user(name)`, `sb.org.model`,
`sb.org.hold_operations`.

In tests: the `sandbox` fixture (tests/sandbox_fixtures.py), or
`with Sandbox(tmp_path) as sb: ...` (one Sandbox per process: moto's state is global).

Long-term access keys (keys.py), knobs each back to its default at `reset()`:
- `sb.key_sessions`: "strict" (default) — a GetSessionToken/AssumeRole session (and a role
  chained from it) is refused as an invalid token (InvalidClientTokenId, 403) while the
  long-term key that obtained it is Inactive or deleted (the call that deactivates or deletes
  it still succeeds); "lenient" — sessions outlive their key. AWS does not document which.
- `sb.key_propagation_seconds` (default 0; `elevate-tray sandbox --key-propagation 10s`): a
  key made by iam:CreateAccessKey is refused as an invalid token until the sandbox clock
  reaches its creation time plus the delay in force then. Seeded keys work at once.
- Keys are dated (CreateDate) by the sandbox clock; the two-key quota is IAM's (moto's).
Faults (faults.py): `sb.fail_next("iam:CreateAccessKey", code="ServiceFailure",
message=..., status=500, times=1, after=False)` makes the next authenticated calls of that
action fail before anything happens, or (after=True) after the call was carried out, the
answer lost; `sb.faults_pending(action=None)` counts the calls still to fail. botocore
retries a 5xx or throttling error by itself: give the client no retries to see each one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .clock import SandboxClock
    from .facts import SandboxUser, SeededAccount
    from .sandbox import Sandbox

__all__ = ["Sandbox", "SandboxClock", "SandboxUser", "SeededAccount"]


def __getattr__(name: str) -> Any:
    if name == "Sandbox":
        from .sandbox import Sandbox

        return Sandbox
    if name in ("SeededAccount", "SandboxUser"):
        from . import facts

        return getattr(facts, name)
    if name == "SandboxClock":
        from .clock import SandboxClock

        return SandboxClock
    raise AttributeError(name)
