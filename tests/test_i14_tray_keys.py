"""Issue 14, the tray's side: "Rotate access key…" in the menu while a key is kept, the
rotation from the tray's dialog against the sandbox (a typed code; a wrong one said in one
translated sentence, the old key kept), the rotation reminder (once a day by the app's clock,
remembered across restarts, none and no timer with the setting 0) and the settings' spin box.

A real TrayController on an AppContext of the sandbox with a ManualClock; tasks run inline.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from elevate_tray.core.context import AppContext
from elevate_tray.core.settings import Settings
from elevate_tray.flows.keys import import_keys
from elevate_tray.ui.workers import InlineRunner
from tests.sandbox_fixtures import own_aws_files
from tests.suite_support import proc_env_fixture, sandbox_app_context  # noqa: F401
from tests.test_i14_rotation import iam_keys
from tests.test_ui_i18n import WRONG_CODE_JA, japanese  # noqa: F401
from tests.test_ui_support import QT_NOISE

pytestmark = [pytest.mark.qt_log_ignore(QT_NOISE)]

DAY = 24 * 3600


@pytest.fixture
def ctx(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppContext:  # type: ignore[no-untyped-def]
    """The sandbox's context, on the test's own copy of the AWS files (import rewrites them)."""
    ctx = sandbox_app_context(sandbox, tmp_path, monkeypatch)
    for name, value in own_aws_files(sandbox, tmp_path / "aws").items():
        monkeypatch.setenv(name, value)
        ctx.environ[name] = value
    ctx.reload()
    ctx.save_settings()
    return ctx


def keep(ctx: AppContext, sandbox) -> str:  # type: ignore[no-untyped-def]
    profile = str(sandbox.account.source_profile)
    import_keys(ctx, profile)
    ctx.reload()
    return profile


def controller(qtbot, ctx: AppContext):  # type: ignore[no-untyped-def]
    from elevate_tray.ui.controller import TrayController

    ctl = TrayController(ctx, runner=InlineRunner(), tray_available=False)
    ctl.start()
    qtbot.addWidget(ctl.window)
    return ctl


@pytest.fixture
def trays(qtbot):  # type: ignore[no-untyped-def]
    """Make trays (a restart is a second one on the same files); each stopped after."""
    made = []

    def make(ctx: AppContext):  # type: ignore[no-untyped-def]
        made.append(controller(qtbot, ctx))
        return made[-1]

    yield make
    for ctl in made:
        ctl.timer.stop()
        ctl.keys.close_all()
        for dialog in list(ctl._dialogs.values()):
            dialog.close()


def rotate_entries(ctl) -> dict[str, str]:  # type: ignore[no-untyped-def]
    ctl.menu.rebuild()
    return {
        a.objectName(): a.text() for a in ctl.menu.actions() if a.objectName().startswith("rotate:")
    }


def texts(ctl) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.text for n in ctl.notifier.history]


def reminders(ctl) -> list[str]:  # type: ignore[no-untyped-def]
    return [t for t in texts(ctl) if "days old; rotate it from the tray menu" in t]


def open_rotation(qtbot, ctl, profile: str):  # type: ignore[no-untyped-def]
    ctl.menu.rebuild()
    ctl.menu.action_named(f"rotate:{profile}").trigger()
    dialog = ctl.keys.dialogs[profile]
    qtbot.waitUntil(lambda: dialog._prepared, timeout=10000)
    assert dialog.device_label.text() == dialog._serial != ""
    return dialog


def test_the_rotate_entry_is_there_only_while_a_key_is_kept(trays, ctx, sandbox) -> None:  # type: ignore[no-untyped-def]
    ctl = trays(ctx)
    assert rotate_entries(ctl) == {}
    profile = keep(ctx, sandbox)
    assert rotate_entries(ctl) == {f"rotate:{profile}": "Rotate access &key…"}


@pytest.mark.parametrize("sessions", ["lenient", "strict"])
def test_rotating_from_the_tray_with_a_typed_code_replaces_the_key(
    qtbot, trays, ctx, sandbox, sessions: str
) -> None:  # type: ignore[no-untyped-def]
    """Strict: AWS ends the old key's session when the key is deactivated, and the dialog asks
    for one more code to delete it with a session of the new key."""
    from PySide6.QtCore import QTimer

    sandbox.key_sessions = sessions
    profile = keep(ctx, sandbox)
    old = sandbox.account.access_key_id
    ctl = trays(ctx)
    dialog = open_rotation(qtbot, ctl, profile)
    assert old[-4:] in dialog.explain.text()
    asked: list[str] = []
    second = sandbox.totp(for_time=sandbox.clock.now() + timedelta(seconds=30))

    def type_second() -> None:
        asked.append(dialog.code_note.text())
        QTimer.singleShot(0, lambda: dialog.code.insert(second))

    dialog.asker.wanted.connect(type_second)
    dialog.code.insert(sandbox.totp())  # the sixth digit sends it
    qtbot.waitUntil(lambda: profile not in ctl.keys.dialogs, timeout=20000)
    new = ctx.kept_keys.info(profile).access_key_id
    assert new != old
    assert iam_keys(sandbox) == {new: "Active"}  # IAM has the new key only
    notice = ctl.notifier.history[-1]
    assert notice.title == "Access key rotated"
    assert notice.text == (
        f"The access key of profile {profile} was rotated: …{new[-4:]} is in use; "
        f"…{old[-4:]} is deleted."
    )
    assert ctx.kept_keys.read(profile).secret_access_key not in " ".join(texts(ctl))
    assert rotate_entries(ctl) == {f"rotate:{profile}": "Rotate access &key…"}
    assert len(asked) == (1 if sessions == "strict" else 0)


def test_a_wrong_code_says_one_translated_sentence_and_keeps_the_old_key(
    japanese,  # noqa: F811
    qtbot,
    trays,
    ctx,
    sandbox,
) -> None:  # type: ignore[no-untyped-def]
    profile = keep(ctx, sandbox)
    old = sandbox.account.access_key_id
    ctl = trays(ctx)
    dialog = open_rotation(qtbot, ctl, profile)
    assert dialog.windowTitle() == f"{profile} のアクセスキーをローテーション"
    wrong = f"{(int(sandbox.totp()) + 1) % 1_000_000:06d}"
    dialog.code.insert(wrong)
    assert dialog.error_label.isVisibleTo(dialog)
    assert dialog.error_label.text() == WRONG_CODE_JA  # one sentence, in Japanese
    assert profile in ctl.keys.dialogs and dialog.code.isEnabled()  # another code may come
    assert iam_keys(sandbox) == {old: "Active"}
    assert ctx.kept_keys.info(profile).access_key_id == old
    assert ctx.kept_keys.read(profile).access_key_id == old
    dialog.reject()
    assert profile not in ctl.keys.dialogs
    assert not [n for n in ctl.notifier.history if n.title.startswith("Access key")]


def test_the_reminder_is_shown_once_a_day_and_remembered_across_restarts(
    trays, ctx, sandbox
) -> None:  # type: ignore[no-untyped-def]
    ctx.settings.key_rotation_days = 30
    ctx.save_settings()
    profile = keep(ctx, sandbox)
    ctl = trays(ctx)
    assert ctl.keys.timer.isActive()  # a key is kept and reminders are on: the daily check
    assert 0 < ctl.keys.timer.remainingTime() <= DAY * 1000
    assert reminders(ctl) == []  # a new key
    ctx.clock.advance(31 * DAY)
    assert rotate_entries(ctl) == {f"rotate:{profile}": "Rotate access &key (31 days old)…"}
    want = f"The access key of profile {profile} is 31 days old; rotate it from the tray menu."
    assert reminders(ctl) == [want]
    notice = ctl.notifier.history[-1]
    assert notice.action_label == "Rotate…" and notice.action is not None
    rotate_entries(ctl)  # the menu opened again the same day
    ctl.keys.timer.timeout.emit()  # the timer firing the same day
    assert reminders(ctl) == [want]

    again = trays(AppContext(environ=dict(os.environ), clock=ctx.clock))  # a restart
    rotate_entries(again)
    assert reminders(again) == []  # the day is remembered in the state, not in memory only

    ctx.clock.advance(DAY)  # the next day, by the app's clock
    again.keys.timer.timeout.emit()
    assert reminders(again) == [
        f"The access key of profile {profile} is 32 days old; rotate it from the tray menu."
    ]
    again.notifier.history[-1].action()  # clicked: the rotation's dialog opens
    assert profile in again.keys.dialogs


def test_no_reminder_and_no_timer_with_the_setting_0(trays, ctx, sandbox) -> None:  # type: ignore[no-untyped-def]
    profile = keep(ctx, sandbox)
    ctx.clock.advance(400 * DAY)
    ctl = trays(ctx)
    assert not ctl.keys.timer.isActive()
    assert rotate_entries(ctl) == {f"rotate:{profile}": "Rotate access &key…"}
    assert reminders(ctl) == []
    assert not ctl.keys.timer.isActive()


def test_no_timer_while_no_key_is_kept(trays, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.settings.key_rotation_days = 30
    ctx.save_settings()
    ctl = trays(ctx)
    rotate_entries(ctl)
    assert not ctl.keys.timer.isActive()


def test_the_settings_spin_box_round_trips_and_sets_the_reminder(trays, ctx, sandbox) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QSpinBox

    keep(ctx, sandbox)
    ctl = trays(ctx)
    assert not ctl.keys.timer.isActive()
    ctl.open_settings()
    dialog = ctl._dialogs["settings"]
    spin = dialog.findChild(QSpinBox, "key_rotation_days")
    assert spin.value() == 0 and spin.text() == "never (0)"
    spin.setValue(90)
    dialog.save()
    assert Settings.load(ctx.dirs.settings_file).key_rotation_days == 90
    assert ctx.settings.key_rotation_days == 90
    assert ctl.keys.timer.isActive()  # saved: the daily check runs now
    ctl.open_settings()
    again = ctl._dialogs["settings"].findChild(QSpinBox, "key_rotation_days")
    assert again.value() == 90 and again.text() == "90 days"
    again.setValue(0)
    ctl._dialogs["settings"].save()
    assert Settings.load(ctx.dirs.settings_file).key_rotation_days == 0
    assert not ctl.keys.timer.isActive()


def test_several_kept_keys_have_an_entry_each(trays, ctx, sandbox) -> None:  # type: ignore[no-untyped-def]
    """A second profile with the same user's key (a copy of the source profile's)."""
    creds = Path(ctx.environ["AWS_SHARED_CREDENTIALS_FILE"])
    account = sandbox.account
    with creds.open("a", encoding="utf-8") as fh:
        fh.write(
            f"\n[other]\naws_access_key_id = {account.access_key_id}\n"
            f"aws_secret_access_key = {account.secret_access_key}\n"
        )
    ctx.reload()
    ctx.settings.key_rotation_days = 10
    ctx.save_settings()
    profile = keep(ctx, sandbox)
    import_keys(ctx, "other")
    ctx.clock.advance(12 * DAY)
    ctl = trays(ctx)
    assert len(reminders(ctl)) == 1  # at start, before the menu ever opens
    assert rotate_entries(ctl) == {
        "rotate:other": "Rotate access key of other (12 days old)…",
        f"rotate:{profile}": f"Rotate access key of {profile} (12 days old)…",
    }
    assert len(reminders(ctl)) == 1  # one notice, not one per key


def test_the_reminders_day_is_not_written_before_it_is_due(trays, ctx, sandbox) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.core.statefile import read_state

    ctx.settings.key_rotation_days = 30
    ctx.save_settings()
    keep(ctx, sandbox)
    ctl = trays(ctx)
    rotate_entries(ctl)
    assert "key_rotation_reminded" not in read_state(ctx.dirs.state_file)
    ctx.clock.advance(30 * DAY + 60)
    rotate_entries(ctl)
    day = (ctx.clock.now().astimezone()).date().isoformat()
    assert read_state(ctx.dirs.state_file)["key_rotation_reminded"] == day
    assert timedelta(0) < ctx.clock.now() - ctx.kept_keys.all()[0].since


def test_a_refused_rotation_ends_in_one_sentence_and_the_old_key_stays(
    qtbot, trays, ctx, sandbox
) -> None:  # type: ignore[no-untyped-def]
    """AWS allows two keys: with a second one in IAM the flow names it and creates nothing;
    the tray closes the dialog and says the flow's one sentence in a warning notice."""
    from tests.test_i14_rotation import admin_iam

    profile = keep(ctx, sandbox)
    old = sandbox.account.access_key_id
    stale = admin_iam(sandbox).create_access_key(UserName=sandbox.account.user_name)
    stale_id = stale["AccessKey"]["AccessKeyId"]
    ctl = trays(ctx)
    dialog = open_rotation(qtbot, ctl, profile)
    dialog.code.insert(sandbox.totp())
    qtbot.waitUntil(lambda: profile not in ctl.keys.dialogs, timeout=20000)
    notice = ctl.notifier.history[-1]
    assert notice.title == "Access key not rotated"
    assert stale_id in notice.text and "\n" not in notice.text
    assert notice.text.startswith(f"IAM user {sandbox.account.user_name} already has a second")
    assert set(iam_keys(sandbox)) == {old, stale_id}
    assert ctx.kept_keys.info(profile).access_key_id == old


