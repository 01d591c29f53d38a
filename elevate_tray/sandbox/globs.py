"""IAM wildcards, for the sandbox: the app's own evaluator (elevate_tray.core.iampolicy)."""

from ..core.iampolicy.globs import (
    LITERAL_QMARK,
    LITERAL_STAR,
    ActionMatcher,
    arn_like,
    glob_match,
    glob_regex,
    restore,
)

__all__ = [
    "LITERAL_QMARK",
    "LITERAL_STAR",
    "ActionMatcher",
    "arn_like",
    "glob_match",
    "glob_regex",
    "restore",
]
