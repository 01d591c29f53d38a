"""The sandbox's CloudTrail (issue 15, point 5): an event for every call it serves, shaped
like AWS's records, and cloudtrail:LookupEvents with its attributes, time range, paging,
throttle and delivery delay. Black-box over HTTP with boto3."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta

import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.sandbox_fixtures import client, keys, long_term, temp

SESSION = "alice-7f3a"  # an elevation's own role session name (issue 15, point 1)


def admin(sb):
    account = sb.account
    return {
        "aws_access_key_id": account.admin_access_key_id,
        "aws_secret_access_key": account.admin_secret_access_key,
    }


def elevate(sb, name=SESSION, **extra):
    return client(sb, "sts", long_term(sb)).assume_role(
        RoleArn=sb.account.role_arn,
        RoleSessionName=name,
        SerialNumber=sb.account.mfa_serial,
        TokenCode=sb.totp(),
        **extra,
    )


def lookup(sb, creds=None, region="us-east-1", pace=True, **params):
    """One LookupEvents call; pace: half a second later than the last (the throttle)."""
    if pace:
        sb.clock.advance(0.5)
    trail = client(sb, "cloudtrail", creds or admin(sb), retries=False)
    if region != "us-east-1":
        trail = trail_client(sb, creds or admin(sb), region)
    return trail.lookup_events(**params)


def trail_client(sb, creds, region, attempts=1):
    import boto3

    return boto3.session.Session().client(
        "cloudtrail",
        endpoint_url=sb.endpoint_url,
        region_name=region,
        config=Config(retries={"mode": "standard", "total_max_attempts": attempts}),
        **creds,
    )


def by(key, value):
    return [{"AttributeKey": key, "AttributeValue": value}]


def work(sb, creds):
    iam = client(sb, "iam", creds)
    iam.create_user(UserName="bob")
    iam.tag_user(UserName="bob", Tags=[{"Key": "team", "Value": "ops"}])
    iam.list_users()


def test_an_admin_sessions_calls_are_recorded_as_cloudtrail_records(sandbox):
    session = elevate(sandbox)
    work(sandbox, temp(session))
    records = sandbox.trail_records()
    assert [(r["eventName"], r["readOnly"]) for r in records] == [
        ("AssumeRole", True),
        ("CreateUser", False),
        ("TagUser", False),
        ("ListUsers", True),
    ]
    account = sandbox.account
    assume = records[0]
    assert assume["eventSource"] == "sts.amazonaws.com"
    assert assume["userIdentity"] == {
        "type": "IAMUser",
        "principalId": assume["userIdentity"]["principalId"],
        "arn": f"arn:aws:iam::{account.account_id}:user/{account.user_name}",
        "accountId": account.account_id,
        "accessKeyId": account.access_key_id,
        "userName": account.user_name,
    }
    assert assume["requestParameters"]["roleSessionName"] == SESSION
    key = session["Credentials"]["AccessKeyId"]
    now = sandbox.clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    for record in records[1:]:
        ident = record["userIdentity"]
        assert ident["type"] == "AssumedRole"
        assert ident["arn"] == f"arn:aws:sts::{account.account_id}:assumed-role/AdminRole/{SESSION}"
        assert ident["accessKeyId"] == key
        assert ident["principalId"].endswith(f":{SESSION}")
        assert ident["sessionContext"]["sessionIssuer"] == {
            "type": "Role",
            "principalId": ident["principalId"].split(":")[0],
            "arn": account.role_arn,
            "accountId": account.account_id,
            "userName": "AdminRole",
        }
        assert ident["sessionContext"]["attributes"] == {
            "creationDate": now,
            "mfaAuthenticated": "true",
        }
        assert record["eventSource"] == "iam.amazonaws.com"
        assert record["awsRegion"] == "us-east-1"
        assert record["eventTime"] == now
        assert record["eventType"] == "AwsApiCall" and record["managementEvent"] is True
        assert record["recipientAccountId"] == account.account_id
        assert uuid.UUID(record["eventID"])
        assert "errorCode" not in record and "sessionCredentialFromConsole" not in record
    create, tag, listing = records[1:]
    assert create["requestParameters"] == {"userName": "bob"}
    assert create["responseElements"]["user"]["userName"] == "bob"
    assert create["resources"] == [
        {
            "accountId": account.account_id,
            "type": "AWS::IAM::User",
            "ARN": f"arn:aws:iam::{account.account_id}:user/bob",
        }
    ]
    assert tag["requestParameters"] == {
        "userName": "bob",
        "tags": [{"key": "team", "value": "ops"}],
    }
    assert listing["responseElements"] is None


def test_lookup_by_the_sessions_access_key_or_session_name_finds_its_events(sandbox):
    other = elevate(sandbox, name="alice-0000")  # another elevation in the same minutes
    sandbox.clock.advance(30)
    session = elevate(sandbox)
    client(sandbox, "iam", temp(other)).list_roles()
    work(sandbox, temp(session))
    key = session["Credentials"]["AccessKeyId"]
    found = lookup(sandbox, LookupAttributes=by("AccessKeyId", key))
    assert "NextToken" not in found
    events = found["Events"]
    assert [(e["EventName"], e["ReadOnly"]) for e in events] == [
        ("ListUsers", "true"),
        ("TagUser", "false"),
        ("CreateUser", "false"),
    ]
    for event in events:
        assert event["AccessKeyId"] == key
        assert event["Username"] == SESSION
        assert event["EventSource"] == "iam.amazonaws.com"
        record = json.loads(event["CloudTrailEvent"])
        assert record["eventID"] == event["EventId"]
        assert record["userIdentity"]["accessKeyId"] == key
    assert events[1]["Resources"] == [{"ResourceType": "AWS::IAM::User", "ResourceName": "bob"}]
    named = lookup(sandbox, LookupAttributes=by("Username", SESSION))["Events"]
    assert [e["EventId"] for e in named] == [e["EventId"] for e in events]
    mine = lookup(sandbox, LookupAttributes=by("Username", sandbox.account.user_name))["Events"]
    assert [e["EventName"] for e in mine] == ["AssumeRole", "AssumeRole"]
    changes = lookup(sandbox, LookupAttributes=by("ReadOnly", "false"))["Events"]
    assert [e["EventName"] for e in changes] == ["TagUser", "CreateUser"]
    assert [
        e["EventName"]
        for e in lookup(sandbox, LookupAttributes=by("ResourceName", "bob"))["Events"]
    ] == ["TagUser", "CreateUser"]
    assert (
        lookup(sandbox, LookupAttributes=by("EventId", events[2]["EventId"]))["Events"][0][
            "EventName"
        ]
        == "CreateUser"
    )
    assert {
        e["EventName"]
        for e in lookup(sandbox, LookupAttributes=by("EventName", "AssumeRole"))["Events"]
    } == {"AssumeRole"}
    assert (
        len(lookup(sandbox, LookupAttributes=by("ResourceType", "AWS::IAM::User"))["Events"]) == 2
    )
    sts_events = lookup(sandbox, LookupAttributes=by("EventSource", "sts.amazonaws.com"))["Events"]
    assert {e["EventName"] for e in sts_events} == {"AssumeRole"}


def test_a_time_range_selects_the_events_in_it(sandbox):
    session = elevate(sandbox)
    iam = client(sandbox, "iam", temp(session))
    start = sandbox.clock.now()
    iam.list_users()
    sandbox.clock.advance(600)
    iam.list_roles()
    key = session["Credentials"]["AccessKeyId"]
    early = lookup(
        sandbox,
        LookupAttributes=by("AccessKeyId", key),
        StartTime=start,
        EndTime=start + timedelta(seconds=60),
    )["Events"]
    assert [e["EventName"] for e in early] == ["ListUsers"]
    late = lookup(
        sandbox, LookupAttributes=by("AccessKeyId", key), StartTime=start + timedelta(minutes=5)
    )["Events"]
    assert [e["EventName"] for e in late] == ["ListRoles"]


def test_the_throttle_is_two_lookups_a_second_per_account_and_region(sandbox):
    lookup(sandbox, pace=False)
    lookup(sandbox, pace=False)
    with pytest.raises(ClientError) as info:
        lookup(sandbox, pace=False)
    assert info.value.response["Error"] == {
        "Code": "ThrottlingException",
        "Message": "Rate exceeded",
    }
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    lookup(sandbox, region="eu-west-1", pace=False)  # another Region has its own budget
    sandbox.clock.advance(0.5)
    lookup(sandbox, pace=False)
    with pytest.raises(ClientError):
        lookup(sandbox, pace=False)
    throttled = [r for r in sandbox.trail_records() if r.get("errorCode") == "ThrottlingException"]
    assert len(throttled) == 2 and all(r["readOnly"] for r in throttled)


def test_120_events_page_50_50_20_under_the_throttle_with_standard_retries(sandbox):
    session = elevate(sandbox)
    sts = client(sandbox, "sts", temp(session))
    for _ in range(120):
        sts.get_caller_identity()
    lookup(sandbox, pace=False)
    lookup(sandbox, pace=False)  # the Region's budget is spent: the next lookup is throttled once
    trail = trail_client(sandbox, admin(sandbox), "us-east-1", attempts=4)

    # time passes as the client works: a quarter second of the sandbox's clock per attempt
    def tick(**_):  # returns nothing: a value from before-send would be the answer
        sandbox.clock.advance(0.25)

    trail.meta.events.register("before-send", tick)
    attribute = by("AccessKeyId", session["Credentials"]["AccessKeyId"])
    pages, token = [], None
    while True:
        extra = {"NextToken": token} if token else {}
        answer = trail.lookup_events(LookupAttributes=attribute, **extra)
        pages.append(answer["Events"])
        token = answer.get("NextToken")
        if not token:
            break
    assert [len(p) for p in pages] == [50, 50, 20]
    ids = [e["EventId"] for p in pages for e in p]
    assert len(set(ids)) == 120
    assert {e["EventName"] for p in pages for e in p} == {"GetCallerIdentity"}
    records = {r["eventID"]: r for r in sandbox.trail_records()}
    seqs = [list(records).index(i) for i in ids]
    assert seqs == sorted(seqs, reverse=True)  # newest first
    throttled = [r for r in records.values() if r.get("errorCode") == "ThrottlingException"]
    assert len(throttled) == 3  # each page once, then its retry went through


def test_lookup_validates_its_parameters_as_aws_does(sandbox):
    def refused(**params):
        sandbox.clock.advance(1)
        with pytest.raises(ClientError) as info:
            lookup(sandbox, **params)
        return info.value.response["Error"]["Code"]

    two = by("Username", "alice") + by("EventName", "CreateUser")
    assert refused(LookupAttributes=two) == "InvalidLookupAttributesException"
    assert refused(LookupAttributes=by("Colour", "blue")) == "InvalidLookupAttributesException"
    now = sandbox.clock.now()
    assert refused(StartTime=now, EndTime=now - timedelta(hours=1)) == "InvalidTimeRangeException"
    assert refused(MaxResults=51) == "InvalidMaxResultsException"
    assert refused(NextToken="not-a-token") == "InvalidNextTokenException"
    for _ in range(3):
        client(sandbox, "sts", long_term(sandbox)).get_caller_identity()
    sandbox.clock.advance(1)
    first = lookup(sandbox, MaxResults=1, LookupAttributes=by("EventName", "GetCallerIdentity"))
    assert len(first["Events"]) == 1 and first["NextToken"]
    other = by("EventName", "LookupEvents")
    assert refused(NextToken=first["NextToken"], LookupAttributes=other) == (
        "InvalidNextTokenException"
    )
    sandbox.clock.advance(1)
    assert len(lookup(sandbox)["Events"]) <= 50  # the default page size


def test_the_delivery_delay_hides_events_until_the_clock_passes_it(sandbox):
    assert sandbox.cloudtrail_delay_seconds == 0
    sandbox.cloudtrail_delay_seconds = 180
    session = elevate(sandbox)
    client(sandbox, "iam", temp(session)).create_user(UserName="bob")
    attribute = by("AccessKeyId", session["Credentials"]["AccessKeyId"])
    assert lookup(sandbox, pace=False, LookupAttributes=attribute)["Events"] == []
    sandbox.clock.advance(179)
    assert lookup(sandbox, pace=False, LookupAttributes=attribute)["Events"] == []
    sandbox.clock.advance(1)
    assert [
        e["EventName"] for e in lookup(sandbox, pace=False, LookupAttributes=attribute)["Events"]
    ] == ["CreateUser"]
    sandbox.reset()
    assert sandbox.cloudtrail_delay_seconds == 0
    assert sandbox.trail_records() == []


def test_events_are_kept_per_region_and_iams_are_in_us_east_1(sandbox):
    session = elevate(sandbox)
    import boto3

    def in_region(service, region):
        return boto3.session.Session().client(
            service, endpoint_url=sandbox.endpoint_url, region_name=region, **temp(session)
        )

    in_region("sqs", "eu-west-1").create_queue(QueueName="jobs")
    in_region("iam", "eu-west-1").list_users()
    key = by("AccessKeyId", session["Credentials"]["AccessKeyId"])
    west = lookup(sandbox, region="eu-west-1", LookupAttributes=key)["Events"]
    assert [(e["EventName"], e["EventSource"], e["ReadOnly"]) for e in west] == [
        ("CreateQueue", "sqs.amazonaws.com", "false")
    ]
    east = lookup(sandbox, LookupAttributes=key)["Events"]
    assert [e["EventName"] for e in east] == ["ListUsers"]


def test_refused_calls_are_recorded_and_lookup_needs_permission(sandbox):
    nobody = sandbox.create_user("nobody", mfa=False)
    with pytest.raises(ClientError) as info:
        lookup(sandbox, keys(nobody))
    assert info.value.response["Error"]["Code"] == "AccessDeniedException"
    with pytest.raises(ClientError):
        client(sandbox, "iam", long_term(sandbox)).create_user(UserName="mallory")
    denied = [r for r in sandbox.trail_records() if r.get("errorCode")]
    assert [(r["eventName"], r["errorCode"]) for r in denied] == [
        ("LookupEvents", "AccessDeniedException"),
        ("CreateUser", "AccessDenied"),
    ]
    assert "cloudtrail:LookupEvents" in denied[0]["errorMessage"]
    assert denied[0]["userIdentity"]["userName"] == "nobody"
    assert denied[1]["responseElements"] is None


def test_the_read_only_mfa_session_may_look_events_up(sandbox):
    code = sandbox.totp()
    readonly = client(sandbox, "sts", long_term(sandbox)).get_session_token(
        SerialNumber=sandbox.account.mfa_serial, TokenCode=code
    )
    found = lookup(sandbox, temp(readonly), LookupAttributes=by("EventName", "GetSessionToken"))
    record = json.loads(found["Events"][0]["CloudTrailEvent"])
    assert record["requestParameters"]["tokenCode"] == "HIDDEN_DUE_TO_SECURITY_REASONS"
    own = [r for r in sandbox.trail_records() if r["eventName"] == "LookupEvents"]
    assert own[0]["readOnly"] is True
    assert own[0]["userIdentity"]["type"] == "IAMUser"
    assert own[0]["userIdentity"]["sessionContext"]["attributes"]["mfaAuthenticated"] == "true"


def session_param(creds) -> str:
    c = creds["Credentials"]
    return json.dumps(
        {
            "sessionId": c["AccessKeyId"],
            "sessionKey": c["SecretAccessKey"],
            "sessionToken": c["SessionToken"],
        }
    )


def signed_in(sb, creds) -> tuple[requests.Session, str]:
    answer = requests.get(
        sb.signin_url,
        params={"Action": "getSigninToken", "Session": session_param(creds)},
        timeout=5,
    )
    token = answer.json()["SigninToken"]
    browser = requests.Session()
    page = browser.get(sb.signin_url, params={"Action": "login", "SigninToken": token}, timeout=5)
    assert page.status_code == 200
    return browser, token


def test_console_actions_are_recorded_with_the_console_sessions_identity(sandbox):
    session = elevate(sandbox)
    browser, _ = signed_in(sandbox, session)
    listing = browser.get(f"{sandbox.endpoint_url}/console", params={"view": "users"}, timeout=5)
    assert listing.status_code == 200
    assert f"data-user='{sandbox.account.user_name}'" in listing.text
    made = browser.post(
        f"{sandbox.endpoint_url}/console",
        data={"action": "create-user", "UserName": "carol"},
        timeout=5,
    )
    assert "Created user carol." in made.text
    assert client(sandbox, "iam", admin(sandbox)).get_user(UserName="carol")
    console = [r for r in sandbox.trail_records() if r.get("sessionCredentialFromConsole")]
    assert [(r["eventName"], r["readOnly"]) for r in console] == [
        ("ListUsers", True),
        ("CreateUser", False),
    ]
    cli_key = session["Credentials"]["AccessKeyId"]
    for record in console:
        ident = record["userIdentity"]
        assert record["sessionCredentialFromConsole"] == "true"
        assert ident["type"] == "AssumedRole"
        assert ident["arn"] == session["AssumedRoleUser"]["Arn"]
        assert ident["accessKeyId"].startswith("ASIA") and ident["accessKeyId"] != cli_key
    assert console[1]["requestParameters"] == {"userName": "carol"}
    by_name = lookup(sandbox, LookupAttributes=by("Username", SESSION))["Events"]
    assert [e["EventName"] for e in by_name] == ["CreateUser", "ListUsers"]
    by_key = lookup(sandbox, LookupAttributes=by("AccessKeyId", cli_key))["Events"]
    assert by_key == []


def test_no_secret_reaches_any_recorded_event(sandbox):
    code = sandbox.totp()
    session = client(sandbox, "sts", long_term(sandbox)).assume_role(
        RoleArn=sandbox.account.role_arn,
        RoleSessionName=SESSION,
        SerialNumber=sandbox.account.mfa_serial,
        TokenCode=code,
    )
    iam = client(sandbox, "iam", temp(session))
    iam.create_user(UserName="bob")
    made = iam.create_access_key(UserName="bob")["AccessKey"]
    password = "Canary-Passw0rd-" + uuid.uuid4().hex
    iam.create_login_profile(UserName="bob", Password=password)
    iam.update_login_profile(UserName="bob", Password=password + "x")
    browser, signin_token = signed_in(sandbox, session)
    browser.get(f"{sandbox.endpoint_url}/console", params={"view": "users"}, timeout=5)
    sandbox.clock.advance(30)
    later = sandbox.totp()
    readonly = client(sandbox, "sts", long_term(sandbox)).get_session_token(
        SerialNumber=sandbox.account.mfa_serial, TokenCode=later
    )
    lookup(sandbox, temp(readonly))
    everything = json.dumps(sandbox.trail_records())
    looked_up = json.dumps(lookup(sandbox)["Events"], default=str)
    creds = session["Credentials"]
    canaries = [
        creds["SecretAccessKey"],
        creds["SessionToken"],
        readonly["Credentials"]["SecretAccessKey"],
        readonly["Credentials"]["SessionToken"],
        sandbox.account.secret_access_key,
        made["SecretAccessKey"],
        password,
        signin_token,
        f'"{code}"',
        f'"{later}"',
    ]
    for text in (everything, looked_up):
        for canary in canaries:
            assert canary not in text
    assert made["AccessKeyId"] in everything  # the key's ID is kept, only its secret is not
    assert re.search(r'"password": "HIDDEN_DUE_TO_SECURITY_REASONS"', everything)


def test_the_foreground_sandbox_delays_events_as_asked(tmp_path):
    import signal
    import subprocess
    import sys

    from tests.test_sandbox_cli import child_env

    home = tmp_path / "sb"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "elevate_tray.sandbox",
            "--home",
            str(home),
            "--port",
            "0",
            "--cloudtrail-delay",
            "3m",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=child_env(),
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("# Ctrl-C"):
                break
        assert "# CloudTrail events reach LookupEvents 180 s after the call" in lines
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.mark.parametrize("delay", ["soon", "-5s", "2h", ""])
def test_a_cloudtrail_delay_that_is_not_one_is_one_sentence_and_exit_2(tmp_path, capsys, delay):
    from elevate_tray.cli import main as cli_main

    status = cli_main(["sandbox", "--home", str(tmp_path), f"--cloudtrail-delay={delay}"])
    assert status == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("elevate-tray sandbox: --cloudtrail-delay")
    assert "like 10s or 2m" in err
    assert not (tmp_path / "sandbox.json").exists()
