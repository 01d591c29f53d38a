"""Input rules: codes, durations, names, tag values, partitions, lifecycle arithmetic."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyotp
import pytest
from hypothesis import given
from hypothesis import strategies as st

from elevate_tray.core import lifecycle
from elevate_tray.core.errors import ConfigError, MfaRejected
from elevate_tray.core.partitions import Arn, hosts_for, partition_for_region
from elevate_tray.core.textrules import (
    format_duration,
    parse_duration,
    sanitise_tag_value,
    session_name,
    source_identity,
)
from elevate_tray.core.totp import (
    code_fingerprint,
    generate,
    normalise_code,
    normalise_secret,
    window_of,
)

TAG_RE = re.compile(r"^[\w\s.:/=+\-@]*$", re.UNICODE)


@pytest.mark.parametrize(
    "text", ["123456", " 123 456 ", "123-456\n", "１２３４５６", "123\u3000456"]
)
def test_pasted_codes_are_accepted(text: str) -> None:
    assert normalise_code(text) == "123456"


@given(st.text(max_size=20))
def test_any_code_input_is_six_digits_or_a_sentence(text: str) -> None:
    try:
        code = normalise_code(text)
    except MfaRejected as exc:
        assert str(exc) == "An MFA code is 6 digits, as your authenticator app shows it."
    else:
        assert re.fullmatch(r"[0-9]{6}", code)


def test_totp_secret_normalised_or_refused() -> None:
    secret = pyotp.random_base32()
    spaced = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)).lower()
    assert normalise_secret(spaced + "\n") == secret
    with pytest.raises(ConfigError, match="not a TOTP secret"):
        normalise_secret("hello-world-not-base32!")


def test_generated_code_never_repeats_a_sent_one() -> None:
    secret = pyotp.random_base32()
    now = datetime(2026, 1, 1, 12, 0, 10, tzinfo=UTC)
    first = generate(secret, now, None, "serial")
    assert first.wait_seconds == 0
    assert first.code == pyotp.TOTP(secret).at(now)
    sent = {"window": window_of(now), "fingerprint": code_fingerprint("serial", first.code)}
    again = generate(secret, now + timedelta(seconds=5), sent, "serial")
    assert again.wait_seconds == pytest.approx(15)
    assert again.code == pyotp.TOTP(secret).at(now + timedelta(seconds=20))
    later = generate(secret, now + timedelta(seconds=40), sent, "serial")
    assert later.wait_seconds == 0


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30m", 1800), ("1h", 3600), ("1h30m", 5400), ("2700s", 2700), ("900s", 900), ("12h", 43200)],
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "1d", "-5m", "m", "1.5h"])
def test_bad_durations_say_how_to_write_one(text: str) -> None:
    with pytest.raises(ConfigError, match="write it like 30m, 1h"):
        parse_duration(text)


def test_format_duration() -> None:
    assert [format_duration(s) for s in (900, 3600, 5400, 59)] == ["15m", "1h", "1h30m", "0m"]


@given(st.text(max_size=100))
def test_session_names_follow_aws_rules(name: str) -> None:
    n = session_name(name)
    assert re.fullmatch(r"[\w+=,.@-]{2,64}", n, re.ASCII)
    si = source_identity(name)
    assert re.fullmatch(r"[\w+=,.@-]{2,64}", si, re.ASCII)
    assert not si.lower().startswith("aws:")


@given(st.text(max_size=400))
def test_reason_becomes_a_valid_tag_value(reason: str) -> None:
    value = sanitise_tag_value(reason)
    assert len(value) <= 256
    assert TAG_RE.match(value), value


def test_reason_keeps_japanese_and_punctuation_it_may() -> None:
    assert sanitise_tag_value("障害対応: INC-42 (DB)\n再起動") == "障害対応: INC-42 _DB_ 再起動"


@pytest.mark.parametrize(
    ("region", "partition", "federation"),
    [
        ("us-east-1", "aws", "https://us-east-1.signin.aws.amazon.com/federation"),
        ("ap-northeast-1", "aws", "https://ap-northeast-1.signin.aws.amazon.com/federation"),
        ("cn-north-1", "aws-cn", "https://signin.amazonaws.cn/federation"),
        ("us-gov-west-1", "aws-us-gov", "https://signin.amazonaws-us-gov.com/federation"),
    ],
)
def test_partitions(region: str, partition: str, federation: str) -> None:
    assert partition_for_region(region) == partition
    assert hosts_for(partition).federation_url(region) == federation
    assert region in hosts_for(partition).console_url(region)


def test_partition_table_agrees_with_botocore() -> None:
    import botocore.session

    s = botocore.session.get_session()
    for region in (
        "us-east-1",
        "eu-central-2",
        "cn-northwest-1",
        "us-gov-east-1",
        "us-iso-east-1",
        "mx-central-1",
    ):
        assert partition_for_region(region) == s.get_partition_for_region(region), region


def test_arn_parse() -> None:
    arn = Arn.parse("arn:aws-us-gov:iam::123456789012:role/path/AdminRole")
    assert (arn.partition, arn.account, arn.name) == ("aws-us-gov", "123456789012", "AdminRole")
    with pytest.raises(ConfigError, match="not an ARN"):
        Arn.parse("AdminRole")


# -- lifecycle ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("left", "shown"),
    [
        (3600, (60, "m")),
        (3599, (60, "m")),
        (3540, (59, "m")),
        (61, (2, "m")),
        (60, (60, "s")),
        (1, (1, "s")),
        (0, (0, "s")),
    ],
)
def test_shown_number(left: int, shown: tuple[int, str]) -> None:
    assert lifecycle.shown_number(left) == shown


@given(st.integers(min_value=1, max_value=43200))
def test_shown_text_changes_exactly_when_predicted(left: int) -> None:
    """The one timer wakes when the icon's text changes, hours above 99 minutes included
    (an 8-hour session redraws about hourly until the last 99 minutes)."""
    wait = lifecycle.seconds_until_change(left)
    assert wait >= 1
    assert all(lifecycle.shown_text(left - d) == lifecycle.shown_text(left) for d in range(wait))
    assert lifecycle.shown_text(left - wait) != lifecycle.shown_text(left)


def test_a_long_session_wakes_hourly_not_every_minute() -> None:
    assert lifecycle.seconds_until_change(8 * 3600) == 3600
    assert lifecycle.seconds_until_change(7200) == 7200 - 99 * 60


def test_warnings_and_next_wakeup() -> None:
    end = datetime(2026, 1, 1, 13, 0, tzinfo=UTC)
    at = lambda s: end - timedelta(seconds=s)  # noqa: E731
    assert lifecycle.due_warnings(end, at(600), [300, 60], set()) == []
    assert lifecycle.due_warnings(end, at(299), [300, 60], set()) == [300]
    assert lifecycle.due_warnings(end, at(30), [300, 60], {300}) == [60]
    assert lifecycle.due_warnings(end, at(30), [300, 60], set()) == [300, 60]  # woke late: both
    assert lifecycle.next_wakeup(end, at(600), [300, 60]) == 300
    assert lifecycle.next_wakeup(end, at(100), [300, 60]) == 40
    assert lifecycle.next_wakeup(end, at(30), [300, 60]) == 30
    assert lifecycle.next_wakeup(end, at(-5), [300, 60]) == 0


# -- the core stays free of Qt --------------------------------------------------------
def test_core_imports_no_qt() -> None:
    core = Path(__file__).parents[1] / "elevate_tray" / "core"
    offenders = []
    for path in core.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6")
            ]
    assert offenders == []
    first = (
        "import sys, elevate_tray.cli.commands, elevate_tray.flows.elevate, elevate_tray.fastpath"
    )
    code = (
        first
        + "\n"
        + "".join(
            f"import elevate_tray.core.{p.stem}\n"
            for p in core.glob("*.py")
            if p.stem != "__init__"
        )
    )
    code += "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=core.parents[1])
