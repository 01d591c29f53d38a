"""A one-shot loopback hand-off of the console sign-in URL to the user's own browser.

The sign-in URL holds a token that opens an admin console session, and a browser's command
line is readable by every local user: the browser gets 127.0.0.1, a random port and a path of
128 random bits instead. Since another user can read that path and race the browser, only
connections whose client socket is our own uid's are answered (tcpowner); others get 403 and
do not spend it. The first GET gets a redirect to the sign-in URL; HEAD and prefetches do not
spend it; then 404, and after the timeout the port closes. Where a platform cannot tell a
socket's owner, a user-only file:// page that redirects stands in until the timeout.
Nothing here logs, prints or raises the target URL or the path. Stdlib-only.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import shutil
import socketserver
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from .handoffpage import PAGE_NAME, write_page
from .tcpowner import PROC_NET, can_tell_owners, peer_uid

log = logging.getLogger(__name__)

HANDOFF_TIMEOUT = 30.0
CONNECTION_TIMEOUT = 5.0  # a browser's speculative connection that never speaks is dropped
_NO_STORE = (("Cache-Control", "no-store"), ("Referrer-Policy", "no-referrer"))


def _is_prefetch(headers: Any) -> bool:
    """Chromium sends Sec-Purpose: prefetch[;prerender] (once Purpose), Firefox X-Moz, Safari
    X-Purpose: preview."""

    def said(name: str) -> str:
        return str(headers.get(name, "")).strip().lower()

    prefetch = "prefetch" in (said("Purpose"), said("X-Moz")) or said("X-Purpose") == "preview"
    return prefetch or said("Sec-Purpose").startswith("prefetch")


class _Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True  # a silent connection never keeps the process (or the user) waiting
    request_queue_size = 16
    handoff: Handoff

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("a hand-off connection failed")  # no traceback: it could show the path


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = CONNECTION_TIMEOUT

    def version_string(self) -> str:
        return "elevate-tray"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # http.server's log line holds the request line, and so the path

    def _answer(self, status: int, headers: tuple[tuple[str, str], ...] = ()) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if status != 204:  # a 204 carries no Content-Length (RFC 9110)
            self.send_header("Content-Length", "0")
        self.end_headers()
        self.wfile.flush()

    def _gate(self) -> bool:
        """Answers what is not the user's own request for the live path; True to go on."""
        handoff = self.server.handoff
        if not handoff._from_user(self.client_address, self.connection.getsockname()):
            self._answer(403)
        elif not handoff._is_live(self.path):  # another path, or already spent, or over
            self._answer(404)
        else:
            return True
        return False

    def do_HEAD(self) -> None:
        if self._gate():
            self._answer(204, _NO_STORE)

    def do_GET(self) -> None:
        if not self._gate():
            return
        handoff = self.server.handoff
        if _is_prefetch(self.headers):
            self._answer(503, _NO_STORE)
        elif not handoff._spend():  # a racing GET spent it first
            self._answer(404)
        else:
            try:
                self._answer(302, (("Location", handoff._target), *_NO_STORE))
            finally:  # spent even if the browser hung up: it may have read the Location
                handoff._taken_delivered()

    def _other(self) -> None:
        if self._gate():
            self._answer(405)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _other


