"""Find the app's data files (provisioning/, resources/) in a source tree or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import ConfigError, Phrase


def resource_root() -> Path:
    """The directory holding provisioning/ and resources/.

    PyInstaller unpacks data next to the bundle's code (sys._MEIPASS); from a source tree or
    an editable install they sit beside the package.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent.parent


def resource_path(*parts: str) -> Path:
    """resource_path("provisioning", "policies", "X.json") -> an existing file's path."""
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise ConfigError(
            Phrase(
                "The data file {path} is missing from this installation; reinstall elevate-tray.",
                path=path,
            )
        )
    return path
