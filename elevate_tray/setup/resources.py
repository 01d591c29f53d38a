"""Find the app's data files: the core's one lookup (kept importable for the setup engine)."""

from __future__ import annotations

from ..core.documents import resource_path, resource_root

__all__ = ["resource_path", "resource_root"]
