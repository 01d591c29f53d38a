"""The setup wizard: the window and its flow (window.py), its pages (pages.py), the
members page (members.py) and what they share (parts.py).
Imported only when the wizard is opened."""

from .parts import error_text
from .window import (
    PAGE_ACCOUNT,
    PAGE_APPLY,
    PAGE_DONE,
    PAGE_MEMBERS,
    PAGE_OPTIONS,
    PAGE_PLAN,
    PAGE_WELCOME,
    SetupWizard,
    first_run,
)

__all__ = [
    "PAGE_ACCOUNT",
    "PAGE_APPLY",
    "PAGE_DONE",
    "PAGE_MEMBERS",
    "PAGE_OPTIONS",
    "PAGE_PLAN",
    "PAGE_WELCOME",
    "SetupWizard",
    "error_text",
    "first_run",
]
