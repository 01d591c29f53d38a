"""`credentials`: which session answers, and starting the read-only MFA session.

The choice of session is core/choice.py's rule, the same one the credential fast path
applies to the state file, so a terminal gets the same answer whichever path served it.
"""

from __future__ import annotations

from ..core.context import AppContext
from ..core.elevation import Elevation
from ..core.errors import ElevateError, NotElevated, Phrase
from ..core.sessions import Credentials, ElevatedSession
from ..core.targets import Target
from .codes import Codes
from .console import live_credentials


def answering(ctx: AppContext, target: str | None, readonly: bool) -> ElevatedSession | None:
    """The live session that answers `credentials [--target T] [--readonly]`, if any."""
    if target:
        ctx.target(target)  # a name that is no target gets its own sentence
    return ctx.store.answering(target, readonly, ctx.environ.get("AWS_PROFILE"))


def admin_credentials(ctx: AppContext, target: str | None, via: str = "cli") -> Credentials:
    session = answering(ctx, target, readonly=False)
    if session is None and target:
        raise NotElevated(
            Phrase(
                "Not elevated for {target}: there is no admin session for it. Elevate with "
                "the tray or `elevate-tray elevate --target {target}`.",
                target=target,
            )
        )
    if session is None:
        raise NotElevated(
            "Not elevated: there is no admin session. Elevate with the tray or "
            "`elevate-tray elevate`."
        )
    return live_credentials(ctx, session, via)


def readonly_session(ctx: AppContext, target: str | None) -> ElevatedSession | None:
    return answering(ctx, target, readonly=True)


def start_readonly(ctx: AppContext, target: Target, codes: Codes, via: str = "cli") -> Elevation:
    """GetSessionToken with MFA: the seed's users need it even to read from a terminal."""
    ctx.store.check_writable()
    return ctx.elevator(target).readonly_session(codes.first(), via=via)


def socket_answer(ctx: AppContext, key: str) -> dict[str, object]:
    """The tray's answer to a terminal's credentials request for the live session `key` (the
    terminal chose it by the one rule, core/choice.py): its credential_process document, or
    an error the fast path turns into falling through to the full command. Never a session
    waiting for its revocation."""
    import json

    session = ctx.store.get(key)
    try:
        creds = ctx.store.credentials(session) if session else None
    except ElevateError:
        return {"error": "unavailable"}
    if creds is None:
        return {"error": "not-elevated"}
    document: dict[str, object] = json.loads(creds.process_json())
    return {"credentials": document}