class Handoff:
    """Serves one secret URL to the user's own browser, once."""

    def __init__(
        self,
        target_url: str,
        *,
        timeout: float = HANDOFF_TIMEOUT,
        runtime_dir: Path | None = None,
        on_done: Callable[[bool | None], None] | None = None,
        proc_net: Path | None = PROC_NET,
    ) -> None:
        # proc_net: the socket tables (None: a platform that cannot tell; the file:// page)
        if any(c in target_url for c in "\r\n\0"):  # it becomes a Location header
            raise ValueError("The sign-in URL holds a line break and cannot be handed off.")
        self._target = target_url
        self._timeout = timeout
        self._runtime_dir = runtime_dir
        self._on_done = on_done
        self._proc_net = proc_net
        self._uid = os.getuid() if hasattr(os, "getuid") else -1
        self._path = "/" + secrets.token_urlsafe(16)  # 128 random bits
        self._lock = threading.Lock()
        self._settled = threading.Event()  # taken (its answer sent), timed out or closed
        self._started = self._spent = self._over = self._shut = self._reported = False
        self._server: _Server | None = None
        self._page_dir: Path | None = None
        self._timer: threading.Timer | None = None
        self._url = ""

    def __repr__(self) -> str:
        server, state = self._server, "taken" if self._spent else "over" if self._over else "open"
        kind = f"loopback port {server.server_address[1]}" if server else "file page"
        return f"<Handoff {kind if self._started else 'unstarted'}, {state}>"  # and str()

    @property
    def url(self) -> str:
        """What the browser is given (the loopback URL, or the file:// page)."""
        if not self._started:
            raise RuntimeError("The hand-off has not been started.")
        return self._url

    @property
    def taken(self) -> bool | None:
        """True once the user's browser took it; None where that cannot be told (file://)."""
        with self._lock:
            return None if self._started and self._server is None else self._spent

    def start(self) -> Handoff:
        with self._lock:
            if self._started or self._over:  # closed before it started: stays closed
                return self
            if can_tell_owners(self._proc_net):
                server = _Server(("127.0.0.1", 0), _Handler)
                server.handoff = self
                self._server = server
                self._url = f"http://127.0.0.1:{server.server_address[1]}{self._path}"
                threading.Thread(
                    target=server.serve_forever, args=(0.1,), name="handoff", daemon=True
                ).start()
            else:
                self._page_dir = write_page(self._target, self._runtime_dir)
                self._url = (self._page_dir / PAGE_NAME).as_uri()
            self._timer = threading.Timer(self._timeout, self._expire)
            self._timer.daemon = True
            self._started = True
            self._timer.start()
        return self

    def wait(self, timeout: float | None = None) -> bool | None:
        """Until taken (True) or the hand-off's timeout passed (False), on_done having run;
        None for the file:// page, kept until its timeout. If `timeout` ends first: False."""
        if not self._started:
            raise RuntimeError("The hand-off has not been started.")
        self._settled.wait(timeout)
        return self.taken

    def close(self) -> None:
        """Ends it now (idempotent): the port closes, the page is deleted. on_done is not
        called for a hand-off closed before it was taken or timed out."""
        with self._lock:
            self._over = True
            self._reported = self._reported or not self._spent  # a GET in flight still says
        self._shut_down()
        self._settled.set()

    def __enter__(self) -> Handoff:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # the server's side

    def _from_user(self, peer: tuple[str, int], ours: tuple[str, int]) -> bool:
        assert self._proc_net is not None  # only a loopback hand-off has a server
        uid = peer_uid(self._proc_net, peer, ours)
        if uid == self._uid:
            return True
        if uid is None:
            log.info("refused a hand-off connection whose owner could not be found")
        else:
            log.warning("refused a console hand-off request from another local user (uid %d)", uid)
        return False

    def _is_live(self, path: str) -> bool:
        exact = hmac.compare_digest(path.encode("utf-8", "replace"), self._path.encode())
        with self._lock:
            return exact and not self._spent and not self._over

    def _spend(self) -> bool:
        with self._lock:
            free = not (self._spent or self._over)
            self._spent = self._spent or free
            return free

    def _taken_delivered(self) -> None:
        self._report(True)
        self._settled.set()  # after on_done: whoever waits sees its effects

    def _expire(self) -> None:
        with self._lock:
            self._over = True
            outcome = None if self._server is None else self._spent
        self._shut_down()  # the port is closed before wait() returns False
        if outcome is not True:
            self._report(outcome)
        self._settled.set()

    def _report(self, outcome: bool | None) -> None:
        with self._lock:
            reported, self._reported = self._reported, True
        if reported or self._on_done is None:
            return
        try:
            self._on_done(outcome)
        except Exception as exc:  # its message could hold anything: the type is enough
            log.error("the console hand-off's on_done failed (%s)", type(exc).__name__)

    def _shut_down(self) -> None:
        with self._lock:
            shut, self._shut = self._shut, True
            timer, server, page_dir = self._timer, self._server, self._page_dir
        if shut:
            return
        if timer is not None and timer is not threading.current_thread():
            timer.cancel()
        if server is not None:
            server.shutdown()
            server.server_close()
        if page_dir is not None:
            shutil.rmtree(page_dir, ignore_errors=True)


def serve(
    target_url: str,
    *,
    timeout: float = HANDOFF_TIMEOUT,
    runtime_dir: Path | None = None,
    on_done: Callable[[bool | None], None] | None = None,
    proc_net: Path | None = PROC_NET,
) -> Handoff:
    """A started hand-off of target_url (see Handoff)."""
    return Handoff(
        target_url, timeout=timeout, runtime_dir=runtime_dir, on_done=on_done, proc_net=proc_net
    ).start()
