"""`elevate-tray setup ...` at its edges, as a new admin meets them: each ends in one sentence
with the contract's exit code, never a traceback, and reads only the environment it is given.

In-process through the real parser (setup's run() hook, which the CLI calls) or as a
subprocess with stdin closed and no controlling terminal, as an IDE or a script runs it.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from elevate_tray.cli import main
from elevate_tray.cli import setup_commands as setup_cli
from elevate_tray.cli.parser import build_parser
from elevate_tray.core.awsconfig import AwsConfig
from elevate_tray.core.context import AppContext
from elevate_tray.core.errors import ElevateError
from tests.suite_support import (  # noqa: F401  (fixtures)
    Cli,
    cli_fixture,
    proc_env_fixture,
)
from tests.test_setup_support import (  # noqa: F401  (fixtures)
    ADMIN,
    FreshAccount,
    fresh_account_fixture,
)

ROOT = Path(__file__).resolve().parents[1]
# a sentence that runs into the next one: "... on resource X Use an admin profile"
RUN_ON = re.compile(r"[A-Za-z0-9'\")\]] +(Use|The|Run|Check|Choose|Give|Create|Ask|Set)\b")


def one_sentence(text: str) -> str:
    """The single line a failure prints, checked: one line, no traceback, sentences apart."""
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text and "Enter MFA code" not in text
    assert not RUN_ON.search(lines[0]), lines[0]
    assert lines[0].rstrip().endswith((".", ")")), lines[0]
    return lines[0]


def setup_run(
    environ: dict[str, str], *argv: str, stdin: str = ""
) -> tuple[int | None, str, ElevateError | None]:
    """`elevate-tray setup ARGV` through the CLI's own parser and setup's run() hook."""
    args = build_parser().parse_args(["setup", *argv])
    out = io.StringIO()
    try:
        code = setup_cli.run(args, environ=environ, out=out, stdin=io.StringIO(stdin))
    except ElevateError as exc:
        return None, out.getvalue(), exc
    return code, out.getvalue(), None


def main_in_process(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = ""
) -> tuple[int, str, str]:
    """The whole command line in-process, as `elevate-tray ARGV` in a shell whose
    environment is `env` (os.environ as well as the AppContext's), with nothing on stdin."""
    saved, saved_stdin = dict(os.environ), sys.stdin
    os.environ.clear()
    os.environ.update(env)
    sys.stdin = io.StringIO(stdin)
    capsys.readouterr()
    try:
        code = main(list(argv), ctx=AppContext(environ=dict(env)))
    except SystemExit as exc:  # --help
        code = int(exc.code or 0)
    finally:
        os.environ.clear()
        os.environ.update(saved)
        sys.stdin = saved_stdin
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def no_terminal(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    """As a script runs it: stdin closed, no controlling terminal, a deadline (botocore's own
    MFA prompt would wait for a terminal that is not there)."""
    return subprocess.run(
        [sys.executable, "-m", "elevate_tray", *argv],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )


def append_config(env: dict[str, str], text: str) -> None:
    with open(env["AWS_CONFIG_FILE"], "a", encoding="utf-8") as fh:
        fh.write("\n" + text)


# -- the environment the app is given is the one setup reads --------------------------------
def hostile_os_environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A shell environment that would break setup if it were read behind the caller's back.

    (The sandbox runs in this process and reads os.environ too: the profile it names exists
    in the config file it names, so only setup reading it would go wrong.)"""
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    (empty / "config").write_text("[profile stranger]\nregion = ap-south-1\n")
    monkeypatch.setenv("AWS_PROFILE", "stranger")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-real-secret-key")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty / "credentials"))
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", "http://127.0.0.1:9")


def test_setup_reads_the_aws_files_profile_and_endpoint_of_the_environ_it_is_given(
    fresh_account: FreshAccount, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    hostile_os_environ(monkeypatch, tmp_path)
    env = {**fresh_account.env, "AWS_PROFILE": ADMIN}  # no --profile: the environ's profile
    code, out, error = setup_run(env, "plan")
    assert error is None, error
    assert code == 0
    assert "Account 111122223333" in out
    assert out.rstrip().splitlines()[-1].startswith("plan: 8 change(s) to make")
    code, out, error = setup_run(env, "apply", "--yes")
    assert error is None, error
    target = AwsConfig.load(env).profiles["admin-111122223333"]
    assert target["source_profile"] == ADMIN  # the profile the environ chose


def test_setup_through_the_cli_uses_the_app_contexts_environ(
    fresh_account: FreshAccount, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: Any
) -> None:
    hostile_os_environ(monkeypatch, tmp_path)
    env = {**fresh_account.env, "AWS_PROFILE": ADMIN}
    args = ["setup", "plan"]
    code = main(args, ctx=AppContext(environ=env))
    assert code == 0, capsys.readouterr().err


# -- credential_process that fails or prints garbage ----------------------------------------
BROKEN_PROCESSES = {
    "fails": "false",
    "garbage": "echo this-is-not-json",
    "missing": "/nonexistent/credential-helper --json",
}


@pytest.mark.parametrize("kind", sorted(BROKEN_PROCESSES))
def test_setup_profile_whose_credential_process_breaks(proc_env: dict[str, str], kind: str) -> None:
    append_config(
        proc_env,
        f"[profile broken-{kind}]\ncredential_process = {BROKEN_PROCESSES[kind]}\n"
        "region = us-east-1\n",
    )
    r = no_terminal(proc_env, "setup", "plan", "--profile", f"broken-{kind}")
    assert r.returncode == 2, r.stderr
    line = one_sentence(r.stderr)
    assert f"credential_process of profile 'broken-{kind}'" in line


@pytest.mark.parametrize("kind", ["fails", "garbage"])
def test_elevation_whose_source_profile_credential_process_breaks(
    cli: Cli, sandbox: Any, kind: str
) -> None:
    path = Path(os.environ["AWS_CONFIG_FILE"])
    source = sandbox.account.source_profile
    text = path.read_text().replace(f"source_profile = {source}", "source_profile = keys-by-cmd")
    path.write_text(
        text + f"[profile keys-by-cmd]\ncredential_process = {BROKEN_PROCESSES[kind]}\n"
    )
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser")
    assert r.code == 2, r.err
    assert "credential_process of profile 'keys-by-cmd'" in one_sentence(r.err)


# -- a role profile with mfa_serial and no terminal -----------------------------------------
def test_setup_role_profile_with_mfa_and_no_terminal_is_one_sentence(
    proc_env: dict[str, str], sandbox: Any
) -> None:
    target = sandbox.account.target_profile  # role_arn + source_profile + mfa_serial
    r = no_terminal(proc_env, "setup", "plan", "--profile", target)
    assert r.returncode == 2, r.stderr
    line = one_sentence(r.stderr)
    assert f"'{target}'" in line and "MFA code" in line
    assert "Enter MFA code" not in r.stdout


def test_setup_role_profile_takes_its_mfa_code_from_mfa_code(
    proc_env: dict[str, str], sandbox: Any
) -> None:
    target = sandbox.account.target_profile
    r = no_terminal(proc_env, "setup", "plan", "--profile", target, "--mfa-code", sandbox.totp())
    assert r.returncode == 0, r.stderr
    assert f"as arn:aws:sts::{sandbox.account_id}:assumed-role/" in r.stdout


def test_setup_role_profile_asks_its_code_itself_on_a_terminal(
    proc_env: dict[str, str], sandbox: Any
) -> None:
    import pty

    target = sandbox.account.target_profile
    master, terminal = pty.openpty()
    try:
        os.write(master, f"{sandbox.totp()}\n".encode())  # typed ahead; the pty keeps it
        r = subprocess.run(
            [sys.executable, "-m", "elevate_tray", "setup", "plan", "--profile", target],
            env=proc_env,
            cwd=ROOT,
            stdin=terminal,
            capture_output=True,
            text=True,
            timeout=60,
            start_new_session=True,
        )
    finally:
        os.close(terminal)
        os.close(master)
    assert r.returncode == 0, r.stderr
    assert f"MFA code for the role of profile '{target}': " in r.stdout
    assert "Enter MFA code" not in r.stdout + r.stderr and "Traceback" not in r.stderr


# -- export-cloudformation --output ---------------------------------------------------------
def test_export_into_a_folder_that_does_not_exist_creates_nothing(
    tmp_path: Path, capsys: Any
) -> None:
    missing = tmp_path / "no-such-folder" / "deeper"
    code, out, err = main_in_process(
        dict(os.environ),
        capsys,
        "setup",
        "export-cloudformation",
        "--output",
        str(missing / "t.yaml"),
    )
    assert code == 2
    line = one_sentence(err)
    assert str(missing) in line and "does not exist" in line
    assert not (tmp_path / "no-such-folder").exists()


def test_export_to_an_unwritable_place_is_one_sentence(tmp_path: Path, capsys: Any) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    target = folder / "t.yaml"
    if os.access(folder, os.W_OK):  # root writes anywhere: a path under /proc cannot be
        target = Path("/proc/elevate-tray-setup.yaml")
    try:
        code, out, err = main_in_process(
            dict(os.environ), capsys, "setup", "export-cloudformation", "--output", str(target)
        )
    finally:
        folder.chmod(0o700)
    assert code == 2
    line = one_sentence(err)
    assert f"cannot be written to {target}" in line
    assert not target.exists()


def test_export_to_a_folder_says_to_name_a_file(tmp_path: Path, capsys: Any) -> None:
    code, out, err = main_in_process(
        dict(os.environ), capsys, "setup", "export-cloudformation", "--output", str(tmp_path)
    )
    assert code == 2
    assert "is a folder" in one_sentence(err)


def test_export_hint_deploys_the_file_written(tmp_path: Path, capsys: Any) -> None:
    folder = tmp_path / "my templates"
    folder.mkdir()
    written = folder / "prod's setup.yaml"
    code, out, err = main_in_process(
        dict(os.environ), capsys, "setup", "export-cloudformation", "--output", str(written)
    )
    assert code == 0, err
    assert written.read_text().startswith('AWSTemplateFormatVersion: "2010-09-09"')
    deploy = next(line for line in out.splitlines() if "cloudformation deploy" in line)
    words = shlex.split(deploy)
    assert words[words.index("--template-file") + 1] == str(written)
    assert f"Template written to {written}." in out


# -- setup doctor's exit codes --------------------------------------------------------------
def test_doctor_exits_0_clean_7_drift_8_risk_and_8_for_both(
    fresh_account: FreshAccount, capsys: Any
) -> None:
    env = fresh_account.env
    code, out, err = main_in_process(env, capsys, "setup", "apply", "--profile", ADMIN, "--yes")
    assert code == 0, err
    assert main_in_process(env, capsys, "setup", "doctor", "--profile", ADMIN)[0] == 0

    iam = fresh_account.iam
    iam.update_role(RoleName="AdminRole", MaxSessionDuration=7200)  # drift only
    code, out, err = main_in_process(env, capsys, "setup", "doctor", "--profile", ADMIN)
    assert code == 7, out + err
    assert (
        out.rstrip()
        .splitlines()[-1]
        .endswith("1 difference(s) from the model and 0 risk(s) found.")
    )
    assert main_in_process(env, capsys, "setup", "doctor", "--profile", ADMIN, "--json")[0] == 7

    trust = iam.get_role(RoleName="AdminRole")["Role"]["AssumeRolePolicyDocument"]
    trust["Statement"][0].pop("Condition")  # and now a risk too
    iam.update_assume_role_policy(RoleName="AdminRole", PolicyDocument=json.dumps(trust))
    assert main_in_process(env, capsys, "setup", "doctor", "--profile", ADMIN)[0] == 8

    iam.update_role(RoleName="AdminRole", MaxSessionDuration=3600)
    code, out, err = main_in_process(env, capsys, "setup", "doctor", "--profile", ADMIN)
    assert code == 8 and "0 difference(s)" not in out  # the trust policy still differs


def test_doctor_help_documents_its_exit_codes(capsys: Any) -> None:
    code, out, err = main_in_process(dict(os.environ), capsys, "setup", "doctor", "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert "7 drift found" in flat and "8 risk found" in flat


# -- advice: the commands it names exist, are quoted, and sentences stay apart --------------
def test_no_mfa_device_advice_names_a_command_that_runs(
    fresh_account: FreshAccount, capsys: Any
) -> None:
    env = fresh_account.env
    code, out, err = main_in_process(env, capsys, "setup", "apply", "--profile", ADMIN, "--yes")
    assert code == 0, err
    advice = next(line for line in out.splitlines() if "no MFA device" in line)
    commands = re.findall(r"`([^`]+)`", advice)
    assert commands[0] == f"elevate-tray setup mfa-device --profile {ADMIN}", advice
    assert commands[1] == f"elevate-tray setup apply --profile {ADMIN}", advice
    argv = shlex.split(commands[0])[1:]
    # with no codes to give it, the command runs as far as asking for them: a code error (3),
    # not a usage error, and the half-made device is removed again
    code, out, err = main_in_process(env, capsys, *argv)
    assert code == 3, err
    assert "Scan this QR code" in out
    assert fresh_account.iam.list_virtual_mfa_devices()["VirtualMFADevices"] == []


def test_mfa_device_codes_aws_refuses_are_the_cores_one_sentence(
    fresh_account: FreshAccount, capsys: Any
) -> None:
    env = fresh_account.env
    code, out, err = main_in_process(
        env, capsys, "setup", "mfa-device", "--profile", ADMIN, stdin="111111\n222222\n"
    )
    assert code == 3
    assert "AWS did not accept those codes" in one_sentence(err)
    assert fresh_account.iam.list_virtual_mfa_devices()["VirtualMFADevices"] == []


def test_a_profile_that_may_not_read_iam_gets_sentences_that_do_not_run_together(
    fresh_account: FreshAccount, capsys: Any
) -> None:
    fresh_account.add_user("reader", profile=True)  # no policies at all
    env = fresh_account.env
    code, out, err = main_in_process(env, capsys, "setup", "plan", "--profile", "reader")
    assert code == 4
    line = one_sentence(err)
    assert line.startswith("elevate-tray: AWS refused to read the group ReadOnlyUsers")


def test_a_setup_profile_that_does_not_exist_is_the_cores_sentence(
    fresh_account: FreshAccount, capsys: Any
) -> None:
    code, out, err = main_in_process(
        fresh_account.env, capsys, "setup", "plan", "--profile", "nope"
    )
    assert code == 2
    assert "The AWS profile 'nope' does not exist in your AWS config" in one_sentence(err)


# -- the provisioning documents stand apart from setup --------------------------------------
def test_sandbox_and_ui_read_the_documents_without_importing_setup() -> None:
    probe = (
        "import sys\n"
        "import elevate_tray.core.documents\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('botocore', 'boto3', 'PySide6')]\n"
        "assert not heavy, heavy\n"
        "import elevate_tray.sandbox.seed_policies as sp, elevate_tray.ui.resources as ur\n"
        "assert '${AccountId}' in sp.ADMIN_ROLE_TRUST_POLICY\n"
        "assert ur.resource_path('provisioning').is_dir()\n"
        "setup = [m for m in sys.modules if m.startswith('elevate_tray.setup')]\n"
        "assert not setup, setup\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
