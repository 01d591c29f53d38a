"""Times as the command line says them: flows/timefmt.py, shared with the tray's answers."""

from __future__ import annotations

from ..flows.timefmt import granted, local_hm, shown_left

__all__ = ["granted", "local_hm", "shown_left"]
