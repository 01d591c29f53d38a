"""The tray's blocking actions, run through the runner off the UI thread: console sign-in,
drop (and revoke), console logout, and the CLI fast path's credentials. Plain functions."""

from __future__ import annotations

import json
import shlex

from ..core.context import AppContext
from ..core.errors import NotElevated, Phrase
from ..core.sessions import ElevatedSession
from ..core.targets import Target
from .autostart import launch_command


def open_console(ctx: AppContext, session: ElevatedSession) -> None:
    from ..core.signin import ConsoleSignin, open_url

    creds = ctx.store.credentials(session)
    if creds is None:
        raise NotElevated(
            Phrase(
                "The admin session for {target} has no stored credentials; elevate again.",
                target=session.target,
            )
        )
    prefs = ctx.settings.target(session.target)
    url = ConsoleSignin(session, prefs.console_destination, ctx.environ).url(creds)
    open_url(url, ctx.settings.browser_command)


def drop(ctx: AppContext, session: ElevatedSession, revoke: bool) -> None:
    """End the session here; with revoke, first deny it in AWS with its own rights."""
    if not revoke:
        ctx.store.end(session.key, "dropped", via="tray")
        return
    from ..core.revoke import revoke as revoke_session

    creds = ctx.store.credentials(session)
    revoked = False
    try:
        if creds is not None:
            revoke_session(session, creds, ctx.clock.now())
            revoked = True
    finally:
        # even when AWS refused the revocation, this machine drops the session
        ctx.store.end(session.key, "revoked" if revoked else "dropped", via="tray")


def logout_console(ctx: AppContext, session: ElevatedSession) -> None:
    from ..core.signin import federation_endpoint, logout_url, open_url

    open_url(
        logout_url(federation_endpoint(session.partition, session.region, ctx.environ)),
        ctx.settings.browser_command,
    )


def profile_snippet(target: Target) -> str:
    command = shlex.join([*launch_command(), "credentials", "--target", target.name])
    return (
        f"[profile {target.name}-admin]\ncredential_process = {command}\nregion = {target.region}\n"
    )


def credentials_answer(ctx: AppContext, target: str | None) -> str:
    """The socket's {"op": "credentials"} answer: credential_process JSON, or an error."""
    session = ctx.store.current_admin(target or None)
    creds = ctx.store.credentials(session) if session else None
    if creds is None:
        return json.dumps({"error": "not-elevated"})
    return creds.process_json()
