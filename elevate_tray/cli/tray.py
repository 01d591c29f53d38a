"""`elevate-tray` / `elevate-tray tray`: start the tray, or say in one sentence why not.

Qt aborts the process (with a hint about xcb libraries) when there is no display; a person
typing `elevate-tray --hlep` over ssh deserves a sentence instead, so the arguments are
checked and the display looked for before Qt is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from ..core import errors
from .console import Console
from .parser import Parser

if TYPE_CHECKING:
    from ..core.context import AppContext

NO_DISPLAY = (
    "There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the tray "
    "cannot start; run it in your desktop session, or use the command line (elevate-tray --help)."
)


def tray_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="elevate-tray tray",
        description="Start the tray app (the default without a command). One tray runs per "
        "user: a second start asks the running one to show itself.",
    )
    for qt_option in ("-platform", "-display", "-style"):
        p.add_argument(qt_option, metavar="VALUE", help=f"passed to Qt ({qt_option})")
    p.add_argument(
        "--smoke-test", action="store_true", help="start, paint every icon, answer and leave"
    )
    return p


def display_available(environ: dict[str, str] | os._Environ[str], platform: str) -> bool:
    if not platform.startswith("linux"):
        return True
    return bool(
        environ.get("DISPLAY")
        or environ.get("WAYLAND_DISPLAY")
        or environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc"))
    )


def start_tray(argv: list[str], ctx: AppContext | None, con: Console) -> int:
    args = argv[1:] if argv[:1] == ["tray"] else argv
    parsed = tray_parser().parse_args(args)
    environ = ctx.environ if ctx is not None else os.environ
    qt_platform = parsed.platform or ""
    if not qt_platform and not display_available(environ, sys.platform):
        con.say(f"elevate-tray: {NO_DISPLAY}")
        return errors.USAGE
    from ..core.context import AppContext
    from ..core.errors import ElevateError

    ctx = ctx or AppContext()
    try:
        ctx.dirs.ensure_runtime()  # the tray's socket: refused folders are said, not crashed on
    except ElevateError as exc:
        con.say(f"elevate-tray: {exc.sentence}")
        return exc.exit_code
    from ..ui.app import main as tray_main

    qt_args: list[str] = []
    for name in ("platform", "display", "style"):
        value = getattr(parsed, name)
        if value:
            qt_args += [f"-{name}", value]
    if parsed.smoke_test:
        qt_args.append("--smoke-test")
    return tray_main(qt_args, ctx)
