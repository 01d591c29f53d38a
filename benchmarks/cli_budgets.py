"""Command-line budgets: `credentials` (≤ 60 ms) and `elevate --no-browser` (≤ 0.3 s).

Runs the sandbox in this process, then times fresh processes as a user's shell would start
them. Prints medians (with min and max) and references: bare `python -c pass`, and the AWS
CLI v1 assuming the same MFA role with the code on stdin.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from elevate_tray.sandbox import Sandbox  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
BIN = Path(sys.executable).parent


def timed(cmd: list[str], env: dict[str, str], stdin: str | None = None) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip()}")
    return elapsed


def row(name: str, samples: list[float], budget: float | None = None) -> None:
    med = statistics.median(samples)
    verdict = "" if budget is None else ("  met" if med <= budget else "  NOT MET")
    b = f"≤ {budget * 1000:.0f} ms" if budget else "reference"
    print(
        f"{name:<58} {med * 1000:7.1f} ms  (min {min(samples) * 1000:.1f}, "
        f"max {max(samples) * 1000:.1f}, n={len(samples)})  {b}{verdict}"
    )


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="elevate-bench-"))
    sb = Sandbox(tmp / "sandbox")
    sb.start()
    env = dict(
        os.environ, **sb.env(), ELEVATE_TRAY_HOME=str(tmp / "app"), ELEVATE_TRAY_SECRET_STORE="file"
    )
    env.pop("AWS_PROFILE", None)
    tray = (
        [str(BIN / "elevate-tray")]
        if (BIN / "elevate-tray").exists()
        else [sys.executable, "-m", "elevate_tray"]
    )

    def fresh_code() -> str:
        sb.clock.advance(30)  # a new window: the sandbox refuses reused codes, as AWS does
        return sb.totp()

    print(f"{RUNS} runs each; sandbox on {sb.endpoint_url}\n")
    row("python -c pass", [timed([sys.executable, "-c", "pass"], env) for _ in range(RUNS)])

    # warm-up elevation learns the IAM user (cached), as a user's first elevation does
    timed([*tray, "elevate", "--no-browser", "--code", fresh_code()], env)
    elevs = []
    for _ in range(RUNS):
        timed([*tray, "drop"], env)
        code = fresh_code()
        elevs.append(timed([*tray, "elevate", "--no-browser", "--code", code], env))
    creds = [timed([*tray, "credentials"], env) for _ in range(RUNS)]
    row("elevate-tray credentials (warm, credential_process)", creds, 0.060)
    row("elevate-tray elevate --no-browser --code … (whole process)", elevs, 0.300)

    aws = shutil.which("aws", path=str(BIN)) or shutil.which("aws")
    if aws:
        cfg = Path(env["AWS_CONFIG_FILE"])
        samples = []
        for _ in range(RUNS):
            cache = tmp / "awscli-home"
            shutil.rmtree(
                cache, ignore_errors=True
            )  # no cached role credentials: a real assumption
            samples.append(
                timed(
                    [aws, "sts", "get-caller-identity", "--profile", "sandbox-admin"],
                    dict(env, HOME=str(cache), AWS_CONFIG_FILE=str(cfg)),
                    stdin=fresh_code() + "\n",
                )
            )
        row("AWS CLI v1: sts get-caller-identity via MFA role (code on stdin)", samples)
    else:
        print("AWS CLI not found: reference row skipped")
    sb.stop()


if __name__ == "__main__":
    main()
