"""Issue 14: long-term keys in a real-looking OS keyring (tests/standin_keyring.py, which can
be locked and counts its unlock prompts): a locked keyring refuses an import in one sentence
with nothing changed; a running tray reads a kept key once and serves every
`credentials --source` from memory, locked keyring or not; without a tray, each command
opens the keyring itself, asking at most once.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.sandbox_fixtures import own_aws_files
from tests.standin_keyring import Standin
from tests.suite_support import Tray, cli_fixture, proc_env_fixture  # noqa: F401
from tests.test_locked_keyring import LOCKED, imported, one_line, run, said, standin, tray_env  # noqa: F401


def keyring_env(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> tuple[dict[str, str], Standin]:  # type: ignore[no-untyped-def]
    kr = Standin(tmp_path / "keyring" / "passwords.json")
    env = dict(tray_env(proc_env, kr), **own_aws_files(sandbox, tmp_path / "aws"))
    return env, kr


def test_a_locked_keyring_refuses_the_import_in_one_sentence_and_changes_nothing(  # type: ignore[no-untyped-def]
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    env, kr = keyring_env(sandbox, proc_env, tmp_path)
    files = [Path(env["AWS_CONFIG_FILE"]), Path(env["AWS_SHARED_CREDENTIALS_FILE"])]
    before = [p.read_bytes() for p in files]
    kr.lock("dismiss")
    r = run(env, "keys", "import", "--profile", sandbox.account.source_profile)
    assert (r.returncode, one_line(said(r))) == (2, LOCKED)
    assert kr.prompts() == 1
    assert [p.read_bytes() for p in files] == before
    kr.answer("unlock")
    r = run(env, "keys", "import", "--profile", sandbox.account.source_profile)
    assert r.returncode == 0, said(r)
    assert "OS keyring" in said(r)
    assert sandbox.account.secret_access_key not in files[1].read_text()


def test_the_tray_reads_a_kept_key_once_and_serves_it_locked_or_not(  # type: ignore[no-untyped-def]
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    env, kr = keyring_env(sandbox, proc_env, tmp_path)
    source = sandbox.account.source_profile
    assert run(env, "keys", "import", "--profile", source).returncode == 0
    kr.lock("unlock")  # the desktop locked it; the person unlocks when asked
    tray = Tray(env, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        assert tray.wait_listening()
        for _ in range(3):
            served = run(env, "credentials", "--source", source)
            assert served.returncode == 0, said(served)
            doc = json.loads(served.stdout)
            assert doc["SecretAccessKey"] == sandbox.account.secret_access_key
            assert not {"keyring", "botocore"} & imported(served)  # the tray answered
        assert kr.prompts(tray.proc.pid) == 1  # its first read unlocked the keyring
        kr.lock("dismiss")  # locked again: the tray has the key already
        served = run(env, "credentials", "--source", source)
        assert served.returncode == 0, said(served)
        assert kr.prompts() == 1
        # an elevation must keep its session there: a user action, asked once, one sentence
        up = run(env, "elevate", "--no-browser", "--code", sandbox.totp())
        assert (up.returncode, one_line(said(up))) == (2, LOCKED)
        assert kr.prompts(tray.proc.pid) == 2
        kr.answer("unlock")
        up = run(env, "elevate", "--no-browser", "--code", sandbox.totp())
        assert up.returncode == 0, said(up)  # the code was not spent by the refusal
    finally:
        tray.stop()
    # no tray: each command opens the keyring itself, asking once
    kr.lock("dismiss")
    before = kr.prompts()
    refused = run(env, "credentials", "--source", source)
    assert (refused.returncode, one_line(said(refused))) == (2, LOCKED)
    assert kr.prompts() == before + 1


def test_a_keyring_locked_before_the_new_key_is_kept_leaves_no_key_behind(  # type: ignore[no-untyped-def]
    cli, sandbox, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch
) -> None:
    """The keyring locks (and the person dismisses its prompt) between CreateAccessKey and
    keeping the new key: that key is deleted at once, the old one stays, one sentence."""
    from elevate_tray.core.secrets import KeyringStore
    from elevate_tray.core.totp import secret_key
    from elevate_tray.flows.codes import choose
    from elevate_tray.flows.rotation import Rotation

    from .test_i14_rotation import iam_keys

    keyring: Standin = request.getfixturevalue("standin")  # tests/test_locked_keyring.py's
    for name, value in own_aws_files(sandbox, tmp_path / "aws").items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ELEVATE_TRAY_SECRET_STORE", "keyring")
    source = sandbox.account.source_profile
    assert cli("keys", "import", "--profile", source).code == 0
    ctx = cli.context()
    assert ctx.kept_keys.info(source).store == "keyring"
    ctx.secrets.set(secret_key(sandbox.account.mfa_serial), sandbox.account.mfa_secret)

    def lock_at(step: str) -> None:
        if step == "created":
            keyring.lock("dismiss")
            KeyringStore.allow_prompt()

    codes = choose(ctx, sandbox.account.mfa_serial, None, ask=lambda: "")
    with pytest.raises(Exception) as refused:
        Rotation(ctx, source, codes, checkpoint=lock_at).run()
    assert "keyring is locked" in str(refused.value)
    old = sandbox.account.access_key_id
    assert iam_keys(sandbox) == {old: "Active"}
    keyring.unlock()
    KeyringStore.allow_prompt()
    assert json.loads(cli("credentials", "--source", source).out)["AccessKeyId"] == old


def test_after_a_rotation_elsewhere_the_tray_serves_the_new_key(  # type: ignore[no-untyped-def]
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    """The tray holds the key it read; a rotation by a command line changes the key in the
    state, and the tray reads the new one (never serves the deleted one)."""
    env, kr = keyring_env(sandbox, proc_env, tmp_path)
    source = sandbox.account.source_profile
    assert run(env, "keys", "import", "--profile", source).returncode == 0
    sandbox.key_sessions = "lenient"  # one code does it all
    tray = Tray(env, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        assert tray.wait_listening()
        before = json.loads(run(env, "credentials", "--source", source).stdout)
        assert before["AccessKeyId"] == sandbox.account.access_key_id
        sandbox.clock.advance(30)
        rotated = run(env, "keys", "rotate", "--profile", source, "--code", sandbox.totp())
        assert rotated.returncode == 0, said(rotated)
        served = run(env, "credentials", "--source", source)
        assert not {"keyring", "botocore"} & imported(served)  # still the tray's answer
        after = json.loads(served.stdout)
        assert after["AccessKeyId"] != before["AccessKeyId"]
        assert after["SecretAccessKey"] != before["SecretAccessKey"]
    finally:
        tray.stop()
