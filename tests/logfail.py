"""qutebrowser's logfail habit: a test fails on any WARNING or ERROR logged under
elevate_tray.* that it did not say it expects (`@pytest.mark.expect_log("regex")`)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest


class _Recorder(logging.Handler):
    logfail = True  # the CLI's file logging leaves loggers that hold this one alone

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_unexpected_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    recorder = _Recorder()
    logger = logging.getLogger("elevate_tray")
    logger.addHandler(recorder)
    try:
        yield
    finally:
        logger.removeHandler(recorder)
    expected = [re.compile(m.args[0]) for m in request.node.iter_markers("expect_log")]
    unexpected = [
        f"{r.name} {r.levelname}: {r.getMessage()}"
        for r in recorder.records
        if not any(p.search(r.getMessage()) for p in expected)
    ]
    if unexpected:
        pytest.fail("unexpected log records:\n" + "\n".join(unexpected), pytrace=False)
