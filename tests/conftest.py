"""Shared fixtures. The AWS double is the sandbox (tests/sandbox_fixtures.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest

pytest_plugins = ["tests.sandbox_fixtures", "tests.logfail"]


@pytest.fixture(autouse=True)
def _no_tray_outlives_its_test() -> Iterator[None]:
    yield
    from tests.suite_support import stop_leftover_trays

    stop_leftover_trays()
