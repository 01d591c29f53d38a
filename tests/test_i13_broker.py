"""Issue 13, points 1-3: the tray brokers credentials. A program's `elevate-tray credentials`
with no live session raises the tray's MFA dialog (saying who asks), waits for the person, and
prints the session; concurrent requests share one dialog; cancel and the wait running out
are exit 6 with one line and a cool-down; another target queues behind the open dialog.

The tray is a real TrayController with a real SingleInstance in this process (its clock the
test's); the requesters are real `python -m elevate_tray credentials` processes with stdin
closed and no controlling terminal, as an IDE or Terraform runs credential_process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from elevate_tray.core.requester import Requester, requester_of, shown
from elevate_tray.flows.broker import (
    CANCELLED,
    TIMED_OUT,
    Arrival,
    BrokerQueue,
    Waiter,
    Want,
)
from elevate_tray.ui.workers import ThreadRunner
from tests.suite_support import ROOT, sandbox_app_context
from tests.test_ui_support import QT_NOISE

pytestmark = [pytest.mark.qt_log_ignore(QT_NOISE)]

WAIT = 60_000  # ms a test waits for subprocesses on a loaded 2-core machine


@pytest.fixture
def tray(qtbot, sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.app import _handle
    from elevate_tray.ui.controller import TrayController
    from elevate_tray.ui.single_instance import SingleInstance

    ctx = sandbox_app_context(sandbox, tmp_path, monkeypatch)
    config = tmp_path / "aws-config"  # the sandbox's, plus a credential_process profile
    config.write_text(
        Path(ctx.environ["AWS_CONFIG_FILE"]).read_text()
        + f"\n[profile broker-ro]\nregion = us-east-1\ncredential_process = {sys.executable} "
        f"-m elevate_tray credentials --readonly --target {sandbox.account.target_profile}\n"
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    ctx.environ["AWS_CONFIG_FILE"] = str(config)
    ctx.save_settings()
    ctl = TrayController(ctx, runner=ThreadRunner(), tray_available=False)
    ctl.start()
    qtbot.addWidget(ctl.window)
    server = SingleInstance(ctx.dirs.socket_path, lambda r, reply, p: _handle(ctl, r, reply, p))
    assert server.listen()
    ctl.env = dict(ctx.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    yield ctl
    for proc in STARTED:  # a failed test leaves none behind
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    STARTED.clear()
    server.close()
    ctl.timer.stop()
    broker = getattr(ctl, "broker", None)
    if broker is not None and broker.dialog is not None:
        broker.dialog.reject()
    for dialog in list(ctl._dialogs.values()):
        dialog.close()


STARTED: list[subprocess.Popen[str]] = []


def request(
    env: dict[str, str], *args: str, program: list[str] | None = None
) -> subprocess.Popen[str]:
    """`elevate-tray credentials ARGS` as a program with no terminal starts it."""
    argv = program or [sys.executable, "-m", "elevate_tray", "credentials", *args]
    proc = subprocess.Popen(
        argv,
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    STARTED.append(proc)
    return proc


def finish(qtbot, procs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    """Keep the tray's event loop turning until every requester has its answer."""
    qtbot.waitUntil(lambda: all(p.poll() is not None for p in procs), timeout=WAIT)
    return [(p.returncode, *p.communicate()) for p in procs]


def waiting(ctl, want: Want) -> int:  # type: ignore[no-untyped-def]
    broker = getattr(ctl, "broker", None)
    return len(broker.queue.waiters(want)) if broker is not None else 0


def open_dialog(qtbot, ctl, count: int, want: Want):  # type: ignore[no-untyped-def]
    try:
        qtbot.waitUntil(lambda: waiting(ctl, want) >= count, timeout=WAIT)
    except Exception:
        done = [(p.returncode, *p.communicate()) for p in STARTED if p.poll() is not None]
        raise AssertionError(f"{waiting(ctl, want)} waiting; ended: {done[:3]}") from None
    qtbot.waitUntil(lambda: ctl.broker.dialog is not None, timeout=WAIT)
    dialog = ctl.broker.dialog
    qtbot.waitUntil(lambda: dialog._prepared, timeout=WAIT)
    return dialog


