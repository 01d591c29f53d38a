"""What `elevate`, `status`, `console` and `drop` say, written once.

The command line writes it to its terminal; the tray, answering a command line over its
socket (ui/tray_service), writes it into a Transcript that the command line then prints
line for line. Both go through these functions, so the same outcome reads the same, with
the same exit code, whoever did the work. Nothing here prints: a `Saying` is given.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..core.browser import BrowserUnavailable
from ..core.context import AppContext
from ..core.errors import ElevateError, NotElevated, Phrase
from ..core.sessions import ElevatedSession
from ..core.targets import Target
from . import credentials as credentials_flow
from . import drop as drop_flow
from . import elevate as elevate_flow
from .codes import Codes
from .console import Opening, not_taken, open_console, signin_url
from .elevate import Elevated, Prepared
from .timefmt import granted, local_hm, shown_left

OUT, SAY = "out", "say"


class Saying(Protocol):
    def out(self, text: str) -> None: ...  # the result: stdout
    def say(self, text: str) -> None: ...  # for the person: stderr
    def json(self, data: Any) -> None: ...


def json_text(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


@dataclass
class Transcript:
    """What a command would print, kept to be sent: [stream, text] pairs and the exit code."""

    lines: list[list[str]] = field(default_factory=list)
    exit: int = 0

    def out(self, text: str) -> None:
        self.lines.append([OUT, str(text)])

    def say(self, text: str) -> None:
        self.lines.append([SAY, str(text)])

    def json(self, data: Any) -> None:
        self.out(json_text(data))

    def answer(self) -> dict[str, Any]:
        return {"lines": self.lines, "exit": self.exit}


def failed(con: Saying, exc: ElevateError) -> int:
    """A command's failure: its one line, and its exit code."""
    con.say(f"elevate-tray: {exc.sentence}")
    return exc.exit_code


def notices(con: Saying, said: list[Phrase]) -> None:
    for notice in said:
        con.say(f"note: {notice}")


def elevated(con: Saying, target: Target, done: Elevated) -> None:
    for note in done.notes:
        con.say(f"note: {note}")
    s = done.session
    con.say(
        f"Elevated to {target.role_name} in {s.account} as {s.role_session_name} for "
        f"{granted(s)} (until {local_hm(s.expires_at)})."
    )


def elevate(
    con: Saying,
    ctx: AppContext,
    prepared: Prepared,
    codes: Codes,
    *,
    duration: int | None,
    reason: str,
    browser: bool,
    print_url: bool,
    via: str = "cli",
) -> int:
    """Elevate (or extend the live session), say so, and give the console as asked."""
    target = prepared.target
    live = ctx.store.get(target.name)
    flow = elevate_flow.extend if live is not None else elevate_flow.elevate
    done = flow(ctx, prepared, codes, duration=duration, reason=reason, via=via)
    elevated(con, target, done)
    s = done.session
    if not browser and not print_url:
        return 0
    try:
        if print_url:
            con.out(signin_url(ctx, s, done.credentials, prepared.federation, via=via))
            return 0
        opening = open_console(ctx, s, done.credentials, prepared.federation, via=via)
    except BrowserUnavailable as exc:
        # elevated all the same: the session is live, only the browser is missing
        con.say(
            f"note: {exc.sentence} You are elevated: run `elevate-tray console --print-url` "
            "for the sign-in URL (no new code needed)."
        )
        return 0
    except ElevateError as exc:
        con.say(
            f"elevate-tray: {exc.sentence} You are elevated all the same: run "
            "`elevate-tray console` to try the sign-in again (no new code needed)."
        )
        return exc.exit_code
    if browser_took(con, opening) is False:  # said; elevated all the same
        con.say(f"note: {not_taken(opening.target, opening.timeout)}")
    return 0


def browser_took(con: Saying, opening: Opening) -> bool | None:
    """Wait for the browser to take the hand-off (the result is printed already): True
    said here, False left to the caller (its exit code differs), None said as given."""
    taken = opening.wait()
    if taken:
        con.say(f"Opened the AWS console for {opening.target} in your browser.")
    elif taken is None:
        con.say(f"Gave the AWS console for {opening.target} to your browser.")
    return taken


