"""Network faults between the app and AWS (and the sign-in endpoint): connection refused,
connect and read timeouts, a slow endpoint, resets, captive-portal garbage, server errors.
Each gives one sentence with exit code 5 and leaves the state as it was; the tray's UI keeps
running while AWS is slow, and shows the error within the timeout."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from elevate_tray.core import awsclients
from elevate_tray.core.context import AppContext
from elevate_tray.core.lifecycle import Mode
from elevate_tray.ui.workers import ThreadRunner
from tests.suite_support import sandbox_app_context
from tests.test_ui_support import QT_NOISE

from .cli_helpers import Cli
from .fault_servers import (
    GARBAGE,
    HANG,
    RESET,
    SERVER_ERROR,
    StalledListener,
    fault_proxy,
    refused_url,
    slow,
)
from .suite_support import bump, cli_fixture, elevate  # noqa: F401

pytestmark = [
    pytest.mark.qt_log_ignore(QT_NOISE),
    # core.signin.open_url lets go of the browser's Popen while it runs
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]
TIMEOUT = 0.5  # the app's connect/read timeouts, shortened so a test waits seconds, not minutes


@pytest.fixture
def short_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(awsclients, "CONNECT_TIMEOUT", TIMEOUT)
    monkeypatch.setattr(awsclients, "READ_TIMEOUT", TIMEOUT)


def read_only_and_clean(cli: Cli) -> None:
    assert cli("status", "--json").json()["mode"] == "read-only"
    assert not list((cli.home / "state" / "secrets").glob("*.json"))


def one_line(err: str) -> None:
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


# -- the command line ----------------------------------------------------------------------
def test_connection_refused(cli: Cli, sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", refused_url())
    t = time.perf_counter()
    r = elevate(cli, sandbox)
    assert r.code == 5 and "Could not reach AWS" in r.err
    one_line(r.err)
    assert time.perf_counter() - t < 10
    read_only_and_clean(cli)


def test_connect_timeout(cli: Cli, sandbox, short_timeouts: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stalled = StalledListener()
    try:
        monkeypatch.setenv("AWS_ENDPOINT_URL", stalled.url)
        t = time.perf_counter()
        r = elevate(cli, sandbox)
        elapsed = time.perf_counter() - t
    finally:
        stalled.close()
    assert r.code == 5 and "did not answer in time" in r.err, r
    one_line(r.err)
    assert elapsed < 3 * TIMEOUT + 3
    read_only_and_clean(cli)


def test_read_timeout_on_assume_role(cli: Cli, sandbox, short_timeouts: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with fault_proxy(sandbox.endpoint_url, {"AssumeRole": HANG}) as proxy:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        r = elevate(cli, sandbox)
    assert r.code == 5 and "AWS did not answer in time while trying to assume AdminRole" in r.err
    one_line(r.err)
    read_only_and_clean(cli)


def test_a_silent_endpoint_is_tried_at_most_twice(
    cli: Cli, sandbox, short_timeouts, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    with fault_proxy(sandbox.endpoint_url, {"AssumeRole": HANG}) as proxy:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        elevate(cli, sandbox)
        assert proxy.seen["AssumeRole"] <= 2


def test_a_slow_endpoint_within_the_timeout_still_elevates(cli: Cli, sandbox, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with fault_proxy(sandbox.endpoint_url, {"*": slow(0.5)}) as proxy:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        r = elevate(cli, sandbox)
        assert r.code == 0, r.err
        assert proxy.seen["AssumeRole"] == 1  # no retry behind the user's back
    assert cli("status", "--json").json()["mode"] == "admin"


def test_connection_reset_during_assume_role(cli: Cli, sandbox, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with fault_proxy(sandbox.endpoint_url, {"AssumeRole": RESET}) as proxy:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        r = elevate(cli, sandbox)
    assert r.code == 5
    one_line(r.err)
    read_only_and_clean(cli)


@pytest.mark.parametrize("fault", [GARBAGE, SERVER_ERROR], ids=["captive-portal", "http-500"])
def test_an_endpoint_that_is_not_aws(cli: Cli, sandbox, fault, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with fault_proxy(sandbox.endpoint_url, {"AssumeRole": fault}) as proxy:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        r = elevate(cli, sandbox)
    one_line(r.err)
    assert r.code == 5, r
    read_only_and_clean(cli)


def test_sign_in_endpoint_down_keeps_the_session_and_says_so(
    cli: Cli, sandbox, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ELEVATE_TRAY_SIGNIN_URL", refused_url() + "/federation")
    r = cli("elevate", "--code", sandbox.totp(), "--print-url")
    assert r.code == 5 and "Could not reach the AWS sign-in endpoint" in r.err
    assert "Elevated to AdminRole" in r.err  # the elevation itself happened, and is said
    assert cli("status", "--json").json()["mode"] == "admin"
    assert cli("credentials").code == 0  # consistent: elevated, with its credentials
    monkeypatch.setenv("ELEVATE_TRAY_SIGNIN_URL", sandbox.signin_url)
    assert cli("console", "--print-url").code == 0  # and the console works once it is back


def test_sign_in_connection_reset_is_retried_once(cli: Cli, sandbox, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert elevate(cli, sandbox).code == 0
    with fault_proxy(sandbox.endpoint_url, {"getSigninToken": RESET}) as proxy:
        monkeypatch.setenv("ELEVATE_TRAY_SIGNIN_URL", proxy.signin_url)
        r = cli("console", "--print-url")
        assert proxy.seen["getSigninToken"] == 2
    assert r.code == 5 and "closed the connection" in r.err
    one_line(r.err)


def test_sign_in_endpoint_server_error_is_a_network_failure(cli: Cli, sandbox, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert elevate(cli, sandbox).code == 0
    with fault_proxy(sandbox.endpoint_url, {"getSigninToken": SERVER_ERROR}) as proxy:
        monkeypatch.setenv("ELEVATE_TRAY_SIGNIN_URL", proxy.signin_url)
        r = cli("console", "--print-url")
    assert r.code == 5
    assert "elevate again" not in r.err


# -- the tray's MFA dialog ------------------------------------------------------------------
@pytest.fixture
def tray_ctx(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppContext:
    return sandbox_app_context(sandbox, tmp_path, monkeypatch)


class LoopWatch:
    """Ticks every 10 ms on the UI thread; the longest gap says how long the UI froze."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self.timer.start()

    def longest_gap(self) -> float:
        self.timer.stop()
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False))


