"""One tray per user: a Unix-domain socket in the user-only runtime dir (qutebrowser's habit).

A second launch connects, says {"op": "activate"} and leaves; the first shows itself. The
CLI's fast path asks {"op": "credentials", "key": K} for a live session's credential_process
JSON. The framing, its bounds and the protocol version are core/localsocket.py's.

Plain Python sockets watched by a QSocketNotifier rather than QtNetwork: the same protocol,
and 2-3 MB less resident memory for a process that lives all day.

Who runs is decided by an exclusive flock on the socket's directory (the app's own,
user-only), held for the tray's life, not by whether the socket answers: a socket between
another tray's bind() and listen() refuses connections exactly like a dead tray's, so trays
started together would each take the other's for stale. The kernel drops the lock when its
holder dies, however it dies, and no lock file is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from ..core import localsocket
from ..core.peers import Peer, peer_of

log = logging.getLogger(__name__)

ANSWER_TIMEOUT = localsocket.ANSWER_TIMEOUT
MAX_REQUEST = localsocket.MAX_MESSAGE
IDLE_TIMEOUT = localsocket.ANSWER_TIMEOUT  # seconds a client has to send its request
HAND_OVER_WAIT = 5.0  # a tray holding the lock is at most moments from listening
HELD = -1
ACCEPT_PAUSE_MS = 100  # out of descriptors: how long to stop accepting before trying again
RETRY_ACCEPT = (errno.ECONNABORTED, errno.EPROTO)
Reply = Callable[[dict[str, Any]], None]
Handler = Callable[[dict[str, Any], Reply, Peer], None]


def hand_over(
    socket_path: Path, request: dict[str, Any] | None = None, timeout: float = ANSWER_TIMEOUT
) -> dict[str, Any] | None:
    """Send a request to a running tray; its answer, or None when no tray listens."""
    return localsocket.ask(socket_path, request or {"op": "activate"}, timeout=timeout)


def take_lock(directory: Path) -> int | None:
    """An exclusive flock on `directory`, kept open: its fd; HELD when another process holds
    it; None where directories cannot be flocked (then only the socket decides).

    The fd is not inherited (PEP 446): a browser the tray starts must not keep the lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        log.warning("cannot open %s to lock it: %s", directory, exc)
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return HELD
        log.warning("cannot lock %s: %s", directory, exc)
        return None
    return fd


def _wait_and_hand_over(socket_path: Path) -> None:
    """Another tray holds the lock, perhaps still starting: ask it to show itself once it
    listens (or stop asking after a while; it runs either way)."""
    end = time.monotonic() + HAND_OVER_WAIT
    while hand_over(socket_path) is None and time.monotonic() < end:
        time.sleep(0.05)


class _Connection(QObject):
    def __init__(self, sock: socket.socket, owner: SingleInstance, peer: Peer) -> None:
        super().__init__(owner)
        self.sock, self.owner, self.buf, self.peer = sock, owner, b"", peer
        self.notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._readable)
        # a client that connects and never finishes its request is dropped: a timer per open
        # connection only, none while idle
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.close)
        self.idle.start(int(IDLE_TIMEOUT * 1000))

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
            self.idle.stop()
            self.owner._request(self, self.buf.split(b"\n", 1)[0][: MAX_REQUEST + 1])

    def reply(self, answer: dict[str, Any]) -> None:
        try:
            data = localsocket.encode(answer)
        except (localsocket.ProtocolError, TypeError, ValueError):
            data = localsocket.encode(localsocket.error_answer(localsocket.BAD_ANSWER))
        with contextlib.suppress(OSError):
            self.sock.setblocking(True)
            self.sock.settimeout(ANSWER_TIMEOUT)
            self.sock.sendall(data)
        self.close()

    def close(self) -> None:
        self.notifier.setEnabled(False)
        self.idle.stop()
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
        self._lock_fd: int | None = None
        self._exhausted = False

    def listen(self) -> bool:
        if not hasattr(socket, "AF_UNIX"):  # pragma: no cover
            log.warning("no local sockets on this platform: a second tray cannot be prevented")
            return True
        lock = take_lock(self.socket_path.parent)
        if lock == HELD:
            _wait_and_hand_over(self.socket_path)
            return False
        if lock is None:
            return self._listen_unlocked()
        self._lock_fd = lock
        # the lock is ours, so a socket file left here is a dead tray's
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        try:
            self._bind()
        except OSError as exc:
            log.warning("cannot listen on %s: %s", self.socket_path, exc)
        return True  # run anyway: one tray without a socket beats none

    def _listen_unlocked(self) -> bool:
        """Without a lock, the best guess: a socket that does not answer is stale."""
        for _attempt in range(3):
            try:
                self._bind()
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE:
                    log.warning("cannot listen on %s: %s", self.socket_path, exc)
                    return True
                if hand_over(self.socket_path) is not None:
                    return False  # another tray is alive and was asked to show itself
                with contextlib.suppress(FileNotFoundError):
                    self.socket_path.unlink()
                continue
            return True
        return True

    def _bind(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o177)  # the socket file is the user's alone from the start
        try:
            sock.bind(str(self.socket_path))
            sock.listen(socket.SOMAXCONN)  # terraform with 20 providers asks at once
        except OSError:
            sock.close()
            raise
        finally:
            os.umask(old_umask)
        sock.setblocking(False)
        self.sock = sock
        self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)

    def close(self) -> None:
        if self.sock is not None:
            if self._notifier is not None:
                self._notifier.setEnabled(False)
            self.sock.close()
            self.sock = None
            with contextlib.suppress(FileNotFoundError):
                self.socket_path.unlink()
        if self._lock_fd is not None:  # last: the next tray finds no socket of ours
            os.close(self._lock_fd)
            self._lock_fd = None

    def _accept(self) -> None:
        if self.sock is None:
            return
        while True:
            try:
                conn, _ = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                if exc.errno in RETRY_ACCEPT:
                    continue  # that client gave up before it was taken: the next one
                self._pause_accepting(exc)
                return
            self._exhausted = False
            peer = peer_of(conn)
            if peer.uid is not None and peer.uid != os.getuid():
                # another user reached the socket (a folder mode gone wrong): no answer at all
                log.warning(
                    "refused a local socket connection from another user (uid %d)", peer.uid
                )
                conn.close()
                continue
            conn.setblocking(False)
            _Connection(conn, self, peer)

    def _pause_accepting(self, exc: OSError) -> None:
        """No descriptor left (EMFILE, ENFILE) or another failure: the connection waits in
        the backlog, and the notifier would fire again at once, a core spinning for as long
        as it lasts. So stop listening for a moment; what waits is taken once descriptors
        are free again (idle connections are dropped within IDLE_TIMEOUT)."""
        if not self._exhausted:  # said once per spell, not ten times a second
            log.warning("local socket accept failed, pausing: %s", exc)
            self._exhausted = True
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        QTimer.singleShot(ACCEPT_PAUSE_MS, self._resume_accepting)

    def _resume_accepting(self) -> None:
        if self.sock is not None and self._notifier is not None:
            self._notifier.setEnabled(True)

    def _request(self, conn: _Connection, line: bytes) -> None:
        try:
            request = localsocket.decode(line)
        except localsocket.ProtocolError as exc:
            conn.reply(localsocket.error_answer(exc.code))
            return
        self.handler(request, conn.reply, conn.peer)
