"""Shared fixtures. The AWS double is the sandbox (tests/sandbox_fixtures.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.sandbox_fixtures", "tests.logfail"]
