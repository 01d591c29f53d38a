"""AWS config reading, targets, the in-place profile writer, app settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elevate_tray.core.awsconfig import AwsConfig
from elevate_tray.core.awsconfig_writer import (
    marked_profiles,
    profile_writer,
    remove_profile,
    set_profile_values,
)
from elevate_tray.core.errors import ConfigError
from elevate_tray.core.settings import Settings
from elevate_tray.core.targets import find_target, load_targets

CONFIG = """\
# my config
[default]
region = eu-west-1

[profile dev]
region = us-east-1

[profile prod-admin]
role_arn = arn:aws:iam::210987654321:role/AdminRole
source_profile = dev
mfa_serial = arn:aws:iam::210987654321:mfa/alice
duration_seconds = 1800
s3 =
  addressing_style = path

[profile cn-admin]
role_arn = arn:aws-cn:iam::210987654321:role/AdminRole
source_profile = dev
region = cn-north-1

[profile sso]
sso_session = corp

[sso-session corp]
sso_region = us-east-1
"""


def env_for(tmp_path: Path, config: str, credentials: str = "") -> dict[str, str]:
    (tmp_path / "config").write_text(config, encoding="utf-8")
    (tmp_path / "credentials").write_text(credentials, encoding="utf-8")
    return {
        "AWS_CONFIG_FILE": str(tmp_path / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
    }


def test_role_profiles_are_targets_with_their_settings(tmp_path: Path) -> None:
    cfg = AwsConfig.load(env_for(tmp_path, CONFIG))
    targets = {t.name: t for t in load_targets(cfg, Settings())}
    assert sorted(targets) == ["cn-admin", "prod-admin"]
    prod = targets["prod-admin"]
    assert prod.account == "210987654321"
    assert prod.role_name == "AdminRole"
    assert prod.mfa_serial == "arn:aws:iam::210987654321:mfa/alice"
    assert prod.duration_seconds == 1800
    assert prod.region == "us-east-1"  # from the source profile, as the CLI falls back
    assert targets["cn-admin"].partition == "aws-cn"


def test_region_from_environment_when_profiles_have_none(tmp_path: Path) -> None:
    env = env_for(
        tmp_path,
        "[profile a]\n[profile t]\nrole_arn = arn:aws:iam::111122223333:role/R\n"
        "source_profile = a\n",
    )
    env["AWS_REGION"] = "ap-northeast-1"
    (t,) = load_targets(AwsConfig.load(env), Settings())
    assert t.region == "ap-northeast-1"


def test_role_profile_in_credentials_file_counts_like_botocore(tmp_path: Path) -> None:
    cred = "[x]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = y\n"
    (t,) = load_targets(AwsConfig.load(env_for(tmp_path, "", cred)), Settings())
    assert t.name == "x"


def test_hidden_targets_are_left_out_unless_asked(tmp_path: Path) -> None:
    cfg = AwsConfig.load(env_for(tmp_path, CONFIG))
    s = Settings.from_dict({"targets": {"cn-admin": {"hidden": True}}}, tmp_path / "s.toml")
    assert [t.name for t in load_targets(cfg, s)] == ["prod-admin"]
    assert len(load_targets(cfg, s, include_hidden=True)) == 2


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ("region = x\n[default]\n", 1, "before any [section]"),
        ("[default]\nregion = x\n[default]\n", 3, "appears a second time"),
        ("[default]\nregion = x\nthis is junk\n", 3, "neither a [section]"),
        ("[default]\nregion = a\nregion = b\n", 3, "set twice"),
    ],
)
def test_malformed_config_names_file_and_line(
    tmp_path: Path, text: str, line: int, why: str
) -> None:
    with pytest.raises(ConfigError) as err:
        AwsConfig.load(env_for(tmp_path, text))
    assert f"{tmp_path / 'config'}, line {line}" in str(err.value)
    assert why in str(err.value)
    assert "\n" not in str(err.value)


def test_non_utf8_bytes_name_the_line(tmp_path: Path) -> None:
    env = env_for(tmp_path, "")
    Path(env["AWS_CONFIG_FILE"]).write_bytes(b"[default]\nregion = us-east-1\nname = \xff\xfe\n")
    with pytest.raises(ConfigError, match="line 3"):
        AwsConfig.load(env)


def test_role_arn_that_is_not_a_role_is_a_clear_error(tmp_path: Path) -> None:
    cfg = AwsConfig.load(
        env_for(
            tmp_path,
            "[profile t]\nrole_arn = arn:aws:iam::111122223333:user/bob\nsource_profile = a\n",
        )
    )
    (target,) = load_targets(cfg, Settings())  # listed, with what is wrong with it
    assert "not an IAM role ARN" in target.problem and "'t'" in target.problem
    with pytest.raises(ConfigError, match="not an IAM role ARN"):
        find_target([target], "t", None)


def test_region_outside_the_roles_partition_is_refused(tmp_path: Path) -> None:
    cfg = AwsConfig.load(
        env_for(
            tmp_path,
            "[profile a]\n[profile t]\nrole_arn = arn:aws:iam::111122223333:role/R\n"
            "source_profile = a\nregion = cn-north-1\n",
        )
    )
    (target,) = load_targets(cfg, Settings())
    assert "not in the aws partition" in target.problem
    with pytest.raises(ConfigError, match="not in the aws partition"):
        find_target([target], None, None)


def test_find_target_rules(tmp_path: Path) -> None:
    targets = load_targets(AwsConfig.load(env_for(tmp_path, CONFIG)), Settings())
    assert find_target(targets, "cn-admin", None).name == "cn-admin"
    assert find_target(targets, None, "prod-admin").name == "prod-admin"
    with pytest.raises(ConfigError, match="choose one with --target"):
        find_target(targets, None, None)
    with pytest.raises(ConfigError, match="no target 'x'"):
        find_target(targets, "x", None)
    with pytest.raises(ConfigError, match="No target is configured"):
        find_target([], None, None)


# -- writer ---------------------------------------------------------------------------
def test_writer_keeps_comments_order_and_other_sections(tmp_path: Path) -> None:
    path = tmp_path / "config"
    path.write_text(CONFIG, encoding="utf-8")
    set_profile_values(
        path,
        "prod-admin",
        {"mfa_serial": "arn:aws:iam::210987654321:mfa/bob", "region": "eu-central-1"},
    )
    set_profile_values(path, "new", {"region": "us-west-2"})
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my config\n[default]\nregion = eu-west-1\n")
    assert "mfa_serial = arn:aws:iam::210987654321:mfa/bob\n" in text
    assert "mfa/alice" not in text
    assert text.endswith("[profile new]\nregion = us-west-2\n")
    expected = (
        CONFIG.replace("mfa/alice", "mfa/bob").replace(
            "  addressing_style = path\n", "  addressing_style = path\nregion = eu-central-1\n"
        )
        + "\n[profile new]\nregion = us-west-2\n"
    )
    assert text == expected
    cfg = AwsConfig.load(
        {"AWS_CONFIG_FILE": str(path), "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none")}
    )
    assert cfg.profiles["prod-admin"]["region"] == "eu-central-1"
    assert cfg.profiles["prod-admin"]["s3"] == {"addressing_style": "path"}


def test_writer_credentials_file_uses_bare_section(tmp_path: Path) -> None:
    path = tmp_path / "credentials"
    set_profile_values(path, "dev", {"aws_access_key_id": "AKIA"}, credentials_file=True)
    assert path.read_text() == "[dev]\naws_access_key_id = AKIA\n"
    assert path.stat().st_mode & 0o777 == 0o600


_names = st.text(
    st.characters(categories=["L", "N"], include_characters="-_"), min_size=1, max_size=12
)
_values = (
    st.text(
        st.characters(categories=["L", "N", "P"], exclude_characters="\n\r[]#;%"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    profile=_names,
    values=st.dictionaries(
        st.sampled_from(["region", "mfa_serial", "output", "x_y"]), _values, min_size=1
    ),
)
def test_writer_round_trips_through_botocore(
    tmp_path: Path, profile: str, values: dict[str, str]
) -> None:
    path = tmp_path / "config"
    path.write_text(CONFIG, encoding="utf-8")
    set_profile_values(path, profile, values)
    cfg = AwsConfig.load(
        {"AWS_CONFIG_FILE": str(path), "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none")}
    )
    got = cfg.profiles.get(profile, {})
    for k, v in values.items():
        assert got[k] == v


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_any_config_text_parses_or_gives_one_sentence(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config"
    path.write_bytes(
        text.encode("utf-8", "surrogatepass")
        if text.isascii()
        else text.encode("latin-1", "replace")
    )
    try:
        cfg = AwsConfig.load(
            {"AWS_CONFIG_FILE": str(path), "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none")}
        )
        load_targets(cfg, Settings())
    except ConfigError as exc:
        assert str(path) in str(exc)
        assert "\n" not in str(exc)


# -- settings -------------------------------------------------------------------------
def test_settings_round_trip_and_type_errors(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    s = Settings()
    s.browser_command = "firefox --new-window {url}"
    s.targets["t"] = Settings.from_dict({"targets": {"t": {"max_duration": 7200}}}, path).targets[
        "t"
    ]
    s.save(path)
    again = Settings.load(path)
    assert again.browser_command == "firefox --new-window {url}"
    assert again.target("t").max_duration == 7200
    assert again.target("other").max_duration == 0
    path.write_text('default_duration = "1h"\n')
    with pytest.raises(ConfigError, match="default_duration' should be a whole number, not text"):
        Settings.load(path)
    path.write_text("default_duration = 60\n")
    with pytest.raises(ConfigError, match="from 900 to 43200 seconds"):
        Settings.load(path)
    path.write_text("[[[")
    with pytest.raises(ConfigError, match="settings file"):
        Settings.load(path)


def test_the_setup_marker_sits_above_the_header_and_marks_only_its_profiles(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config"
    before = "# mine\n[profile sso]\n# my note\nsso_session = work\nregion = eu-west-1\n"
    path.write_text(before)
    set_profile_values(path, "t", {"role_arn": "arn:aws:iam::1:role/R"}, writer="1/G/R")
    set_profile_values(path, "t-cli", {"region": "us-east-1"}, writer="1/G/R")
    set_profile_values(path, "other", {"region": "us-east-1"}, writer="1/H/R")
    set_profile_values(path, "t", {"region": "us-west-2"}, writer="1/G/R")  # updated in place
    text = path.read_text()
    assert text.startswith(before)
    assert text.count("# written by elevate-tray setup 1/G/R\n[profile t]\n") == 1
    assert (profile_writer(path, "t"), profile_writer(path, "sso")) == ("1/G/R", None)
    assert marked_profiles(path, "1/G/R") == ["t", "t-cli"]
    assert AwsConfig.load({"AWS_CONFIG_FILE": str(path)}).profiles["t"]["region"] == "us-west-2"

    assert remove_profile(path, "t") and remove_profile(path, "t-cli")
    assert not remove_profile(path, "t")
    left = path.read_text()
    assert left.startswith(before) and "1/G/R" not in left
    assert marked_profiles(path, "1/H/R") == ["other"]
