"""Who asks the tray for credentials: the program that started `elevate-tray credentials`,
and the program that started that one ("aws s3 ls", from "bash").

The socket's peer pid (core/peers.py) is `elevate-tray credentials` itself; its parent is the
program a person would recognise. Read from /proc on Linux; elsewhere, or when the processes
are gone, nothing is known and the dialog says "a program". A command line is shown to the
person at the screen only (it is theirs), never logged. Stdlib-only.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

MAX_SHOWN = 60  # characters of a command line shown in the dialog
PROC = Path("/proc")
# a script's interpreter says less than the script: `python3 /venv/bin/aws s3 ls` is "aws s3 ls"
INTERPRETERS = re.compile(r"^(python[0-9.]*|pypy[0-9.]*|node|ruby|perl[0-9.]*|php|bash|sh|dash)$")


@dataclass(frozen=True)
class Requester:
    program: str | None = None  # "aws s3 ls": None when it cannot be told
    parent: str | None = None  # "bash": the program's own parent, None when unknown


def parent_pid(pid: int, proc: Path = PROC) -> int | None:
    """The parent of `pid` as the kernel tells it (/proc/PID/stat's fourth field)."""
    try:
        stat = (proc / str(pid) / "stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    # the command name (second field) is in parentheses and may hold spaces or ")"
    fields = stat[stat.rfind(")") + 2 :].split()
    try:
        ppid = int(fields[1])
    except (IndexError, ValueError):
        return None
    return ppid if ppid > 1 else None  # 1 (or 0): the parent is gone, adopted by init


def command_line(pid: int, proc: Path = PROC) -> list[str]:
    try:
        raw = (proc / str(pid) / "cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]


def shown(argv: list[str], limit: int = MAX_SHOWN) -> str | None:
    """A command line as a person recognises it: the program's name (not its path) and its
    first arguments, at most `limit` characters."""
    if not argv:
        return None
    words = list(argv)
    name = os.path.basename(words[0]).lstrip("-")  # a login shell is "-bash"
    if INTERPRETERS.match(name) and len(words) > 1 and not words[1].startswith("-"):
        words = words[1:]  # the script, not its interpreter
        name = os.path.basename(words[0])
    text = " ".join([name, *(" ".join(w.split()) for w in words[1:])]).strip()
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def name_of(argv: list[str]) -> str | None:
    """Only the program's name: enough to say where a request came from."""
    text = shown(argv[:1] if argv else [], MAX_SHOWN)
    return text.split(" ", 1)[0] if text else None


def requester_of(peer_pid: int | None, proc: Path = PROC) -> Requester:
    """The program behind the peer `peer_pid` (the credentials process) and its parent."""
    if peer_pid is None or not proc.is_dir():
        return Requester()
    program = parent_pid(peer_pid, proc)
    if program is None:
        return Requester()
    described = shown(command_line(program, proc))
    grand = parent_pid(program, proc)
    parent = name_of(_script_first(command_line(grand, proc))) if grand is not None else None
    return Requester(described, parent)


def _script_first(argv: list[str]) -> list[str]:
    """For a parent, the script's name rather than its interpreter's ("pytest", not "python3")."""
    if len(argv) > 1 and INTERPRETERS.match(os.path.basename(argv[0])):
        if argv[1] == "-m" and len(argv) > 2:
            return argv[2:]
        if not argv[1].startswith("-"):
            return argv[1:]
    return argv
