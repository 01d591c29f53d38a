"""Issue 10's configuration edges, tried as a user would: broken target profiles, a broken or
symlinked AWS config, durations, malformed MFA codes, a broken settings.toml, app folders another
user could change, a runtime folder platformdirs refuses, and the platformdirs folders
themselves. Each ends in one sentence with the contract's exit code, never a traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elevate_tray.core.errors import ConfigError

from .cli_helpers import Cli
from .suite_support import ROOT, bump, cli_fixture, proc_env_fixture  # noqa: F401

OTHER_UID = 65534  # nobody: "another user" for a test that runs as root
needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="giving a folder to another user (os.chown) needs root",
)


def one_sentence(err: str) -> str:
    assert "Traceback" not in err
    lines = [x for x in err.strip().splitlines() if not x.startswith("note: ")]
    assert len(lines) == 1, err
    return lines[0]


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The command line as a program with no terminal: stdin closed, its own session."""
    return subprocess.run(
        [sys.executable, "-m", "elevate_tray", *args],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )


def add_profiles(text: str) -> Path:
    cfg = Path(os.environ["AWS_CONFIG_FILE"])
    cfg.write_text(cfg.read_text() + text)
    return cfg


def targets_json(cli: Cli) -> dict[str, dict]:  # type: ignore[type-arg]
    r = cli("targets", "--json")
    assert r.code == 0, r
    return {t["name"]: t for t in r.json()}


# -- 1. a target whose source_profile does not exist ---------------------------------------
def test_target_whose_source_profile_is_missing_is_one_sentence(cli: Cli, sandbox) -> None:
    cfg = add_profiles(
        f"[profile orphan]\nrole_arn = {sandbox.account.role_arn}\n"
        "source_profile = nowhere\nregion = us-east-1\n"
    )
    r = cli("elevate", "--target", "orphan", "--code", sandbox.totp(), "--no-browser")
    assert r.code == 2
    said = one_sentence(r.err)
    assert "'orphan'" in said and "nowhere" in said and str(cfg) in said
    listed = targets_json(cli)
    assert "orphan" in listed["orphan"]["problem"] and str(cfg) in listed["orphan"]["problem"]
    assert listed["sandbox-admin"]["problem"] == ""


# -- 2. one bad profile never blocks the healthy targets ------------------------------------
@pytest.mark.parametrize(
    ("lines", "said"),
    [
        ("role_arn = not-an-arn\n", "not an ARN"),
        ("role_arn = arn:aws:iam::111122223333:user/bob\n", "not an IAM role ARN"),
        ("role_arn = {role}\nduration_seconds = lots\n", "duration_seconds"),
        ("role_arn = {role}\nduration_seconds = 99999999\n", "900 to 43200"),
        ("role_arn = {role}\nregion = eu west 1\n", "not an AWS region"),
        ("role_arn = {role}\nregion = cn-north-1\n", "partition"),
        ("role_arn = {role}\nmfa_serial = my phone\n", "mfa_serial = my phone"),
        ("role_arn = {role}\nmfa_serial =\n  a = b\n", "mfa_serial"),
    ],
)
def test_a_bad_profile_is_flagged_and_the_healthy_target_still_works(
    cli: Cli, sandbox, lines: str, said: str
) -> None:
    cfg = add_profiles(
        "[profile bad]\n"
        + lines.format(role=sandbox.account.role_arn)
        + f"source_profile = {sandbox.account.source_profile}\n"
    )
    listed = targets_json(cli)
    assert listed["sandbox-admin"]["problem"] == ""
    problem = listed["bad"]["problem"]
    assert said in problem and "'bad'" in problem and str(cfg) in problem
    r = cli("elevate", "--target", "bad", "--code", sandbox.totp(), "--no-browser")
    assert r.code == 2 and one_sentence(r.err) == f"elevate-tray: {problem}"
    r = cli("elevate", "--target", "sandbox-admin", "--code", sandbox.totp(), "--no-browser")
    assert r.code == 0, r
    assert cli("status", "--json").json()["mode"] == "admin"


def test_unclosed_profile_header_says_so_with_its_line(cli: Cli) -> None:
    cfg = add_profiles("[profile half\nregion = us-east-1\n")
    line = cfg.read_text().splitlines().index("[profile half") + 1
    r = cli("targets")
    assert r.code == 2
    said = one_sentence(r.err)
    assert f"{cfg}, line {line}" in said and "[profile half" in said and "not closed" in said


