"""`elevate`, `status`, `console` and `drop`, answered by the running tray.

The tray has boto3 imported and its STS and sign-in connections warm, so a command line
that only asks it pays a bare Python start and one local round trip. Asked only with the
simple arguments parsed here (anything else is the full command line's), and answered only
when the tray means the same AWS (core.localsocket.aws_environment). The tray sends what
the command prints and its exit code (flows/said.py writes it, for both); any other answer
(no tray, another environment, a tray that cannot do it without a terminal) falls through
to the full command line, which does the work itself.

Stdlib and core.localsocket only: nothing here may load boto3 or Qt.
"""

from __future__ import annotations

import os

from ..core import localsocket

TYPE_CHECKING = False  # typing costs this path ~2 ms; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

    from .console import Console

# per command: its value options, its flag options
OPTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "elevate": (("--target", "--code", "--duration", "--reason"), ("--no-browser", "--print-url")),
    "status": (("--target",), ("--json",)),
    "console": (("--target",), ("--print-url",)),
    "drop": (("--target",), ("--revoke", "--all")),
}
SHORT = {"-t": "--target", "-d": "--duration"}
# how long the tray may take: AWS calls, and for a console the browser taking the hand-off
# (at most the hand-off's longest timeout, 600 s)
ANSWER_WAIT = {"elevate": 660.0, "console": 660.0, "status": 30.0, "drop": 120.0}
STREAMS = ("out", "say")


def parse(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """(command, {option: value}) when every argument is one this path knows, else None."""
    if not argv or argv[0] not in OPTIONS:
        return None
    command, rest = argv[0], argv[1:]
    values, flags = OPTIONS[command]
    args: dict[str, Any] = {}
    i = 0
    while i < len(rest):
        name, value = rest[i], None
        if name.startswith("--") and "=" in name:
            name, value = name.split("=", 1)
        name = SHORT.get(name, name)
        if name in flags and value is None:
            args[name[2:].replace("-", "_")] = True
        elif name in values:
            if value is None:
                if i + 1 >= len(rest):
                    return None
                i += 1
                value = rest[i]
                if value.startswith("-"):
                    return None  # argparse's reading of it, not ours
            args[name[2:]] = value
        else:
            return None
        i += 1
    if command == "elevate" and "code" not in args:
        return None  # the code would be asked at this terminal: the full command asks it
    return command, args


def _printable(answer: dict[str, Any] | None) -> tuple[list[tuple[str, str]], int] | None:
    if not answer or not isinstance(answer.get("exit"), int):
        return None
    lines = answer.get("lines")
    if not isinstance(lines, list):
        return None
    out = []
    for line in lines:
        if not (isinstance(line, list) and len(line) == 2 and line[0] in STREAMS):
            return None
        if not isinstance(line[1], str):
            return None
        out.append((line[0], line[1]))
    return out, answer["exit"]


def try_tray(argv: list[str], environ: Any, con: Console) -> int | None:
    """Print the tray's answer and return its exit code, or None to fall through."""
    parsed = parse(argv)
    if parsed is None:
        return None
    command, args = parsed
    try:
        path = localsocket.socket_path(environ)
    except Exception:  # no safe runtime folder: the full command says it, or works without
        return None
    if not os.path.exists(path):
        return None
    request = {
        "op": "command",
        "command": command,
        "args": args,
        "env": localsocket.aws_environment(environ),
        "tz": environ.get("TZ"),  # the tray says clock times as this terminal would
    }
    printable = _printable(localsocket.ask(path, request, timeout=ANSWER_WAIT[command]))
    if printable is None:
        return None
    lines, code = printable
    for stream, text in lines:
        (con.out if stream == "out" else con.say)(text)
    return code
