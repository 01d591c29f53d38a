"""Issue 16 point 3: `elevate-tray targets sync` writes one role profile per account of the
organization's published account list, read from the identity account's SSM parameters with
the user's read-only MFA session; later syncs update and remove only their own profiles.

Against the organization sandbox (org-contract.md): alice is made a group member here (the
group with ReadOnlyAccess and the assume policy, as `setup org apply --member alice` would),
and the list is published by the test itself (SSM PutParameter with the identity account
admin's keys, in core/org_accounts.py's format), so these tests do not depend on the setup."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from elevate_tray.core import org_accounts as oa
from elevate_tray.core.settings import Settings

from .cli_helpers import Cli
from .sandbox_fixtures import client, keys, org_user, own_aws_files
from .suite_support import ROOT, bump, cli_fixture, proc_env_fixture  # noqa: F401

ORG = "o-sbx0example"
PROD_WEB = oa.OrgAccount("222222222222", "prod-web", "ou-sbx0-prod0001", "Production")
PROD_DATA = oa.OrgAccount("333333333333", "prod-data", "ou-sbx0-prod0001", "Production")
DEV_TOOLS = oa.OrgAccount("444444444444", "dev-tools", "ou-sbx0-dev00001", "Development")
ALL = (PROD_WEB, PROD_DATA, DEV_TOOLS)
IDENTITY = "111122223333"
GROUP = "ElevateTrayMembers"


def _policy(*statements: dict) -> str:  # type: ignore[type-arg]
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


MFA = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
ASSUME_ANY_ADMIN_ROLE = _policy(
    {
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Resource": ["arn:aws:iam::*:role/AdminRole", "arn:aws:iam::*:role/ReadOnlyRole"],
        "Condition": MFA,
    }
)


@pytest.fixture
def sandbox(sandbox_server):  # type: ignore[no-untyped-def]
    """The organization sandbox for every test here (the `cli` and `proc_env` fixtures take
    it too), with alice in a group that has ReadOnlyAccess and may assume AdminRole in any
    account with MFA: what the org setup gives a member."""
    sb = sandbox_server
    sb.reset(seed=True, organization=True)
    try:
        iam = client(sb, "iam", org_user(sb, "sandbox-account-admin"))
        iam.create_group(GroupName=GROUP)
        iam.attach_group_policy(GroupName=GROUP, PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
        iam.put_group_policy(
            GroupName=GROUP, PolicyName="AssumeAdminRole", PolicyDocument=ASSUME_ANY_ADMIN_ROLE
        )
        iam.add_user_to_group(GroupName=GROUP, UserName="alice")
        yield sb
    finally:
        sb.reset(seed=True, organization=False)


def admin_keys(sb) -> dict[str, str]:  # type: ignore[no-untyped-def]
    acct = sb.account
    return {
        "aws_access_key_id": acct.admin_access_key_id,
        "aws_secret_access_key": acct.admin_secret_access_key,
    }


def publish(sb, accounts=ALL, *, values: list[str] | None = None) -> None:  # type: ignore[no-untyped-def]
    """Write the list as `setup org publish` would: parts under the path, stale parts deleted."""
    ssm = client(sb, "ssm", admin_keys(sb))
    if values is None:
        lst = oa.PublishedList(
            ORG,
            sb.account.account_id,
            "AdminRole",
            "ReadOnlyRole",
            "2026-12-01T20:00:00Z",
            tuple(accounts),
        )
        values = oa.encode(lst)
    old = ssm.get_parameters_by_path(Path=oa.PATH).get("Parameters", [])
    if old:
        ssm.delete_parameters(Names=[p["Name"] for p in old])
    for name, value in zip(oa.parameter_names(len(values)), values, strict=True):  # [] deletes
        ssm.put_parameter(
            Name=name,
            Value=value,
            Type="String",
            Tags=[{"Key": oa.TAG_KEY, "Value": oa.TAG_VALUE}],
        )


@pytest.fixture
def files(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """The sandbox's AWS files copied for this test (a sync rewrites the config); no list
    published yet (the sandbox's reset keeps SSM parameters)."""
    publish(sandbox, values=[])
    env = own_aws_files(sandbox, tmp_path / "aws")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return Path(env["AWS_CONFIG_FILE"])


def settings_file(cli: Cli) -> Path:
    return cli.context().dirs.settings_file


def sync(cli: Cli, sandbox, *extra: str, code: bool = True):  # type: ignore[no-untyped-def]
    args = ["targets", "sync", "--profile", "sandbox", *extra]
    if code:
        args += ["--code", sandbox.totp()]
    return cli(*args)


def section(text: str, name: str) -> str:
    header = rf"\[profile {re.escape(name)}\]\n.*?(?=^\S*\[|\Z)"
    m = re.search(rf"(?ms)^# written by[^\n]*\n{header}", text)
    m = m or re.search(rf"(?ms)^{header}", text)
    assert m, f"no profile {name} in\n{text}"
    return m.group(0)


# -- writing one profile per account ----------------------------------------------------
def test_sync_as_a_group_member_writes_one_profile_per_account(
    cli: Cli, sandbox, files: Path
) -> None:
    publish(sandbox)
    r = sync(cli, sandbox)
    assert r.code == 0, r.err
    for name in ("org-prod-web", "org-prod-data", "org-dev-tools"):
        assert f"added: {name}" in r.out
    text = files.read_text()
    identity = sandbox.account.account_id
    web = section(text, "org-prod-web")
    assert web.startswith(f"# written by elevate-tray targets sync {ORG}/{identity}\n")
    assert "role_arn = arn:aws:iam::222222222222:role/AdminRole" in web
    assert "source_profile = sandbox" in web
    assert f"mfa_serial = {sandbox.account.mfa_serial}" in web
    assert "region = us-east-1" in web
    assert "duration_seconds = 3600" in web
    listed = {t["name"]: t for t in cli("targets", "--json").json()}
    assert listed["org-dev-tools"]["ou_name"] == "Development"
    assert listed["org-dev-tools"]["account_name"] == "dev-tools"
    assert listed["org-prod-data"]["account"] == "333333333333"
    assert listed["org-prod-data"]["readonly_role_arn"] == (
        "arn:aws:iam::333333333333:role/ReadOnlyRole"
    )
    prefs = Settings.load(settings_file(cli)).target("org-prod-web")
    assert (prefs.account_name, prefs.account_ou, prefs.ou_name) == (
        "prod-web",
        "ou-sbx0-prod0001",
        "Production",
    )


def test_a_second_sync_reuses_the_read_only_session_and_changes_nothing(
    cli: Cli, sandbox, files: Path
) -> None:
    publish(sandbox)
    assert sync(cli, sandbox).code == 0
    before = files.read_text()
    settings_before = (settings_file(cli)).read_text()
    bump(cli, sandbox, 60)
    r = sync(cli, sandbox, code=False)  # no code: the live read-only session reads the list
    assert r.code == 0, r.err
    assert "no change" in r.out
    assert files.read_text() == before
    assert (settings_file(cli)).read_text() == settings_before
    again = cli("targets", "sync", "--json")  # the targets' one source profile by default
    assert again.code == 0, again.err
    assert again.json()["added"] == again.json()["updated"] == again.json()["removed"] == []
    assert sorted(again.json()["unchanged"]) == ["org-dev-tools", "org-prod-data", "org-prod-web"]


def test_an_account_removed_from_the_list_loses_its_profile_and_only_that(
    cli: Cli, sandbox, files: Path
) -> None:
    publish(sandbox)
    assert sync(cli, sandbox).code == 0
    with files.open("a") as fh:
        fh.write("\n# my own\n[profile mine]\nregion = eu-west-1\n")
    publish(sandbox, (PROD_WEB, DEV_TOOLS))
    r = sync(cli, sandbox, code=False)
    assert r.code == 0, r.err
    assert "removed: org-prod-data" in r.out
    text = files.read_text()
    assert "org-prod-data" not in text and "333333333333" not in text
    assert "[profile org-prod-web]" in text and "[profile sandbox-identity-admin]" in text
    assert "# my own\n[profile mine]\nregion = eu-west-1\n" in text
    assert "org-prod-data" not in Settings.load(settings_file(cli)).targets


def test_a_hand_written_profile_of_the_same_name_is_left_alone(
    cli: Cli, sandbox, files: Path
) -> None:
    hand = "[profile org-prod-web]\nregion = eu-west-1\noutput = json\n"
    with files.open("a") as fh:
        fh.write("\n" + hand)
    publish(sandbox)
    r = sync(cli, sandbox)
    assert r.code == 0, r.err
    assert "Profile 'org-prod-web' exists and was not written by targets sync" in r.err
    assert "added: org-prod-web-2222" in r.out
    text = files.read_text()
    assert hand in text  # byte for byte, and no marker put above it
    assert "targets sync" not in text.split(hand)[0].splitlines()[-1]
    assert "role_arn = arn:aws:iam::222222222222:role/AdminRole" in section(
        text, "org-prod-web-2222"
    )
    r = sync(cli, sandbox, code=False)  # and the next sync leaves it alone too
    assert r.code == 0 and "no change" in r.out
    assert hand in files.read_text()


def test_a_changed_list_updates_the_profiles_the_sync_wrote(cli: Cli, sandbox, files: Path) -> None:
    publish(sandbox)
    assert sync(cli, sandbox).code == 0
    text = files.read_text().replace(
        "[profile org-prod-web]\n", "[profile org-prod-web]\noutput = json\n"
    )
    files.write_text(text)  # the user's own line in a synced profile
    ssm_values = oa.encode(
        oa.PublishedList(
            ORG, IDENTITY, "OrgAdmin", "OrgReader", "2026-12-02T08:00:00Z", (PROD_WEB, DEV_TOOLS)
        )
    )
    publish(sandbox, values=ssm_values)
    r = sync(cli, sandbox, code=False)
    assert r.code == 0, r.err
    assert "updated: org-prod-web" in r.out and "updated: org-dev-tools" in r.out
    assert "removed: org-prod-data" in r.out
    web = section(files.read_text(), "org-prod-web")
    assert "role_arn = arn:aws:iam::222222222222:role/OrgAdmin" in web
    assert "output = json" in web  # kept
    assert web.count("# written by elevate-tray targets sync") == 1
    prefs = Settings.load(settings_file(cli)).target("org-prod-web")
    assert prefs.readonly_role_arn == "arn:aws:iam::222222222222:role/OrgReader"


def test_a_long_list_in_several_parts_and_accounts_of_the_same_name(
    cli: Cli, sandbox, files: Path
) -> None:
    many = [
        oa.OrgAccount(f"5{i:011d}", f"Team {i:02d} – workloads of a long account name", "", "")
        for i in range(70)
    ]
    twins = [
        oa.OrgAccount("600000001234", "Shared", "", ""),
        oa.OrgAccount("600000005678", "shared", "", ""),
    ]
    lst = oa.PublishedList(ORG, IDENTITY, "AdminRole", "ReadOnlyRole", "t", tuple(many + twins))
    values = oa.encode(lst)
    assert len(values) >= 2 and all(len(v) <= oa.MAX_VALUE for v in values)
    publish(sandbox, values=values)
    r = cli("targets", "sync", "--profile", "sandbox", "--code", sandbox.totp(), "--json")
    assert r.code == 0, r.err
    added = r.json()["added"]
    assert len(added) == 72
    assert "org-team-07-workloads-of-a-long-account-name" in added
    assert {"org-shared-1234", "org-shared-5678"} <= set(added)  # a clash: the last 4 digits
    listed = cli("targets", "--json").json()
    assert len(listed) == 72 and not any(t["problem"] for t in listed)


# -- elevating into a member account ------------------------------------------------------
def member_admin_role(sb, account: str) -> str:  # type: ignore[no-untyped-def]
    """AdminRole in a member account trusting the identity account only with MFA, made
    through IAM by an admin user created in that account (what the StackSet deploys)."""
    admin = sb.create_user(f"admin-{account}", admin=True, mfa=False, account_id=account)
    trust = _policy(
        {
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{IDENTITY}:root"},
            "Action": "sts:AssumeRole",
            "Condition": MFA,
        }
    )
    iam = client(sb, "iam", keys(admin))
    iam.create_role(RoleName="AdminRole", AssumeRolePolicyDocument=trust)
    iam.attach_role_policy(
        RoleName="AdminRole", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess"
    )
    return f"arn:aws:iam::{account}:role/AdminRole"


def test_elevating_into_a_synced_member_account_works_with_mfa_and_not_without(
    cli: Cli, sandbox, files: Path
) -> None:
    from botocore.exceptions import ClientError

    role = member_admin_role(sandbox, PROD_WEB.id)
    publish(sandbox)
    assert sync(cli, sandbox).code == 0
    bump(cli, sandbox)
    r = cli("elevate", "--target", "org-prod-web", "--code", sandbox.totp(), "--no-browser")
    assert r.code == 0, r.err
    status = cli("status", "--target", "org-prod-web", "--json").json()
    assert status["account"] == PROD_WEB.id
    creds = cli("credentials", "--target", "org-prod-web").json()
    session = {
        "aws_access_key_id": creds["AccessKeyId"],
        "aws_secret_access_key": creds["SecretAccessKey"],
        "aws_session_token": creds["SessionToken"],
    }
    me = client(sandbox, "sts", session).get_caller_identity()
    assert me["Account"] == PROD_WEB.id
    assert me["Arn"].startswith(f"arn:aws:sts::{PROD_WEB.id}:assumed-role/AdminRole/")
    # without MFA the member role refuses alice (its trust admits the identity only with MFA)
    alice = client(sandbox, "sts", keys(sandbox.org.user("alice")))
    with pytest.raises(ClientError) as refused:
        alice.assume_role(RoleArn=role, RoleSessionName="no-mfa")
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
    # an account whose role was never deployed: one sentence, access denied
    bump(cli, sandbox)
    r = cli("elevate", "--target", "org-dev-tools", "--code", sandbox.totp(), "--no-browser")
    assert r.code == 4, r.err
    assert len(r.err.strip().splitlines()) == 1


# -- the failures, one sentence each ------------------------------------------------------
def test_no_list_published_is_a_sentence_and_exit_2(cli: Cli, sandbox, files: Path) -> None:
    r = sync(cli, sandbox)
    assert r.code == 2
    assert r.err.strip() == (
        f"elevate-tray: No account list is published in account {sandbox.account.account_id}; "
        "ask your admin to run `elevate-tray setup org apply`."
    ) or r.err.strip().endswith(
        f"No account list is published in account {sandbox.account.account_id}; "
        "ask your admin to run `elevate-tray setup org apply`."
    )
    assert "[profile org-" not in files.read_text()


def test_an_incomplete_or_foreign_list_is_a_sentence_and_writes_nothing(
    cli: Cli, sandbox, files: Path
) -> None:
    before = files.read_text()
    lst = oa.PublishedList(ORG, sandbox.account.account_id, "AdminRole", "ReadOnlyRole", "t", ALL)
    two = [v.replace('"parts":1', '"parts":2') for v in oa.encode(lst)]
    publish(sandbox, values=two)
    r = sync(cli, sandbox)
    assert r.code == 2
    assert "The published account list is incomplete (part 2 of 2 is missing" in r.err
    publish(sandbox, values=[oa.encode(lst)[0].replace('"version":1', '"version":7')])
    r = sync(cli, sandbox, code=False)
    assert r.code == 2
    assert "has version 7, which this elevate-tray cannot read" in r.err
    assert files.read_text() == before
    assert len(r.err.strip().splitlines()) == 1


def test_a_list_the_user_cannot_read_is_access_denied_exit_4(
    cli: Cli, sandbox, files: Path
) -> None:
    publish(sandbox)
    bob = sandbox.create_user("bob", mfa=True)  # in no group: no ReadOnlyAccess
    with files.open("a") as fh:
        fh.write(f"\n[profile bob]\nmfa_serial = {bob.mfa_serial}\n")
    with Path(files.parent / "credentials").open("a") as fh:
        fh.write(
            f"\n[bob]\naws_access_key_id = {bob.access_key_id}\n"
            f"aws_secret_access_key = {bob.secret_access_key}\n"
        )
    r = cli("targets", "sync", "--profile", "bob", "--code", sandbox.totp(bob.mfa_secret))
    assert r.code == 4, r.err
    assert "read the published account list" in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert "[profile org-" not in files.read_text()


def test_a_wrong_code_is_exit_3(cli: Cli, sandbox, files: Path) -> None:
    publish(sandbox)
    wrong = f"{(int(sandbox.totp()) + 1) % 1000000:06d}"
    r = cli("targets", "sync", "--profile", "sandbox", "--code", wrong)
    assert r.code == 3, r.err
    assert "[profile org-" not in files.read_text()


def test_an_unreachable_endpoint_is_exit_5(
    cli: Cli, sandbox, files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
    r = sync(cli, sandbox)
    assert r.code == 5, r.err
    assert len(r.err.strip().splitlines()) == 1


def test_targets_and_targets_json_still_list(cli: Cli, sandbox, files: Path) -> None:
    r = cli("targets")
    assert r.code == 0 and "No targets in" in r.out  # alice has no target before a sync
    assert cli("targets", "--json").json() == []
    publish(sandbox)
    assert sync(cli, sandbox).code == 0
    r = cli("targets")
    assert r.code == 0
    assert re.search(
        r"^org-prod-web +arn:aws:iam::222222222222:role/AdminRole +us-east-1 ", r.out, re.M
    )
    assert len(cli("targets", "--json").json()) == 3


# -- as a process, stdin closed ----------------------------------------------------------
def test_sync_as_a_process_with_stdin_closed(
    proc_env: dict[str, str], sandbox, tmp_path: Path
) -> None:
    proc_env.update(own_aws_files(sandbox, tmp_path / "aws"))
    publish(sandbox)
    kw = {"stdin": subprocess.DEVNULL, "start_new_session": True}
    r = subprocess.run(
        _argv("targets", "sync"),
        env=proc_env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        **kw,
    )
    assert r.returncode == 2, r.stderr  # several profiles, no target yet: which one is said
    assert r.stderr == (
        "elevate-tray: Name the profile with your IAM user's keys: elevate-tray targets sync "
        "--profile NAME (profiles: sandbox, sandbox-identity-admin, sandbox-org-admin).\n"
    )
    r = subprocess.run(
        _argv("targets", "sync", "--profile", "sandbox"),
        env=proc_env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        **kw,
    )
    assert r.returncode == 2, r.stderr  # no code, no terminal: one sentence
    assert "No MFA code: there is no terminal to ask for one." in r.stderr
    assert "Traceback" not in r.stderr
    r = subprocess.run(
        _argv("targets", "sync", "--profile", "sandbox", "--json", "--code", sandbox.totp()),
        env=proc_env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        **kw,
    )
    assert r.returncode == 0, r.stderr
    assert sorted(json.loads(r.stdout)["added"]) == [
        "org-dev-tools",
        "org-prod-data",
        "org-prod-web",
    ]


def test_a_kept_totp_secret_gives_the_code_with_stdin_closed(
    proc_env: dict[str, str], sandbox, tmp_path: Path
) -> None:
    from elevate_tray.core.context import AppContext
    from elevate_tray.core.totp import secret_key

    proc_env.update(own_aws_files(sandbox, tmp_path / "aws"))
    publish(sandbox)
    alice = sandbox.org.user("alice")
    AppContext(environ=dict(proc_env)).secrets.set(secret_key(alice.mfa_serial), alice.mfa_secret)
    r = subprocess.run(
        _argv("targets", "sync", "--profile", "sandbox"),
        env=proc_env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    assert r.returncode == 0, r.stderr
    assert "added: org-prod-web" in r.stdout
    assert alice.mfa_secret not in r.stdout + r.stderr


def _argv(*args: str) -> list[str]:
    import sys

    return [sys.executable, "-m", "elevate_tray", *args]


# -- reading in a member account (its ReadOnlyRole, chained) -------------------------------
def member_readonly_role(sb, account: str) -> None:  # type: ignore[no-untyped-def]
    admin = sb.create_user(f"ro-admin-{account}", admin=True, mfa=False, account_id=account)
    trust = _policy(
        {
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{IDENTITY}:root"},
            "Action": "sts:AssumeRole",
            "Condition": MFA,
        }
    )
    iam = client(sb, "iam", keys(admin))
    iam.create_role(RoleName="ReadOnlyRole", AssumeRolePolicyDocument=trust)
    iam.attach_role_policy(
        RoleName="ReadOnlyRole", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess"
    )


def test_readonly_credentials_of_a_member_target_are_its_read_only_role(
    cli: Cli, sandbox, files: Path
) -> None:
    from datetime import timedelta

    from elevate_tray.core.clock import parse_iso

    member_readonly_role(sandbox, PROD_DATA.id)
    publish(sandbox)
    assert sync(cli, sandbox).code == 0  # starts the identity account's read-only session
    r = cli("credentials", "--readonly", "--target", "org-prod-data")  # no code: reused
    assert r.code == 0, r.err
    creds = r.json()
    me = client(
        sandbox,
        "sts",
        {
            "aws_access_key_id": creds["AccessKeyId"],
            "aws_secret_access_key": creds["SecretAccessKey"],
            "aws_session_token": creds["SessionToken"],
        },
    ).get_caller_identity()
    assert me["Account"] == PROD_DATA.id  # not the identity account's credentials
    assert me["Arn"].startswith(f"arn:aws:sts::{PROD_DATA.id}:assumed-role/ReadOnlyRole/")
    left = parse_iso(creds["Expiration"]) - cli.clock.now()
    assert timedelta(minutes=55) <= left <= timedelta(hours=1)  # role chaining's cap
    # a member account without the role: one sentence, access denied
    r = cli("credentials", "--readonly", "--target", "org-prod-web")
    assert r.code == 4, r.err
    assert "ReadOnlyRole" in r.err and "222222222222" in r.err
    assert len(r.err.strip().splitlines()) == 1
    # the identity account's session was never filed under an organization target's name,
    # so the credential fast path cannot hand it out for one
    import json as _json

    state = _json.loads((cli.context().dirs.state_file).read_text())
    targets = {e["target"] for e in state["sessions"].values() if e["kind"] == "read-only"}
    assert targets == {"sandbox"}


def test_sync_with_no_aws_profile_at_all_says_what_to_add(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none" / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none" / "credentials"))
    r = cli("targets", "sync")
    assert r.code == 2
    assert "No AWS profile with your IAM user's keys is configured" in r.err
    assert "(profiles: none)" not in r.err and len(r.err.strip().splitlines()) == 1
