"""Network faults on 127.0.0.1, for the reliability and security suites. No tests here.

- `refused_url()`: an address where nothing listens (connection refused).
- `StalledListener`: a port whose accept queue is full, so a connect hangs (connect timeout).
- `FaultProxy(upstream)`: an HTTP endpoint in front of the sandbox that forwards each request,
  or — per action (`AssumeRole`, `GetCallerIdentity`, `getSigninToken`, or `*`) — answers
  with an AWS error document, garbage, an HTTP status, a delay, a reset, or nothing at all
  (read timeout). It counts what it saw, so a test can tell retries from single calls.

These produce on the wire what AWS and broken networks produce; the app's own code is never
replaced. botocore parses the error documents exactly as it parses AWS's.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def refused_url() -> str:
    """An http:// URL of a loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class StalledListener:
    """A listening socket that never accepts and whose queue is full: connects hang."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(0)
        self.port = self.sock.getsockname()[1]
        self._fillers: list[socket.socket] = []
        # Linux queues backlog+1 connections; fill the queue so the next SYN is dropped
        for _ in range(4):
            c = socket.socket()
            c.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                c.connect(("127.0.0.1", self.port))
            self._fillers.append(c)
        time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        for c in self._fillers:
            c.close()
        self.sock.close()


@dataclass(frozen=True)
class Fault:
    """What the proxy does with a request (the defaults: forward it unchanged)."""

    delay: float = 0.0  # seconds before doing the rest
    status: int = 0  # answer with this status and `body` instead of forwarding
    body: bytes = b""
    content_type: str = "text/xml"
    hang: bool = False  # never answer (the client's read timeout)
    reset: bool = False  # close the connection with a TCP reset, no answer


def aws_error(code: str, message: str, status: int = 400) -> Fault:
    """An AWS query-protocol error document (STS and IAM answer these)."""
    body = (
        '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
        f"<Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
        "<RequestId>c0ffee00-0000-4000-8000-000000000000</RequestId></ErrorResponse>"
    ).encode()
    return Fault(status=status, body=body)


def slow(seconds: float) -> Fault:
    return Fault(delay=seconds)


HANG = Fault(hang=True)
RESET = Fault(reset=True)
GARBAGE = Fault(
    status=200, body=b"<html>captive portal: please sign in</html>", content_type="text/html"
)
SERVER_ERROR = Fault(status=500, body=b"internal error", content_type="text/plain")


def action_of(method: str, path: str, body: bytes) -> str:
    """The AWS action (query protocol) or the federation Action of a request."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    if "Action" in query:
        return query["Action"][0]
    form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
    return form.get("Action", ["?"])[0]


class FaultProxy:
    """An HTTP endpoint that forwards to `upstream` unless `faults` says otherwise."""

    def __init__(self, upstream: str, faults: dict[str, Fault] | None = None) -> None:
        self.upstream = urllib.parse.urlsplit(upstream)
        self.faults: dict[str, Fault] = dict(faults or {})
        self.seen: Counter[str] = Counter()
        self.answer_times: list[float] = []  # perf_counter when each answer left
        self._stop = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                proxy.handle(self, body)

            do_GET = do_POST = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def signin_url(self) -> str:
        return f"{self.url}/federation"

    def env(self) -> dict[str, str]:
        """What points the app's AWS and sign-in calls at this proxy."""
        return {"AWS_ENDPOINT_URL": self.url, "ELEVATE_TRAY_SIGNIN_URL": self.signin_url}

    def handle(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        action = action_of(h.command, h.path, body)
        self.seen[action] += 1
        fault = self.faults.get(action) or self.faults.get("*") or Fault()
        if fault.delay:
            self._stop.wait(fault.delay)
        if fault.hang:
            self._stop.wait(120)
            h.close_connection = True
            return
        if fault.reset:
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.close_connection = True
            return
        if fault.status:
            status, headers, payload = (
                fault.status,
                [("Content-Type", fault.content_type)],
                fault.body,
            )
        else:
            status, headers, payload = self._forward(h, body)
        h.send_response(status)
        for k, v in headers:
            if k.lower() not in ("content-length", "transfer-encoding", "connection"):
                h.send_header(k, v)
        h.send_header("Content-Length", str(len(payload)))
        h.end_headers()
        h.wfile.write(payload)
        h.wfile.flush()
        self.answer_times.append(time.perf_counter())

    def _forward(
        self, h: BaseHTTPRequestHandler, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(self.upstream.netloc, timeout=30)
        try:
            # the Host header stays as signed (SigV4 covers it); the sandbox routes by path
            headers = dict(h.headers.items())
            conn.request(h.command, h.path, body=body or None, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.getheaders(), resp.read()
        finally:
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()


@contextlib.contextmanager
def fault_proxy(upstream: str, faults: dict[str, Fault] | None = None) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream, faults)
    try:
        yield proxy
    finally:
        proxy.close()


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0, step: float = 0.02) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
