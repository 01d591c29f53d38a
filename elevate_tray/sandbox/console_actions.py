"""What the stand-in console can do: list the account's IAM users and create one.

Each action is an AWS API call the console makes with the console session's own temporary
credentials (AWS: a federated console session "might include a distinct AccessKeyId" from
the credentials that signed in; the same role session name), signed with SigV4 and served by
the gateway like any other call, so it is authorized by the role's policies and recorded in
the sandbox's CloudTrail with sessionCredentialFromConsole "true".
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlencode

from .apirequest import read_body
from .sessions import TempCredential, new_key_id, new_secret, new_session_token

Response = tuple[int, list[tuple[str, str]], bytes]
Perform = Callable[[dict[str, Any]], Response]
FORM = "application/x-www-form-urlencoded; charset=utf-8"
_USER = re.compile(r"<UserName>([^<]*)</UserName>")
_MESSAGE = re.compile(r"<Message>([^<]*)</Message>")


def console_credential(temp: TempCredential, ends_at: datetime) -> TempCredential:
    """The console session's own credentials: the same role session, another key."""
    return replace(
        temp,
        access_key_id=new_key_id(),
        secret_access_key=new_secret(),
        session_token=new_session_token(),
        expires_at=ends_at,
        console=True,
    )


def signed_environ(
    browser: dict[str, Any], cred: TempCredential, service: str, params: dict[str, str]
) -> dict[str, Any]:
    """A WSGI environ for a Query-protocol call signed with the console's credentials."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    host = str(browser.get("HTTP_HOST") or "127.0.0.1")
    body = urlencode(params)
    request = AWSRequest(
        method="POST", url=f"http://{host}/", data=body, headers={"Content-Type": FORM}
    )
    creds = Credentials(cred.access_key_id, cred.secret_access_key, cred.session_token)
    SigV4Auth(creds, service, "us-east-1").add_auth(request)
    environ = {k: v for k, v in browser.items() if not k.startswith("HTTP_")}
    environ.update(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/",
            "RAW_URI": "/",
            "REQUEST_URI": "/",
            "QUERY_STRING": "",
            "CONTENT_TYPE": FORM,
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body.encode()),
            "HTTP_HOST": host,
            "HTTP_USER_AGENT": str(browser.get("HTTP_USER_AGENT") or "AWS Internal"),
            "HTTP_AUTHORIZATION": str(request.headers["Authorization"]),
            "HTTP_X_AMZ_DATE": str(request.headers["X-Amz-Date"]),
            "HTTP_X_AMZ_SECURITY_TOKEN": cred.session_token,
        }
    )
    return environ


def _form_value(environ: dict[str, Any], name: str) -> str:
    if environ.get("REQUEST_METHOD") == "POST":
        source = read_body(environ).decode("utf-8", "replace")
    else:
        source = str(environ.get("QUERY_STRING", ""))
    values = parse_qs(source).get(name) or [""]
    return values[0].strip()


def _call(
    perform: Perform, browser: dict[str, Any], cred: TempCredential, params: dict[str, str]
) -> tuple[int, str]:
    status, _, answer = perform(signed_environ(browser, cred, "iam", params))
    return status, answer.decode("utf-8", "replace")


def section(perform: Perform, environ: dict[str, Any], cred: TempCredential | None) -> str:
    """The console's IAM section: its forms, and the result of the action asked for."""
    if cred is None:
        return ""
    out: list[str] = []
    query = parse_qs(str(environ.get("QUERY_STRING", "")))
    if environ.get("REQUEST_METHOD") == "POST" and _form_value(environ, "action") == "create-user":
        name = _form_value(environ, "UserName")
        status, text = _call(perform, environ, cred, _create(name))
        out.append(_result(status, text, f"Created user {name}."))
    elif (query.get("view") or [""])[0] == "users":
        status, text = _call(perform, environ, cred, {"Action": "ListUsers", "Version": _V})
        if status == 200:
            items = "".join(
                f"<li data-user='{html.escape(u)}'>{html.escape(u)}</li>"
                for u in _USER.findall(text)
            )
            out.append(f"<ul class='users'>{items}</ul>")
        else:
            out.append(_result(status, text, ""))
    out.append(
        "<h2>IAM users</h2>"
        "<form method='get' action='/console'><input type='hidden' name='view' value='users'>"
        "<button type='submit'>List IAM users</button></form>"
        "<form method='post' action='/console'><input type='hidden' name='action' "
        "value='create-user'><label>User name <input name='UserName'></label> "
        "<button type='submit'>Create user</button></form>"
    )
    return "".join(out)


_V = "2010-05-08"


def _create(name: str) -> dict[str, str]:
    return {"Action": "CreateUser", "Version": _V, "UserName": name}


def _result(status: int, text: str, success: str) -> str:
    if status == 200:
        return f"<p class='result' data-status='200'>{html.escape(success)}</p>"
    m = _MESSAGE.search(text)
    message = html.unescape(m[1]) if m else f"HTTP {status}"
    return f"<p class='result' data-status='{status}'>{html.escape(message)}</p>"
