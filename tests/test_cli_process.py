"""The command line as separate processes: the credential_process fast path, the AWS CLI
following the session through credential_process, and one-line errors with exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(sandbox, tmp_path: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ELEVATE_TRAY_"))}
    e.update(
        sandbox.env(), ELEVATE_TRAY_HOME=str(tmp_path / "app"), ELEVATE_TRAY_SECRET_STORE="file"
    )
    return e


def run(
    env: dict[str, str], *args: str, code: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "elevate_tray", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=code,
        timeout=60,
    )


def test_fast_path_answers_without_boto3_keyring_or_qt(sandbox, env: dict[str, str]) -> None:
    assert run(env, "elevate", "--no-browser", "--code", sandbox.totp()).returncode == 0
    probe = (
        "import sys; from elevate_tray.__main__ import main; rc = main(['credentials']);"
        "heavy = [m for m in ('botocore', 'boto3', 'keyring', 'PySide6') if m in sys.modules];"
        "print(heavy, file=sys.stderr); sys.exit(rc)"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert r.returncode == 0
    assert r.stderr.strip() == "[]"
    fast = json.loads(r.stdout)
    assert set(fast) == {"Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}
    full = run(env, "credentials", "--target", "sandbox-admin")
    assert json.loads(full.stdout) == fast


def test_aws_cli_follows_the_session_through_credential_process(
    sandbox, env: dict[str, str]
) -> None:
    aws = shutil.which("aws", path=str(Path(sys.executable).parent)) or shutil.which("aws")
    if aws is None:
        pytest.skip("the AWS CLI is not installed (pip install awscli)")
    cfg = Path(env["AWS_CONFIG_FILE"])
    cfg.write_text(
        cfg.read_text()
        + (
            "\n[profile admin-cli]\nregion = us-east-1\n"
            f"credential_process = {sys.executable} -m elevate_tray credentials "
            "--target sandbox-admin\n"
        )
    )
    env = dict(env, PYTHONPATH=str(ROOT))
    whoami = [aws, "sts", "get-caller-identity", "--profile", "admin-cli", "--output", "json"]
    before = subprocess.run(whoami, env=env, capture_output=True, text=True)
    assert before.returncode != 0
    assert "Not elevated" in before.stderr
    assert run(env, "elevate", "--no-browser", "--code", sandbox.totp()).returncode == 0
    during = subprocess.run(whoami, env=env, capture_output=True, text=True)
    assert during.returncode == 0, during.stderr
    arn = json.loads(during.stdout)["Arn"]  # the user first, then this elevation's id
    assert re.search(r":assumed-role/AdminRole/alice-[a-z2-7]{6}$", arn), arn
    assert run(env, "drop").returncode == 0
    after = subprocess.run(whoami, env=env, capture_output=True, text=True)
    assert after.returncode != 0 and "Not elevated" in after.stderr


@pytest.mark.parametrize(
    ("args", "exit_code", "words"),
    [
        (("credentials",), 6, "Not elevated"),
        (("elevate", "--target", "nope", "--code", "123456"), 2, "There is no target 'nope'"),
        (("elevate", "--code", "12", "--no-browser"), 2, "6 digits"),  # usage: no AWS call
        (("elevate", "--duration", "forever", "--code", "123456"), 2, "is not a duration"),
        (("console",), 6, "Not elevated"),
        (("status", "--bogus"), 2, "unrecognized arguments"),
    ],
)
def test_failures_are_one_line_with_the_contract_exit_code(
    env: dict[str, str], args: tuple[str, ...], exit_code: int, words: str
) -> None:
    r = run(env, *args)
    assert r.returncode == exit_code
    assert words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr


def test_malformed_aws_config_names_the_file_and_line(env: dict[str, str]) -> None:
    Path(env["AWS_CONFIG_FILE"]).write_text("[profile a]\nregion = x\nnonsense line\n")
    r = run(env, "targets")
    assert r.returncode == 2
    assert r.stderr.strip() == (
        f"elevate-tray: The AWS file {env['AWS_CONFIG_FILE']}, line 3, in [profile a] cannot be "
        "read: this line is "
        "neither a [section], a 'key = value' nor a comment."
    )


def test_first_use_of_file_store_is_said_once(tmp_path: Path, env: dict[str, str]) -> None:
    env = dict(env)
    env.pop("ELEVATE_TRAY_SECRET_STORE")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    first = run(env, "mfa", "clear-secret")
    second = run(env, "mfa", "clear-secret")
    assert "No usable OS keyring was found" in first.stderr
    assert "No usable OS keyring" not in second.stderr