def test_a_second_code_is_asked_again_in_the_dialog(qtbot, trays, ctx, sandbox) -> None:  # type: ignore[no-untyped-def]
    """The flow asks Codes.next from its thread (the old key's session ended with the key):
    the dialog shows the code field again, and the code typed there is the one returned."""
    from elevate_tray.ui.rotate_dialog import RotateDialog
    from elevate_tray.ui.workers import ThreadRunner

    profile = keep(ctx, sandbox)
    runner = ThreadRunner()
    dialog = RotateDialog(ctx, profile, runner)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog._prepared, timeout=10000)
    dialog._set_busy(True)  # as while the rotation runs
    got: list[tuple[object, object]] = []
    runner.run_task(dialog.asker.ask, lambda r, e: got.append((r, e)))
    qtbot.waitUntil(lambda: dialog.code.isEnabled(), timeout=10000)
    assert dialog.code_note.text().startswith("AWS needs one more MFA code")
    assert dialog.code.isVisibleTo(dialog)
    dialog.code.insert("123 456")
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    assert got == [("123456", None)]
    assert not dialog.code.isEnabled()  # busy again: the rotation goes on

    runner.run_task(dialog.asker.ask, lambda r, e: got.append((r, e)))
    qtbot.waitUntil(lambda: dialog.code.isEnabled(), timeout=10000)
    dialog.reject()  # Cancel: the running task ends, and says why
    qtbot.waitUntil(lambda: len(got) == 2, timeout=10000)
    assert got[1][0] is None and str(got[1][1]) == "no second MFA code was given"
    assert not dialog.code.isEnabled()  # the flow's answer decides, and closes the dialog


