"""The test suite's AWS: the sandbox (moto + enforcement + sign-in) on 127.0.0.1.

- `sandbox_server` (session): one started Sandbox for the whole run, home in a tmp dir.
- `sandbox`: the same sandbox, reset and reseeded for this test.
- In every test that uses either, the sandbox's clock follows the test's: it stands at the
  test's start (whole seconds) and moves only when the test moves it
  (`sandbox.clock.advance/set`), so no test races the wall clock. A test that runs the app as
  separate processes (`proc_env`) shares the wall clock with them, so there the sandbox
  ticks with it.
- `org_sandbox`: the same sandbox as the organization sandbox (five accounts, two OUs,
  Organizations and StackSets), reset and reseeded for this test; back to the single
  account after it. Fixtures that ask for `sandbox` (`cli`, `proc_env`, ...) get the
  organization sandbox in a test that asks for `org_sandbox`. `org_user(sb, name)`: a
  seeded org user's client credentials.
- `aws_env`: the environment variables that point boto3, the AWS CLI and the app at it.

Helpers for tests: `client(sb, service, creds)` builds a boto3 client against the sandbox
with explicit credentials (retries=False: no retry of a 5xx or throttling error, as for
injected faults); `long_term(sb)` are the seeded user's keys, `keys(user)` those of a
user made with sb.create_user(); `allow_in_members_policy(sb, *actions)` lets the seeded
members' own policy allow more STS actions on the role; `temp(response)` turns an STS
response's Credentials into client credentials; `policy(*statements)` is a policy document;
`secret_headers(sb)` are the headers its test-only endpoints (the clock over HTTP) ask for:
the sandbox's own secret.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from elevate_tray.sandbox import Sandbox


@pytest.fixture(scope="session")
def sandbox_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    from elevate_tray.sandbox import Sandbox

    sb = Sandbox(tmp_path_factory.mktemp("sandbox-home")).start()
    try:
        yield sb
    finally:
        sb.stop()


# fixtures whose code under test runs in other processes, on the wall clock
WALL_CLOCK_FIXTURES = frozenset({"proc_env"})


@pytest.fixture(autouse=True)
def _sandbox_clock_follows_the_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """For each test on the sandbox: its clock stands at the test's start unless the test
    runs the app as processes (then it ticks with their wall clock)."""
    if "sandbox_server" not in request.fixturenames:
        yield
        return
    from elevate_tray.sandbox.clock import system_now

    sb: Sandbox = request.getfixturevalue("sandbox_server")
    if WALL_CLOCK_FIXTURES.intersection(request.fixturenames):
        sb.clock.follow(system_now)
    else:
        start = datetime.now(UTC).replace(microsecond=0)
        sb.clock.follow(lambda: start)
    try:
        yield
    finally:
        sb.clock.follow(system_now)


@pytest.fixture
def sandbox(sandbox_server: Sandbox, request: pytest.FixtureRequest) -> Sandbox:
    # a test on the organization sandbox that also uses `cli`, `proc_env`, ... (which ask for
    # `sandbox`) gets the organization sandbox from them too, whatever the fixtures' order
    organization = "org_sandbox" in request.fixturenames
    sandbox_server.reset(seed=True, organization=organization)
    return sandbox_server


@pytest.fixture
def org_sandbox(sandbox_server: Sandbox) -> Iterator[Sandbox]:
    """The organization sandbox (org-contract.md), fresh for this test."""
    sandbox_server.reset(seed=True, organization=True)
    try:
        yield sandbox_server
    finally:
        sandbox_server.reset(seed=True, organization=False)


def org_user(sb: Sandbox, name: str) -> dict[str, str]:
    """Client credentials of a seeded user of the organization sandbox (org-admin, alice,
    sandbox-account-admin)."""
    return keys(sb.org.user(name))


@pytest.fixture
def aws_env(sandbox: Sandbox) -> dict[str, str]:
    return sandbox.env()


Creds = Mapping[str, str]


def long_term(sb: Sandbox) -> dict[str, str]:
    return {
        "aws_access_key_id": sb.account.access_key_id,
        "aws_secret_access_key": sb.account.secret_access_key,
    }


def keys(user: Any) -> dict[str, str]:
    """Client credentials of a user made with sb.create_user()."""
    return {
        "aws_access_key_id": user.access_key_id,
        "aws_secret_access_key": user.secret_access_key,
    }


def secret_headers(sb: Sandbox) -> dict[str, str]:
    """The header that the sandbox's test-only endpoints (its clock) require."""
    from elevate_tray.sandbox.facts import SECRET_HEADER

    return {SECRET_HEADER: sb.secret}


def allow_in_members_policy(sb: Sandbox, *actions: str) -> None:
    """Let the seeded group's members also call these STS actions on the role (e.g.
    sts:TagSession): with the account as the trust policy's principal, AWS needs the caller's
    own policy to allow them as well as the trust policy. A new default version of the seed's
    AssumeAdminRolePolicy, written with the sandbox's account-admin keys."""
    import json

    account = sb.account
    iam = client(
        sb,
        "iam",
        {
            "aws_access_key_id": account.admin_access_key_id,
            "aws_secret_access_key": account.admin_secret_access_key,
        },
    )
    arn = f"arn:aws:iam::{account.account_id}:policy/AssumeAdminRolePolicy"
    version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
    doc = iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"]
    if isinstance(doc, str):
        import urllib.parse

        doc = json.loads(urllib.parse.unquote(doc))
    if not actions:
        return
    for statement in doc["Statement"]:
        had = statement.get("Action")
        had = [had] if isinstance(had, str) else list(had or [])
        if statement.get("Effect") == "Allow" and "sts:AssumeRole" in had:
            statement["Action"] = list(dict.fromkeys([*had, *actions]))
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(doc), SetAsDefault=True)


def policy(*statements: Mapping[str, Any]) -> str:
    """A policy document (JSON text) from statements."""
    import json

    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def temp(response: Mapping[str, Any]) -> dict[str, str]:
    c = response["Credentials"]
    return {
        "aws_access_key_id": c["AccessKeyId"],
        "aws_secret_access_key": c["SecretAccessKey"],
        "aws_session_token": c["SessionToken"],
    }


_shared: dict[str, Any] = {}


def client(sb: Sandbox, service: str, creds: Creds, *, retries: bool = True) -> Any:
    """A boto3 client for the sandbox with these credentials (one shared boto3 session, so
    botocore's service models load once per test run). It retries once what botocore deems
    transient (5xx, throttling); retries=False: never, so each injected fault
    (sb.fail_next) reaches the test."""
    import boto3
    from botocore.config import Config

    if "session" not in _shared:
        _shared["session"] = boto3.session.Session()
    return _shared["session"].client(
        service,
        endpoint_url=sb.endpoint_url,
        region_name="us-east-1",
        config=Config(
            retries={"mode": "standard", "max_attempts": 1}
            if retries
            else {"mode": "standard", "total_max_attempts": 1}
        ),
        **creds,
    )


def own_aws_files(sb: Sandbox, folder: Any) -> dict[str, str]:
    """The sandbox's AWS config and credentials copied into `folder` (a test that rewrites
    them, as `keys import` does, keeps the sandbox's own intact): the two variables that
    point the app and the AWS CLI at the copies."""
    import shutil
    from pathlib import Path

    aws = Path(folder)
    aws.mkdir(parents=True, exist_ok=True)
    shutil.copy(sb.config_file, aws / "config")
    shutil.copy(sb.credentials_file, aws / "credentials")
    return {
        "AWS_CONFIG_FILE": str(aws / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(aws / "credentials"),
    }
