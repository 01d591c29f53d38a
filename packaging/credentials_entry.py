"""The bundle's credential_process executable, `elevate-tray-credentials`: the frozen
`elevate-tray credentials` with nothing loaded that the answer does not need.

    elevate-tray-credentials [--target T] [--readonly]     = elevate-tray credentials ...

Every `aws` command runs credential_process, and a frozen start pays for every module in its
archive and for every runtime hook: the main executable's (Qt's, inspect's, multiprocessing's)
cost more than the answer. So build.spec freezes this script on its own (no Qt, no boto3, no
keyring, none of their hooks) beside the main executable in the same folder. It answers
what the fast path answers (elevate_tray/fastpath.py: a live session from the file store or
from the running tray) and hands everything else to the full app, the bundle's main
executable, with the same arguments: exec'd in place, so the caller sees that command's
stdout, stderr and exit code, as if it had run it.
"""

import os
import sys

from elevate_tray.fastpath import try_credentials

FULL_APP = "elevate-tray"  # build.spec's NAME: the main executable beside this one
WINDOWS = sys.platform == "win32"


def full_app() -> str:
    """The main executable of this bundle; on Windows its console twin (a windowed .exe has
    no stdout for credential_process)."""
    name = f"{FULL_APP}-cli.exe" if WINDOWS else FULL_APP
    return os.path.join(os.path.dirname(sys.executable), name)


def hand_over(args: list[str]) -> int:
    """Run the full app's `credentials` in this process's place, in the caller's environment
    (this bootloader's library path and state left out: the app's own sets them afresh)."""
    from elevate_tray.core.commandline import launch_environment

    full = full_app()
    argv = [full, "credentials", *args]
    env = launch_environment()
    sys.stdout.flush()
    sys.stderr.flush()
    if WINDOWS:  # no exec there (os.execv spawns and returns): wait, and pass the code on
        import subprocess

        return subprocess.call(argv, env=env)
    try:
        os.execve(full, argv, env)
    except OSError:
        sys.stderr.write(
            f"{FULL_APP}-credentials: the app's executable is missing beside it ({full}); "
            "reinstall elevate-tray.\n"
        )
        return 2


def main() -> int:
    args = sys.argv[1:]
    if try_credentials(args):
        return 0
    return hand_over(args)


if __name__ == "__main__":
    sys.exit(main())
