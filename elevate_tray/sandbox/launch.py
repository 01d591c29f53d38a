"""Starting the sandbox for a person, whoever starts it (`elevate-tray sandbox`, `make run`):
where it lives, the port it keeps between runs, and the one set of `export` lines that points
another terminal at it.

No moto at import time: `launch()` imports the Sandbox only when it starts one.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .facts import read_facts

if TYPE_CHECKING:
    from .sandbox import Sandbox

PROG = "elevate-tray sandbox"
CODE_COMMAND = "elevate-tray sandbox code"
HOME_ENV = "ELEVATE_TRAY_SANDBOX_HOME"  # exported, so `elevate-tray sandbox code` finds it


class LaunchError(Exception):
    """One sentence for the person who started the sandbox (exit 2)."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


def default_home() -> Path:
    """$ELEVATE_TRAY_SANDBOX_HOME, else $ELEVATE_TRAY_HOME/sandbox, else the user data dir."""
    sandbox_home = os.environ.get(HOME_ENV)
    if sandbox_home:
        return Path(sandbox_home).expanduser()
    home = os.environ.get("ELEVATE_TRAY_HOME")
    if home:
        return Path(home).expanduser() / "sandbox"
    import platformdirs

    return Path(platformdirs.user_data_dir("elevate-tray", appauthor=False)) / "sandbox"


def parse_port(text: str) -> int:
    """A --port value: 1-65535 (0: any free port)."""
    try:
        port = int(text.strip())
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise LaunchError(
            f"{PROG}: --port {text} is not a port: give a number from 1 to 65535, "
            "or leave --port out to reuse the sandbox's last port."
        )
    return port


_PROPAGATION = re.compile(r"(?:(\d+)m)?(?:(\d+)s?)?", re.ASCII)


def parse_delay(text: str, option: str, without: str) -> float:
    """A delay option's value: seconds, or 10s, 2m, 1m30s -> seconds (at most an hour)."""
    m = _PROPAGATION.fullmatch(text.strip().lower())
    seconds = int(m[1] or 0) * 60 + int(m[2] or 0) if m and (m[1] or m[2]) else -1
    if not 0 <= seconds <= 3600:
        raise LaunchError(
            f"{PROG}: {option} {text} is not a delay: give seconds or minutes "
            f"like 10s or 2m (at most 60m), or leave it out for {without}."
        )
    return float(seconds)


def parse_propagation(text: str) -> float:
    """A --key-propagation value (parse_delay)."""
    return parse_delay(text, "--key-propagation", "keys that work at once")


def parse_cloudtrail_delay(text: str) -> float:
    """A --cloudtrail-delay value (parse_delay): how late CloudTrail events arrive."""
    return parse_delay(text, "--cloudtrail-delay", "events that LookupEvents sees at once")


def remembered_port(home: Path) -> int:
    """The port the sandbox in `home` listened on last time (0: none remembered)."""
    facts = read_facts(home / "sandbox.json")
    try:
        port = urlsplit(str(facts.get("endpoint_url"))).port if facts else None
    except ValueError:
        return 0
    return port if port and 0 < port <= 65535 else 0


@dataclass(frozen=True)
class Launched:
    sandbox: Sandbox
    notice: str | None  # one line when the remembered port was taken


def _ready_home(home: Path) -> None:
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise LaunchError(
            f"{PROG}: cannot create its folder {home} ({exc.strerror or exc}): point "
            f"{HOME_ENV} (or --home) at a folder you can write."
        ) from None
    if not os.access(home, os.W_OK | os.X_OK):
        raise LaunchError(
            f"{PROG}: its folder {home} is not writable: point {HOME_ENV} (or --home) "
            "at a folder you can write."
        )


def _cannot_listen(port: int, exc: OSError) -> LaunchError:
    import errno

    if exc.errno == errno.EADDRINUSE:
        return LaunchError(
            f"{PROG}: port {port} on 127.0.0.1 is taken by another program: pick another "
            "with --port, or leave --port out to reuse the sandbox's last port or a free one."
        )
    return LaunchError(
        f"{PROG}: cannot listen on 127.0.0.1:{port} ({exc.strerror or exc}): pick a port "
        "above 1023 with --port, or leave --port out."
    )


