"""The command line's one window on the world: stdout, stderr, stdin and the terminal.

httpie's Environment habit: command bodies write only through the Console they are given,
never through sys.* globals, so tests pass their own and an IDE's credential_process (no
terminal, stdin closed) is just another Console.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any


class _Closed:
    """What stdin is when the process was started with it closed."""

    def readline(self) -> str:
        return ""

    def read(self) -> str:
        return ""

    def isatty(self) -> bool:
        return False


@dataclass
class Console:
    stdout: IO[str]
    stderr: IO[str]
    stdin: Any = field(default_factory=_Closed)
    tty_path: str | None = "/dev/tty"  # the controlling terminal; None: there is none

    @classmethod
    def system(cls) -> Console:
        return cls(sys.stdout, sys.stderr, sys.stdin if sys.stdin is not None else _Closed())

    @property
    def stdin_isatty(self) -> bool:
        try:
            return bool(self.stdin.isatty())
        except (AttributeError, ValueError, OSError):
            return False

    def out(self, text: str) -> None:
        """The command's result (JSON, a URL, a code): what scripts read."""
        print(text, file=self.stdout)

    def say(self, text: str) -> None:
        """Messages for the person: stderr, so stdout stays the result."""
        print(text, file=self.stderr)

    def json(self, data: Any) -> None:
        self.out(json.dumps(data, indent=2, ensure_ascii=False))

    @contextlib.contextmanager
    def terminal(self) -> Iterator[tuple[IO[str], IO[str]] | None]:
        """The controlling terminal when there is one (credential_process captures stdout and
        stderr, so prompts go to /dev/tty), else stdin/stderr when stdin is a terminal, else
        None: nobody is there to answer."""
        if self.tty_path:
            try:
                tty = open(self.tty_path, "r+", encoding="utf-8")  # noqa: SIM115
            except OSError:
                pass
            else:
                with tty:
                    yield tty, tty
                return
        yield (self.stdin, self.stderr) if self.stdin_isatty else None

    def has_terminal(self) -> bool:
        with self.terminal() as term:
            return term is not None
