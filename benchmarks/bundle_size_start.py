"""Bundle budgets: the frozen Linux onedir's size on disk (≤ 110 MB) and frozen start → tray
icon shown (≤ 0.8 s, median), on a virtual X screen with IceWM's tray.

    .venv/bin/python benchmarks/bundle_size_start.py [--bundle dist/elevate-tray] [--build]

Builds the bundle with build.spec first when it is missing (or with --build). "Shown" means
IceWM has embedded the app's tray window and it is viewable, polled every 5 ms with
xwininfo. Each run is a fresh process with a target configured (an AWS config with one role
profile), as a user's login would start it. The app started from the venv is timed beside
it for reference. Exits 1 when a budget is not met.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE_BUDGET = 110_000_000  # bytes on disk
START_BUDGET = 0.8  # seconds, median
NAME = "elevate-tray"

AWS_CONFIG = """\
[profile me]
region = eu-west-1

[profile prod-admin]
role_arn = arn:aws:iam::210987654321:role/AdminRole
source_profile = me
mfa_serial = arn:aws:iam::210987654321:mfa/alice
region = eu-west-1
"""


def load_vscreen():  # packaging/ is not a Python package (it must not shadow PyPI's)
    spec = importlib.util.spec_from_file_location(
        "elevate_vscreen", ROOT / "packaging" / "vscreen.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def build(dist: Path) -> None:
    print(f"building {dist} with build.spec ...", flush=True)
    t = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist.parent),
            "--workpath",
            str(ROOT / "build"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        check=True,
    )
    print(f"built in {time.perf_counter() - t:.0f} s")


def disk_usage(path: Path) -> tuple[int, int]:
    """(bytes on disk as du counts them, apparent bytes)."""
    on_disk = apparent = 0
    for p in [path, *path.rglob("*")]:
        st = p.lstat()
        on_disk += st.st_blocks * 512
        apparent += st.st_size if p.is_file() and not p.is_symlink() else 0
    return on_disk, apparent


def time_starts(screen, cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        app = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            screen.wait_for_tray_icon(NAME, timeout=20)
            samples.append(time.perf_counter() - t)
        finally:
            app.terminate()
            _, err = app.communicate(timeout=10)
        if err.strip():
            print(f"  (stderr: {err.decode(errors='replace').strip()[:200]})")
        time.sleep(0.3)  # let IceWM forget the old icon
    return samples


def row(name: str, samples: list[float], budget: float | None) -> bool:
    med = statistics.median(samples)
    verdict = "" if budget is None else ("  met" if med <= budget else "  NOT MET")
    limit = f"≤ {budget:.2f} s" if budget is not None else "reference"
    print(
        f"{name:<44} {med:6.3f} s  (min {min(samples):.3f}, max {max(samples):.3f}, "
        f"n={len(samples)})  {limit}{verdict}"
    )
    return budget is None or med <= budget


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / NAME)
    parser.add_argument("--build", action="store_true", help="build the bundle first")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "7")))
    args = parser.parse_args()
    bundle = args.bundle.resolve()
    if args.build or not (bundle / NAME).is_file():
        build(bundle)

    ok = True
    on_disk, apparent = disk_usage(bundle)
    size_ok = on_disk <= SIZE_BUDGET
    ok &= size_ok
    shown = bundle.relative_to(ROOT) if bundle.is_relative_to(ROOT) else bundle
    label = f"bundle size on disk ({shown})"
    print(
        f"{label:<44} {on_disk / 1e6:6.1f} MB  "
        f"({on_disk / 2**20:.1f} MiB; files {apparent / 1e6:.1f} MB)  "
        f"≤ {SIZE_BUDGET / 1e6:.0f} MB  {'met' if size_ok else 'NOT MET'}"
    )

    vscreen = load_vscreen()
    missing = vscreen.missing_tools()
    if missing:
        print(f"start time: not measured, needs {', '.join(missing)}")
        return 1
    with (
        tempfile.TemporaryDirectory(prefix="elevate-bench-") as tmp,
        vscreen.VirtualScreen() as screen,
    ):
        (Path(tmp) / "config").write_text(AWS_CONFIG)
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("AWS_", "ELEVATE_TRAY_", "PYTHON", "VIRTUAL_ENV"))
        }
        env = screen.env(
            base,
            AWS_CONFIG_FILE=str(Path(tmp) / "config"),
            AWS_SHARED_CREDENTIALS_FILE=str(Path(tmp) / "credentials"),
            ELEVATE_TRAY_HOME=str(Path(tmp) / "home"),
            ELEVATE_TRAY_SECRET_STORE="file",
        )
        frozen = time_starts(
            screen, [str(bundle / NAME)], {**env, "PATH": "/usr/bin:/bin"}, args.runs
        )
        ok &= row("frozen start → tray icon shown", frozen, START_BUDGET)
        source = time_starts(screen, [sys.executable, "-m", "elevate_tray"], env, args.runs)
        row("venv start → tray icon shown", source, None)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
