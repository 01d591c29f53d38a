"""Issue 15, the tray's side: after an admin session ends, the tray collects its receipt from
the sandbox's CloudTrail (asking once for an MFA code when no read-only MFA session lives),
refreshes it on one timer until it is final, says so in a notification that opens the
receipt window (changes first), lists it under "Recent sessions", and runs no timer while
nothing is pending. A real TrayController on the sandbox; tasks inline; one ManualClock
that the sandbox follows."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import boto3
import pytest

from elevate_tray.cli import main as cli_main
from elevate_tray.core.context import AppContext
from elevate_tray.core.receipt import Receipt, ReceiptEvent
from elevate_tray.flows.codes import typed
from elevate_tray.flows.credentials import start_readonly
from elevate_tray.ui.workers import InlineRunner
from tests.suite_support import sandbox_app_context
from tests.test_ui_i18n import japanese  # noqa: F401
from tests.test_ui_support import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


@pytest.fixture
def ctx(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppContext:  # type: ignore[no-untyped-def]
    ctx = sandbox_app_context(sandbox, tmp_path, monkeypatch)
    sandbox.clock.follow(ctx.clock.now)  # one clock: the throttle refills as the app waits
    return ctx


@pytest.fixture
def trays(qtbot):  # type: ignore[no-untyped-def]
    made = []

    def make(ctx: AppContext):  # type: ignore[no-untyped-def]
        from elevate_tray.ui.controller import TrayController

        ctl = TrayController(ctx, runner=InlineRunner(), tray_available=False)
        ctl.start()
        qtbot.addWidget(ctl.window)
        made.append(ctl)
        return ctl

    yield make
    for ctl in made:
        ctl.timer.stop()
        ctl.confirm_quit = lambda _admins, answer: answer("keep")
        ctl.receipts.close_all()
        if ctl.window is not None:
            ctl.window.close()


def terminal(ctx: AppContext) -> AppContext:
    """Another process on the same files and clock: a command in a terminal."""
    return AppContext(environ=dict(os.environ), clock=ctx.clock)


def cli(ctx: AppContext, *argv: str) -> int:
    return cli_main(list(argv), ctx=terminal(ctx))


def fresh_code(ctx: AppContext, sandbox) -> str:  # type: ignore[no-untyped-def]
    ctx.clock.advance(30)  # a fresh TOTP window: AWS takes each code once
    return str(sandbox.totp())


def elevate_and_change(ctx: AppContext, sandbox, reason: str = "INC-7 add bob") -> str:  # type: ignore[no-untyped-def]
    """Elevate in a terminal, create and tag a user and list users with the session: two
    changes and one read. The target's name."""
    code = fresh_code(ctx, sandbox)
    assert cli(ctx, "elevate", "--code", code, "--no-browser", "--reason", reason) == 0
    ctx.clock.advance(1)
    other = terminal(ctx)
    session = other.store.current_admin()
    assert session is not None
    creds = other.store.credentials(session)
    assert creds is not None
    admin = boto3.client(
        "iam",
        region_name="us-east-1",
        endpoint_url=sandbox.endpoint_url,
        aws_access_key_id=creds.access_key_id,
        aws_secret_access_key=creds.secret_access_key,
        aws_session_token=creds.session_token,
    )
    admin.create_user(UserName="bob")
    ctx.clock.advance(2)
    admin.tag_user(UserName="bob", Tags=[{"Key": "team", "Value": "ops"}])
    ctx.clock.advance(2)
    admin.list_users()
    ctx.clock.advance(60)
    return session.target


def receipts(ctl):  # type: ignore[no-untyped-def]
    return ctl.receipts.tray


def timing():  # type: ignore[no-untyped-def]
    from elevate_tray.ui import tray_receipts

    return tray_receipts


def notices(ctl, title: str) -> list:  # type: ignore[no-untyped-def]
    return [n for n in ctl.notifier.history if n.title == title]


