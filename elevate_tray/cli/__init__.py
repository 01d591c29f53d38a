"""The command line (product.md's contract). Thin: parse, call a flow, print, exit code."""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from ..core import errors
from .console import Console

if TYPE_CHECKING:
    from ..core.context import AppContext
    from ..core.errors import Phrase


def main(
    argv: list[str] | None = None, ctx: AppContext | None = None, console: Console | None = None
) -> int:
    import sys

    argv = sys.argv[1:] if argv is None else argv
    con = console or Console.system()
    if argv[:1] == ["sandbox"]:
        return _sandbox(argv[1:], con)
    if argv[:1] == ["--smoke-test"]:
        from ..smoke import main as smoke_main

        return smoke_main(argv[1:])
    if not argv or argv[0] == "tray" or (argv[0].startswith("-") and argv[0] not in _CLI_FLAGS):
        from .tray import start_tray

        return start_tray(argv, ctx, con)
    if argv[0] in _TRAY_ANSWERS:
        from .tray_client import try_tray

        answered = try_tray(argv, ctx.environ if ctx is not None else os.environ, con)
        if answered is not None:
            return answered
    from .parser import build_parser

    args = build_parser().parse_args(argv)
    if ctx is None:
        from ..core.context import AppContext

        ctx = AppContext()
    from ..core.secrets import KeyringStore
    from .commands import run_command

    KeyringStore.allow_prompt()  # a command is a user action: a locked keyring may ask once
    try:
        ctx.dirs  # noqa: B018 - refuses unsafe app folders before anything is written there
        _log_to_file(ctx)
        code = run_command(args, ctx, con)
        con.stdout.flush()  # a reader that went away is met here, not at exit
    except errors.ElevateError as exc:
        from ..flows.said import failed

        code = failed(con, exc)
    except KeyboardInterrupt:
        con.say("elevate-tray: interrupted.")
        return 130
    except BrokenPipeError:
        # the reader went away (`elevate-tray targets | head`): what was done is kept, the
        # rest of the output is nobody's; exit as a command killed by SIGPIPE would
        _quiet_stdout()
        return 141
    notices = _notices(ctx)
    if notices:
        from ..flows.said import notices as say_notices

        say_notices(con, notices)
    return code


_CLI_FLAGS = ("-h", "--help", "--version")
_TRAY_ANSWERS = ("elevate", "status", "console", "drop")  # a running tray may answer these


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit meets no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's console)
        pass


def _notices(ctx: AppContext) -> list[Phrase]:
    try:
        return ctx.take_notices()
    except errors.ElevateError:
        return []


def _sandbox(argv: list[str], con: Console) -> int:
    from ..core.commandline import SANDBOX_MISSING, sandbox_installed

    if not sandbox_installed():
        con.say(SANDBOX_MISSING)
        return errors.USAGE
    try:
        from ..sandbox.__main__ import main as sandbox_main
    except ImportError:
        con.say(SANDBOX_MISSING)
        return errors.USAGE
    return sandbox_main(argv)


def _log_to_file(ctx: AppContext) -> None:
    """Commands log to the app's log file (never secrets), not to the terminal."""
    from ..core.paths import private_dir

    root = logging.getLogger("elevate_tray")
    if any(not getattr(h, "logfail", False) for h in root.handlers):
        return  # once per process (a test's log recorder does not count)
    try:
        private_dir(ctx.dirs.logs)
        log_file = ctx.dirs.logs / "elevate-tray.log"
        os.close(os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False
