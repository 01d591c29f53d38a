"""A reader that goes away (`elevate-tray targets | head -1`) is not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.suite_support import ROOT, proc_env_fixture  # noqa: F401  (fixture)


@pytest.mark.parametrize("unbuffered", ["", "1"])  # block-buffered (CI) and PYTHONUNBUFFERED
def test_a_closed_stdout_ends_quietly_with_sigpipes_status(
    proc_env: dict[str, str], unbuffered: str
) -> None:
    proc_env = {k: v for k, v in proc_env.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        proc_env["PYTHONUNBUFFERED"] = unbuffered
    read, write = os.pipe()
    os.close(read)  # nobody will read what the command prints
    try:
        done = subprocess.run(
            [sys.executable, "-m", "elevate_tray", "targets"],
            env=proc_env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            start_new_session=True,
        )
    finally:
        os.close(write)
    assert done.returncode == 141, done.stderr
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr
    assert done.stderr == ""
