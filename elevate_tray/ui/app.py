"""The tray app's entry point: one tray per user, the translator, the controller.

The path to "icon shown" imports Qt and the core's light modules only; boto3 and botocore
load the first time someone elevates (the 0.35 s start budget).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from ..core import localsocket
from ..core.context import AppContext

log = logging.getLogger(__name__)

QT_ARGS = ("-platform", "-display", "-style")


def _qt_argv(argv: list[str]) -> list[str]:
    out = ["elevate-tray"]  # the X11 instance name tray hosts and xdotool see
    it = iter(argv)
    for arg in it:
        if arg in QT_ARGS:
            out += [arg, next(it, "")]
    return out


def main(argv: list[str] | None = None, ctx: AppContext | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from ..core.hardening import keep_out_of_core_dumps

    log.info("secrets kept out of core dumps: %s", ", ".join(keep_out_of_core_dumps()) or "no")
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPixmapCache
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(_qt_argv(argv))
    # No timers while read-only: Qt's pixmap cache starts a 30 s flush timer on its first
    # insert (the tray icon's first paint, via QPixmapIconEngine), which woke the idle tray
    # at 30 s and 60 s. Nothing is inserted with no room, so no timer ever starts; the
    # little this app paints is cheap to paint afresh.
    QPixmapCache.setCacheLimit(0)
    app.setApplicationName("elevate-tray")
    app.setDesktopFileName("elevate-tray")
    app.setQuitOnLastWindowClosed(False)
    ctx = ctx or AppContext()

    from .single_instance import SingleInstance, hand_over

    if hand_over(ctx.dirs.socket_path) is not None:
        print("elevate-tray is already running; it was asked to show itself.")
        return 0

    from .controller import TrayController
    from .i18n import install_translator, remove_translator

    translator = install_translator(app, ctx.environ)
    controller = TrayController(ctx)
    server = SingleInstance(
        ctx.dirs.socket_path, lambda req, reply, peer: _handle(controller, req, reply, peer)
    )
    if not server.listen():
        print("elevate-tray is already running; it was asked to show itself.")
        return 0
    controller.start()
    if "--smoke-test" in argv:
        # the packaging issue's hook: start, paint every icon, answer, leave
        return _smoke_test(controller, server)

    def after_start() -> None:
        from .wake import WakeWatcher

        controller.wake = WakeWatcher(controller.recheck, controller)  # type: ignore[attr-defined]

    QTimer.singleShot(0, after_start)
    try:
        return app.exec()
    finally:
        server.close()
        remove_translator(app, translator)


# asked whatever the environment: no work, or a live session the client named by its key
# (the client chose it by its own AWS_PROFILE; a gate here would send every credential_process
# call of a shell that exports another profile to the keyring instead)
FREE_OPS = ("activate", "ping", "credentials")
SERVICE_THREADS = 4  # command lines answered at once (more wait their turn)


def _handle(controller: Any, request: dict[str, Any], reply: Any, peer: Any = None) -> None:
    """One request on the tray's socket (already framed and version-checked)."""
    op = request.get("op")
    if op not in FREE_OPS and not localsocket.same_environment(request, controller.ctx.environ):
        # another AWS_CONFIG_FILE, profile, region or endpoint: the client does it itself
        reply(localsocket.error_answer(localsocket.OTHER_ENVIRONMENT))
        return
    if op == "activate":
        controller.activate()
        reply({"ok": True})
    elif op == "ping":
        reply({"ok": True})
    elif op == "credentials" and "source" in request:
        _source_answer(controller, request.get("source"), reply)
    elif op == "credentials":
        key = request.get("key")
        if not isinstance(key, str) or not key:
            reply({"error": "bad-request"})
            return
        from ..flows.credentials import socket_answer

        controller.runner.run_task(
            lambda: socket_answer(controller.ctx, key),
            lambda result, error: reply(result if error is None else {"error": "unavailable"}),
        )
    elif op == "console":
        controller.console.serve(request, reply)
    elif op == "broker":
        from .broker import TrayBroker

        TrayBroker.of(controller).serve(request, reply, peer)
    elif op == "command":
        _service(controller).serve(request, reply)
    else:
        reply({"error": "unknown-op"})


def _source_answer(controller: Any, profile: object, reply: Any) -> None:
    """A kept long-term key for `credentials --source P`: read from the store once (off the
    UI thread: a keyring may prompt), then from memory."""
    if not isinstance(profile, str) or not profile:
        reply({"error": "bad-request"})
        return
    from ..flows.credentials import source_answer

    controller.runner.run_task(
        lambda: source_answer(controller.ctx, profile),
        lambda result, error: reply(result if error is None else {"error": "unavailable"}),
    )


def _service(controller: Any) -> Any:
    """The command lines' service, made at the first command (its imports are not on the
    path to the tray icon)."""
    service = getattr(controller, "service", None)
    if service is None:
        from .tray_service import TrayService
        from .workers import ThreadRunner

        runner = controller.runner
        if isinstance(runner, ThreadRunner):
            # workers of its own: a console waiting for the browser to take its hand-off
            # (up to handoff_timeout) must not hold the threads that answer credentials
            runner = ThreadRunner(SERVICE_THREADS)
        service = controller.service = TrayService(controller.ctx, runner, controller.recheck)
    return service


def _smoke_test(controller: Any, server: Any) -> int:
    from ..core.lifecycle import Mode

    for mode, left in (
        (Mode.READ_ONLY, 0),
        (Mode.ELEVATING, 0),
        (Mode.ADMIN, 600),
        (Mode.ADMIN, 30),
    ):
        if controller.painter.icon(mode, left).isNull():
            print(f"smoke-test: the {mode.value} icon is empty", file=sys.stderr)
            return 1
    server.close()
    print(json.dumps({"smoke_test": "ok", "tray": controller.tray is not None}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
