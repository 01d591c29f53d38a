"""Running the command line in-process against the sandbox, as a user would type it."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from elevate_tray.cli import main
from elevate_tray.core.clock import ManualClock
from elevate_tray.core.context import AppContext


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """`cli("elevate", "--code", c)` runs one command with a fresh AppContext, like a new
    process, sharing the clock the test moves."""

    def __init__(self, capsys: pytest.CaptureFixture[str], clock: ManualClock, home: Path) -> None:
        self.capsys = capsys
        self.clock = clock
        self.home = home

    def context(self) -> AppContext:
        return AppContext(environ=dict(os.environ), clock=self.clock)

    def __call__(self, *argv: str) -> Result:
        self.capsys.readouterr()
        code = main(list(argv), ctx=self.context())
        captured = self.capsys.readouterr()
        assert "Traceback" not in captured.err
        return Result(code, captured.out, captured.err)
