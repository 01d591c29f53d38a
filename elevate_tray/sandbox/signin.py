"""The federation sign-in endpoint, a stand-in console page, and logout.

getSigninToken accepts only live AssumeRole credentials (HTTP 400 otherwise; with strict
key sessions, not those whose source access key is no longer Active, see keys.py). Without
SessionDuration the console session ends with the credentials; SessionDuration (900–43200)
is accepted only for roles assumed with long-term keys and may outlive them, as in AWS. The
console page refuses once the console session expired or the role session was revoked (an
explicit Deny now matches it, e.g. the AWSRevokeOlderSessions pattern).
"""

from __future__ import annotations

import html
import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from . import console_actions, motoview
from .auth import caller_from_temp
from .authz import decide, request_context
from .clock import SandboxClock, iso
from .errors import AwsError
from .keys import AccessKeyRules
from .policy import Decision
from .sessions import CredentialTable, TempCredential

COOKIE = "elevate_sandbox_console"
LOGIN_URL_LIFETIME = timedelta(minutes=15)
# What the stand-in console "loads" when a page opens: any call an explicit Deny refuses.
CONSOLE_PROBE_ACTION = "iam:ListAccountAliases"

Response = tuple[int, list[tuple[str, str]], bytes]


@dataclass
class _Token:
    access_key_id: str
    issued_at: datetime
    console_ends_at: datetime


@dataclass
class _ConsoleSession:
    access_key_id: str
    ends_at: datetime
    destination: str
    console_key_id: str | None = None  # its own credentials (console_actions.py)


