"""A command line's `elevate`, `status`, `console` and `drop`, done by the tray.

The tray has boto3 loaded and keeps one Elevator per target (flows.elevate.WarmElevators),
so after the first elevation its STS connection is open: a command line that asks it
(cli/tray_client.py) pays a local round trip instead of an interpreter full of botocore.
The work is the flows', off the UI thread through the controller's runner; what the command
prints is flows/said.py's, written into a Transcript, so the answer reads exactly as the
command line itself would have said it, with its exit code.

The tray never asks for anything here: the code comes with the request. What would need
the person at the terminal (a discovered MFA device to save, a second code) is answered
NEEDS_TERMINAL, and the command line does it all itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core import localsocket
from ..core.context import AppContext
from ..core.errors import ElevateError, MfaRejected
from ..flows import said
from ..flows.elevate import WarmElevators

Reply = Callable[[dict[str, Any]], None]
NEEDS_TERMINAL = "needs-terminal"
UNAVAILABLE = "unavailable"
VIA = "tray"
VALUES = {
    "elevate": ("target", "code", "duration", "reason"),
    "status": ("target",),
    "console": ("target",),
    "drop": ("target",),
}
FLAGS = {
    "elevate": ("no_browser", "print_url"),
    "status": ("json",),
    "console": ("print_url",),
    "drop": ("revoke", "all"),
}


class _NeedsTerminal(Exception):
    """Only the person at the command line's terminal can go on."""


def _no_terminal() -> str:
    raise _NeedsTerminal


def valid(command: Any, args: Any) -> bool:
    if command not in VALUES or not isinstance(args, dict):
        return False
    for name, value in args.items():
        if name in VALUES[command]:
            if not isinstance(value, str):
                return False
        elif name not in FLAGS[command] or value is not True:
            return False
    return command != "elevate" or "code" in args


class TrayService:
    def __init__(self, ctx: AppContext, runner: Any, changed: Callable[[], None]) -> None:
        self.ctx, self.runner, self.changed = ctx, runner, changed
        self.elevators = WarmElevators()

    def serve(self, request: dict[str, Any], reply: Reply) -> None:
        command, args = request.get("command"), request.get("args")
        if not valid(command, args):
            reply({"error": "bad-request"})
            return
        if request.get("tz") != self.ctx.environ.get("TZ"):
            # "until 14:05" in this tray's time zone would not be the terminal's
            reply(localsocket.error_answer(localsocket.OTHER_ENVIRONMENT))
            return

        def done(result: Any, error: BaseException | None) -> None:
            reply(result if error is None else {"error": UNAVAILABLE})
            self.changed()  # the tray shows at once what the command changed

        self.runner.run_task(lambda: self.run(command, args), done)

    def run(self, command: str, args: dict[str, Any]) -> dict[str, Any]:
        from ..core.secrets import KeyringStore

        t = said.Transcript()
        KeyringStore.allow_prompt()  # a command line's command: a locked keyring may ask once
        self.ctx.reload()  # the AWS config and settings as the command line would read them
        try:
            t.exit = getattr(self, f"_{command}")(t, args)
        except _NeedsTerminal:
            return {"error": NEEDS_TERMINAL}
        except ElevateError as exc:
            t.exit = said.failed(t, exc)
        said.notices(t, self.ctx.take_notices())
        return t.answer()

    def _elevate(self, t: said.Transcript, args: dict[str, Any]) -> int:
        # the command line's order: the target, then the duration and the code's form,
        # all before any call
        from ..core.textrules import parse_duration
        from ..core.totp import normalise_code
        from ..flows.codes import choose

        target = self.ctx.target(args.get("target"))
        duration = parse_duration(args["duration"]) if "duration" in args else None
        given = normalise_code(args["code"])
        no_browser, print_url = bool(args.get("no_browser")), bool(args.get("print_url"))
        prepared = self.elevators.prepare(self.ctx, target, console=not no_browser or print_url)
        if prepared.discovered:
            raise _NeedsTerminal  # the command line offers to save the device it found
        codes = choose(self.ctx, prepared.serial, given, ask=_no_terminal)
        try:
            return said.elevate(
                t,
                self.ctx,
                prepared,
                codes,
                duration=duration,
                reason=args.get("reason", ""),
                browser=not no_browser and not print_url,
                print_url=print_url,
                via=VIA,
            )
        except ElevateError as exc:
            if not isinstance(exc, MfaRejected):
                self.elevators.forget(target.name)
            raise

    def _status(self, t: said.Transcript, args: dict[str, Any]) -> int:
        return said.status(t, self.ctx, args.get("target"), bool(args.get("json")))

    def _console(self, t: said.Transcript, args: dict[str, Any]) -> int:
        return said.console(t, self.ctx, args.get("target"), bool(args.get("print_url")), via=VIA)

    def _drop(self, t: said.Transcript, args: dict[str, Any]) -> int:
        return said.drop(
            t,
            self.ctx,
            args.get("target"),
            revoke=bool(args.get("revoke")),
            every=bool(args.get("all")),
            via=VIA,
        )
