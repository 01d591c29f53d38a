"""Admin idle: the real tray on a virtual screen while an admin session counts down — resident
memory, wake-ups (context switches of all its threads) and the shown number's changes.

    .venv/bin/python benchmarks/idle_admin.py [--runs 5] [--idle 60]

tray_idle.py measures the read-only tray the same way; this one elevates first (through the
command line, against a sandbox in this process), then starts the tray. Budgets
(../shared/design/engineering.md): the icon is redrawn only when the shown number changes
(once a minute for a session with more than a minute left), memory as read-only (≤ 60 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from tray_idle import rss_mb, switches, wake_ups  # noqa: E402
from tray_xscreen import VirtualScreen, missing_tools  # noqa: E402

from elevate_tray.sandbox import Sandbox  # noqa: E402


def one_run(screen: VirtualScreen, sb: Sandbox, idle: float) -> tuple[float, int]:
    home = tempfile.mkdtemp(prefix="idle-admin-")
    env = screen.env()
    env = {k: v for k, v in env.items() if not k.startswith(("AWS_", "ELEVATE_TRAY_"))}
    env.update(sb.env(), ELEVATE_TRAY_HOME=home, ELEVATE_TRAY_SECRET_STORE="file")
    sb.clock.advance(30)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "elevate_tray",
            "elevate",
            "--no-browser",
            "--code",
            sb.totp(),
            "--duration",
            "1h",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "elevate_tray.ui.app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not screen.wait_for(screen.tray_icon, timeout=10):
            raise RuntimeError("the tray icon never appeared")
        time.sleep(2)  # start-up work (menu build, wake watcher) done
        before = switches(proc.pid)
        time.sleep(idle)
        return rss_mb(proc.pid), wake_ups(before, switches(proc.pid))
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if missing_tools():
        print(f"needs {', '.join(missing_tools())} (apt-get install xvfb icewm xdotool x11-utils)")
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="idle-admin-sb-"))
    with Sandbox(tmp) as sb:
        screen = VirtualScreen().start()
        try:
            results = [one_run(screen, sb, args.idle) for _ in range(args.runs)]
        finally:
            screen.stop()
    rss = [r for r, _ in results]
    wakeups = [w for _, w in results]
    print("runs: " + " ".join(f"{r:.1f} MB/{w} wake-ups" for r, w in results))
    print(
        f"admin idle RSS: median {statistics.median(rss):.1f} MB; wake-ups in {args.idle:.0f} s: "
        f"median {statistics.median(wakeups)}"
    )
    if args.json:
        args.json.write_text(json.dumps({"rss_mb": rss, "wakeups": wakeups, "idle": args.idle}))
    return 0


if __name__ == "__main__":
    os.environ.pop("QT_QPA_PLATFORM", None)
    sys.exit(main())
