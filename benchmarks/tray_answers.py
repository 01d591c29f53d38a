"""Issue 13's budgets for commands a running tray answers, each beside its reference
measured in the same run:

- live session, `credentials` from the venv, answered by the tray (the session's keys in
  the keyring, which only the tray holds open) and from the file store (no tray): each
  <= 2x `python -c pass`;
- `elevate-tray elevate --no-browser --code` with a tray running: <= 0.5x the AWS CLI v1
  assuming the same MFA role against the sandbox (as benchmarks/cli_budgets.py runs it:
  `aws sts get-caller-identity --profile sandbox-admin`, the code on stdin, no cache).

    .venv/bin/python benchmarks/tray_answers.py        (BENCH_RUNS=15 by default)

The keyring is tests/keyring_backend.py's (a folder, as a desktop keyring but instant), so
the tray's answer is measured, not a desktop keyring's speed. The elevation without a tray
is printed too, for comparison.
"""

from __future__ import annotations

import json
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

from elevate_tray.core import localsocket  # noqa: E402
from elevate_tray.sandbox import Sandbox  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
BIN = Path(sys.executable).parent


def timed(cmd: list[str], env: dict[str, str], stdin: str | None = None) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip()}")
    return elapsed


def row(name: str, samples: list[float], budget: float | None = None, of: str = "") -> float:
    med = statistics.median(samples)
    if budget is None:
        tail = "reference"
    else:
        tail = f"≤ {budget * 1000:.0f} ms ({of})  " + ("met" if med <= budget else "NOT MET")
    print(
        f"{name:<66} {med * 1000:7.1f} ms  (min {min(samples) * 1000:.1f}, "
        f"max {max(samples) * 1000:.1f}, n={len(samples)})  {tail}"
    )
    return med


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="elevate-bench-tray-"))
    sb = Sandbox(tmp / "sandbox")
    sb.start()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ELEVATE_TRAY_"))}
    base.update(sb.env(), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    # as an installed Python runs, with its modules' bytecode cached (pip compiles it at
    # install): where PYTHONDONTWRITEBYTECODE is set and the standard library has no .pyc,
    # every start would compile json, re and datetime from source, ~10 ms the bare
    # reference never pays. The cache goes to a folder of this run's own.
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    base["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    file_env = dict(base, ELEVATE_TRAY_HOME=str(tmp / "file"), ELEVATE_TRAY_SECRET_STORE="file")
    keyring_env = dict(
        base,
        ELEVATE_TRAY_HOME=str(tmp / "keyring"),
        ELEVATE_TRAY_SECRET_STORE="keyring",
        PYTHON_KEYRING_BACKEND="tests.keyring_backend.DirKeyring",
        ELEVATE_TEST_KEYRING=str(tmp / "keyring-items"),
    )
    (tmp / "keyring-items").mkdir()
    for env, name in ((file_env, "file"), (keyring_env, "keyring")):
        # each home keeps the sandbox user's long-term key (`keys import`) in its own AWS files
        folder = tmp / f"aws-{name}"
        folder.mkdir()
        shutil.copy(sb.config_file, folder / "config")
        shutil.copy(sb.credentials_file, folder / "credentials")
        env.update(
            AWS_CONFIG_FILE=str(folder / "config"),
            AWS_SHARED_CREDENTIALS_FILE=str(folder / "credentials"),
        )
    app = (
        [str(BIN / "elevate-tray")]
        if (BIN / "elevate-tray").exists()
        else [sys.executable, "-m", "elevate_tray"]
    )

    def fresh_code() -> str:
        sb.clock.advance(30)  # a new window: the sandbox refuses reused codes, as AWS does
        return sb.totp()

    def elevate(env: dict[str, str]) -> float:
        return timed([*app, "elevate", "--no-browser", "--code", fresh_code()], env)

    print(f"{RUNS} runs each; sandbox on {sb.endpoint_url}\n")
    tray = subprocess.Popen(
        [*app, "tray"], env=keyring_env, cwd=ROOT, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        sock = localsocket.socket_path(keyring_env)
        end = time.monotonic() + 30
        while localsocket.ask(sock, {"op": "ping"}) is None:
            if time.monotonic() > end or tray.poll() is not None:
                raise SystemExit("the tray did not start")
            time.sleep(0.05)

        source = sb.account.source_profile
        for env in (file_env, keyring_env):
            timed([*app, "keys", "import", "--profile", source], env)
        # the first elevations learn the IAM user (and warm the tray's STS client)
        elevate(file_env)
        elevate(keyring_env)
        doc = subprocess.run(
            [*app, "credentials"], env=keyring_env, capture_output=True, text=True, cwd=ROOT
        )
        assert json.loads(doc.stdout)["Version"] == 1
        for _ in range(2):  # the bytecode cache written, before anything is timed
            timed([*app, "credentials"], keyring_env)
            timed([*app, "credentials"], file_env)
        # interleaved, so that the machine's load weighs on each the same
        bare, answered, from_file = [], [], []
        for _ in range(RUNS):
            bare.append(timed([sys.executable, "-c", "pass"], base))
            answered.append(timed([*app, "credentials"], keyring_env))
            from_file.append(timed([*app, "credentials"], file_env))
        ref = row("python -c pass", bare)
        row("credentials, live session, answered by the tray", answered, 2 * ref, "2x pass")
        row("credentials, live session, from the file store", from_file, 2 * ref, "2x pass")
        kept = [*app, "credentials", "--source", source]
        for _ in range(2):
            timed(kept, keyring_env)
            timed(kept, file_env)
        bare, answered, from_file = [], [], []
        for _ in range(RUNS):
            bare.append(timed([sys.executable, "-c", "pass"], base))
            answered.append(timed(kept, keyring_env))
            from_file.append(timed(kept, file_env))
        ref = row("python -c pass (beside --source)", bare)
        row("credentials --source, key in the keyring, answered by the tray", answered,
            2 * ref, "2x pass")  # fmt: skip
        row("credentials --source, key in the file store", from_file, 2 * ref, "2x pass")

        aws = shutil.which("aws", path=str(BIN)) or shutil.which("aws")
        if not aws:
            print("AWS CLI not found: its reference row and the elevate budget are skipped")
        with_tray, without, by_aws = [], [], []
        for _ in range(RUNS):
            timed([*app, "drop"], keyring_env)
            with_tray.append(elevate(keyring_env))
            timed([*app, "drop"], file_env)
            without.append(elevate(file_env))
            if aws:
                cache = tmp / "awscli-home"
                shutil.rmtree(cache, ignore_errors=True)  # no cached role credentials
                by_aws.append(
                    timed(
                        [aws, "sts", "get-caller-identity", "--profile", "sandbox-admin"],
                        dict(file_env, HOME=str(cache)),
                        stdin=fresh_code() + "\n",
                    )
                )
        aws_med = (
            row("AWS CLI v1: sts get-caller-identity via the MFA role", by_aws) if aws else None
        )
        row(
            "elevate --no-browser --code, tray running",
            with_tray,
            0.5 * aws_med if aws_med else None,
            "0.5x AWS CLI v1",
        )
        row("elevate --no-browser --code, no tray (the CLI itself)", without)
    finally:
        tray.terminate()
        try:
            tray.wait(10)
        except subprocess.TimeoutExpired:
            tray.kill()
        if tray.returncode is not None and sb.account:
            # no tray: the command opens the keyring itself (keyring's import and backend)
            kept = [*app, "credentials", "--source", sb.account.source_profile]
            alone = [timed(kept, keyring_env) for _ in range(max(3, RUNS // 3))]
            row("credentials --source, key in the keyring, no tray (opens the keyring)", alone)
        sb.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