def test_a_second_code_asked_on_the_ui_thread_waits_in_the_event_loop(qtbot) -> None:  # type: ignore[no-untyped-def]
    """With an inline runner the rotation runs on the UI thread: the ask turns the event
    loop until the person's code comes."""
    from PySide6.QtCore import QTimer

    from elevate_tray.ui.rotate_dialog import CodeAsk

    asker = CodeAsk()
    asker.wanted.connect(lambda: QTimer.singleShot(10, lambda: asker.give("654321")))
    assert asker.ask() == "654321"


def test_a_kept_totp_secret_gives_the_code_and_rotate_alone_starts(
    qtbot, trays, ctx, sandbox
) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.core.totp import secret_key

    profile = keep(ctx, sandbox)
    ctx.secrets.set(secret_key(sandbox.account.mfa_serial), sandbox.account.mfa_secret)
    old = sandbox.account.access_key_id
    ctl = trays(ctx)
    dialog = open_rotation(qtbot, ctl, profile)
    assert not dialog.code.isVisibleTo(dialog)  # no code asked
    assert dialog.code_note.text() == "The code comes from your kept TOTP secret."
    assert iam_keys(sandbox) == {old: "Active"}  # nothing before the person says Rotate
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: profile not in ctl.keys.dialogs, timeout=20000)
    new = ctx.kept_keys.info(profile).access_key_id
    assert new != old and iam_keys(sandbox) == {new: "Active"}
    assert ctl.notifier.history[-1].title == "Access key rotated"


