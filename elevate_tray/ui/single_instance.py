"""One tray per user: a local socket in the user-only runtime dir (qutebrowser's habit).

A second launch connects, says {"op": "activate"} and leaves; the first shows itself. The
CLI's fast path asks {"op": "credentials", "target": T} for a live admin session's
credential_process JSON. Requests and answers are one line of JSON each.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_MS = 300
Handler = Callable[[dict[str, Any], Callable[[dict[str, Any] | str], None]], None]


def hand_over(socket_path: Path, request: dict[str, Any] | None = None, timeout_ms: int = CONNECT_MS) -> dict[str, Any] | None:
    """Send a request to a running tray; its answer, or None when no tray listens."""
    sock = QLocalSocket()
    sock.connectToServer(str(socket_path))
    if not sock.waitForConnected(timeout_ms):
        return None
    sock.write((json.dumps(request or {"op": "activate"}) + "\n").encode())
    sock.flush()
    answer: dict[str, Any] = {}
    buf = b""
    while b"\n" not in buf and sock.waitForReadyRead(timeout_ms * 3):
        buf += bytes(sock.readAll().data())
    try:
        answer = json.loads(buf.split(b"\n", 1)[0] or b"{}")
    except ValueError:
        answer = {}
    sock.disconnectFromServer()
    return answer


class SingleInstance(QObject):
    """The first tray's server. `listen()` is False when another tray answered instead."""

    def __init__(self, socket_path: Path, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.socket_path = socket_path
        self.handler = handler
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        for _attempt in range(3):
            if self.server.listen(str(self.socket_path)):
                return True
            if self.server.serverError() != QLocalSocket.LocalSocketError.AddressInUseError:
                log.warning("cannot listen on %s: %s", self.socket_path, self.server.errorString())
                return True  # run anyway: one tray without a socket beats none
            if hand_over(self.socket_path) is not None:
                return False  # another tray is alive and was asked to show itself
            # a stale socket of a tray that died: remove it and try again
            QLocalServer.removeServer(str(self.socket_path))
        return True

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.setParent(self)
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        line = bytes(sock.readLine().data())
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError
        except ValueError:
            self._reply(sock, {"error": "bad-request"})
            return
        self.handler(request, lambda answer: self._reply(sock, answer))

    @staticmethod
    def _reply(sock: QLocalSocket, answer: dict[str, Any] | str) -> None:
        if sock.state() != QLocalSocket.LocalSocketState.ConnectedState:
            return
        text = answer if isinstance(answer, str) else json.dumps(answer)
        sock.write((text + "\n").encode())
        sock.flush()
