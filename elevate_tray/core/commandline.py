"""How this installation runs `elevate-tray`, and the credential_process line built from it.

One rule for setup's profiles, the tray's "Copy" entry and the docs: `elevate-tray ...` when
the `elevate-tray` found on PATH is this very installation, else the absolute path of the
executable that serves credentials (a frozen bundle, a venv's console script, or this Python
with `-m elevate_tray`). A profile written from a venv then keeps working from any shell.

A frozen bundle has a second executable beside the app for credential_process,
`elevate-tray-credentials` (build.spec): the same command with only the fast path frozen in,
so every `aws` call starts it in a fraction of the app's time. The credential_process line
names it when it is there, by the same rule (its name alone when it is the one on PATH).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

PROGRAM = "elevate-tray"
CREDENTIALS_PROGRAM = f"{PROGRAM}-credentials"  # build.spec's lean executable, frozen only

# What an installation without the local AWS double says where the sandbox is asked for
# (`elevate-tray sandbox`, `make run`): a frozen bundle or .deb leaves it out (build.spec),
# a wheel has it only with the `sandbox` extra.
SANDBOX_MISSING = (
    "elevate-tray: the sandbox is not part of this installation: it needs the 'sandbox' "
    "extra, installed with `pipx install 'elevate-tray[sandbox]'`."
)


def sandbox_installed() -> bool:
    """Whether this installation can run the sandbox (its package and moto are here)."""
    import importlib.util

    try:
        return all(
            importlib.util.find_spec(name) is not None for name in ("moto", "elevate_tray.sandbox")
        )
    except (ImportError, ValueError):
        return False


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _named(program: str, own: Path, env: Mapping[str, str]) -> list[str]:
    """`program` when the one on PATH is `own`, else own's absolute path."""
    on_path = shutil.which(program, path=env.get("PATH"))
    if on_path and _same_file(on_path, own):
        return [program]
    return [str(own.absolute())]


def serving_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The argv prefix that runs this installation's command line."""
    env = os.environ if environ is None else environ
    if getattr(sys, "frozen", False):
        own: Path | None = Path(sys.executable)
    else:
        script = Path(sys.executable).parent / PROGRAM
        own = script if script.is_file() else None
    if own is not None:
        return _named(PROGRAM, own, env)
    return [str(Path(sys.executable).absolute()), "-m", "elevate_tray"]


def command_text(*args: str, environ: Mapping[str, str] | None = None) -> str:
    """`elevate-tray ARGS` as this installation runs it, for a message or an entry."""
    return shlex.join([*serving_command(environ), *args])


def credentials_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The argv prefix that runs `elevate-tray credentials` here: the bundle's lean
    executable when frozen (it takes the command's options alone), else the command line's."""
    env = os.environ if environ is None else environ
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        suffix = ".exe" if sys.platform == "win32" else ""
        lean = exe.with_name(CREDENTIALS_PROGRAM + suffix)
        if lean.is_file():
            return _named(CREDENTIALS_PROGRAM, lean, env)
    return [*serving_command(env), "credentials"]


def credential_process_line(
    target: str, readonly: bool = False, environ: Mapping[str, str] | None = None
) -> str:
    """The value of `credential_process` for a profile that follows the tray's session."""
    argv = [*credentials_command(environ), "--target", target]
    if readonly:
        argv.append("--readonly")
    return shlex.join(argv)


def source_process_line(profile: str, environ: Mapping[str, str] | None = None) -> str:
    """The value of `credential_process` for a profile whose long-term keys the app keeps."""
    return shlex.join([*credentials_command(environ), "--source", profile])


def serves_source(value: object, profile: str) -> bool:
    """Whether a credential_process value is this app's `credentials --source PROFILE`
    (whichever installation's path it names)."""
    if not isinstance(value, str):
        return False
    try:
        argv = shlex.split(value)
    except ValueError:
        return False
    if "--source" not in argv or argv.index("--source") + 1 >= len(argv):
        return False
    program = os.path.basename(argv[0]) if argv else ""
    ours = program.startswith(PROGRAM) or "elevate_tray" in argv[:3]
    return ours and argv[argv.index("--source") + 1] == profile


# What a frozen bundle's bootloader sets for its own process (PyInstaller): the library path
# pointed at the bundle (the user's value kept in LD_LIBRARY_PATH_ORIG) and its _PYI_* state.
_LIBRARY_PATH = "LD_LIBRARY_PATH"
_LIBRARY_PATH_KEPT = "LD_LIBRARY_PATH_ORIG"
_BOOTLOADER_PREFIX = "_PYI_"


def launch_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for another program started from this process: the user's own. Frozen,
    the bundle's library path would make a system program load the bundle's libraries, and
    the bootloader's state would make another frozen executable take itself for this one's
    child; unfrozen, the environment as it is."""
    env = dict(os.environ if environ is None else environ)
    if not getattr(sys, "frozen", False):
        return env
    kept = env.pop(_LIBRARY_PATH_KEPT, None)
    if kept:
        env[_LIBRARY_PATH] = kept
    else:
        env.pop(_LIBRARY_PATH, None)
    return {k: v for k, v in env.items() if not k.startswith(_BOOTLOADER_PREFIX)}


def cli_profile_name(target: str, readonly: bool = False) -> str:
    """Setup's convention for the companion profiles: `<target>-cli`, `<target>-readonly`."""
    return f"{target}-readonly" if readonly else f"{target}-cli"