def test_a_cancelled_second_code_leaves_the_old_key_deactivated_and_says_so(
    qtbot, trays, ctx, sandbox
) -> None:  # type: ignore[no-untyped-def]
    """Strict, and the person cancels the second code: the new key is in use, the old one
    deactivated (told, not hidden); rotating again from the menu deletes it."""
    from PySide6.QtCore import QTimer

    profile = keep(ctx, sandbox)
    old = sandbox.account.access_key_id
    ctl = trays(ctx)
    dialog = open_rotation(qtbot, ctl, profile)
    dialog.asker.wanted.connect(lambda: QTimer.singleShot(0, dialog.reject))
    dialog.code.insert(sandbox.totp())
    qtbot.waitUntil(lambda: profile not in ctl.keys.dialogs, timeout=20000)
    new = ctx.kept_keys.info(profile).access_key_id
    assert iam_keys(sandbox) == {new: "Active", old: "Inactive"}
    notice = ctl.notifier.history[-1]
    assert notice.title == "Access key rotated"
    assert f"…{old[-4:]} is deactivated" in notice.text and "tray menu" in notice.text
    assert "elevate-tray keys" not in notice.text
    ctx.clock.advance(30)
    sandbox.clock.advance(30)
    dialog = open_rotation(qtbot, ctl, profile)
    dialog.code.insert(sandbox.totp())
    qtbot.waitUntil(lambda: profile not in ctl.keys.dialogs, timeout=20000)
    assert iam_keys(sandbox) == {new: "Active"}
    assert ctl.notifier.history[-1].text.endswith(f"…{old[-4:]} is deleted.")


