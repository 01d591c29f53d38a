"""The tray's blocking actions, run through the runner off the UI thread. Each one is a
flow (elevate_tray/flows); only what the tray shows of them is decided here.

The flows load with the first action, not with the tray: an idle read-only tray needs none
of AWS's clients, the sign-in or the hand-off (the idle memory budget)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..core.commandline import cli_profile_name, credential_process_line
from ..core.context import AppContext
from ..core.secrets import KeyringStore
from ..core.sessions import ElevatedSession
from ..core.targets import Target

if TYPE_CHECKING:
    from ..flows import drop as drop_flow

Outcome = Callable[[bool | None], None]


def open_console(ctx: AppContext, session: ElevatedSession, on_done: Outcome | None = None) -> None:
    """Hand the console to the target's browser; `on_done` hears whether it was taken."""
    from ..flows import console as console_flow

    KeyringStore.allow_prompt()  # each menu action: a locked keyring may ask once
    console_flow.open_console(ctx, session, via="tray", on_done=on_done)


def serve_console(ctx: AppContext, target: str, url: str, on_done: Outcome) -> None:
    """A CLI asked the tray to serve its sign-in (the tray has the desktop)."""
    from ..flows import console as console_flow

    console_flow.hand_off(ctx, target, url, on_done)


def drop(ctx: AppContext, session: ElevatedSession, revoke: bool) -> drop_flow.Dropped:
    from ..flows import drop as drop_flow

    KeyringStore.allow_prompt()
    return drop_flow.drop(ctx, session, revoke=revoke, via="tray")


def drop_all(ctx: AppContext, sessions: list[ElevatedSession]) -> list[drop_flow.Dropped]:
    """Drop these sessions here (Quit's "Drop and quit")."""
    from ..flows import drop as drop_flow

    KeyringStore.allow_prompt()
    return [drop_flow.drop(ctx, s, revoke=False, via="tray") for s in sessions]


def retry_revoke(ctx: AppContext, target: str) -> list[drop_flow.Dropped]:
    """Try again the revocations left pending for `target`."""
    from ..flows import drop as drop_flow

    KeyringStore.allow_prompt()
    return drop_flow.retry_pending(ctx, target, via="tray")


def logout_console(ctx: AppContext, session: ElevatedSession) -> None:
    from ..flows import console as console_flow

    console_flow.log_out(ctx, session)


def profile_snippet(ctx: AppContext, target: Target) -> str:
    """A profile that follows the tray's session, named as setup names it."""
    line = credential_process_line(target.name, environ=ctx.environ)
    return (
        f"# paste into {ctx.aws_config.config_file}\n"
        f"[profile {cli_profile_name(target.name)}]\n"
        f"credential_process = {line}\nregion = {target.region}\n"
    )