def told(ctl, target: str) -> list:  # type: ignore[no-untyped-def]
    """What the tray said about a target's receipts, but for asking for a code."""
    return [n for n in notices(ctl, "Receipt for " + target) if n.action_label != "Give a code"]


def code_offers(ctl, target: str) -> list:  # type: ignore[no-untyped-def]
    return [n for n in notices(ctl, "Receipt for " + target) if n.action_label == "Give a code"]


def take_the_offer(qtbot, ctl, got, target: str):  # type: ignore[no-untyped-def]
    """The tray asks for a code in a notification, not a dialog, and not over the drop's
    own notice: at the first refresh, a minute later. The person clicks it."""
    qtbot.waitUntil(lambda: got.timer.isActive())  # once the tray's update is done
    assert not code_offers(ctl, target)
    ctl.ctx.clock.advance(timing().FIRST_DELAY)
    got.tick()
    qtbot.waitUntil(lambda: len(code_offers(ctl, target)) == 1)
    assert not got.asking  # no dialog out of nowhere
    code_offers(ctl, target)[0].action()
    return got.asking[target]


def test_a_dropped_session_is_collected_with_a_code_final_after_15_minutes_and_shown(
    qtbot, trays, ctx: AppContext, sandbox
) -> None:  # type: ignore[no-untyped-def]
    ctl = trays(ctx)
    assert ctl.receipts._tray is None  # nothing pending: nothing of the receipts loaded
    assert ctl.menu.action_named("recent-sessions") is None
    target = elevate_and_change(ctx, sandbox)
    ctl.recheck()
    assert ctl.state.admins

    ctl.drop(target)  # the tray sees the end: no read-only session lives, so it asks a code
    got = receipts(ctl)
    dialog = take_the_offer(qtbot, ctl, got, target)
    assert dialog.objectName() == "ReceiptCodeDialog" and dialog.isVisible()
    assert "CloudTrail" in dialog.explain.text()
    dialog.submit(fresh_code(ctx, sandbox))
    assert not got.asking
    entry = got.listed[0]
    assert [(c.action, c.resources) for c in entry.receipt.changes] == [
        ("CreateUser", ("bob",)),
        ("TagUser", ("bob",)),
    ]
    assert [e.action for e in entry.receipt.reads] == ["ListUsers"]
    assert not entry.receipt.final and entry.pending is not None
    assert got.timer.isActive()  # the next refresh, while the receipt is collecting
    assert got.timer.interval() <= timing().INTERVAL * 1000
    assert not told(ctl, target)  # not final yet: nothing said

    ctx.clock.advance(timing().FIRST_DELAY)
    got.tick()
    assert got.timer.isActive() and got.timer.interval() == timing().INTERVAL * 1000
    assert not got.asking  # the read-only session it started serves from now on

    ctx.clock.advance(15 * 60)
    got.tick()
    said = told(ctl, target)
    assert [n.text for n in said] == ["2 changes"]
    assert not got.timer.isActive()  # the last receipt is final: no timer
    got.tick()
    assert len(told(ctl, target)) == 1  # said once

    said[0].action()  # the notification's click opens the receipt window
    window = got.windows[entry.receipt.id]
    assert window.isVisible() and window.status.text().startswith("Final")
    rows = [window.changes.item(r, 3).text() for r in range(window.changes.rowCount())]
    assert rows == ["CreateUser", "TagUser"]
    assert window.changes.item(0, 4).text() == "bob" and window.changes.item(0, 5).text() == "ok"
    assert window.reads.isHidden() and window.reads_toggle.text() == "1 read call"
    window.reads_toggle.click()
    assert window.reads.isVisibleTo(window) and window.reads.item(0, 3).text() == "ListUsers"
    assert "INC-7 add bob" in window.header.text()
    assert "…" + entry.pending.access_key_id[-4:] in window.header.text()
    assert not window.refresh_button.isEnabled()  # final: nothing to refresh
    window.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert "#### Changes (2)" in QGuiApplication.clipboard().text()

    ctl.menu.rebuild()
    sub = ctl.menu.action_named("recent-sessions")
    assert sub is not None and sub.text() == "Rece&nt sessions"
    line = ctl.menu.action_named(f"receipt:{entry.receipt.id}")
    assert line.text() == f"{target} · {entry.receipt.started_at.astimezone():%H:%M} · 2 changes"


