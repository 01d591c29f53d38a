"""How this installation runs `elevate-tray`, and the credential_process line built from it.

One rule for setup's profiles, the tray's "Copy" entry and the docs: `elevate-tray ...` when
the `elevate-tray` found on PATH is this very installation, else the absolute path of the
executable that serves credentials (a frozen bundle, a venv's console script, or this Python
with `-m elevate_tray`). A profile written from a venv then keeps working from any shell.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

PROGRAM = "elevate-tray"


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def serving_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The argv prefix that runs this installation's command line."""
    env = os.environ if environ is None else environ
    on_path = shutil.which(PROGRAM, path=env.get("PATH"))
    if getattr(sys, "frozen", False):
        own: Path | None = Path(sys.executable)
    else:
        script = Path(sys.executable).parent / PROGRAM
        own = script if script.is_file() else None
    if own is not None:
        if on_path and _same_file(on_path, own):
            return [PROGRAM]
        return [str(own.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "elevate_tray"]


def credential_process_line(
    target: str, readonly: bool = False, environ: Mapping[str, str] | None = None
) -> str:
    """The value of `credential_process` for a profile that follows the tray's session."""
    argv = [*serving_command(environ), "credentials", "--target", target]
    if readonly:
        argv.append("--readonly")
    return shlex.join(argv)


def cli_profile_name(target: str, readonly: bool = False) -> str:
    """Setup's convention for the companion profiles: `<target>-cli`, `<target>-readonly`."""
    return f"{target}-readonly" if readonly else f"{target}-cli"