# -- status ----------------------------------------------------------------------------
def status(con: Saying, ctx: AppContext, target: str | None, as_json: bool) -> int:
    from ..core.clock import format_iso

    s = credentials_flow.answering(ctx, target, readonly=False)
    now = ctx.clock.now()
    readonly = credentials_flow.readonly_session(ctx, target)
    pending = [p for p in ctx.store.revoke_pending() if not target or p.target == target]
    if as_json:
        con.json(
            {
                "mode": "admin" if s else "read-only",
                "target": s.target if s else target,
                "account": s.account if s else None,
                "role_session_arn": s.role_session_arn if s else None,
                "elevation_id": (s.elevation_id or None) if s else None,
                "expires_at": format_iso(s.expires_at) if s else None,
                "seconds_left": s.seconds_left(now) if s else 0,
                "reason": s.reason if s else None,
                "readonly_session_expires_at": format_iso(readonly.expires_at)
                if readonly
                else None,
                "revoke_pending": [
                    {"target": p.target, "until": format_iso(p.expires_at)} for p in pending
                ],
            }
        )
        return 0
    if not s:
        which = f" for {target}" if target else ""
        con.out(f"read-only: no admin session{which}.")
    else:
        con.out(
            f"admin: {s.target} (account {s.account}), {shown_left(s, now)} left, "
            f"until {local_hm(s.expires_at)}"
        )
        con.out(f"role session: {s.role_session_arn}")
    if readonly:
        con.out(f"read-only CLI session until {local_hm(readonly.expires_at)}")
    for p in pending:
        con.out(
            f"revoke pending: {p.target} (dropped here; retry with `elevate-tray drop --revoke`; "
            f"ends by itself at {local_hm(p.expires_at)})"
        )
    return 0


# -- console ---------------------------------------------------------------------------
def console(
    con: Saying, ctx: AppContext, target: str | None, print_url: bool, via: str = "cli"
) -> int:
    session = credentials_flow.answering(ctx, target, readonly=False)
    if session is None:
        raise NotElevated(
            "Not elevated: the console sign-in needs a live admin session; elevate first."
        )
    if print_url:
        con.out(signin_url(ctx, session, via=via))
        return 0
    try:
        opening = open_console(ctx, session, via=via)
    except BrowserUnavailable as exc:
        raise BrowserUnavailable(
            Phrase(
                "{problem} Run `elevate-tray console --print-url` and open the URL "
                "yourself, or choose another browser in Settings.",
                problem=exc.sentence,
            )
        ) from None
    if browser_took(con, opening) is False:
        # a failure as `failed` says one: the browser's, so the exit code is a usage one
        con.say(f"elevate-tray: {not_taken(opening.target, opening.timeout)}")
        return BrowserUnavailable.exit_code
    return 0


# -- drop ------------------------------------------------------------------------------
def drop(
    con: Saying,
    ctx: AppContext,
    target: str | None,
    *,
    revoke: bool,
    every: bool,
    via: str = "cli",
) -> int:
    if every:
        dropped = drop_flow.drop_all(ctx, via=via)
        for d in dropped:
            con.say(f"Dropped {_what(d.session)}.")
        if not dropped:
            con.say("Nothing to drop: no live session.")
        return 0
    results = drop_flow.retry_pending(ctx, target, via=via) if revoke else []
    session = credentials_flow.answering(ctx, target, readonly=False)
    if session is not None:
        results.append(drop_flow.drop(ctx, session, revoke=revoke, via=via))
    if not results:
        con.say("Already read-only: no admin session to drop.")
        return 0
    code = 0
    for d in results:
        con.say(str(drop_flow.said(d)))
        if d.problem is not None:
            code = code or d.problem.exit_code
    return code


def _what(s: ElevatedSession) -> str:
    if s.kind == "admin":
        return f"the admin session for {s.target}"
    return f"the read-only session of {s.key.removeprefix('readonly:')}"