def test_twenty_concurrent_requests_raise_one_dialog_and_share_one_session(
    qtbot, tray, sandbox
) -> None:  # type: ignore[no-untyped-def]
    target = sandbox.account.target_profile
    procs = [request(tray.env, "--target", target) for _ in range(20)]
    dialog = open_dialog(qtbot, tray, 20, Want(target, False))
    assert dialog.isVisible() and target in dialog.windowTitle()
    assert "and 19 more" in dialog.asked_by.text()
    assert not dialog.open_console.isVisible()  # a program asks: no browser opens
    dialog.code.insert(sandbox.totp())
    results = finish(qtbot, procs)
    assert [code for code, _out, _err in results] == [0] * 20, results[0][2]
    keys = {json.loads(out)["AccessKeyId"] for _code, out, _err in results}
    assert len(keys) == 1 and tray.broker.dialogs_opened == 1
    assert tray.ctx.store.get(target) is not None  # the tray shows the session it started
    again = finish(qtbot, [request(tray.env, "--target", target)])  # served by the session
    assert again[0][0] == 0 and json.loads(again[0][1])["AccessKeyId"] in keys
    assert tray.broker.dialogs_opened == 1


def test_a_code_the_app_can_generate_is_filled_but_waits_for_the_persons_enter(
    qtbot, tray, sandbox
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from elevate_tray.core.totp import secret_key

    tray.ctx.secrets.set(secret_key(sandbox.account.mfa_serial), sandbox.account.mfa_secret)
    target = sandbox.account.target_profile
    proc = request(tray.env, "--target", target)
    dialog = open_dialog(qtbot, tray, 1, Want(target, False))
    qtbot.waitUntil(lambda: dialog.code.text().replace(" ", "") == sandbox.totp(), timeout=WAIT)
    qtbot.wait(300)  # the event loop turns: nothing is sent without the person
    assert proc.poll() is None and not dialog._busy and tray.ctx.store.get(target) is None
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the person confirms
    [(code, out, err)] = finish(qtbot, [proc])
    assert code == 0, err
    assert json.loads(out)["Version"] == 1


def test_cancel_is_exit_6_with_one_line_and_a_retry_inside_the_cool_down_asks_nobody(
    qtbot, tray, sandbox
) -> None:  # type: ignore[no-untyped-def]
    target = sandbox.account.target_profile
    first = request(tray.env, "--target", target)
    open_dialog(qtbot, tray, 1, Want(target, False)).reject()
    [(code, out, err)] = finish(qtbot, [first])
    assert (code, out) == (6, "")
    assert err.strip().splitlines() == [
        f"elevate-tray: The MFA request for {target} was cancelled in the tray; run the "
        "command again to be asked again."
    ]
    [(code, _out, err)] = finish(qtbot, [request(tray.env, "--target", target)])
    assert code == 6 and "run the command again in 30 s" in err
    assert tray.broker.dialogs_opened == 1  # the retry raised no dialog
    tray.clock.advance(31)  # the cool-down is over on the tray's clock: asked again
    retry = request(tray.env, "--target", target)
    open_dialog(qtbot, tray, 1, Want(target, False)).reject()
    assert finish(qtbot, [retry])[0][0] == 6 and tray.broker.dialogs_opened == 2


def test_a_dialog_cancelled_before_its_device_lookup_came_back_says_nothing_more(
    qtbot, tray, sandbox
) -> None:  # type: ignore[no-untyped-def]
    target = sandbox.account.target_profile
    proc = request(tray.env, "--target", target)
    qtbot.waitUntil(lambda: getattr(tray, "broker", None) is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: tray.broker.dialog is not None, timeout=WAIT)
    dialog = tray.broker.dialog
    dialog.reject()  # at once: the preparation (STS, the secret store) is still running

    def came_back() -> bool:
        try:
            return bool(dialog._prepared)
        except RuntimeError:  # deleted once it came back
            return True

    qtbot.waitUntil(came_back, timeout=WAIT)
    assert finish(qtbot, [proc])[0][0] == 6


def test_the_wait_running_out_is_exit_6_and_says_so(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    tray.ctx.settings.broker_wait = 1  # the client reads it too: its socket waits 1 s + margin
    tray.ctx.save_settings()
    target = sandbox.account.target_profile
    proc = request(tray.env, "--target", target)
    [(code, out, err)] = finish(qtbot, [proc])
    assert (code, out) == (6, "")
    assert f"The MFA request for {target} in the tray was not answered within 1 s" in err
    assert len(err.strip().splitlines()) == 1
    assert tray.broker.dialog is None  # the dialog closed itself
    [(code, _out, err)] = finish(qtbot, [request(tray.env, "--target", target)])
    assert code == 6 and "went unanswered moments ago" in err
    assert tray.broker.dialogs_opened == 1


def test_another_target_queues_behind_the_open_dialog(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    target = sandbox.account.target_profile
    admin = request(tray.env, "--target", target)
    dialog = open_dialog(qtbot, tray, 1, Want(target, False))
    readonly = request(tray.env, "--readonly", "--target", target)
    qtbot.waitUntil(lambda: waiting(tray, Want(target, True)) == 1, timeout=WAIT)
    assert tray.broker.dialogs_opened == 1 and tray.broker.dialog is dialog  # not stacked
    dialog.code.insert(sandbox.totp())
    qtbot.waitUntil(lambda: admin.poll() is not None, timeout=WAIT)
    qtbot.waitUntil(
        lambda: tray.broker.dialog is not None and tray.broker.dialog is not dialog,
        timeout=WAIT,
    )
    second = tray.broker.dialog
    assert second.readonly and "Read-only" in second.windowTitle()
    qtbot.waitUntil(lambda: second._prepared, timeout=WAIT)
    sandbox.clock.advance(30)  # a fresh code: AWS takes each once
    tray.clock.advance(30)
    second.code.insert(sandbox.totp())
    [(admin_code, _o, _e), (code, out, _err)] = finish(qtbot, [admin, readonly])
    assert code == 0 and json.loads(out)["Version"] == 1
    assert admin_code == 0 and tray.broker.dialogs_opened == 2


def test_a_session_elevated_meanwhile_answers_a_queued_request_without_a_dialog(
    qtbot, tray, sandbox
) -> None:  # type: ignore[no-untyped-def]
    target = sandbox.account.target_profile
    readonly = request(tray.env, "--readonly", "--target", target)
    ro_dialog = open_dialog(qtbot, tray, 1, Want(target, True))
    admin = request(tray.env, "--target", target)  # queued behind the read-only dialog
    qtbot.waitUntil(lambda: waiting(tray, Want(target, False)) == 1, timeout=WAIT)
    from elevate_tray.flows.codes import typed
    from elevate_tray.flows.elevate import elevate, prepare

    # elevated meanwhile, as the menu's dialog would (a real AssumeRole on the sandbox)
    elevate(
        tray.ctx, prepare(tray.ctx, tray.ctx.target(target), console=False), typed(sandbox.totp())
    )
    ro_dialog.reject()
    results = finish(qtbot, [readonly, admin])
    assert results[0][0] == 6 and results[1][0] == 0
    assert json.loads(results[1][1])["Version"] == 1
    assert tray.broker.dialogs_opened == 1


def test_a_session_started_in_a_terminal_meanwhile_answers_the_open_dialogs_requests(
    qtbot, tray, sandbox
) -> None:  # type: ignore[no-untyped-def]
    target = sandbox.account.target_profile
    procs = [request(tray.env, "--target", target) for _ in range(2)]
    open_dialog(qtbot, tray, 2, Want(target, False))
    # a terminal elevates (a separate process: the tray's event loop keeps turning)
    elevate = request(
        tray.env,
        program=[
            sys.executable,
            "-m",
            "elevate_tray",
            "elevate",
            "--no-browser",
            "--code",
            sandbox.totp(),
        ],
    )
    [(code, _out, err)] = finish(qtbot, [elevate])
    assert code == 0, err
    results = finish(qtbot, procs)
    assert [code for code, _o, _e in results] == [0, 0]
    assert len({json.loads(out)["AccessKeyId"] for _c, out, _e in results}) == 1
    qtbot.waitUntil(lambda: tray.broker.dialog is None, timeout=WAIT)
    assert tray.broker.dialogs_opened == 1


def test_a_request_while_the_menus_dialog_is_open_is_answered_by_it(qtbot, tray, sandbox) -> None:  # type: ignore[no-untyped-def]
    target = sandbox.account.target_profile
    tray.elevate(target)  # the person clicked Elevate… in the menu
    menus = tray._dialogs[target]
    qtbot.waitUntil(lambda: menus._prepared, timeout=WAIT)
    menus.open_console.setChecked(False)
    proc = request(tray.env, "--target", target)
    qtbot.waitUntil(lambda: getattr(tray, "broker", None) is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: tray.broker.dialog is menus, timeout=WAIT)  # no second window
    menus.code.insert(sandbox.totp())
    [(code, out, err)] = finish(qtbot, [proc])
    assert code == 0, err
    assert json.loads(out)["Version"] == 1 and tray.broker.dialogs_opened == 0


def test_a_boto3_program_without_a_terminal_gets_read_only_credentials_after_one_dialog(
    qtbot, tray, sandbox
) -> None:  # type: ignore[no-untyped-def]
    script = (
        "import boto3\n"
        "sts = boto3.Session(profile_name='broker-ro').client('sts')\n"
        "print(sts.get_caller_identity()['Arn'])\n"
        "print(boto3.Session(profile_name='broker-ro').client('sts').get_caller_identity()['Arn'])\n"
    )
    proc = request(tray.env, program=[sys.executable, "-c", script])
    dialog = open_dialog(qtbot, tray, 1, Want(sandbox.account.target_profile, True))
    assert dialog.readonly
    dialog.code.insert(sandbox.totp())
    [(code, out, err)] = finish(qtbot, [proc])
    assert code == 0, err
    arns = out.split()
    assert len(arns) == 2 and all(":user/" in a for a in arns)  # GetSessionToken: the user
    assert tray.broker.dialogs_opened == 1  # the second client used the session


def test_the_requester_line_names_the_program_and_its_parent(
    qtbot, tray, sandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    program = tmp_path / "fake-aws"
    program.write_text(
        f"#!{sys.executable}\nimport subprocess, sys\n"
        "sys.exit(subprocess.run([sys.executable, '-m', 'elevate_tray', 'credentials', "
        f"'--target', {sandbox.account.target_profile!r}]).returncode)\n"
    )
    program.chmod(0o755)
    proc = request(tray.env, program=["/bin/sh", "-c", f"{program} s3 ls; exit $?"])
    dialog = open_dialog(qtbot, tray, 1, Want(sandbox.account.target_profile, False))
    assert dialog.asked_by.text() == "fake-aws s3 ls, from sh"
    dialog.reject()
    assert finish(qtbot, [proc])[0][0] == 6


def test_the_dialog_says_who_asks_in_english_and_japanese(
    qtbot, qapp, sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.broker_dialog import BrokerDialog
    from elevate_tray.ui.i18n import install_translator, remove_translator

    ctx = sandbox_app_context(sandbox, tmp_path, monkeypatch)
    target = ctx.target(sandbox.account.target_profile)
    dialog = BrokerDialog(ctx, target, ThreadRunner(), readonly=True)
    qtbot.addWidget(dialog)
    assert dialog.asked_by.text() == "a program"
    dialog.show_requesters([Requester("aws s3 ls", "bash"), Requester()])
    assert dialog.asked_by.text() == "aws s3 ls, from bash and 1 more"
    translator = install_translator(qapp, {"LANG": "ja_JP.UTF-8"})
    try:
        japanese = BrokerDialog(ctx, target, ThreadRunner(), readonly=True)
        qtbot.addWidget(japanese)
        assert japanese.asked_by.text() == "あるプログラム"
        japanese.show_requesters([Requester("aws s3 ls", "bash")])
        assert japanese.asked_by.text() == "aws s3 ls (bash から)"
        assert japanese.windowTitle() == f"{target.name} の読み取り専用セッション"
    finally:
        remove_translator(qapp, translator)


# -- the pieces, without a tray ---------------------------------------------------------
def test_the_requester_is_read_from_the_kernel_and_shortened(tmp_path: Path) -> None:
    child = subprocess.Popen(
        ["/bin/sh", "-c", f"{sys.executable} -c 'import time; time.sleep(30)' & wait"],
        start_new_session=True,
    )
    try:
        import time

        end = time.monotonic() + 10
        grand = None
        while grand is None and time.monotonic() < end:
            kids = Path(f"/proc/{child.pid}/task/{child.pid}/children").read_text().split()
            grand = int(kids[0]) if kids else None
            time.sleep(0.02)
        assert grand is not None
        # the sleeper is the "credentials" process: its parent (sh) asks, from pytest
        who = requester_of(grand)
        assert who.program is not None and who.program.startswith("sh -c ")
        assert who.parent == "pytest"
        assert len(who.program) <= 60
    finally:
        child.kill()
        child.wait()
    assert requester_of(None) == Requester()
    assert requester_of(999_999_999) == Requester()  # gone: "a program"
    assert shown(["/usr/bin/python3.11", "/venv/bin/aws", "s3", "ls"]) == "aws s3 ls"
    assert shown(["-bash"]) == "bash"
    long = shown(["terraform", "plan", "-var", "x" * 100])
    assert long is not None and len(long) == 60 and long.endswith("…")


def test_the_queue_is_single_flight_with_a_cool_down_on_the_given_clock() -> None:
    from datetime import UTC, datetime, timedelta

    now = [datetime(2026, 12, 1, tzinfo=UTC)]
    queue = BrokerQueue(now=lambda: now[0], cooldown=lambda: 30)
    answers: list[dict] = []  # type: ignore[type-arg]
    a, b = Want("prod", False), Want("dev", True)
    assert queue.arrive(a, Waiter(answers.append)) is Arrival.OPEN
    assert queue.arrive(a, Waiter(answers.append)) is Arrival.JOINED
    assert queue.arrive(b, Waiter(answers.append)) is Arrival.QUEUED
    assert len(queue.settle(a, CANCELLED)) == 2
    assert queue.next_open() == (b, [])
    assert queue.arrive(a, Waiter(answers.append)) is Arrival.COOLING
    assert queue.refusal(a) == {"error": "cooling-down", "was": CANCELLED, "retry_in": 30}
    now[0] += timedelta(seconds=31)
    assert queue.arrive(a, Waiter(answers.append)) is Arrival.QUEUED  # b's dialog is open
    assert len(queue.settle(b)) == 1  # a session: no cool-down
    assert queue.next_open() == (a, [])
    assert queue.arrive(b, Waiter(answers.append)) is Arrival.QUEUED
    queue.settle(a, TIMED_OUT)
    now[0] += timedelta(seconds=500)
    want, gone = queue.next_open(too_old=150)
    assert want is None and len(gone) == 1  # its program gave up long ago


# -- on the virtual screen: the AWS CLI, no terminal, the code typed with xdotool ---------
@pytest.mark.desktop
@pytest.mark.slow
def test_the_aws_cli_without_a_terminal_raises_the_dialog_and_gets_the_admin_role(
    sandbox, tmp_path: Path
) -> None:
    from benchmarks.tray_xscreen import VirtualScreen, missing_tools

    aws = Path(sys.executable).with_name("aws")
    if missing_tools() or not aws.exists():
        pytest.skip("needs xvfb icewm xdotool imagemagick x11-utils and the AWS CLI in the venv")
    target = sandbox.account.target_profile
    config = tmp_path / "aws-config"
    config.write_text(
        Path(sandbox.env()["AWS_CONFIG_FILE"]).read_text()
        + f"\n[profile via-tray]\nregion = us-east-1\ncredential_process = {sys.executable} "
        f"-m elevate_tray credentials --target {target}\n"
    )
    screen = VirtualScreen().start()
    env = screen.env({k: v for k, v in os.environ.items() if not k.startswith("AWS_")})
    env.update(
        sandbox.env(),
        AWS_CONFIG_FILE=str(config),
        ELEVATE_TRAY_HOME=str(tmp_path / "app"),
        ELEVATE_TRAY_SECRET_STORE="file",
        PYTHONPATH=str(ROOT),
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    log = tmp_path / "tray.log"
    with log.open("w") as out:
        tray = subprocess.Popen(
            [sys.executable, "-m", "elevate_tray", "tray"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    cli = None
    try:
        assert screen.wait_for(screen.tray_icon, timeout=20) is not None
        command = f"{aws} sts get-caller-identity --profile via-tray --output text; exit $?"
        cli = request(env, program=["/bin/bash", "-c", command])
        dialog = screen.wait_for(lambda: screen.window("^Elevate to "), timeout=30)
        assert dialog is not None, "the MFA dialog did not open"
        shots = os.environ.get("ELEVATE_TRAY_SCREENSHOTS")
        if shots:
            screen.screenshot(Path(shots) / "broker-dialog.png")
        screen.run("xdotool", "windowactivate", "--sync", dialog)
        screen.run("xdotool", "type", "--delay", "40", sandbox.totp())  # the sixth digit submits
        out, err = cli.communicate(timeout=60)
        assert cli.returncode == 0, err
        assert f":assumed-role/{sandbox.account.role_name}/" in out  # the admin role's
    finally:
        if cli is not None and cli.poll() is None:
            cli.kill()
            cli.communicate()
        tray.terminate()
        try:
            tray.wait(10)
        except subprocess.TimeoutExpired:
            tray.kill()
            tray.wait()
        screen.stop()
    assert "Traceback" not in log.read_text(), log.read_text()