def launch(
    home: Path,
    port: int | None = None,
    key_propagation: float = 0.0,
    cloudtrail_delay: float = 0.0,
    organization: bool = False,
) -> Launched:
    """Start the sandbox in `home`: on `port` if given (LaunchError when it cannot listen
    there), else on the port it used last time, else (that port taken) on a free one. A
    Python without the `sandbox` extra is a LaunchError too: every starter says it the same.
    key_propagation: seconds before a key made by iam:CreateAccessKey works (keys.py);
    cloudtrail_delay: seconds before an event reaches LookupEvents (trail.py);
    organization: the organization sandbox (five accounts, Organizations, StackSets)."""
    try:
        return _launch(home, port, key_propagation, cloudtrail_delay, organization)
    except ImportError as exc:
        raise LaunchError(
            "elevate-tray: the sandbox needs the 'sandbox' extra "
            f"(pip install 'elevate-tray[sandbox]'): {exc}"
        ) from None


def _launch(
    home: Path, port: int | None, key_propagation: float, cloudtrail_delay: float, org: bool
) -> Launched:
    from .sandbox import Sandbox

    def start(on: int) -> Sandbox:
        return Sandbox(
            home,
            port=on,
            key_propagation_seconds=key_propagation,
            cloudtrail_delay_seconds=cloudtrail_delay,
            organization=org,
        ).start()

    _ready_home(home)
    if port is not None:
        try:
            return Launched(start(port), None)
        except OSError as exc:
            raise _cannot_listen(port, exc) from None
    last = remembered_port(home)
    if last:
        try:
            return Launched(start(last), None)
        except OSError:
            pass
    try:
        sandbox = start(0)
    except OSError as exc:
        raise _cannot_listen(0, exc) from None
    notice = (
        f"{PROG}: port {last} (its port last time) is taken, so it listens on "
        f"{sandbox.port} now: paste the new export lines into your other terminals."
        if last
        else None
    )
    return Launched(sandbox, notice)


def app_env(sandbox: Sandbox) -> dict[str, str]:
    """Everything that points the AWS CLI, boto3 and the app at this sandbox; the app's
    state beside it, never mixed with a real account's. No secret in here."""
    return {
        **sandbox.env(),
        "ELEVATE_TRAY_HOME": str(sandbox.home / "app"),
        "ELEVATE_TRAY_SECRET_STORE": "file",
        "ELEVATE_TRAY_SANDBOX": "1",
        HOME_ENV: str(sandbox.home),
    }


def _this_installation() -> str | None:
    """This installation's `elevate-tray` when the one on PATH is another (or none)."""
    mine = Path(sys.executable).parent / "elevate-tray"
    found = shutil.which("elevate-tray")
    if not mine.exists():
        return None
    if found and Path(found).resolve() == mine.resolve():
        return None
    return str(mine)


def export_lines(sandbox: Sandbox) -> list[str]:
    """The one block both `elevate-tray sandbox` and `make run` print."""
    if sandbox.organization:
        from .org_launch import org_export_lines

        return org_export_lines(sandbox, app_env(sandbox), _this_installation())
    account = sandbox.account
    lines = [
        f"# elevate-tray sandbox on {sandbox.endpoint_url}: a fake AWS account "
        f"{account.account_id} (user {account.user_name}, target profile "
        f"{account.target_profile}); paste these lines into another terminal",
    ]
    lines += [f"export {name}={shlex.quote(value)}" for name, value in app_env(sandbox).items()]
    other = _this_installation()
    if other:
        lines.append(f"# elevate-tray is {other} here: put its folder on PATH")
    lines.append(f"# MFA code for the sandbox's throwaway device: {CODE_COMMAND}")
    if account.admin_profile:
        lines.append(
            f"# account admin (AdministratorAccess) for the setup and its wizard: "
            f"elevate-tray setup plan --profile {account.admin_profile} --group Ops --role OpsAdmin"
        )
    lines.append(
        "# then: elevate-tray elevate --no-browser (status, credentials, console, drop), "
        f"or aws --profile {account.target_profile} iam list-users"
    )
    return lines
