"""The console: a fresh sign-in URL for a live admin session, opened or handed back.

Also the one rule for a live session whose credentials are gone: the state said "admin"
but the secret store no longer has its keys. Then the session is ended here (never
"admin" in the tray with nothing behind it) and one sentence says to elevate again. A
secret store that cannot be opened is another matter: it raises its own sentence and the
session stays, since its keys may well still be there.
"""

from __future__ import annotations

from ..core.browser import open_url
from ..core.context import AppContext
from ..core.errors import NotElevated, Phrase
from ..core.sessions import Credentials, ElevatedSession
from ..core.signin import FederationClient, SigninUrl, federation_endpoint, logout_url
from .elevate import console_url


def live_credentials(ctx: AppContext, session: ElevatedSession, via: str = "cli") -> Credentials:
    """The session's credentials, or the one "credentials are gone" behaviour."""
    creds = ctx.store.credentials(session)
    if creds is not None:
        return creds
    ctx.store.end(session.key, "dropped", via=via, only=session)
    raise NotElevated(
        Phrase(
            "The admin session for {target} has lost its credentials (they are no longer in "
            "the secret store), so it was ended here; elevate again.",
            target=session.target,
        )
    )


def signin_url(
    ctx: AppContext,
    session: ElevatedSession,
    credentials: Credentials | None = None,
    federation: FederationClient | None = None,
    via: str = "cli",
) -> SigninUrl:
    creds = credentials or live_credentials(ctx, session, via)
    return console_url(ctx, session, creds, federation)


def open_console(
    ctx: AppContext,
    session: ElevatedSession,
    credentials: Credentials | None = None,
    federation: FederationClient | None = None,
    via: str = "cli",
) -> None:
    """Sign in and open the console in the browser (core.browser.BrowserUnavailable when
    there is none: the caller says what to do instead)."""
    url = signin_url(ctx, session, credentials, federation, via)
    open_url(url, ctx.settings.browser_command)


def log_out(ctx: AppContext, session: ElevatedSession) -> None:
    """Open the console's logout page (the "log out at drop" setting)."""
    endpoint = federation_endpoint(session.partition, session.region, ctx.environ)
    open_url(logout_url(endpoint), ctx.settings.browser_command)
