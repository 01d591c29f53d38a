"""Condition blocks, for the sandbox: the app's own evaluator (elevate_tray.core.iampolicy)."""

from ..core.iampolicy.conditions import Context, Substitute, conditions_hold, substituter

__all__ = ["Context", "Substitute", "conditions_hold", "substituter"]