def test_a_tray_started_with_a_receipt_pending_collects_it_without_asking(
    trays, ctx: AppContext, sandbox
) -> None:  # type: ignore[no-untyped-def]
    target = elevate_and_change(ctx, sandbox)
    assert cli(ctx, "drop") == 0  # in a terminal, with no tray running
    other = terminal(ctx)
    start_readonly(other, other.target(target), typed(fresh_code(ctx, sandbox)))

    ctl = trays(ctx)
    got = receipts(ctl)
    assert not got.asking  # the live read-only MFA session reads CloudTrail
    assert [c.action for c in got.listed[0].receipt.changes] == ["CreateUser", "TagUser"]
    assert got.timer.isActive()
    ctl.menu.rebuild()
    rid = got.listed[0].receipt.id
    assert ctl.menu.action_named(f"receipt:{rid}").text().endswith("· collecting…")

    ctx.clock.advance(16 * 60)
    got.tick()
    assert [n.text for n in told(ctl, target)] == ["2 changes"]
    assert not got.timer.isActive()
    ctl.menu.rebuild()
    assert ctl.menu.action_named(f"receipt:{rid}").text().endswith("· 2 changes")


def test_a_cancelled_code_is_not_asked_again_until_the_receipt_is_opened(
    qtbot, trays, ctx: AppContext, sandbox
) -> None:  # type: ignore[no-untyped-def]
    ctl = trays(ctx)
    target = elevate_and_change(ctx, sandbox)
    ctl.recheck()
    ctl.drop(target)
    got = receipts(ctl)
    take_the_offer(qtbot, ctl, got, target).reject()
    assert not got.asking
    assert not got.timer.isActive()  # nothing it may collect by itself
    ctx.clock.advance(5 * 60)
    got.tick()
    assert not got.asking and len(code_offers(ctl, target)) == 1  # asked once per receipt

    ctl.menu.rebuild()
    rid = got.listed[0].receipt.id
    ctl.menu.action_named(f"receipt:{rid}").trigger()  # opened: asked again
    window = got.windows[rid]
    assert window.status.text().startswith("Still collecting")
    dialog = got.asking[target]
    dialog.submit(fresh_code(ctx, sandbox))
    assert [window.changes.item(r, 3).text() for r in range(window.changes.rowCount())] == [
        "CreateUser",
        "TagUser",
    ]
    assert got.timer.isActive()


def test_access_denied_on_lookup_is_said_once_not_at_every_round(
    trays, ctx: AppContext, sandbox
) -> None:  # type: ignore[no-untyped-def]
    target = elevate_and_change(ctx, sandbox)
    assert cli(ctx, "drop") == 0
    other = terminal(ctx)
    start_readonly(other, other.target(target), typed(fresh_code(ctx, sandbox)))
    sandbox.fail_next(
        "cloudtrail:LookupEvents",
        code="AccessDeniedException",
        message="User is not authorized to perform: cloudtrail:LookupEvents",
        status=400,
        times=10_000,
    )
    ctl = trays(ctx)
    got = receipts(ctl)
    said = told(ctl, target)
    assert len(said) == 1 and "CloudTrail" in said[0].text, said
    assert "Traceback" not in said[0].text
    ctx.clock.advance(timing().INTERVAL)
    got.tick()
    assert len(told(ctl, target)) == 1
    ctx.clock.advance(20 * 60)
    got.tick()  # past its final time and still refused: it rests until opened
    assert not got.timer.isActive()


