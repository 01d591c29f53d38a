"""Federation URLs: built right for any token and destination, never shown in a repr."""

from __future__ import annotations

import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from elevate_tray.core.browser import open_url
from elevate_tray.core.errors import NetworkError
from elevate_tray.core.signin import (
    FederationClient,
    SigninUrl,
    default_destination,
    federation_endpoint,
    logout_url,
)


@given(token=st.text(min_size=1, max_size=200), destination=st.text(max_size=200))
def test_login_url_carries_token_and_destination_intact(token: str, destination: str) -> None:
    url = FederationClient("https://us-east-1.signin.aws.amazon.com/federation").login_url(
        token, destination
    )
    parts = urllib.parse.urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "us-east-1.signin.aws.amazon.com",
        "/federation",
    )
    q = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    assert q["Action"] == ["login"]
    assert q["Issuer"] == ["elevate-tray"]
    assert q["SigninToken"] == [token]
    assert q["Destination"] == [destination]
    assert "SessionDuration" not in q
    assert repr(url) == "SigninUrl(<redacted>)"
    assert f"{url!r}" == "SigninUrl(<redacted>)"


def test_endpoints_by_partition_and_override() -> None:
    assert (
        federation_endpoint("aws", "eu-west-1", {})
        == "https://eu-west-1.signin.aws.amazon.com/federation"
    )
    assert (
        federation_endpoint("aws-cn", "cn-north-1", {}) == "https://signin.amazonaws.cn/federation"
    )
    assert (
        federation_endpoint(
            "aws", "eu-west-1", {"ELEVATE_TRAY_SIGNIN_URL": "http://127.0.0.1:1/federation"}
        )
        == "http://127.0.0.1:1/federation"
    )
    assert (
        default_destination("aws-us-gov", "us-gov-west-1")
        == "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"
    )
    assert (
        logout_url("https://us-east-1.signin.aws.amazon.com/federation")
        == "https://us-east-1.signin.aws.amazon.com/oauth?Action=logout"
    )


def test_unreachable_sign_in_endpoint_is_a_network_error() -> None:
    from datetime import UTC, datetime

    from elevate_tray.core.sessions import Credentials

    client = FederationClient("http://127.0.0.1:9/federation")
    client.warm()  # a failed warm-up is silent: the real request reports it
    with pytest.raises(NetworkError, match="Could not reach the AWS sign-in endpoint"):
        client.signin_token(Credentials("ASIA", "s", "t", datetime.now(UTC)))


def test_browser_command_gets_the_url(tmp_path: Path) -> None:
    out = tmp_path / "opened"
    cmd = f"{sys.executable} -c \"import sys; open(r'{out}', 'w').write(sys.argv[1])\" {{url}}"
    open_url(SigninUrl("http://127.0.0.1/federation?Action=login&SigninToken=abc"), cmd)
    for _ in range(100):
        if out.exists() and out.read_text():
            break
        time.sleep(0.05)
    assert out.read_text() == "http://127.0.0.1/federation?Action=login&SigninToken=abc"
