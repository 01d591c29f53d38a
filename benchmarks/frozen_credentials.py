"""Frozen `credentials` budget: a live session from the bundle ≤ 1.5× a frozen minimal Python
program that prints JSON, built the same way (engineering.md, issue 13).

    .venv/bin/python benchmarks/frozen_credentials.py [--bundle dist/elevate-tray] [--build]
                                                      [--runs 41]

Builds the bundle with build.spec when it is missing (or with --build), and the reference
beside it: a script that imports json and prints a credential_process-shaped document, frozen
by the same PyInstaller exactly as build.spec freezes elevate-tray-credentials (its own
Analysis without PyInstaller's runtime hooks, console onedir, stripped, archive, optimize 0),
cached in build/frozen-reference/; the same script with PyInstaller's default runtime hooks
is timed too, for comparison. Starts the sandbox in this process, elevates with the bundle
(file store, as a desktop without a keyring), then times fresh processes, one of each in turn
so that load on the machine hits all alike: the references, `elevate-tray-credentials` (what
credential_process names) and the main executable's `elevate-tray credentials` (the path
before the lean executable). Prints medians, min and max, and the ratio; exits 1 when the
budget is not met.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAME = "elevate-tray"
LEAN = f"{NAME}-credentials"
BUDGET = 1.5  # × the frozen reference, medians

REFERENCE_SCRIPT = """\
import json
import sys

doc = {"Version": 1, "AccessKeyId": "ASIAREFERENCE", "SecretAccessKey": "x" * 40,
       "SessionToken": "y" * 400, "Expiration": "2026-12-01T12:00:00+00:00"}
sys.stdout.write(json.dumps(doc) + "\\n")
"""


def pyinstaller(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", *args],
        cwd=ROOT,
        check=True,
    )


def build_bundle(dist: Path) -> None:
    print(f"building {dist} with build.spec ...", flush=True)
    t = time.perf_counter()
    pyinstaller("--distpath", str(dist.parent), "--workpath", str(ROOT / "build"), "build.spec")
    print(f"built in {time.perf_counter() - t:.0f} s", flush=True)


# The reference, frozen exactly as build.spec freezes elevate-tray-credentials: its own
# Analysis, PyInstaller's runtime hooks left out, a console onedir EXE, stripped on Linux, no
# UPX, modules in the archive, optimize 0. DEFAULT_HOOKS=True keeps PyInstaller's runtime
# hooks (what `pyinstaller script.py` gives), printed as a second reference.
REFERENCE_SPEC = """\
import sys
LINUX = sys.platform.startswith("linux")
a = Analysis([{script!r}], optimize=0, noarchive=False)
if not {default_hooks!r}:
    a.scripts = [e for e in a.scripts if not e[0].startswith("pyi_rth_")]
exe = EXE(PYZ(a.pure), a.scripts, [], exclude_binaries=True, name={name!r}, console=True,
          strip=LINUX, upx=False)
COLLECT(exe, a.binaries, a.datas, strip=LINUX, upx=False, name={name!r})
"""


def build_reference(folder: Path, name: str, default_hooks: bool) -> Path:
    """A minimal frozen program, rebuilt when its script or spec changed."""
    exe = folder / "dist" / name / name
    script = folder / "reference.py"
    spec = folder / f"{name}.spec"
    spec_text = REFERENCE_SPEC.format(script=str(script), name=name, default_hooks=default_hooks)
    if (
        exe.is_file()
        and script.is_file()
        and script.read_text() == REFERENCE_SCRIPT
        and spec.is_file()
        and spec.read_text() == spec_text
    ):
        return exe
    folder.mkdir(parents=True, exist_ok=True)
    script.write_text(REFERENCE_SCRIPT)
    spec.write_text(spec_text)
    print(f"building the reference program {name} in {folder} ...", flush=True)
    pyinstaller("--distpath", str(folder / "dist"), "--workpath", str(folder / "work"), str(spec))
    return exe


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    t = time.perf_counter()
    r = subprocess.run(
        cmd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60
    )
    elapsed = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip()}")
    return elapsed, r.stdout


def row(name: str, samples: list[float], note: str = "") -> None:
    med = statistics.median(samples)
    print(
        f"{name:<52} {med * 1000:7.1f} ms  (min {min(samples) * 1000:.1f}, "
        f"max {max(samples) * 1000:.1f}, n={len(samples)})  {note}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / NAME)
    parser.add_argument("--build", action="store_true", help="build the bundle first")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "41")))
    parser.add_argument(
        "--reference", type=Path, default=ROOT / "build" / "frozen-reference", help="its folder"
    )
    args = parser.parse_args()
    bundle = args.bundle.resolve()
    if args.build or not (bundle / LEAN).is_file():
        build_bundle(bundle)
    reference = build_reference(args.reference.resolve(), "reference", default_hooks=False)
    default = build_reference(args.reference.resolve(), "reference-default", default_hooks=True)

    from elevate_tray.sandbox import Sandbox

    with tempfile.TemporaryDirectory(prefix="elevate-bench-") as tmp:
        sb = Sandbox(Path(tmp) / "sandbox")
        sb.start()
        try:
            base = {
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("AWS_", "ELEVATE_TRAY_", "PYTHON", "VIRTUAL_ENV", "QT_"))
            }
            env = {
                **base,
                **sb.env(),
                "ELEVATE_TRAY_HOME": str(Path(tmp) / "home"),
                "ELEVATE_TRAY_SECRET_STORE": "file",
                "HOME": tmp,
                "PATH": "/usr/bin:/bin",  # as a user without Python runs the bundle
            }
            env.pop("AWS_PROFILE", None)
            main_exe, lean_exe = str(bundle / NAME), str(bundle / LEAN)
            elevated = subprocess.run(
                [main_exe, "elevate", "--no-browser", "--code", sb.totp()],
                env=env,
                capture_output=True,
                text=True,
                stdin=subprocess.DEVNULL,
                timeout=120,
            )
            if elevated.returncode != 0:
                raise SystemExit(f"elevate failed: {elevated.stderr.strip()}")
            commands = {
                "reference": [str(reference)],
                "default": [str(default)],
                "lean": [lean_exe],
                "main": [main_exe, "credentials"],
            }
            answers = {k: json.loads(run_once(c, env)[1]) for k, c in commands.items()}  # warm-up
            key = answers["main"]["AccessKeyId"]
            if answers["lean"] != answers["main"] or not key.startswith("ASIA"):
                raise SystemExit("the lean executable's answer is not the session's")
            samples: dict[str, list[float]] = {k: [] for k in commands}
            for _ in range(args.runs):
                for k, c in commands.items():
                    samples[k].append(run_once(c, env)[0])
        finally:
            sb.stop()

    ref = statistics.median(samples["reference"])
    lean = statistics.median(samples["lean"])
    full = statistics.median(samples["main"])
    print(f"{args.runs} runs each, interleaved; bundle {bundle}\n")
    row("frozen minimal program printing JSON (same rules)", samples["reference"], "reference")
    row(
        "the same with PyInstaller's default runtime hooks",
        samples["default"],
        f"{statistics.median(samples['default']) / ref:.2f}x",
    )
    ratio = lean / ref
    ok = ratio <= BUDGET
    row(
        f"{LEAN} (live session, file store)",
        samples["lean"],
        f"{ratio:.2f}x the reference, ≤ {BUDGET}x  {'met' if ok else 'NOT MET'}",
    )
    row(f"{NAME} credentials (main executable)", samples["main"], f"{full / ref:.2f}x")
    print(f"ratio (median lean / median reference): {ratio:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