def test_receipt_texts_in_japanese(japanese, trays, ctx: AppContext, sandbox) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from elevate_tray.ui import receipt_words as words

    assert words.changes_text(2) == "変更 2 件"
    assert words.changes_text(1) == "変更 1 件"
    target = elevate_and_change(ctx, sandbox)
    assert cli(ctx, "drop") == 0
    other = terminal(ctx)
    start_readonly(other, other.target(target), typed(fresh_code(ctx, sandbox)))
    ctl = trays(ctx)
    got = receipts(ctl)
    ctx.clock.advance(16 * 60)
    got.tick()
    said = [n for n in ctl.notifier.history if n.title == f"{target} の操作記録"]
    assert [n.text for n in said] == ["変更 2 件"]
    said[0].action()
    window = next(iter(got.windows.values()))
    assert window.refresh_button.text() == "更新(&R)"
    assert window.changes.horizontalHeaderItem(3).text() == "操作"


def realistic_receipt(now: datetime) -> Receipt:
    """A session that changed three things (one refused), read a few, and was revoked."""
    start = now - timedelta(minutes=40)

    def event(n: int, minute: float, action: str, resources: tuple[str, ...], **kw) -> ReceiptEvent:  # type: ignore[no-untyped-def]
        service = kw.pop("service", "iam")
        return ReceiptEvent(
            event_id=f"e{n:02}",
            time=start + timedelta(minutes=minute),
            region=kw.pop("region", "us-east-1"),
            service=service,
            action=action,
            resources=resources,
            **kw,
        )

    events = (
        event(1, 2, "ListUsers", (), read_only=True),
        event(2, 3, "GetUser", ("bob",), read_only=True, via="console"),
        event(3, 4, "CreateUser", ("bob",)),
        event(4, 5, "TagUser", ("bob",)),
        event(5, 9, "DescribeInstances", (), service="ec2", region="eu-west-1", read_only=True),
        event(
            6,
            11,
            "StopInstances",
            ("i-0a1b2c3d4e5f60718",),
            service="ec2",
            region="eu-west-1",
            error_code="UnauthorizedOperation",
            via="console",
        ),
        event(7, 14, "PutBucketPolicy", ("team-logs",), service="s3"),
        event(8, 20, "PutRolePolicy", ("AdminRole",), by_app=True),
        event(9, 20, "LookupEvents", (), service="cloudtrail", read_only=True, by_app=True),
    )
    return Receipt(
        id="k3x9q2",
        target="prod-admin",
        account="111122223333",
        role="AdminRole",
        session_name="alice-k3x9q2",
        user="alice",
        key="…WXYZ",
        started_at=start,
        ended_at=start + timedelta(minutes=20),
        ended="revoked",
        reason="INC-7 add bob to the ops team",
        status="final",
        collected_at=now,
        regions=("eu-west-1", "us-east-1"),
        events=events,
        notes=(
            "Looked in eu-west-1, us-east-1 only: these credentials cannot list the "
            "account's Regions (ec2:DescribeRegions).",
        ),
    )


