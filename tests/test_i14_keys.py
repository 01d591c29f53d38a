"""Issue 14: long-term keys kept in the secret store (`keys import|export|list`) and served by
`credentials --source`; the app's own calls sign with the kept key.

Against the sandbox, through the command line (in-process `cli`, and processes with stdin
closed where the AWS CLI's own credential_process run is the point).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .cli_helpers import Cli
from .suite_support import bump, cli_fixture, proc_env_fixture, run_cli  # noqa: F401

pytestmark = pytest.mark.usefixtures("sandbox")


@pytest.fixture
def files(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """The sandbox's AWS files copied into the test's own folder, with a comment and another
    profile in the credentials file: every byte of them must survive an import."""
    config, creds = tmp_path / "aws" / "config", tmp_path / "aws" / "credentials"
    config.parent.mkdir()
    shutil.copy(sandbox.config_file, config)
    text = sandbox.credentials_file.read_text()
    creds.write_text("# my keys, do not share\n" + text + "\n[other]\n; a comment\nregion = x\n")
    creds.chmod(0o600)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(creds))
    return {"config": config, "credentials": creds}


def _without_keys(text: str) -> str:
    return "".join(
        line
        for line in text.splitlines(keepends=True)
        if not line.startswith(("aws_access_key_id", "aws_secret_access_key"))
    )


def test_import_moves_the_keys_and_keeps_every_other_byte(
    cli: Cli,
    sandbox,
    files: dict[str, Path],  # type: ignore[no-untyped-def]
) -> None:
    source = sandbox.account.source_profile
    before = files["credentials"].read_text()
    r = cli("keys", "import", "--profile", source)
    assert r.code == 0, r.err
    after = files["credentials"].read_text()
    assert sandbox.account.secret_access_key not in after
    assert sandbox.account.access_key_id not in after
    # the admin profile's keys are another profile's: they stay, as every other line does
    lines = before.splitlines(keepends=True)
    start = lines.index(f"[{source}]\n")
    expected = "".join(lines[: start + 1] + lines[start + 3 :])
    assert after == expected
    config = files["config"].read_text()
    assert "credential_process = " in config and f"--source {source}" in config
    kept = json.loads(cli("keys", "list", "--json").out)
    assert [k["profile"] for k in kept if k["kept_in"] == "file"] == [source]
    assert kept[0]["access_key_id"].endswith(sandbox.account.access_key_id[-4:])
    assert sandbox.account.secret_access_key not in cli("keys", "list").out


def test_credentials_source_serves_the_kept_key(cli: Cli, sandbox, files) -> None:  # type: ignore[no-untyped-def]
    source = sandbox.account.source_profile
    assert cli("keys", "import", "--profile", source).code == 0
    r = cli("credentials", "--source", source)
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc == {
        "Version": 1,
        "AccessKeyId": sandbox.account.access_key_id,
        "SecretAccessKey": sandbox.account.secret_access_key,
    }
    r = cli("credentials", "--source", "nobody")
    assert r.code == 2 and "keys import --profile nobody" in r.err


def test_elevation_signs_with_the_kept_key(cli: Cli, sandbox, files) -> None:  # type: ignore[no-untyped-def]
    """The app reads the kept key itself: a credential_process line whose program is gone
    (an installation moved) does not stop elevation or the read-only session."""
    source = sandbox.account.source_profile
    assert cli("keys", "import", "--profile", source).code == 0
    config = files["config"].read_text()
    line = next(x for x in config.splitlines() if x.startswith("credential_process"))
    program = line.split("=", 1)[1].split()[0]
    files["config"].write_text(config.replace(program, "/moved/away/elevate-tray"))
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser")
    assert r.code == 0, r.err
    bump(cli, sandbox)
    r = cli("credentials", "--readonly", "--code", sandbox.totp())
    assert r.code == 0, r.err
    assert json.loads(r.out)["AccessKeyId"].startswith("ASIA")


def test_export_restores_the_file(cli: Cli, sandbox, files) -> None:  # type: ignore[no-untyped-def]
    source = sandbox.account.source_profile
    before = {k: p.read_text() for k, p in files.items()}
    assert cli("keys", "import", "--profile", source).code == 0
    r = cli("keys", "export", "--profile", source)
    assert r.code == 0, r.err
    assert {k: p.read_text() for k, p in files.items()} == before
    assert json.loads(cli("keys", "list", "--json").out)[0]["kept_in"] != "file"


def test_import_refuses_keys_aws_does_not_know(cli: Cli, sandbox, files) -> None:  # type: ignore[no-untyped-def]
    source = sandbox.account.source_profile
    text = files["credentials"].read_text()
    wrong = text.replace(sandbox.account.access_key_id, "AKIAWRONGWRONGWRONG1")
    files["credentials"].write_text(wrong)
    before = {k: p.read_text() for k, p in files.items()}
    r = cli("keys", "import", "--profile", source)
    assert r.code == 4, r.err
    assert len(r.err.strip().splitlines()) == 1
    assert {k: p.read_text() for k, p in files.items()} == before
    assert cli("keys", "list", "--json").out.count('"file"') == 0


def test_aws_cli_works_through_the_imported_profile(sandbox, files, proc_env) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("awscli")
    source = sandbox.account.source_profile
    env = dict(
        proc_env,
        AWS_CONFIG_FILE=str(files["config"]),
        AWS_SHARED_CREDENTIALS_FILE=str(files["credentials"]),
    )
    r = run_cli(env, "keys", "import", "--profile", source, stdin="")
    assert r.returncode == 0, r.stderr
    aws = shutil.which("aws", path=os.path.dirname(sys.executable)) or shutil.which("aws")
    assert aws
    out = subprocess.run(
        [aws, "sts", "get-caller-identity", "--profile", source, "--output", "json"],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["Arn"].endswith(f":user/{sandbox.account.user_name}")


def test_fast_path_serves_the_kept_key_from_its_file_and_from_the_tray(
    sandbox,
    files,
    proc_env,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Without keyring or boto3: the file-kept key from its user-only file; a keyring-kept
    one from the running tray (here a tray whose store is the file store: the state says
    "keyring" for the fast path's choice, which is what is tested)."""
    source = sandbox.account.source_profile
    env = dict(
        proc_env,
        AWS_CONFIG_FILE=str(files["config"]),
        AWS_SHARED_CREDENTIALS_FILE=str(files["credentials"]),
    )
    assert run_cli(env, "keys", "import", "--profile", source, stdin="").returncode == 0
    probe = (
        "import sys, runpy; sys.argv = ['elevate-tray', 'credentials', '--source', "
        f"{source!r}]; from elevate_tray import fastpath; "
        "ok = fastpath.try_credentials(sys.argv[2:]); "
        "print('MODULES', 'keyring' in sys.modules, 'botocore' in sys.modules, ok, file=sys.stderr)"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert "MODULES False False True" in r.stderr, r.stderr
    assert json.loads(r.stdout)["SecretAccessKey"] == sandbox.account.secret_access_key


def test_the_wizard_offers_a_profile_whose_keys_are_kept(cli: Cli, sandbox, files) -> None:  # type: ignore[no-untyped-def]
    """An admin who imported their keys still finds their profile first in setup's list;
    another program's credential_process profile is still not offered."""
    from elevate_tray.ui.wizard.pages import admin_profile_candidates

    admin = sandbox.account.admin_profile
    assert cli("keys", "import", "--profile", admin).code == 0
    profiles = dict(cli.context().aws_config.profiles)
    profiles["tool"] = {"credential_process": "some-tool get creds"}
    offered = admin_profile_candidates(profiles, None)
    assert offered[0] == admin
    assert "tool" not in offered


def test_the_default_profile_is_imported_into_its_own_section(cli: Cli, sandbox, files) -> None:  # type: ignore[no-untyped-def]
    """[default] is [default] in both files (not [profile default])."""
    account = sandbox.account
    with files["credentials"].open("a") as fh:
        fh.write(
            f"[default]\naws_access_key_id = {account.access_key_id}\n"
            f"aws_secret_access_key = {account.secret_access_key}\n"
        )
    r = cli("keys", "import", "--profile", "default")
    assert r.code == 0, r.err
    config = files["config"].read_text()
    assert "[default]\ncredential_process = " in config and "[profile default]" not in config
    assert files["credentials"].read_text().endswith("region = x\n[default]\n")
    assert json.loads(cli("credentials", "--source", "default").out)["AccessKeyId"] == (
        account.access_key_id
    )


def test_an_aws_file_that_cannot_be_written_is_one_sentence_and_import_can_be_run_again(
    cli: Cli,
    sandbox,
    files,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    """The config file's folder is a file (as root, permissions would not stop a write): the
    import stops with one line, the keys are still in the credentials file (and kept), and
    once the path is right the same command finishes."""
    source = sandbox.account.source_profile
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(blocker / "config"))
    before = files["credentials"].read_text()
    r = cli("keys", "import", "--profile", source)
    assert r.code == 2, r.err
    line = r.err.strip()
    assert "\n" not in line and "could not be changed" in line and str(blocker) in line
    assert files["credentials"].read_text() == before
    monkeypatch.setenv("AWS_CONFIG_FILE", str(files["config"]))
    r = cli("keys", "import", "--profile", source)
    assert r.code == 0, r.err
    assert (
        sandbox.account.secret_access_key
        not in files["credentials"].read_text().split("[other]")[0].split(f"[{source}]")[1]
    )