def test_aws_config_file_that_is_a_folder_is_one_sentence(
    proc_env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "aws-config-folder"
    folder.mkdir()
    env = dict(proc_env, AWS_CONFIG_FILE=str(folder))
    for argv in (("targets",), ("elevate", "--code", "123456", "--no-browser")):
        r = run(env, *argv)
        assert r.returncode == 2, r
        said = one_sentence(r.stderr)
        assert str(folder) in said and "folder" in said and "AWS_CONFIG_FILE" in said


# -- 3. a symlinked ~/.aws/config is edited through the link ---------------------------------
def _linked_config(tmp_path: Path, source: Path) -> tuple[Path, Path]:
    real = tmp_path / "dotfiles" / "aws-config"
    real.parent.mkdir()
    text = "".join(x for x in source.read_text().splitlines(True) if "mfa_serial" not in x)
    real.write_text("# kept in my dotfiles\n" + text)
    real.chmod(0o640)
    link = tmp_path / "home" / ".aws" / "config"
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    return real, link


def _edited_through(link: Path, real: Path, serial: str) -> None:
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert f"mfa_serial = {serial}" in real.read_text()
    assert real.read_text().startswith("# kept in my dotfiles\n")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_symlinked_config_is_edited_through_the_link(
    cli: Cli, sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, link = _linked_config(tmp_path, Path(os.environ["AWS_CONFIG_FILE"]))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(link))
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", "--save-mfa-serial")
    assert r.code == 0, r
    _edited_through(link, real, sandbox.account.mfa_serial)


def test_symlinked_config_is_edited_through_the_link_without_a_terminal(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    real, link = _linked_config(tmp_path, Path(proc_env["AWS_CONFIG_FILE"]))
    env = dict(proc_env, AWS_CONFIG_FILE=str(link))
    r = run(env, "elevate", "--code", sandbox.totp(), "--no-browser", "--save-mfa-serial")
    assert r.returncode == 0, r
    _edited_through(link, real, sandbox.account.mfa_serial)


# -- 4. durations ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["9" * 5000, "9" * 5000 + "m", "9" * 40 + "h", "13h"],
    ids=["5000-digits", "5000-digit-minutes", "40-digit-hours", "13h"],
)
def test_a_duration_beyond_twelve_hours_is_one_short_sentence(cli: Cli, sandbox, text: str) -> None:
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", "--duration", text)
    assert r.code == 2
    said = one_sentence(r.err)
    assert "12h" in said and len(said) < 160
    assert cli("status", "--json").json()["mode"] == "read-only"


@pytest.mark.parametrize("text", ["0m", "0h0m", "0s"])
def test_a_zero_duration_is_refused_not_an_hour_of_admin(cli: Cli, sandbox, text: str) -> None:
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", "--duration", text)
    assert r.code == 2
    assert "no time at all" in one_sentence(r.err)
    assert cli("status", "--json").json()["mode"] == "read-only"


def test_an_empty_duration_is_refused(cli: Cli, sandbox) -> None:
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", "--duration", "")
    assert r.code == 2
    assert "No duration was given" in one_sentence(r.err)
    assert cli("status", "--json").json()["mode"] == "read-only"


def test_an_empty_duration_is_no_duration() -> None:
    from elevate_tray.core.textrules import parse_duration

    for text in ("", "  "):
        with pytest.raises(ConfigError, match="No duration was given"):
            parse_duration(text)


def test_a_bare_number_is_refused_saying_how_to_write_it(cli: Cli, sandbox) -> None:
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", "--duration", "90")
    assert r.code == 2
    said = one_sentence(r.err)
    assert "no unit" in said and "90m" in said and "1h30m" in said
    assert cli("status", "--json").json()["mode"] == "read-only"
    bump(cli, sandbox)
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", "--duration", "20m")
    assert r.code == 0, r
    assert 0 < cli("status", "--json").json()["seconds_left"] <= 1200


# -- 5. a malformed --code is a usage error, decided before any network call -----------------
@pytest.mark.parametrize("code", ["12345", "abcdef", "1234567", "12 34 5"])
def test_malformed_code_is_a_usage_error_before_any_network_call(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # a call would be exit 5
    r = cli("elevate", "--code", code, "--no-browser")
    assert r.code == 2
    assert "6 digits" in one_sentence(r.err)


def test_malformed_code_error_is_a_config_error_the_prompt_can_catch() -> None:
    from elevate_tray.core.totp import MalformedCode, normalise_code

    assert issubclass(MalformedCode, ConfigError)
    with pytest.raises(MalformedCode):
        normalise_code("12345")
    assert normalise_code(" 123 456\n") == "123456"


# -- 6. settings.toml ------------------------------------------------------------------------
def test_settings_file_that_is_a_folder_is_one_sentence(
    proc_env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "app" / "config" / "settings.toml"
    folder.mkdir(parents=True)
    for argv in (("targets",), ("elevate", "--code", "123456", "--no-browser")):
        r = run(proc_env, *argv)
        assert r.returncode == 2, r
        said = one_sentence(r.stderr)
        assert str(folder) in said and "folder" in said


@pytest.mark.parametrize(
    ("text", "key", "said"),
    [
        ("default_duration = {a=1}", "default_duration", "a whole number, not a table"),
        ("default_duration = 99999999999", "default_duration", "900 to 43200"),
        ("[default_duration]\nx = 1", "default_duration", "a whole number, not a table"),
        ("logout_console_on_drop = 'yes'", "logout_console_on_drop", "true or false"),
        ("warnings = [99999999999999]", "warnings", "seconds before the end"),
        ("countdown_window_pos = [1, 99999999999999]", "countdown_window_pos", "[x, y]"),
        ('[targets.x]\nhidden = "yes"', "targets.x.hidden", "true or false, not text"),
        ("[targets.x.hidden]\na = 1", "targets.x.hidden", "true or false, not a table"),
        ("[targets.x]\nmax_duration = 1.5", "targets.x.max_duration", "not a decimal number"),
    ],
)
def test_settings_with_a_wrong_value_name_the_file_and_key(
    cli: Cli, text: str, key: str, said: str
) -> None:
    path = cli.home / "config" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n")
    r = cli("targets")
    assert r.code == 2
    sentence = one_sentence(r.err)
    assert str(path) in sentence and key in sentence and said in sentence


# -- 7. app folders another user owns or may change -------------------------------------------
@needs_root
@pytest.mark.parametrize("which", ["", "state", "state/secrets", "config", "data", "logs"])
def test_app_folder_owned_by_another_user_is_refused(
    proc_env: dict[str, str], tmp_path: Path, which: str
) -> None:
    home = tmp_path / "app"
    folder = home / which if which else home
    folder.mkdir(parents=True, mode=0o700)
    os.chown(folder, OTHER_UID, OTHER_UID)
    for argv in (("targets",), ("status",), ("credentials",)):
        r = run(proc_env, *argv)
        assert r.returncode == 2, (argv, r)
        said = one_sentence(r.stderr)
        assert str(folder) in said and "another user" in said and "remove it" in said
    assert not (home / "state" / "state.json").exists()


@pytest.mark.parametrize("which", ["", "state", "state/secrets", "config", "logs"])
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_app_folder_others_may_change_is_refused(
    cli: Cli, tmp_path: Path, which: str, mode: int
) -> None:
    folder = (cli.home / which).resolve() if which else cli.home
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(mode)
    r = cli("status")
    assert r.code == 2
    said = one_sentence(r.err)
    assert str(folder) in said and f"chmod 700 {folder}" in said


def test_own_private_folders_work_and_new_ones_are_user_only(
    cli: Cli, sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared-tmp"  # like /tmp: everyone may write, sticky
    shared.mkdir()
    shared.chmod(0o1777)
    home = shared / "deeper" / "app"
    monkeypatch.setenv("ELEVATE_TRAY_HOME", str(home))
    assert cli("elevate", "--code", sandbox.totp(), "--no-browser").code == 0
    assert cli("status", "--json").json()["mode"] == "admin"
    made = [home.parent, home, *(p for p in home.rglob("*") if p.is_dir())]
    assert {p.name for p in made} >= {"app", "config", "state", "data", "logs", "run"}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in made), made
    assert cli("credentials").code == 0  # again, with every folder already there


@needs_root
def test_platformdirs_folder_owned_by_another_user_is_refused(
    proc_env: dict[str, str], tmp_path: Path
) -> None:
    env, roots = _platformdirs_env(proc_env, tmp_path)
    state = roots["XDG_STATE_HOME"] / "elevate-tray"
    state.mkdir(mode=0o700)
    os.chown(state, OTHER_UID, OTHER_UID)
    r = run(env, "status")
    assert r.returncode == 2, r
    assert str(state) in one_sentence(r.stderr)
    os.chown(state, os.getuid(), os.getgid())
    state.chmod(0o777)
    r = run(env, "status")
    assert r.returncode == 2, r
    assert f"chmod 700 {state}" in one_sentence(r.stderr)
    state.chmod(0o700)
    assert run(env, "status").returncode == 0


# -- 8. a runtime (socket) folder that cannot be had -------------------------------------------
def _socketless_commands_work(env: dict[str, str], sandbox) -> None:  # type: ignore[no-untyped-def]
    r = run(env, "targets")
    assert r.returncode == 0 and "sandbox-admin" in r.stdout, r
    r = run(env, "elevate", "--code", sandbox.totp(), "--no-browser")
    assert r.returncode == 0, r
    r = run(env, "status", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["mode"] == "admin", r
    r = run(env, "credentials")
    assert r.returncode == 0 and json.loads(r.stdout)["Version"] == 1, r
    r = run(env, "drop")
    assert r.returncode == 0, r
    assert json.loads(run(env, "status", "--json").stdout)["mode"] == "read-only"


@needs_root
def test_runtime_folder_platformdirs_refuses_leaves_socketless_commands_working(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    if Path(f"/run/user/{os.getuid()}").is_dir():
        pytest.skip("platformdirs takes /run/user/UID here before its /tmp fallback")
    env, roots = _platformdirs_env(proc_env, tmp_path)
    planted = tmp_path / "tmp" / f"runtime-{os.getuid()}"  # made first by another user
    planted.mkdir(mode=0o700)
    os.chown(planted, OTHER_UID, OTHER_UID)
    del env["XDG_RUNTIME_DIR"]
    _socketless_commands_work(env, sandbox)
    assert sorted(os.listdir(planted)) == []  # nothing of ours went into another user's folder


@needs_root
def test_runtime_folder_of_another_user_leaves_socketless_commands_working(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    env, roots = _platformdirs_env(proc_env, tmp_path)
    runtime = roots["XDG_RUNTIME_DIR"] / "elevate-tray"
    runtime.mkdir(mode=0o700)
    os.chown(runtime, OTHER_UID, OTHER_UID)
    _socketless_commands_work(env, sandbox)


@needs_root
def test_ensure_runtime_says_why_the_socket_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from elevate_tray.core.paths import AppFolderError, app_dirs

    dirs = app_dirs({"ELEVATE_TRAY_HOME": str(tmp_path / "app")})
    dirs.runtime.mkdir(parents=True, mode=0o700)
    os.chown(dirs.runtime, OTHER_UID, OTHER_UID)
    dirs.ensure()  # the socket-less commands' folders: fine
    with pytest.raises(AppFolderError) as err:
        dirs.ensure_runtime()
    assert str(dirs.runtime) in str(err.value) and err.value.exit_code == 2

    monkeypatch.delenv("ELEVATE_TRAY_HOME", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    if Path(f"/run/user/{os.getuid()}").is_dir():
        return
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    planted = tmp_path / f"runtime-{os.getuid()}"
    planted.mkdir(mode=0o700)
    os.chown(planted, OTHER_UID, OTHER_UID)
    dirs = app_dirs({})
    with pytest.raises(AppFolderError) as err:
        dirs.ensure_runtime()
    assert str(planted) in str(err.value) and "XDG_RUNTIME_DIR" in str(err.value)


# -- 9. the platformdirs branch (no ELEVATE_TRAY_HOME) -----------------------------------------
def _platformdirs_env(
    proc_env: dict[str, str], tmp_path: Path
) -> tuple[dict[str, str], dict[str, Path]]:
    roots = {
        name: tmp_path / name.lower()
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR")
    }
    roots["HOME"] = tmp_path / "home"
    roots["TMPDIR"] = tmp_path / "tmp"
    for folder in roots.values():
        folder.mkdir(mode=0o700)
        folder.chmod(0o700)
    env = {k: v for k, v in proc_env.items() if k != "ELEVATE_TRAY_HOME"}
    env.update({k: str(v) for k, v in roots.items()})
    env.pop("XDG_CACHE_HOME", None)
    return env, roots


def test_platformdirs_branch_writes_under_the_xdg_folders_user_only(
    sandbox, proc_env: dict[str, str], tmp_path: Path
) -> None:
    env, roots = _platformdirs_env(proc_env, tmp_path)
    r = run(env, "elevate", "--code", sandbox.totp(), "--no-browser")
    assert r.returncode == 0, r
    assert json.loads(run(env, "status", "--json").stdout)["mode"] == "admin"
    state = roots["XDG_STATE_HOME"] / "elevate-tray"
    assert (state / "state.json").is_file()
    assert any((roots["XDG_DATA_HOME"] / "elevate-tray").iterdir())  # the audit log
    assert (roots["XDG_CONFIG_HOME"] / "elevate-tray").is_dir()
    assert (roots["XDG_RUNTIME_DIR"] / "elevate-tray").is_dir()
    ours = [p for root in roots.values() for p in root.rglob("*")]
    assert ours and all(p.is_relative_to(tmp_path) for p in ours)
    for p in ours:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600), (p, oct(mode))
    assert not list(roots["HOME"].iterdir())  # nothing fell back to ~/.config and the like


# -- property: whatever one profile says, the healthy target next to it stays usable ----------
_HEALTHY = (
    "[profile src]\nregion = us-east-1\n"
    "[profile good]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = src\n"
)
_values = st.one_of(
    st.sampled_from(
        [
            "arn:aws:iam::111122223333:role/Admin",
            "arn:aws:iam::111122223333:user/bob",
            "arn:aws-cn:iam::111122223333:role/R",
            "arn:aws:iam::111122223333:role/",
            "not-an-arn",
            "src",
            "nowhere",
            "us-east-1",
            "cn-north-1",
            "eu west 1",
            "3600",
            "99999999999",
            "9" * 5000,
            "0",
            "arn:aws:iam::111122223333:mfa/alice",
        ]
    ),
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="[]"),
        max_size=30,
    ).map(str.strip),
)
_keys = st.sampled_from(
    ["role_arn", "source_profile", "region", "duration_seconds", "mfa_serial", "external_id"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=st.dictionaries(_keys, _values, max_size=6))
def test_any_bad_profile_leaves_the_healthy_target_usable(
    tmp_path_factory: pytest.TempPathFactory, profile: dict[str, str]
) -> None:
    from elevate_tray.core.awsconfig import AwsConfig
    from elevate_tray.core.settings import Settings
    from elevate_tray.core.targets import find_target, load_targets

    folder = tmp_path_factory.mktemp("cfg")
    cfg = folder / "config"
    body = "".join(f"{k} = {v}\n" for k, v in profile.items() if v and not v.startswith(("#", ";")))
    cfg.write_text(_HEALTHY + "[profile other]\n" + body)
    env = {"AWS_CONFIG_FILE": str(cfg), "AWS_SHARED_CREDENTIALS_FILE": str(folder / "none")}
    targets = {t.name: t for t in load_targets(AwsConfig.load(env), Settings())}
    assert targets["good"].problem == ""
    assert find_target(list(targets.values()), "good", None).name == "good"
    other = targets.get("other")
    if other is not None:
        other.as_dict()  # every field a list shows, even for a broken profile
        if other.problem:
            assert "'other'" in other.problem and str(cfg) in other.problem
            assert "\n" not in other.problem and len(other.problem) < 600
            with pytest.raises(ConfigError):
                find_target(list(targets.values()), "other", None)


@pytest.mark.parametrize("text", ["¹", "²3", "٣", "1²m"])
def test_digits_that_are_not_ascii_are_no_duration(cli: Cli, sandbox, text: str) -> None:
    """str.isdigit() says yes to '¹', int() then raises: found by the property test above."""
    r = cli("elevate", "--code", sandbox.totp(), "--no-browser", "--duration", text)
    assert r.code == 2 and r.err.count("\n") == 1, r.err
    config = Path(os.environ["AWS_CONFIG_FILE"])
    source = cli.context().target(None).source_profile
    config.write_text(
        config.read_text()
        + "\n[profile odd]\nrole_arn = arn:aws:iam::111122223333:role/AdminRole\n"
        + f"source_profile = {source}\nduration_seconds = {text}\n"
    )
    listed = cli("targets", "--json")
    assert listed.code == 0, listed.err
    assert [t["problem"] != "" for t in listed.json() if t["name"] == "odd"] == [True]
