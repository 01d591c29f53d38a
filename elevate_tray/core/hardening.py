"""Keep the tray's secrets out of core dumps.

The tray holds session keys, sign-in URLs and perhaps a TOTP secret in memory all day: a
crash must not write them to a core file, and another process of the user must not read
them through /proc/PID/mem or a debugger. So the tray process says it is not dumpable
(Linux prctl PR_SET_DUMPABLE 0: no core file, /proc/PID files owned by root, no ptrace by
the user's other processes) and sets its core size limit to 0 (every POSIX system).
Stdlib-only; each step is best effort (a platform without it keeps running).
"""

from __future__ import annotations

import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def keep_out_of_core_dumps() -> list[str]:
    """Do what this platform allows; what was done, by name (for the log)."""
    done = []
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        done.append("core size 0")
    except (ImportError, ValueError, OSError):  # pragma: no cover - Windows
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
                done.append("not dumpable")
        except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
            pass
    return done


def dumpable() -> bool | None:
    """This process's dumpable flag (Linux), None where it cannot be told."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return bool(ctypes.CDLL(None, use_errno=True).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
    except (OSError, AttributeError):  # pragma: no cover
        return None
