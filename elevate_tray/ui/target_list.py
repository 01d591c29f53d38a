"""The targets the menu lists, read from the AWS config off the UI thread.

Reading the config loads botocore's config loader and parses files: the menu shows the list
it last read at once and asks for a fresh read through the runner; when that read finds
something else, `changed` tells the menu to build itself again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core.context import AppContext
from ..core.errors import ElevateError
from ..core.targets import Target
from .error_text import error_sentence
from .workers import Runner


class TargetList(QObject):
    changed = Signal()

    def __init__(self, ctx: AppContext, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.targets: list[Target] = []
        self.problem = ""
        self.loaded = False  # read at least once
        self._reading = False

    def current(self) -> tuple[list[Target], str]:
        """What was last read (asking for a fresh read)."""
        self.refresh()
        return self.targets, self.problem

    def find(self, name: str) -> Target | None:
        return next((t for t in self.targets if t.name == name), None)

    def refresh(self) -> None:
        if self._reading:
            return
        self._reading = True
        self.runner.run_task(self._read, self._read_done)

    def _read(self) -> tuple[list[Target], str]:
        try:
            self.ctx.reload()  # the AWS config may have changed since the menu last opened
            return self.ctx.targets(), ""
        except ElevateError as exc:
            return [], error_sentence(exc)

    def _read_done(
        self, result: tuple[list[Target], str] | None, error: BaseException | None
    ) -> None:
        self._reading = False
        targets, problem = result if result is not None else ([], self.problem)
        if error is not None:  # the runner logged it
            problem = error_sentence(error) if isinstance(error, ElevateError) else self.problem
        first = not self.loaded
        self.loaded = True
        if first or (targets, problem) != (self.targets, self.problem):
            self.targets, self.problem = targets, problem
            self.changed.emit()
