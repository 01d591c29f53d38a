"""The federation sign-in endpoint, the stand-in console page, revocation and logout."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import requests

from tests.sandbox_fixtures import client, long_term, policy, temp


def elevate(sb, **extra):
    return client(sb, "sts", long_term(sb)).assume_role(
        RoleArn=sb.account.role_arn,
        RoleSessionName=sb.account.user_name,
        SerialNumber=sb.account.mfa_serial,
        TokenCode=sb.totp(),
        **extra,
    )


def session_param(creds) -> str:
    c = creds["Credentials"]
    return json.dumps(
        {
            "sessionId": c["AccessKeyId"],
            "sessionKey": c["SecretAccessKey"],
            "sessionToken": c["SessionToken"],
        }
    )


def get_token(sb, creds, **extra) -> requests.Response:
    params = {"Action": "getSigninToken", "Session": session_param(creds), **extra}
    return requests.get(sb.signin_url, params=params, timeout=5)


def login(sb, browser: requests.Session, token: str) -> requests.Response:
    return browser.get(
        sb.signin_url,
        params={
            "Action": "login",
            "Issuer": "https://example.org",
            "SigninToken": token,
            "Destination": "https://us-east-1.console.aws.amazon.com/",
        },
        timeout=5,
    )


def signed_in_browser(sb, creds, **extra) -> requests.Session:
    answer = get_token(sb, creds, **extra)
    assert answer.status_code == 200, answer.text
    browser = requests.Session()
    page = login(sb, browser, answer.json()["SigninToken"])
    assert page.status_code == 200, page.text
    return browser


def console(sb, browser: requests.Session) -> requests.Response:
    return browser.get(f"{sb.endpoint_url}/console", timeout=5)


def field(page: str, name: str) -> str:
    m = re.search(rf"data-field='{re.escape(name)}'>([^<]*)<", page)
    assert m, f"{name} not on the page"
    return m.group(1)


def test_login_shows_who_is_signed_in_and_when_it_ends(sandbox):
    creds = elevate(sandbox)
    browser = signed_in_browser(sandbox, creds)
    page = console(sandbox, browser)
    assert page.status_code == 200
    assert field(page.text, "Signed in as") == "AdminRole/alice"
    assert field(page.text, "Role") == "AdminRole"
    assert field(page.text, "Session name") == "alice"
    assert field(page.text, "Account") == "111122223333"
    ends = creds["Credentials"]["Expiration"].strftime("%Y-%m-%dT%H:%M:%SZ")
    assert field(page.text, "Session ends").startswith(ends)
    assert "elevate-tray sandbox" in page.text


def test_login_redirects_to_the_local_console(sandbox):
    token = get_token(sandbox, elevate(sandbox)).json()["SigninToken"]
    answer = login(sandbox, requests.Session(), token)
    assert answer.history and answer.history[0].status_code == 302
    assert answer.url == f"{sandbox.endpoint_url}/console"


def test_signin_token_only_for_live_assume_role_credentials(sandbox):
    lt = long_term(sandbox)
    as_session = {
        "Credentials": {
            "AccessKeyId": lt["aws_access_key_id"],
            "SecretAccessKey": lt["aws_secret_access_key"],
            "SessionToken": "",
        }
    }
    assert get_token(sandbox, as_session).status_code == 400
    gst = client(sandbox, "sts", long_term(sandbox)).get_session_token(
        SerialNumber=sandbox.account.mfa_serial, TokenCode=sandbox.totp()
    )
    assert get_token(sandbox, gst).status_code == 400
    sandbox.clock.advance(30)
    creds = elevate(sandbox)
    forged = json.loads(json.dumps(creds, default=str))
    forged["Credentials"]["SecretAccessKey"] = "x" * 40
    assert get_token(sandbox, forged).status_code == 400
    bad = requests.get(
        sandbox.signin_url, params={"Action": "getSigninToken", "Session": "not json"}, timeout=5
    )
    assert bad.status_code == 400
    assert "SigninToken" in get_token(sandbox, creds).json()


def test_session_duration_rules(sandbox):
    creds = elevate(sandbox)
    assert get_token(sandbox, creds, SessionDuration="899").status_code == 400
    assert get_token(sandbox, creds, SessionDuration="43201").status_code == 400
    # A console session may outlive the credentials when asked for with SessionDuration.
    browser = signed_in_browser(sandbox, creds, SessionDuration="7200")
    sandbox.clock.advance(3600 + 60)
    assert console(sandbox, browser).status_code == 200
    sandbox.clock.advance(3600)
    assert console(sandbox, browser).status_code == 401


def test_session_duration_is_refused_for_chained_credentials(sandbox):
    gst = client(sandbox, "sts", long_term(sandbox)).get_session_token(
        SerialNumber=sandbox.account.mfa_serial, TokenCode=sandbox.totp()
    )
    chained = client(sandbox, "sts", temp(gst)).assume_role(
        RoleArn=sandbox.account.role_arn, RoleSessionName="alice"
    )
    assert get_token(sandbox, chained).status_code == 200
    assert get_token(sandbox, chained, SessionDuration="1800").status_code == 400


def test_the_console_refuses_once_the_session_expired(sandbox):
    creds = elevate(sandbox)
    browser = signed_in_browser(sandbox, creds)
    sandbox.clock.advance(3600 + 1)
    page = console(sandbox, browser)
    assert page.status_code == 401
    assert "expired" in page.text
    assert "AdminRole/alice" not in page.text
    assert get_token(sandbox, creds).status_code == 400  # nor a new sign-in


def test_the_console_refuses_once_the_session_was_revoked(sandbox):
    creds = elevate(sandbox)
    browser = signed_in_browser(sandbox, creds)
    role_id = creds["AssumedRoleUser"]["AssumedRoleId"].split(":")[0]
    issued = sandbox.clock.now() + timedelta(seconds=1)
    client(sandbox, "iam", temp(creds)).put_role_policy(
        RoleName="AdminRole",
        PolicyName="elevate-tray-revoke-alice",
        PolicyDocument=policy(
            {
                "Effect": "Deny",
                "Action": "*",
                "Resource": "*",
                "Condition": {
                    "StringLike": {"aws:userid": f"{role_id}:alice"},
                    "DateLessThan": {"aws:TokenIssueTime": issued.strftime("%Y-%m-%dT%H:%M:%SZ")},
                },
            }
        ),
    )
    page = console(sandbox, browser)
    assert page.status_code == 403
    assert "revoked" in page.text


def test_a_login_link_is_valid_for_15_minutes(sandbox):
    token = get_token(sandbox, elevate(sandbox)).json()["SigninToken"]
    sandbox.clock.advance(15 * 60 + 5)
    assert login(sandbox, requests.Session(), token).status_code == 400
    assert login(sandbox, requests.Session(), "made-up").status_code == 400


def test_logout_ends_the_console_session(sandbox):
    browser = signed_in_browser(sandbox, elevate(sandbox))
    answer = browser.get(f"{sandbox.endpoint_url}/oauth", params={"Action": "logout"}, timeout=5)
    assert answer.status_code == 200
    assert "signed out" in answer.text.lower()
    page = console(sandbox, browser)
    assert page.status_code == 401
    assert "Not signed in" in page.text


def test_logout_redirects_only_within_the_sandbox(sandbox):
    browser = signed_in_browser(sandbox, elevate(sandbox))
    local = f"{sandbox.endpoint_url}/console"
    answer = browser.get(
        f"{sandbox.endpoint_url}/oauth",
        params={"Action": "logout", "redirect_uri": local},
        allow_redirects=False,
        timeout=5,
    )
    assert (answer.status_code, answer.headers["Location"]) == (302, local)
    away = browser.get(
        f"{sandbox.endpoint_url}/oauth",
        params={"Action": "logout", "redirect_uri": "https://evil.example/"},
        allow_redirects=False,
        timeout=5,
    )
    assert away.status_code == 200
