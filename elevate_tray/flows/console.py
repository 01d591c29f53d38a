"""The console: a fresh sign-in URL for a live admin session, handed to the user's browser.

The sign-in URL holds a token that opens the admin console, so it never goes on a command
line: a one-shot loopback hand-off (core.handoff) serves it to the user's own uid, and the
browser chosen for the target (core.browser) is given only the hand-off's address. Who
serves it: the running tray when there is one (it has the desktop and outlives the
command), else this process, which waits until the hand-off is taken or times out. Not
taken in time is the one sign that the browser did not open: the caller says so.

Also the one rule for a live session whose credentials are gone: the state said "admin"
but the secret store no longer has its keys. Then the session is ended here (never
"admin" in the tray with nothing behind it) and one sentence says to elevate again. A
secret store that cannot be opened is another matter: it raises its own sentence and the
session stays, since its keys may well still be there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core import localsocket
from ..core.browser import BrowserChoice, BrowserUnavailable, open_in
from ..core.context import AppContext
from ..core.errors import NotElevated, Phrase
from ..core.sessions import Credentials, ElevatedSession
from ..core.signin import FederationClient, SigninUrl, federation_endpoint, logout_url
from .elevate import console_url

if TYPE_CHECKING:  # http.server and friends load with the first console, not the tray
    from ..core.handoff import Handoff

TRAY_MARGIN = 10.0  # seconds the tray's answer may take beyond the hand-off's own timeout
OUTCOMES = {"taken": True, "not-taken": False}


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
    """The sign-in URL itself (`--print-url`; everything else goes through a hand-off)."""
    creds = credentials or live_credentials(ctx, session, via)
    return console_url(ctx, session, creds, federation)


@dataclass
class Opening:
    """A console sign-in given to the browser: by this process's hand-off, or the tray's."""

    target: str
    timeout: float
    handoff: Handoff | None = None
    by_tray: str = ""  # the tray's outcome: "taken", "not-taken" or "unknown"

    def wait(self) -> bool | None:
        """True once the browser took it, False when the timeout passed first, None when
        that cannot be told (a file:// hand-off, or the tray's answer was lost)."""
        if self.handoff is not None:
            return self.handoff.wait()
        return OUTCOMES.get(self.by_tray)


def not_taken(target: str, timeout: float) -> Phrase:
    """What the user is told when the browser did not take the sign-in in time."""
    return Phrase(
        "The browser did not open the AWS console for {target} within {seconds} s; run "
        "`elevate-tray console --print-url` and open the URL yourself, or choose another "
        "browser for {target} in Settings.",
        target=target,
        seconds=round(timeout),
    )


def hand_off(
    ctx: AppContext,
    target: str,
    url: str,
    on_done: Callable[[bool | None], None] | None = None,
) -> Handoff:
    """Serve `url` once to the user's own browser and open the target's browser on it."""
    from ..core.handoff import serve

    try:
        handoff = serve(
            url,
            timeout=float(ctx.settings.handoff_timeout),
            runtime_dir=ctx.dirs.runtime,
            on_done=on_done,
        )
    except OSError as exc:  # no loopback port to listen on, or no folder for the page
        raise BrowserUnavailable(
            Phrase(
                "The console sign-in could not be handed to the browser ({error}).",
                error=exc.strerror or type(exc).__name__,
            )
        ) from None
    try:
        _open(ctx, target, handoff.url)
    except BaseException:
        handoff.close()
        raise
    return handoff


def _open(ctx: AppContext, target: str, url: str) -> None:
    """The target's browser, profile or container, started detached on `url`."""
    choice = BrowserChoice.for_target(ctx.settings, target)
    open_in(url, choice, target_name=target, environ=ctx.environ)


def _login_url(ctx: AppContext, session: ElevatedSession, url: SigninUrl) -> str:
    """The sign-in URL, behind the console's logout when the target asks to log out first."""
    if not ctx.settings.target(session.target).console_logout_first:
        return url
    endpoint = federation_endpoint(session.partition, session.region, ctx.environ)
    return logout_url(endpoint, then=url)


def _ask_tray(ctx: AppContext, target: str, url: str) -> str | None:
    """The tray's outcome of serving it, or None when no tray took it (none runs, or an
    older one): then this process serves it."""
    timeout = float(ctx.settings.handoff_timeout)
    answer = localsocket.ask(
        localsocket.socket_path(ctx.environ),
        {
            "op": "console",
            "target": target,
            "url": url,
            "env": localsocket.aws_environment(ctx.environ),
        },
        timeout=timeout + TRAY_MARGIN,
    )
    if answer is None:
        return None
    outcome = answer.get("handoff")
    if isinstance(outcome, str):
        return outcome
    if answer.get("error") == localsocket.BAD_ANSWER:
        return "unknown"  # it may well have opened the browser: never a second tab
    return None  # unknown-op (an older tray) or its browser failed: say it from here


def open_console(
    ctx: AppContext,
    session: ElevatedSession,
    credentials: Credentials | None = None,
    federation: FederationClient | None = None,
    via: str = "cli",
    on_done: Callable[[bool | None], None] | None = None,
) -> Opening:
    """Sign in and give the console to the target's browser through a hand-off.

    From the CLI (via="cli") a running tray is asked to serve it, and the answer comes once
    the hand-off was taken or timed out; without a tray this process serves it (the caller
    waits on the Opening). core.browser.BrowserUnavailable when no browser could be
    started: the caller says what to do instead."""
    url = _login_url(ctx, session, signin_url(ctx, session, credentials, federation, via))
    timeout = float(ctx.settings.handoff_timeout)
    if via == "cli":
        outcome = _ask_tray(ctx, session.target, url)
        if outcome is not None:
            return Opening(session.target, timeout, by_tray=outcome)
    return Opening(session.target, timeout, handoff=hand_off(ctx, session.target, url, on_done))


def log_out(ctx: AppContext, session: ElevatedSession) -> None:
    """Open the console's logout page in the target's browser (the "log out at drop"
    setting). It holds no token: no hand-off is needed."""
    endpoint = federation_endpoint(session.partition, session.region, ctx.environ)
    _open(ctx, session.target, logout_url(endpoint))
