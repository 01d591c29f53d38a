"""`make run`: the tray against your AWS config, or against the local sandbox when no
target is configured, so a newcomer can try every flow without an AWS account."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .sandbox.sandbox import Sandbox


def _has_real_targets() -> bool:
    from .core.context import AppContext
    from .core.errors import ConfigError

    try:
        return bool(AppContext().targets())
    except ConfigError as exc:
        print(f"elevate-tray: {exc.sentence}", file=sys.stderr)
        return True  # a broken real config should be fixed, not silently replaced


def _display_available() -> bool:
    if sys.platform != "linux":
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    )


def start_sandbox_env() -> Sandbox:
    """Start the sandbox in this process (on its port of last time when free, as
    `elevate-tray sandbox` does) and point this process's environment at it."""
    from .sandbox.launch import app_env, default_home, launch

    launched = launch(default_home())  # the same place and port `elevate-tray sandbox` uses
    if launched.notice:
        print(launched.notice, file=sys.stderr)
    sandbox = launched.sandbox
    os.environ.update(app_env(sandbox))
    from .core.context import AppContext
    from .core.totp import secret_key

    ctx = AppContext()
    ctx.secrets.set(secret_key(sandbox.account.mfa_serial), sandbox.account.mfa_secret)
    return sandbox


def main() -> int:
    if _has_real_targets():
        from .ui.app import main as tray_main

        return tray_main([])
    from .core.commandline import SANDBOX_MISSING, sandbox_installed

    if not sandbox_installed():
        print(SANDBOX_MISSING, file=sys.stderr)
        return 2
    import signal

    from .core.stopsignal import StopSignals
    from .sandbox.launch import LaunchError, export_lines

    # Ctrl-C (or a SIGTERM) at any point from here on stops the sandbox cleanly, even while
    # it is still starting: never a KeyboardInterrupt traceback
    stop = StopSignals().install()
    try:
        sandbox = start_sandbox_env()
    except LaunchError as exc:
        stop.uninstall()
        print(exc.sentence, file=sys.stderr)
        return 2
    print(
        "elevate-tray: no AWS target is configured, so this runs against the local SANDBOX "
        "(a fake AWS account; the app fills in its MFA codes for you).\n"
        + "\n".join(export_lines(sandbox)),
        file=sys.stderr,
    )
    if not _display_available():
        print(
            "elevate-tray: no display here, so no tray; the sandbox keeps running for the "
            "command line. Press Ctrl-C to stop.",
            file=sys.stderr,
        )
        try:
            stop.wait()
        finally:
            sandbox.stop()
            stop.uninstall()
        return 0
    if stop.requested:
        sandbox.stop()
        stop.uninstall()
        return 0
    stop.uninstall()
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # the tray's own way of quitting from here
    from .ui.app import main as tray_main

    return tray_main([])


if __name__ == "__main__":
    sys.exit(main())
