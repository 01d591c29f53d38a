"""`make run`: the tray against your AWS config, or against the local sandbox when no
target is configured, so a newcomer can try every flow without an AWS account."""

from __future__ import annotations

import os
import sys


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


def start_sandbox_env() -> object:
    """Start the sandbox in this process and point this process's environment at it."""
    from .sandbox import Sandbox
    from .sandbox.__main__ import default_home

    home = default_home()  # the same place `elevate-tray sandbox` uses
    sb = Sandbox(home)
    sb.start()
    os.environ.update(sb.env())
    # the sandbox's app state lives beside it, never mixed with a real account's
    os.environ["ELEVATE_TRAY_HOME"] = str(home / "app")
    os.environ["ELEVATE_TRAY_SECRET_STORE"] = "file"
    os.environ["ELEVATE_TRAY_SANDBOX"] = "1"
    from .core.context import AppContext
    from .core.totp import secret_key

    ctx = AppContext()
    ctx.secrets.set(secret_key(sb.account.mfa_serial), sb.account.mfa_secret)
    return sb


def main() -> int:
    if _has_real_targets():
        from .ui.app import main as tray_main

        return tray_main([])
    sb = start_sandbox_env()
    cli = os.path.join(os.path.dirname(sys.executable), "elevate-tray")
    exports = "\n".join(
        f"  export {k}={v}"
        for k, v in sorted(os.environ.items())
        if k.startswith(("AWS_", "ELEVATE_TRAY_")) and k != "AWS_CA_BUNDLE"
    )
    print(
        "elevate-tray: no AWS target is configured, so this runs against the local SANDBOX "
        f"(a fake AWS account on {sb.endpoint_url}; its MFA code is filled in for you).\n"  # type: ignore[attr-defined]
        "To use the sandbox from another terminal:\n" + exports + "\n"
        f"  {cli} elevate --no-browser     # then: status, credentials, console, drop",
        file=sys.stderr,
    )
    if not _display_available():
        print(
            "elevate-tray: no display here, so no tray; the sandbox keeps running for the "
            "command line. Press Ctrl-C to stop.",
            file=sys.stderr,
        )
        try:
            import threading

            threading.Event().wait()
        except KeyboardInterrupt:
            return 0
    from .ui.app import main as tray_main

    return tray_main([])


if __name__ == "__main__":
    sys.exit(main())
