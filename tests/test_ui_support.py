"""Fixtures and helpers for the tray's tests: an app home, a target, sessions written the
way any process (the CLI included) writes them. No tests here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from elevate_tray.core.clock import ManualClock
from elevate_tray.core.context import AppContext
from elevate_tray.core.sessions import Credentials, ElevatedSession
from elevate_tray.ui.workers import InlineRunner

ACCOUNT = "123456789012"
# the offscreen platform cannot resize windows to their layout and says so on every dialog
QT_NOISE = r"This plugin does not support propagateSizeHints\(\)"
START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)

AWS_CONFIG = f"""[profile me]
region = us-east-1

[profile prod]
role_arn = arn:aws:iam::{ACCOUNT}:role/AdminRole
source_profile = me
mfa_serial = arn:aws:iam::{ACCOUNT}:mfa/alice
region = us-east-1
"""


def write_config(home: Path, text: str = AWS_CONFIG) -> dict[str, str]:
    (home / "aws").mkdir(parents=True, exist_ok=True)
    (home / "aws" / "config").write_text(text)
    (home / "aws" / "credentials").write_text(
        "[me]\naws_access_key_id = AKIAEXAMPLEEXAMPLE00\n"
        "aws_secret_access_key = not-a-real-secret\n"
    )
    return {
        "AWS_CONFIG_FILE": str(home / "aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws" / "credentials"),
        "ELEVATE_TRAY_HOME": str(home / "app"),
        "ELEVATE_TRAY_SECRET_STORE": "file",
        "AWS_EC2_METADATA_DISABLED": "true",
        # nothing listens there: without the sandbox, a stray AWS call fails at once
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "ELEVATE_TRAY_SIGNIN_URL": "http://127.0.0.1:9/federation",
        "AWS_MAX_ATTEMPTS": "1",
        "LANG": "en_US.UTF-8",
        "XDG_CONFIG_HOME": str(home / "xdg"),
        "HOME": str(home),
    }


@pytest.fixture
def home_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = write_config(tmp_path)
    for key in ("AWS_PROFILE", "AWS_REGION", "LC_ALL", "LC_MESSAGES", "ELEVATE_TRAY_SANDBOX"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture
def ctx(home_env: dict[str, str]) -> AppContext:
    import os

    return AppContext(environ=dict(os.environ), clock=ManualClock(START))


@pytest.fixture
def controller(qtbot, ctx: AppContext):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    ctl = TrayController(ctx, runner=InlineRunner(), tray_available=False)
    ctl.start()
    yield ctl
    ctl.timer.stop()
    ctl.confirm_quit = lambda _admins, answer: answer("keep")  # closing the window quits
    for dialog in list(ctl._dialogs.values()):
        dialog.close()
    if ctl.window is not None:
        ctl.window.close()


def other_process(ctx: AppContext) -> AppContext:
    """A second AppContext on the same files: what a CLI process sees and writes."""
    return AppContext(environ=dict(ctx.environ), clock=ctx.clock)


def start_session(
    ctx: AppContext, seconds: int, target: str = "prod", via: str = "cli"
) -> ElevatedSession:
    now = ctx.clock.now().replace(microsecond=0)
    session = ElevatedSession(
        key=target,
        kind="admin",
        target=target,
        account=ACCOUNT,
        role_session_arn=f"arn:aws:sts::{ACCOUNT}:assumed-role/AdminRole/alice",
        started_at=now,
        expires_at=now + timedelta(seconds=seconds),
        user_name="alice",
        assumed_role_id="AROAEXAMPLE:alice",
        region="us-east-1",
    )
    creds = Credentials(
        "ASIAEXAMPLEEXAMPLE00", "canary-secret-key", "canary-session-token", session.expires_at
    )
    ctx.store.save(session, creds, via=via)
    return session


def advance(ctx: AppContext, seconds: float) -> None:
    clock = ctx.clock
    assert isinstance(clock, ManualClock)
    clock.advance(seconds)


def luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(image: QImage, background: str) -> QImage:
    """The icon as a panel of that colour shows it."""
    from PySide6.QtGui import QPainter

    out = QImage(image.size(), QImage.Format.Format_RGB32)
    out.fill(QColor(background))
    p = QPainter(out)
    p.drawImage(0, 0, image)
    p.end()
    return out
