"""The sandbox's policy evaluation: the app's own evaluator (elevate_tray.core.iampolicy)."""

from ..core.iampolicy.policy import (
    Decision,
    Principal,
    Request,
    Statement,
    TrustMatch,
    as_text,
    evaluate,
    evaluate_trust,
    parse,
)

__all__ = [
    "Decision",
    "Principal",
    "Request",
    "Statement",
    "TrustMatch",
    "as_text",
    "evaluate",
    "evaluate_trust",
    "parse",
]
