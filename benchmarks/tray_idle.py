"""Read-only idle: resident memory and wake-ups of the real tray on a virtual screen, and
the running timers the tray holds (none allowed while read-only).

    .venv/bin/python benchmarks/tray_idle.py [--runs 5] [--idle 10]

Budgets (docs/engineering.md): RSS <= 60 MB; no timers at all while read-only. Wake-ups are
counted as the process's context switches (all threads) during the idle seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tray_xscreen import VirtualScreen, missing_tools  # noqa: E402

RSS_BUDGET_MB = 60
ROOT = Path(__file__).resolve().parent.parent


SWITCHES = ("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")


def switches(pid: int) -> dict[str, int]:
    """Context switches per thread (tid -> count): a sum over threads would go down when a
    thread-pool thread expires during the idle window."""
    counts = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            lines = (task / "status").read_text().splitlines()
        except OSError:  # the thread ended while we looked
            continue
        counts[task.name] = sum(
            int(line.split()[1]) for line in lines if line.split(":")[0] in SWITCHES
        )
    return counts


def wake_ups(before: dict[str, int], after: dict[str, int]) -> int:
    """Switches during the window: of the threads alive at its end (a thread started in it
    counts whole); a thread that ended in it is not counted (what it did is unknown)."""
    return sum(n - before.get(tid, 0) for tid, n in after.items())


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --without-openssl-hashlib: what the tray would use if nothing on its start path imported
# hashlib's OpenSSL backend (core/secrets.py and core/totp.py import hashlib at module level)
WITHOUT_OPENSSL = (
    "import sys; sys.modules['_hashlib'] = None; "
    "from elevate_tray.ui.app import main; sys.exit(main())"
)


def one_run(screen: VirtualScreen, idle: float, without_openssl: bool = False) -> tuple[float, int]:
    env = screen.env()
    env.update(
        ELEVATE_TRAY_HOME=tempfile.mkdtemp(prefix="tray-idle-"), ELEVATE_TRAY_SECRET_STORE="file"
    )
    cmd = ["-c", WITHOUT_OPENSSL] if without_openssl else ["-m", "elevate_tray.ui.app"]
    proc = subprocess.Popen(
        [sys.executable, *cmd],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not screen.wait_for(screen.tray_icon, timeout=10):
            raise RuntimeError("the tray icon never appeared")
        time.sleep(2)  # let start-up work (menu build, wake watcher) finish
        before = switches(proc.pid)
        time.sleep(idle)
        return rss_mb(proc.pid), wake_ups(before, switches(proc.pid))
    finally:
        proc.terminate()
        proc.wait(10)


def running_timers() -> int:
    """In-process, offscreen: the active QTimers the read-only tray owns."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ELEVATE_TRAY_HOME"] = tempfile.mkdtemp(prefix="tray-timers-")
    os.environ["ELEVATE_TRAY_SECRET_STORE"] = "file"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from elevate_tray.core.context import AppContext
    from elevate_tray.ui.controller import TrayController

    app = QApplication.instance() or QApplication([])
    ctl = TrayController(AppContext())
    ctl.start()
    for _ in range(20):
        app.processEvents()
    objects = [ctl, *(ctl.window.findChildren(QTimer) if ctl.window else [])]
    return sum(1 for o in objects for t in o.findChildren(QTimer) if t.isActive())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--without-openssl-hashlib", action="store_true")
    args = parser.parse_args()
    timers = running_timers()
    print(f"running timers while read-only: {timers} (budget 0)")
    if missing_tools():
        print(f"needs {', '.join(missing_tools())} for the RSS figure on a real tray")
        return 2
    screen = VirtualScreen().start()
    try:
        results = [
            one_run(screen, args.idle, args.without_openssl_hashlib) for _ in range(args.runs)
        ]
    finally:
        screen.stop()
    rss = statistics.median(r for r, _ in results)
    wakeups = statistics.median(w for _, w in results)
    print("runs: " + " ".join(f"{r:.1f} MB/{w} wake-ups" for r, w in results))
    print(
        f"read-only idle RSS: median {rss:.1f} MB (budget {RSS_BUDGET_MB} MB) "
        f"{'OK' if rss <= RSS_BUDGET_MB else 'OVER BUDGET'}"
    )
    print(f"context switches in {args.idle:.0f} s idle: median {wakeups}")
    return 0 if rss <= RSS_BUDGET_MB and timers == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