def open_dialog(qtbot, ctx: AppContext, name: str):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    ctl = TrayController(ctx, runner=ThreadRunner(), tray_available=False)
    ctl.start()
    qtbot.addWidget(ctl.window)
    ctl.elevate(name)
    dialog = ctl._dialogs[name]
    qtbot.waitUntil(lambda: dialog._prepared, timeout=10000)
    return ctl, dialog


def test_slow_aws_keeps_the_ui_responsive(qtbot, sandbox, tray_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with fault_proxy(sandbox.endpoint_url, {"AssumeRole": slow(1.0)}) as proxy:
        tray_ctx.environ["AWS_ENDPOINT_URL"] = proxy.url  # the tray's clients read its context
        ctl, dialog = open_dialog(qtbot, tray_ctx, sandbox.account.target_profile)
        watch = LoopWatch()
        dialog.code.insert(sandbox.totp())
        assert ctl.state.mode is Mode.ELEVATING
        qtbot.waitUntil(lambda: ctl.state.mode is Mode.ADMIN, timeout=10000)
        assert watch.longest_gap() < 0.25  # the event loop never stalled behind AWS
        assert watch.ticks[-1] - watch.ticks[0] >= 0.9
    ctl.quit()


def test_silent_aws_shows_the_error_within_the_timeout_and_goes_back_to_read_only(
    qtbot,
    sandbox,
    tray_ctx,
    short_timeouts,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    with fault_proxy(sandbox.endpoint_url, {"AssumeRole": HANG}) as proxy:
        tray_ctx.environ["AWS_ENDPOINT_URL"] = proxy.url  # the tray's clients read its context
        ctl, dialog = open_dialog(qtbot, tray_ctx, sandbox.account.target_profile)
        watch = LoopWatch()
        t = time.perf_counter()
        dialog.code.insert(sandbox.totp())
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=15000)
        elapsed = time.perf_counter() - t
    assert dialog.error_label.text()  # its words: test_read_timeout_on_assume_role
    assert elapsed < 3 * TIMEOUT + 3  # botocore's attempts, each bounded by the read timeout
    assert watch.longest_gap() < 0.25
    assert ctl.state.mode is Mode.READ_ONLY  # not stuck in "elevating"
    assert dialog.code.isEnabled()  # the user can type the next code
    assert not (tray_ctx.dirs.secrets_dir.exists() and any(tray_ctx.dirs.secrets_dir.iterdir()))
    dialog.reject()
    ctl.quit()


def test_sign_in_down_in_the_tray_elevates_and_says_the_console_failed(
    qtbot,
    sandbox,
    tray_ctx,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    tray_ctx.environ["ELEVATE_TRAY_SIGNIN_URL"] = refused_url() + "/federation"
    ctl, dialog = open_dialog(qtbot, tray_ctx, sandbox.account.target_profile)
    dialog.code.insert(sandbox.totp())
    qtbot.waitUntil(lambda: ctl.state.mode is Mode.ADMIN, timeout=10000)
    texts = [n.text for n in ctl.notifier.history]
    assert any("Could not reach the AWS sign-in endpoint" in t for t in texts), texts
    assert ctl.ctx.store.credentials(ctl.state.shown) is not None
    ctl.quit()
