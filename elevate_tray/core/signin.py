"""Console sign-in through the federation endpoint (aws-vault's login.go is the reference).

getSigninToken with the role credentials, then a login URL. No SessionDuration: the console
session then lasts exactly as long as the credentials, so the browser drops with the tray.
The URL carries a sign-in token: it is never logged, and its repr() hides it.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import AccessDenied, ConfigError, NetworkError, Phrase
from .partitions import hosts_for
from .sessions import Credentials, ElevatedSession

if TYPE_CHECKING:  # http.client imports ssl and email: ~5 MB the idle tray does not need
    import http.client

ISSUER = "elevate-tray"
SIGNIN_ENV = "ELEVATE_TRAY_SIGNIN_URL"
TIMEOUT = 10


class SigninUrl(str):
    """A sign-in URL: a str for the browser, but repr() and logs never show the token."""

    def __repr__(self) -> str:
        return "SigninUrl(<redacted>)"


def federation_endpoint(
    partition: str, region: str, environ: Mapping[str, str] | None = None
) -> str:
    env = os.environ if environ is None else environ
    return env.get(SIGNIN_ENV) or hosts_for(partition).federation_url(region)


def default_destination(partition: str, region: str) -> str:
    return hosts_for(partition).console_url(region)


def logout_url(federation_url: str, then: str | None = None) -> str:
    """The console's logout page; with `then`, the URL it sends the browser on to (a sign-in
    URL: logging the old console session out first). AWS honours redirect_uri on the
    us-east-1 sign-in host only; the result then holds the token and hides it like one."""
    parts = urllib.parse.urlsplit(federation_url)
    if then is None:
        query = "Action=logout"
    else:
        query = urllib.parse.urlencode({"Action": "logout", "redirect_uri": then})
        if (parts.hostname or "").endswith("signin.aws.amazon.com"):
            parts = parts._replace(netloc="us-east-1.signin.aws.amazon.com")
    url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/oauth", query, ""))
    return url if then is None else SigninUrl(url)


def _url_problem(url: str) -> str | Phrase:
    """Why a federation URL cannot be used, or "" (said without repeating the URL)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return Phrase("it cannot be parsed")
    if parts.scheme not in ("http", "https"):
        return Phrase("it must start with https://")
    if not parts.hostname:
        return Phrase("it has no host")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return Phrase("it contains spaces or control characters")
    return ""


class FederationClient:
    """One kept-alive connection to the federation host, so it can be warmed in advance."""

    def __init__(self, federation_url: str) -> None:
        self._problem = _url_problem(federation_url)
        self.url = urllib.parse.urlsplit("http://invalid/" if self._problem else federation_url)
        self._conn: http.client.HTTPConnection | None = None

    def _check(self) -> None:
        if self._problem:
            raise ConfigError(
                Phrase(
                    "The sign-in endpoint URL is not usable ({problem}); fix or unset "
                    "ELEVATE_TRAY_SIGNIN_URL.",
                    problem=self._problem,
                )
            )

    def _connection(self) -> http.client.HTTPConnection:
        import http.client

        if self._conn is None:
            cls = (
                http.client.HTTPSConnection
                if self.url.scheme == "https"
                else http.client.HTTPConnection
            )
            self._conn = cls(self.url.hostname or "", self.url.port, timeout=TIMEOUT)
        return self._conn

    def warm(self) -> None:
        if self._problem:
            return  # the real request reports it
        import http.client

        try:
            self._connection().connect()
        except (OSError, ValueError, http.client.InvalidURL):
            self.close()  # the real request will report the failure

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def signin_token(self, creds: Credentials) -> str:
        self._check()
        session = json.dumps(
            {
                "sessionId": creds.access_key_id,
                "sessionKey": creds.secret_access_key,
                "sessionToken": creds.session_token,
            }
        )
        query = urllib.parse.urlencode({"Action": "getSigninToken", "Session": session})
        path = f"{self.url.path or '/federation'}?{query}"
        import http.client

        for attempt in (1, 2):  # a kept-alive connection may have been closed by the server
            try:
                conn = self._connection()
                conn.request("GET", path, headers={"Accept": "application/json"})
                resp = conn.getresponse()
                body = resp.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2:
                    raise NetworkError(
                        "The AWS sign-in endpoint closed the connection; try again."
                    ) from None
            except (http.client.InvalidURL, ValueError):
                # never let the message out: it would quote the path, i.e. the Session JSON
                self.close()
                raise ConfigError(
                    "The sign-in endpoint URL is not usable; fix or unset ELEVATE_TRAY_SIGNIN_URL."
                ) from None
            except OSError:
                self.close()
                raise NetworkError(
                    Phrase(
                        "Could not reach the AWS sign-in endpoint ({host}); check your "
                        "network connection and try again.",
                        host=self.url.netloc,
                    )
                ) from None
        if resp.status >= 500:
            raise NetworkError(
                Phrase(
                    "The AWS sign-in endpoint failed (HTTP {status}); try again in a minute.",
                    status=resp.status,
                )
            )
        if resp.status != 200:
            raise AccessDenied(
                Phrase(
                    "The AWS sign-in endpoint refused the session's credentials (HTTP {status}); "
                    "elevate again and retry.",
                    status=resp.status,
                )
            )
        try:
            return str(json.loads(body)["SigninToken"])
        except (ValueError, KeyError):
            raise AccessDenied(
                "The AWS sign-in endpoint answered without a sign-in token."
            ) from None

    def login_url(self, token: str, destination: str) -> SigninUrl:
        query = urllib.parse.urlencode(
            {"Action": "login", "Issuer": ISSUER, "Destination": destination, "SigninToken": token}
        )
        base = urllib.parse.urlunsplit(
            (self.url.scheme, self.url.netloc, self.url.path or "/federation", "", "")
        )
        return SigninUrl(f"{base}?{query}")


@dataclass
class ConsoleSignin:
    """Builds the sign-in URL for a live session."""

    session: ElevatedSession
    destination: str = ""
    environ: Mapping[str, str] | None = None
    client: FederationClient | None = None

    def endpoint(self) -> str:
        return federation_endpoint(self.session.partition, self.session.region, self.environ)

    def federation(self) -> FederationClient:
        if self.client is None:
            self.client = FederationClient(self.endpoint())
        return self.client

    def url(self, creds: Credentials) -> SigninUrl:
        fed = self.federation()
        token = fed.signin_token(creds)
        dest = self.destination or default_destination(self.session.partition, self.session.region)
        return fed.login_url(token, dest)
