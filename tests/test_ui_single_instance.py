# ruff: noqa: F811  (pytest fixtures imported from test_ui_support are re-bound as arguments)
"""One tray per user: a second launch hands over to the first; the CLI's fast path gets the
live admin session's credentials over the same socket, and nothing else."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading

import pytest

from elevate_tray.ui.app import _handle
from elevate_tray.ui.single_instance import SingleInstance, hand_over
from tests.test_ui_support import QT_NOISE, controller, ctx, home_env, start_session  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


@pytest.fixture
def server(controller):  # type: ignore[no-untyped-def]
    srv = SingleInstance(
        controller.ctx.dirs.socket_path,
        lambda req, reply, peer: _handle(controller, req, reply, peer),
    )
    assert srv.listen()
    yield srv
    srv.close()


def ask_in_thread(qtbot, path, request):  # type: ignore[no-untyped-def]
    """The client blocks; the tray's event loop must keep running to answer it."""
    out: dict = {}
    thread = threading.Thread(target=lambda: out.update(answer=hand_over(path, request)))
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)
    return out["answer"]


def test_second_launch_hands_over_and_exits(qtbot, controller, server, home_env) -> None:  # type: ignore[no-untyped-def]
    controller.window.hide()
    proc = subprocess.Popen(
        [sys.executable, "-m", "elevate_tray.ui.app"],
        env=dict(controller.ctx.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert "already running" in out
    assert controller.window.isVisible()  # the first tray showed itself


def test_socket_is_the_users_alone(server) -> None:  # type: ignore[no-untyped-def]
    assert server.socket_path.stat().st_mode & 0o077 == 0


def test_credentials_only_while_elevated(qtbot, controller, server) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.core.localsocket import aws_environment

    path, env = server.socket_path, aws_environment(controller.ctx.environ)
    asked = {"op": "credentials", "key": "prod", "env": env}
    assert ask_in_thread(qtbot, path, asked) == {"error": "not-elevated"}
    start_session(controller.ctx, 900)
    answer = ask_in_thread(qtbot, path, asked)["credentials"]
    assert answer["Version"] == 1 and answer["AccessKeyId"] == "ASIAEXAMPLEEXAMPLE00"
    assert answer["SessionToken"] == "canary-session-token"
    assert ask_in_thread(qtbot, path, {"op": "format-disk", "env": env}) == {"error": "unknown-op"}


def test_garbage_gets_an_error_not_a_crash(qtbot, server) -> None:  # type: ignore[no-untyped-def]
    out: dict = {}

    def raw() -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(str(server.socket_path))
            s.sendall(b"\xff not json\n")
            out["line"] = s.recv(4096)

    thread = threading.Thread(target=raw)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)
    assert json.loads(out["line"])["error"] == "bad-request"


def test_stale_socket_of_a_dead_tray_is_replaced(controller) -> None:  # type: ignore[no-untyped-def]
    path = controller.ctx.dirs.socket_path
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()  # the file stays; nobody listens
    assert path.exists()
    srv = SingleInstance(path, lambda req, reply, peer: reply({"ok": True}))
    try:
        assert srv.listen()
        assert srv.sock is not None
    finally:
        srv.close()