def test_the_receipt_window_is_readable_at_100_percent(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    from elevate_tray.ui.receipt_window import ReceiptWindow

    now = datetime.now(UTC).replace(microsecond=0)
    receipt = realistic_receipt(now)
    window = ReceiptWindow(receipt, lambda: now)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    actions = [window.changes.item(r, 3).text() for r in range(window.changes.rowCount())]
    assert actions == ["CreateUser", "TagUser", "StopInstances", "PutBucketPolicy"]  # changes first
    assert window.changes.item(2, 5).text() == "failed: UnauthorizedOperation"
    assert window.changes.item(2, 6).text() == "console"
    assert window.reads_toggle.text() == "3 read calls" and window.reads.isHidden()
    assert window.app_calls.text() == "elevate-tray's own calls (not counted): 2"
    assert window.notes.text().startswith("Note: Looked in eu-west-1, us-east-1 only")
    # on the virtual screen at 100 %: the whole window, every column without scrolling
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= max(screen.width(), 1280) and window.height() <= 800
    assert window.changes.horizontalScrollBar().maximum() == 0
    assert window.changes.verticalScrollBar().maximum() == 0
    shots = os.environ.get("ELEVATE_TRAY_SCREENSHOTS")
    if shots:  # README's and docs/tray.md's picture
        window.reads_toggle.click()
        window.resize(window.width(), window.sizeHint().height())
        qtbot.wait(50)
        window.grab().save(os.path.join(shots, "receipt.png"))


def test_an_expiry_the_tray_sees_and_a_revoking_drop_both_get_their_receipt(
    qtbot, trays, ctx: AppContext, sandbox
) -> None:  # type: ignore[no-untyped-def]
    other = terminal(ctx)
    ctl = trays(ctx)
    target = elevate_and_change(ctx, sandbox)
    start_readonly(other, other.target(target), typed(fresh_code(ctx, sandbox)))
    ctl.recheck()
    session = ctl.state.admins[0]
    ctx.clock.advance((session.expires_at - ctx.clock.now()).total_seconds() + 1)
    ctl.recheck()  # the tray ends the expired session, and collects its receipt
    assert not ctl.state.admins
    got = receipts(ctl)
    qtbot.waitUntil(lambda: bool(got.listed) and got.listed[0].receipt.collected_at is not None)
    assert len(notices(ctl, "Read-only again")) == 1  # said once: collecting is not inside it
    first = got.listed[0].receipt
    assert first.ended == "expired" and [c.action for c in first.changes] == [
        "CreateUser",
        "TagUser",
    ]
    assert got.timer.isActive()

    code = fresh_code(ctx, sandbox)
    assert cli(ctx, "elevate", "--code", code, "--no-browser") == 0
    ctl.recheck()
    ctl.drop(target, revoke=True)
    qtbot.waitUntil(lambda: got.listed[0].receipt.id != first.id)
    qtbot.waitUntil(lambda: got.listed[0].receipt.collected_at is not None)
    second = got.listed[0].receipt
    assert second.id != first.id and second.ended == "revoked"
    assert second.changes == []  # the revocation's PutRolePolicy is the app's, not a change
    assert "PutRolePolicy" in {e.action for e in second.app_calls}
    got.open(second.id)
    window = got.windows[second.id]
    assert window.changes_title.text() == "No changes."
    assert window.app_calls.isVisibleTo(window)
    assert window.app_calls.text().startswith("elevate-tray's own calls (not counted): ")

    ctx.clock.advance(16 * 60)
    got.tick()
    texts = sorted(n.text for n in told(ctl, target))
    assert texts == ["0 changes", "2 changes"]
    assert not got.timer.isActive()
    assert window.status.text().startswith("Final")  # the open window follows


def test_with_worker_threads_the_receipt_is_collected_off_the_ui_thread(
    qtbot, ctx: AppContext, sandbox
) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    target = elevate_and_change(ctx, sandbox)
    other = terminal(ctx)
    start_readonly(other, other.target(target), typed(fresh_code(ctx, sandbox)))
    ctl = TrayController(ctx, tray_available=False)  # its own worker threads
    try:
        ctl.start()
        qtbot.addWidget(ctl.window)
        assert ctl.state.admins
        assert cli(ctx, "drop") == 0  # in a terminal: the tray sees it end
        ctl.recheck()
        got = receipts(ctl)
        qtbot.waitUntil(lambda: bool(got.listed) and bool(got.listed[0].receipt.changes))
        rid = got.listed[0].receipt.id
        got.open(rid)
        window = got.windows[rid]
        ctx.clock.advance(16 * 60)
        window.refresh_button.click()
        qtbot.waitUntil(lambda: window.status.text().startswith("Final"))
        assert [n.text for n in told(ctl, target)] == ["2 changes"]
        qtbot.waitUntil(lambda: not got._busy)
        assert not got.timer.isActive()
    finally:
        ctl.timer.stop()
        ctl.receipts.close_all()
        ctl.window.close()
