"""Where the UI's data files are: the core's one lookup (it knows the source tree and the
PyInstaller bundle), so the UI needs nothing from the setup engine to find its icons."""

from __future__ import annotations

from ..core.documents import resource_path

__all__ = ["resource_path"]
