"""Where the UI's data files are: the setup package's resource_path when present (it knows
the source tree and the PyInstaller bundle), else the same lookup here."""

from __future__ import annotations

import sys
from pathlib import Path

try:
    from ..setup.resources import resource_path
except ImportError:  # pragma: no cover - only before the setup package lands

    def resource_path(*parts: str) -> Path:
        root = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent.parent))
        return root.joinpath(*parts)


__all__ = ["resource_path"]
