"""The thread runner: results come back on the main thread, and nothing a task made or
captured is freed on a worker thread (a Qt object freed there crashes the process)."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from elevate_tray.core.errors import ElevateError
from elevate_tray.ui import workers
from elevate_tray.ui.workers import ThreadRunner


class Freed:
    """Records the thread that frees it."""

    def __init__(self, where: list[str]) -> None:
        self.where = where

    def __del__(self) -> None:
        self.where.append(threading.current_thread().name)


def test_results_errors_and_captures_are_handed_over_and_freed_on_the_main_thread(
    qtbot: Any,
) -> None:
    runner = ThreadRunner(threads=3)
    freed: list[str] = []
    got: list[tuple[Any, Any, str]] = []

    def task(i: int) -> Any:
        captured = Freed(freed)  # held by the closure only

        def func() -> Any:
            assert threading.current_thread() is not threading.main_thread()
            assert captured
            if i % 3 == 0:
                raise ElevateError(f"task {i} failed")  # its traceback holds func's frame
            return Freed(freed) if i % 3 == 1 else i

        return func

    def on_done(result: Any, error: BaseException | None) -> None:
        got.append((result, error, threading.current_thread().name))

    n = 60
    for i in range(n):
        runner.run_task(task(i), on_done)
    qtbot.waitUntil(lambda: len(got) == n, timeout=20000)
    assert {where for _, _, where in got} == {threading.main_thread().name}
    assert sum(isinstance(e, ElevateError) for _, e, _ in got) == n // 3
    assert sum(isinstance(r, Freed) for r, _, _ in got) == n // 3
    got.clear()
    gc.collect()
    # every closure's capture, every Freed result: all freed, and all on the main thread
    assert len(freed) == n + n // 3
    assert set(freed) == {threading.main_thread().name}


def test_a_widget_captured_by_a_task_outlives_the_worker(qtbot: Any) -> None:
    runner = ThreadRunner(threads=2)
    texts: list[str] = []
    for i in range(20):
        label = QLabel(f"label {i}")  # no parent: the closure holds the only reference

        def show(result: Any, error: Any, label: QLabel = label) -> None:
            texts.append(label.text())

        runner.run_task(lambda label=label: label, show)
        del label
    qtbot.waitUntil(lambda: len(texts) == 20, timeout=20000)
    gc.collect()
    assert sorted(texts) == sorted(f"label {i}" for i in range(20))


def test_a_callback_that_raises_does_not_lose_the_other_results(qtbot: Any) -> None:
    runner = ThreadRunner(threads=1)
    got: list[int] = []

    def boom(result: Any, error: Any) -> None:
        raise RuntimeError("a bug in one callback")

    with pytest.raises(RuntimeError):  # pytest-qt turns it into this test's error
        with qtbot.captureExceptions() as raised:
            runner.run_task(lambda: 1, boom)
            for i in range(5):
                runner.run_task(lambda i=i: i, lambda result, error: got.append(result))
            qtbot.waitUntil(lambda: len(got) == 5, timeout=20000)
        if raised:
            raise raised[0][1]
    assert got == [0, 1, 2, 3, 4]


def test_the_workers_are_as_many_as_the_work_and_leave_when_idle(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "IDLE_SECONDS", 0.05)
    runner = ThreadRunner(threads=2)
    gate = threading.Event()
    done: list[Any] = []
    for _ in range(5):
        runner.run_task(gate.wait, lambda result, error: done.append(result))
    pool = runner._workers
    assert pool.threads == 2 and pool.load == 5
    gate.set()
    qtbot.waitUntil(lambda: len(done) == 5, timeout=20000)
    qtbot.waitUntil(lambda: pool.threads == 0, timeout=20000)
    assert pool.load == 0
    runner.run_task(lambda: "again", lambda result, error: done.append(result))
    qtbot.waitUntil(lambda: done[-1] == "again", timeout=20000)
