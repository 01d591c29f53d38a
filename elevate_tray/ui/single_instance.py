"""One tray per user: a Unix-domain socket in the user-only runtime dir (qutebrowser's habit).

A second launch connects, says {"op": "activate"} and leaves; the first shows itself. The
CLI's fast path asks {"op": "credentials", "target": T} for a live admin session's
credential_process JSON. Requests and answers are one line of JSON each.

Plain Python sockets watched by a QSocketNotifier rather than QtNetwork: the same protocol,
and 2-3 MB less resident memory for a process that lives all day.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 0.3
ANSWER_TIMEOUT = 2.0
MAX_REQUEST = 64 * 1024
Reply = Callable[[dict[str, Any] | str], None]
Handler = Callable[[dict[str, Any], Reply], None]


def hand_over(
    socket_path: Path, request: dict[str, Any] | None = None, timeout: float = ANSWER_TIMEOUT
) -> dict[str, Any] | None:
    """Send a request to a running tray; its answer, or None when no tray listens."""
    if not hasattr(socket, "AF_UNIX"):  # pragma: no cover - Windows before AF_UNIX support
        return None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(CONNECT_TIMEOUT)
        try:
            sock.connect(str(socket_path))
        except OSError:
            return None
        sock.settimeout(timeout)
        buf = b""
        try:
            sock.sendall((json.dumps(request or {"op": "activate"}) + "\n").encode())
            while b"\n" not in buf:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                buf += chunk
        except OSError:
            return {}
    try:
        answer = json.loads(buf.split(b"\n", 1)[0] or b"{}")
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


class _Connection(QObject):
    def __init__(self, sock: socket.socket, owner: SingleInstance) -> None:
        super().__init__(owner)
        self.sock, self.owner, self.buf = sock, owner, b""
        self.notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._readable)

    def _readable(self) -> None:
        try:
            chunk = self.sock.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        self.buf += chunk
        if b"\n" in self.buf or not chunk or len(self.buf) > MAX_REQUEST:
            self.notifier.setEnabled(False)
            self.owner._request(self, self.buf.split(b"\n", 1)[0])

    def reply(self, answer: dict[str, Any] | str) -> None:
        text = answer if isinstance(answer, str) else json.dumps(answer)
        with contextlib.suppress(OSError):
            self.sock.setblocking(True)
            self.sock.settimeout(ANSWER_TIMEOUT)
            self.sock.sendall((text + "\n").encode())
        self.close()

    def close(self) -> None:
        self.notifier.setEnabled(False)
        with contextlib.suppress(OSError):
            self.sock.close()
        self.deleteLater()


class SingleInstance(QObject):
    """The first tray's server. `listen()` is False when another tray answered instead."""

    def __init__(self, socket_path: Path, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.socket_path = socket_path
        self.handler = handler
        self.sock: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None

    def listen(self) -> bool:
        if not hasattr(socket, "AF_UNIX"):  # pragma: no cover
            log.warning("no local sockets on this platform: a second tray cannot be prevented")
            return True
        for _attempt in range(3):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            old_umask = os.umask(0o177)  # the socket file is the user's alone from the start
            try:
                sock.bind(str(self.socket_path))
            except OSError as exc:
                sock.close()
                if exc.errno != errno.EADDRINUSE:
                    log.warning("cannot listen on %s: %s", self.socket_path, exc)
                    return True  # run anyway: one tray without a socket beats none
                if hand_over(self.socket_path) is not None:
                    return False  # another tray is alive and was asked to show itself
                # a stale socket of a tray that died: remove it and try again
                with contextlib.suppress(FileNotFoundError):
                    self.socket_path.unlink()
                continue
            finally:
                os.umask(old_umask)
            sock.listen(8)
            sock.setblocking(False)
            self.sock = sock
            self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._accept)
            return True
        return True

    def close(self) -> None:
        if self.sock is not None:
            if self._notifier is not None:
                self._notifier.setEnabled(False)
            self.sock.close()
            self.sock = None
            with contextlib.suppress(FileNotFoundError):
                self.socket_path.unlink()

    def _accept(self) -> None:
        assert self.sock is not None
        while True:
            try:
                conn, _ = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                log.warning("local socket accept failed: %s", exc)
                return
            conn.setblocking(False)
            _Connection(conn, self)

    def _request(self, conn: _Connection, line: bytes) -> None:
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError
        except ValueError:
            conn.reply({"error": "bad-request"})
            return
        self.handler(request, conn.reply)
