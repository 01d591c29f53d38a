"""Every AWS error of aws-facts.md's table, as AWS sends it (the sandbox where it enforces
the rule, the fault proxy for what only real AWS does: throttling, a disabled region, clock
skew). Each is one sentence with the contract's exit code, and leaves the state as it was:
no session, no secret, no audit record of an elevation that did not happen."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest

from elevate_tray.core import audit
from elevate_tray.core.paths import app_dirs

from .cli_helpers import Cli, Result
from .fault_servers import aws_error, fault_proxy
from .suite_support import bump, cli_fixture, elevate  # noqa: F401


def admin_iam(sandbox):  # type: ignore[no-untyped-def]
    root = sandbox.create_user("account-admin", admin=True, mfa=False)
    return boto3.client(
        "iam",
        region_name="us-east-1",
        endpoint_url=sandbox.endpoint_url,
        aws_access_key_id=root.access_key_id,
        aws_secret_access_key=root.secret_access_key,
    )


def replace_in(env_var: str, old: str, new: str) -> None:
    path = Path(os.environ[env_var])
    path.write_text(path.read_text().replace(old, new))


def with_fault(code: str, message: str, status: int = 400) -> Callable[..., Result]:
    def run(cli: Cli, sandbox, monkeypatch) -> Result:  # type: ignore[no-untyped-def]
        with fault_proxy(
            sandbox.endpoint_url, {"AssumeRole": aws_error(code, message, status)}
        ) as p:
            monkeypatch.setenv("AWS_ENDPOINT_URL", p.url)
            return elevate(cli, sandbox)

    return run


def wrong_code(cli: Cli, sandbox, monkeypatch) -> Result:  # type: ignore[no-untyped-def]
    return cli("elevate", "--code", f"{(int(sandbox.totp()) + 1) % 1000000:06d}", "--no-browser")


def reused_code(cli: Cli, sandbox, monkeypatch) -> Result:  # type: ignore[no-untyped-def]
    code = sandbox.totp()
    assert cli("elevate", "--code", code, "--no-browser").code == 0
    assert cli("drop").code == 0
    return cli("elevate", "--code", code, "--no-browser")


def someone_elses_device(cli: Cli, sandbox, monkeypatch) -> Result:  # type: ignore[no-untyped-def]
    bob = sandbox.create_user("bob", groups=[sandbox.account.group_name])
    replace_in("AWS_CONFIG_FILE", sandbox.account.mfa_serial, bob.mfa_serial)
    return cli("elevate", "--code", sandbox.totp(bob.mfa_secret), "--no-browser")


def not_in_the_group(cli: Cli, sandbox, monkeypatch) -> Result:  # type: ignore[no-untyped-def]
    carol = sandbox.create_user("carol")  # MFA, but no group: no policy allows the role
    replace_in("AWS_SHARED_CREDENTIALS_FILE", sandbox.account.access_key_id, carol.access_key_id)
    replace_in(
        "AWS_SHARED_CREDENTIALS_FILE", sandbox.account.secret_access_key, carol.secret_access_key
    )
    replace_in("AWS_CONFIG_FILE", sandbox.account.mfa_serial, carol.mfa_serial)
    return cli("elevate", "--code", sandbox.totp(carol.mfa_secret), "--no-browser")


def unknown_key(cli: Cli, sandbox, monkeypatch) -> Result:  # type: ignore[no-untyped-def]
    replace_in("AWS_SHARED_CREDENTIALS_FILE", sandbox.account.access_key_id, "AKIAUNKNOWNKEY000000")
    return elevate(cli, sandbox)


def inactive_key(cli: Cli, sandbox, monkeypatch) -> Result:  # type: ignore[no-untyped-def]
    admin_iam(sandbox).update_access_key(
        UserName="alice", AccessKeyId=sandbox.account.access_key_id, Status="Inactive"
    )
    return elevate(cli, sandbox)


def deleted_key(cli: Cli, sandbox, monkeypatch) -> Result:  # type: ignore[no-untyped-def]
    admin_iam(sandbox).delete_access_key(
        UserName="alice", AccessKeyId=sandbox.account.access_key_id
    )
    return elevate(cli, sandbox)


def wrong_secret(cli: Cli, sandbox, monkeypatch) -> Result:  # type: ignore[no-untyped-def]
    replace_in("AWS_SHARED_CREDENTIALS_FILE", sandbox.account.secret_access_key, "x" * 40)
    return elevate(cli, sandbox)


def duration_over_the_roles_maximum(cli: Cli, sandbox, monkeypatch) -> Result:  # type: ignore[no-untyped-def]
    return elevate(cli, sandbox, "--duration", "2h")


@dataclass(frozen=True)
class Case:
    make: Callable[..., Result]
    exit_code: int
    words: str


CASES = {
    "wrong code": Case(wrong_code, 3, "wrong or too old"),
    "reused code": Case(reused_code, 3, "already used"),
    "MFA device of another user": Case(someone_elses_device, 3, "is not assigned to the user"),
    "not allowed to assume": Case(not_in_the_group, 4, "AWS refused to assume AdminRole"),
    "unknown key": Case(unknown_key, 4, "does not know the access key"),
    "inactive key": Case(inactive_key, 4, "does not know the access key"),
    "deleted key": Case(deleted_key, 4, "does not know the access key"),
    "secret key does not match": Case(wrong_secret, 4, "does not match its access key"),
    "duration over MaxSessionDuration": Case(
        duration_over_the_roles_maximum, 2, "longer than the role allows"
    ),
    "clock off by more than 5 min": Case(
        with_fault(
            "SignatureDoesNotMatch",
            "Signature expired: 20260101T000000Z is now earlier than "
            "20260101T000500Z (20260101T001000Z - 5 min.)",
            403,
        ),
        4,
        "clock is more than 5 minutes off",
    ),
    "clock behind (not yet current)": Case(
        with_fault(
            "SignatureDoesNotMatch",
            "Signature not yet current: 20260101T001000Z is still later "
            "than 20260101T000500Z (20260101T000000Z + 5 min.)",
            403,
        ),
        4,
        "clock is more than 5 min",
    ),
    "throttled": Case(with_fault("Throttling", "Rate exceeded"), 5, "rate-limiting"),
    "region disabled": Case(
        with_fault(
            "RegionDisabledException",
            "STS is not activated in this region for account:"
            "111122223333. Your account administrator can activate STS in this region using the "
            "IAM Console.",
            403,
        ),
        2,
        "STS is not activated in this region",
    ),
    "role chaining over 1 h": Case(
        with_fault(
            "ValidationError",
            "The requested DurationSeconds exceeds the 1 hour session limit for "
            "roles assumed by role chaining.",
        ),
        2,
        "limits to 1 hour",
    ),
    "role does not exist": Case(
        with_fault(
            "AccessDenied",
            "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: "
            "sts:AssumeRole on resource: arn:aws:iam::111122223333:role/AdminRole",
            403,
        ),
        4,
        "AWS refused to assume AdminRole",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_aws_error_is_one_sentence_and_changes_nothing(
    cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    case = CASES[name]
    before = audit.read(app_dirs()) if app_dirs().audit_file.exists() else []
    r = case.make(cli, sandbox, monkeypatch)
    assert r.code == case.exit_code, r
    assert case.words in r.err, r.err
    assert r.err.startswith("elevate-tray: ") and len(r.err.strip().splitlines()) == 1, r.err
    assert cli("status", "--json").json()["mode"] == "read-only"
    assert cli("credentials").code == 6
    secrets = cli.home / "state" / "secrets"
    assert not secrets.exists() or not list(secrets.glob("*.json"))
    after = audit.read(app_dirs()) if app_dirs().audit_file.exists() else []
    assert len([e for e in after if e["event"] == "elevated"]) == len(
        [e for e in before if e["event"] == "elevated"]
    ) + (1 if name == "reused code" else 0)


def test_expired_token_when_aws_ended_the_session_before_this_clock(cli: Cli, sandbox) -> None:
    """The local clock is behind AWS's: AWS says ExpiredToken while the app still counts."""
    assert elevate(cli, sandbox, "--duration", "15m").code == 0
    sandbox.clock.advance(16 * 60)  # AWS's time is up; ours is not
    # the console is refused by the sign-in endpoint (HTTP 400), said in one sentence
    r = cli("console", "--print-url")
    assert (r.code, len(r.err.strip().splitlines())) == (4, 1)
    assert "sign-in endpoint refused the session's credentials" in r.err
    r = cli("drop", "--revoke")
    assert r.code == 6 and "credentials have expired" in r.err
    assert len(r.err.strip().splitlines()) == 1
    # AWS refused the revocation, but the session is dropped here all the same
    assert cli("status", "--json").json()["mode"] == "read-only"


def test_failed_revocation_still_drops_here(cli: Cli, sandbox) -> None:
    assert elevate(cli, sandbox, "--duration", "15m").code == 0
    sandbox.clock.advance(16 * 60)
    cli("drop", "--revoke")
    assert cli("status", "--json").json()["mode"] == "read-only"
