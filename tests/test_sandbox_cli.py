"""The sandbox's own files, `elevate-tray sandbox` in the foreground, its `code` sub-command,
and the AWS CLI reproducing the seed's security model against it."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import boto3
import pytest

from elevate_tray.sandbox.__main__ import main

REPO = Path(__file__).resolve().parents[1]


def test_the_written_config_has_exactly_one_target(sandbox):
    assert sandbox.config_file.read_text() == (
        "[profile sandbox-account-admin]\n"
        "region = us-east-1\n"
        "[profile sandbox]\n"
        "region = us-east-1\n"
        "[profile sandbox-admin]\n"
        "role_arn = arn:aws:iam::111122223333:role/AdminRole\n"
        "source_profile = sandbox\n"
        "mfa_serial = arn:aws:iam::111122223333:mfa/alice\n"
        "region = us-east-1\n"
        "duration_seconds = 3600\n"
    )
    assert sandbox.credentials_file.read_text() == (
        "[sandbox-account-admin]\n"
        f"aws_access_key_id = {sandbox.account.admin_access_key_id}\n"
        f"aws_secret_access_key = {sandbox.account.admin_secret_access_key}\n"
        "[sandbox]\n"
        f"aws_access_key_id = {sandbox.account.access_key_id}\n"
        f"aws_secret_access_key = {sandbox.account.secret_access_key}\n"
    )
    home = sandbox.config_file.parent.parent
    assert Path.home() / ".aws" not in sandbox.config_file.parents
    for path in (sandbox.config_file, sandbox.credentials_file, home / "sandbox.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_sandbox_json_says_what_it_is(sandbox):
    facts = json.loads((sandbox.config_file.parent.parent / "sandbox.json").read_text())
    assert facts["sandbox"] is True
    assert facts["endpoint_url"] == sandbox.endpoint_url
    assert facts["account"]["mfa_secret"] == sandbox.account.mfa_secret
    assert facts["account"]["role_arn"] == sandbox.account.role_arn
    assert "throwaway" in facts["mfa_secret_note"] and "SANDBOX" in facts["mfa_secret_note"]


def test_env_points_at_the_sandbox_and_nothing_else(sandbox, aws_env):
    assert aws_env == {
        "AWS_CONFIG_FILE": str(sandbox.config_file),
        "AWS_SHARED_CREDENTIALS_FILE": str(sandbox.credentials_file),
        "AWS_ENDPOINT_URL": sandbox.endpoint_url,
        "ELEVATE_TRAY_SIGNIN_URL": f"{sandbox.endpoint_url}/federation",
        "AWS_REGION": "us-east-1",
    }


def test_boto3_finds_the_target_through_the_env(sandbox, aws_env, monkeypatch):
    for name in [n for n in os.environ if n.startswith("AWS_")]:
        monkeypatch.delenv(name)
    for name, value in aws_env.items():
        monkeypatch.setenv(name, value)
    session = boto3.session.Session(profile_name="sandbox")
    arn = session.client("sts").get_caller_identity()["Arn"]
    assert arn == "arn:aws:iam::111122223333:user/alice"


def test_code_prints_a_valid_code_by_the_sandbox_clock(sandbox, capsys):
    sandbox.clock.advance(3 * 3600)  # the running sandbox's clock, not the wall clock
    assert main(["--home", str(sandbox.config_file.parent.parent), "code"]) == 0
    assert capsys.readouterr().out.split()[0] == sandbox.totp()


def test_code_without_a_sandbox_says_so(tmp_path, capsys):
    assert main(["--home", str(tmp_path), "code"]) == 2
    assert "no sandbox has been started" in capsys.readouterr().err


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ELEVATE_TRAY"))}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


def start_foreground(home: Path) -> tuple[subprocess.Popen[str], dict[str, str], list[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "elevate_tray.sandbox", "--home", str(home)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=child_env(),
    )
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("# Ctrl-C"):
            break
    exports = dict(m.groups() for line in lines if (m := re.match(r"export (\w+)=(.*)$", line)))
    return proc, exports, lines


def stop(proc: subprocess.Popen[str]) -> int:
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=10)
    finally:
        if proc.stdout is not None:
            proc.stdout.close()


def test_foreground_run_prints_the_env_and_stops_on_ctrl_c(tmp_path):
    home = tmp_path / "sb"
    proc, exports, lines = start_foreground(home)
    try:
        assert set(exports) == {
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_ENDPOINT_URL",
            "ELEVATE_TRAY_SIGNIN_URL",
            "AWS_REGION",
            "ELEVATE_TRAY_HOME",
            "ELEVATE_TRAY_SECRET_STORE",
            "ELEVATE_TRAY_SANDBOX",
            "ELEVATE_TRAY_SANDBOX_HOME",
        }
        assert exports["AWS_CONFIG_FILE"] == str(home / "aws" / "config")
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", exports["AWS_ENDPOINT_URL"])
        assert any(line.endswith(": elevate-tray sandbox code") for line in lines)
        code = subprocess.run(
            [sys.executable, "-m", "elevate_tray.sandbox", "--home", str(home), "code"],
            capture_output=True,
            text=True,
            env=child_env(),
            check=True,
        ).stdout.split()[0]
        facts = json.loads((home / "sandbox.json").read_text())["account"]
        sts = boto3.client(
            "sts",
            region_name="us-east-1",
            endpoint_url=exports["AWS_ENDPOINT_URL"],
            aws_access_key_id=facts["access_key_id"],
            aws_secret_access_key=facts["secret_access_key"],
        )
        assumed = sts.assume_role(
            RoleArn=facts["role_arn"],
            RoleSessionName="alice",
            SerialNumber=facts["mfa_serial"],
            TokenCode=code,
        )
        assert assumed["AssumedRoleUser"]["Arn"].endswith("assumed-role/AdminRole/alice")
    finally:
        assert stop(proc) == 0
    # A restart keeps the keys, the MFA secret and (when free) the port.
    again, exports_again, _ = start_foreground(home)
    try:
        assert json.loads((home / "sandbox.json").read_text())["account"] == facts
        assert exports_again["AWS_ENDPOINT_URL"] == exports["AWS_ENDPOINT_URL"]
    finally:
        assert stop(again) == 0


# -- the AWS CLI, as a person would use it in a second terminal ------------------------------

AWS = shutil.which("aws")


@pytest.fixture
def aws(sandbox, aws_env, tmp_path):
    if AWS is None:
        pytest.skip("the AWS CLI is not installed")
    env = child_env(**aws_env, HOME=str(tmp_path))  # the CLI caches role credentials in ~/.aws
    env.setdefault("PYENV_ROOT", str(Path.home() / ".pyenv"))

    def run(*args: str, code: str | None = None, extra_env=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [AWS, *args, "--output", "json"],
            input=(code + "\n") if code else "",
            capture_output=True,
            text=True,
            env={**env, **(extra_env or {})},
            timeout=60,
            start_new_session=True,  # no controlling terminal: the MFA prompt reads stdin
        )

    return run


def test_aws_cli_reproduces_the_seeds_security_model(sandbox, aws):
    who = aws("sts", "get-caller-identity", "--profile", "sandbox")
    assert who.returncode == 0, who.stderr
    assert json.loads(who.stdout)["Arn"] == "arn:aws:iam::111122223333:user/alice"

    read = aws("iam", "list-users", "--profile", "sandbox")
    assert read.returncode != 0
    assert "AccessDenied" in read.stderr and "explicit deny" in read.stderr
    write = aws("iam", "create-user", "--user-name", "mallory", "--profile", "sandbox")
    assert write.returncode != 0 and "AccessDenied" in write.stderr

    wrong = aws("iam", "list-users", "--profile", "sandbox-admin", code="000000")
    assert wrong.returncode != 0
    assert "MultiFactorAuthentication failed with invalid MFA one time pass code." in wrong.stderr

    sandbox.clock.advance(30)
    admin = aws("iam", "list-users", "--profile", "sandbox-admin", code=sandbox.totp())
    assert admin.returncode == 0, admin.stderr
    assert [u["UserName"] for u in json.loads(admin.stdout)["Users"]] == [
        "alice",
        "sandbox-account-admin",
    ]
    created = aws("iam", "create-user", "--user-name", "carol", "--profile", "sandbox-admin")
    assert created.returncode == 0, created.stderr  # the CLI reuses its cached role session


def test_aws_cli_read_only_session_with_mfa(sandbox, aws):
    token = aws(
        "sts",
        "get-session-token",
        "--profile",
        "sandbox",
        "--serial-number",
        sandbox.account.mfa_serial,
        "--token-code",
        sandbox.totp(),
    )
    assert token.returncode == 0, token.stderr
    c = json.loads(token.stdout)["Credentials"]
    session = {
        "AWS_ACCESS_KEY_ID": c["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": c["SecretAccessKey"],
        "AWS_SESSION_TOKEN": c["SessionToken"],
    }
    # (AWS CLI v1 reads AWS_DEFAULT_REGION, not AWS_REGION: without a profile, say the region.)
    read = aws("iam", "list-users", "--region", "us-east-1", extra_env=session)
    assert read.returncode == 0, read.stderr
    write = aws(
        "iam", "create-user", "--user-name", "mallory", "--region", "us-east-1", extra_env=session
    )
    assert write.returncode != 0
    assert "no identity-based policy allows the iam:CreateUser action" in write.stderr


def test_the_app_side_needs_no_moto():
    # The packaged app reads sandbox.json and dispatches `elevate-tray sandbox` without the
    # sandbox extra; moto is imported only when a sandbox actually starts.
    probe = (
        "import sys, elevate_tray.sandbox.__main__, elevate_tray.sandbox.facts\n"
        "from elevate_tray.sandbox import SeededAccount\n"
        "print(any(m == 'moto' or m.startswith('moto.') for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=child_env(), check=True
    ).stdout.strip()
    assert out == "False"