def _page(
    status: int,
    title: str,
    body: str,
    *,
    headers: list[tuple[str, str]] | None = None,
    refresh: bool = False,
) -> Response:
    meta = '<meta http-equiv="refresh" content="15">' if refresh else ""
    text = (
        f"<!doctype html><html><head><meta charset='utf-8'>{meta}<title>{html.escape(title)}"
        "</title><style>body{font-family:sans-serif;margin:2em;max-width:46em}"
        ".banner{background:#fd0;padding:.4em .8em;border-radius:4px}"
        "dt{font-weight:bold}dd{margin:0 0 .6em 0}</style></head><body>"
        "<p class='banner'>elevate-tray sandbox &mdash; a local stand-in for the AWS console. "
        "Nothing here is AWS.</p>"
        f"<h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    return status, [("Content-Type", "text/html; charset=utf-8"), *(headers or [])], text.encode()


def _text(status: int, message: str) -> Response:
    return status, [("Content-Type", "text/plain; charset=utf-8")], message.encode()


class Signin:
    def __init__(
        self,
        table: CredentialTable,
        clock: SandboxClock,
        base_url: Callable[[], str],
        keys: AccessKeyRules,
        perform: console_actions.Perform,
    ) -> None:
        self.table = table
        self.perform = perform  # serves a signed API call (the gateway's)
        self.keys = keys
        self.clock = clock
        self.base_url = base_url
        self._tokens: dict[str, _Token] = {}
        self._consoles: dict[str, _ConsoleSession] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._tokens.clear()
            self._consoles.clear()

    # -- /federation -------------------------------------------------------------------
    def federation(self, environ: dict[str, Any]) -> Response:
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        action = query.get("Action", "")
        if action == "getSigninToken":
            return self._get_signin_token(query)
        if action == "login":
            return self._login(query)
        return _text(400, "Unsupported Action")

    def _live_role_credentials(self, raw: str | None) -> TempCredential | None:
        try:
            session = json.loads(raw or "")
            key, secret, token = (
                session["sessionId"],
                session["sessionKey"],
                session["sessionToken"],
            )
        except (ValueError, KeyError, TypeError):
            return None
        temp = self.table.get(str(key))
        if (
            temp is None
            or temp.kind != "assumed-role"
            or not secrets.compare_digest(temp.secret_access_key, str(secret))
            or not secrets.compare_digest(temp.session_token, str(token))
            or self.clock.now() >= temp.expires_at
        ):
            return None
        try:
            self.keys.check_session(temp, motoview.iam(temp.key_account_id, temp.partition))
        except AwsError:
            return None
        return temp

    def _get_signin_token(self, query: dict[str, str]) -> Response:
        temp = self._live_role_credentials(query.get("Session"))
        if temp is None:
            return _text(400, "Invalid credentials parameter")
        now = self.clock.now()
        ends = temp.expires_at
        if "SessionDuration" in query:
            if temp.chained:
                return _text(
                    400, "SessionDuration is not allowed for credentials from role chaining"
                )
            try:
                seconds = int(query["SessionDuration"])
            except ValueError:
                return _text(400, "Invalid SessionDuration")
            if not 900 <= seconds <= 43200:
                return _text(400, "Invalid SessionDuration")
            ends = now + timedelta(seconds=seconds)
        token = secrets.token_urlsafe(48)
        with self._lock:
            self._tokens[token] = _Token(temp.access_key_id, now, ends)
        return (
            200,
            [("Content-Type", "application/json")],
            json.dumps({"SigninToken": token}).encode(),
        )

    def _login(self, query: dict[str, str]) -> Response:
        now = self.clock.now()
        with self._lock:
            token = self._tokens.get(query.get("SigninToken", ""))
        if token is None or now - token.issued_at > LOGIN_URL_LIFETIME:
            return _page(
                400,
                "Sign-in link expired or invalid",
                "<p>This sign-in link is invalid or older than 15 minutes.</p>",
            )
        console_id = secrets.token_urlsafe(32)
        role = self.table.get(token.access_key_id)
        own = console_actions.console_credential(role, token.console_ends_at) if role else None
        if own is not None:
            self.table.add(own)
        with self._lock:
            self._consoles[console_id] = _ConsoleSession(
                token.access_key_id,
                token.console_ends_at,
                query.get("Destination", ""),
                own.access_key_id if own is not None else None,
            )
        cookie = f"{COOKIE}={console_id}; Path=/; HttpOnly; SameSite=Lax"
        return 302, [("Location", f"{self.base_url()}/console"), ("Set-Cookie", cookie)], b""

    # -- /console ----------------------------------------------------------------------
    def _console_session(
        self, environ: dict[str, Any]
    ) -> tuple[str | None, _ConsoleSession | None]:
        jar = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        morsel = jar.get(COOKIE)
        if morsel is None:
            return None, None
        with self._lock:
            return morsel.value, self._consoles.get(morsel.value)

    def revoked(self, temp: TempCredential) -> bool:
        caller = caller_from_temp(temp)
        if caller is None:
            return True
        ctx = request_context(caller, self.clock.now())
        return decide(caller, CONSOLE_PROBE_ACTION, "*", ctx) is Decision.EXPLICIT_DENY

    def console(self, environ: dict[str, Any]) -> Response:
        _, session = self._console_session(environ)
        if session is None:
            return _page(401, "Not signed in", "<p>Sign in through the federation endpoint.</p>")
        now = self.clock.now()
        temp = self.table.get(session.access_key_id)
        if temp is None or now >= session.ends_at:
            return _page(
                401,
                "Your session has expired",
                f"<p>The console session ended at {iso(session.ends_at)}.</p>",
            )
        if self.revoked(temp):
            return _page(
                403,
                "Your session has been revoked",
                "<p>An explicit deny now applies to this role session "
                "(its access was revoked).</p>",
            )
        own = self.table.get(session.console_key_id) if session.console_key_id else None
        left = int((session.ends_at - now).total_seconds())
        rows = [
            ("Signed in as", f"{temp.role_name}/{temp.session_name}"),
            ("Role", str(temp.role_name)),
            ("Role ARN", str(temp.role_arn)),
            ("Session name", str(temp.session_name)),
            ("Account", temp.account_id),
            ("Session ends", f"{iso(session.ends_at)} (in {left // 60} min {left % 60} s)"),
        ]
        if temp.source_identity:
            rows.append(("Source identity", temp.source_identity))
        if session.destination:
            rows.append(("Requested destination", session.destination))
        body = (
            "<dl>"
            + "".join(
                f"<dt>{html.escape(k)}</dt><dd data-field='{html.escape(k)}'>{html.escape(v)}</dd>"
                for k, v in rows
            )
            + "</dl>"
            + console_actions.section(self.perform, environ, own)
            + f"<p><a href='{self.base_url()}/oauth?Action=logout'>Sign out</a></p>"
        )
        idle = environ.get("REQUEST_METHOD") != "POST" and not environ.get("QUERY_STRING")
        return _page(200, "AWS Management Console (sandbox)", body, refresh=idle)

    # -- /oauth?Action=logout -----------------------------------------------------------
    def logout(self, environ: dict[str, Any]) -> Response:
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if query.get("Action") != "logout":
            return _text(400, "Unsupported Action")
        console_id, _ = self._console_session(environ)
        if console_id is not None:
            with self._lock:
                self._consoles.pop(console_id, None)
        clear = f"{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
        target = query.get("redirect_uri", "")
        if target.startswith(self.base_url() + "/"):
            return 302, [("Location", target), ("Set-Cookie", clear)], b""
        return _page(
            200,
            "Signed out",
            "<p>You have signed out of the sandbox console.</p>",
            headers=[("Set-Cookie", clear)],
        )