def test_the_idle_tray_loads_the_rotation_only_once_a_key_is_kept(
    sandbox, proc_env, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The read-only idle tray's memory budget: without a kept key, none of key_rotation.py."""
    import subprocess
    import sys

    from tests.suite_support import ROOT, ask

    def tray_modules(env: dict[str, str]) -> set[str]:
        proc = subprocess.Popen(
            [sys.executable, "-X", "importtime", "-m", "elevate_tray", "tray"],
            env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip
        socket = Path(env["ELEVATE_TRAY_HOME"]) / "run" / "tray.sock"
        try:
            for _ in range(400):
                if ask(socket, {"op": "ping"}, timeout=0.2) is not None or proc.poll() is not None:
                    break
                __import__("time").sleep(0.05)
            assert proc.poll() is None
        finally:
            proc.terminate()
            err = proc.communicate(timeout=20)[1]
        return {
            x.rsplit("|", 1)[1].strip() for x in err.splitlines() if x.startswith("import time:")
        }

    assert "elevate_tray.ui.key_rotation" not in tray_modules(proc_env)
    ctx_env = dict(proc_env, **own_aws_files(sandbox, tmp_path / "aws"))
    from tests.suite_support import run_cli

    assert (
        run_cli(ctx_env, "keys", "import", "--profile", sandbox.account.source_profile).returncode
        == 0
    )
    assert "elevate_tray.ui.key_rotation" in tray_modules(ctx_env)
