"""The sandbox: a local AWS double (moto for IAM/STS state, plus our enforcement of MFA codes,
durations, trust policies, IAM policies, expiry and the federation sign-in endpoint).

Installed with the `sandbox` extra; nothing here is imported by the packaged app, and moto
is imported only when a name below is first used.
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
