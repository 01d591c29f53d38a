"""WSGI wiring: one loopback port serving moto behind the enforcement layer, the sign-in
endpoint, the stand-in console and the sandbox's clock API."""

from __future__ import annotations

import contextlib
import errno
import hmac
import json
import logging
import socket
import threading
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from . import apirequest, iam_rules, motoview
from .auth import Caller, identify
from .authz import authorize, request_context
from .clock import SandboxClock, iso, parse_time
from .errors import AwsError, render
from .facts import SECRET_FILE, SECRET_HEADER
from .faults import Faults
from .keys import AccessKeyRules
from .resources import resource_for
from .sessions import CredentialTable, MfaCodes
from .signin import Signin
from .sts import Sts
from .trail import Trail
from .trail_calls import PRIMARY_RESOURCE, REQUEST_TIME, record_call
from .trail_lookup import lookup, served

log = logging.getLogger(__name__)

Response = tuple[int, list[tuple[str, str]], bytes]
_REASONS = {200: "OK", 302: "Found", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden"}
_REASONS.update({404: "Not Found", 405: "Method Not Allowed", 500: "Error"})
# Identity and authentication calls that no policy can deny (AWS documents both).
_UNCHECKED = {"sts:GetCallerIdentity", "sts:GetSessionToken"}
_SECRET_ENVIRON = "HTTP_" + SECRET_HEADER.upper().replace("-", "_")


def _json(status: int, data: Any) -> Response:
    return status, [("Content-Type", "application/json")], json.dumps(data).encode()


class Gateway:
    """The enforcement layer in front of moto's WSGI app."""

    def __init__(
        self,
        moto_app: Callable[..., Iterable[bytes]],
        account_id: str,
        partition: str,
        clock: SandboxClock,
        base_url: Callable[[], str],
        secret: str,
        keys: AccessKeyRules,
        faults: Faults,
        trail: Trail,
    ) -> None:
        self.moto_app = moto_app
        self.account_id = account_id
        self.partition = partition
        self.clock = clock
        self.secret = secret
        self.keys = keys
        self.faults = faults
        self.trail = trail
        self.accounts: tuple[str, ...] = (account_id,)  # where long-term keys are looked up
        self.org: Any = None  # the organization sandbox's services (org_services.OrgServices)
        self.credentials = CredentialTable()
        self.mfa = MfaCodes()
        self.sts = Sts(self.credentials, self.mfa, clock)
        self.signin = Signin(self.credentials, clock, base_url, keys, self._aws)
        # moto is not written for concurrent requests; the sandbox serves one at a time.
        self.lock = threading.RLock()

    def clear(self) -> None:
        self.credentials.clear()
        self.mfa.clear()
        self.signin.clear()
        self.keys.reset()
        self.faults.clear()
        self.trail.reset()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        with self.lock:
            try:
                status, headers, body = self._dispatch(environ)
            except Exception:  # a bug in the sandbox must not look like an AWS answer
                log.exception("sandbox: internal error")
                status, headers, body = 500, [("Content-Type", "text/plain")], b"sandbox error"
        start_response(
            f"{status} {_REASONS.get(status, 'Status')}",
            [*headers, ("Content-Length", str(len(body)))],
        )
        return [body]

    def _dispatch(self, environ: dict[str, Any]) -> Response:
        path = environ.get("PATH_INFO", "/")
        if path == "/federation":
            return self.signin.federation(environ)
        if path == "/oauth":
            return self.signin.logout(environ)
        if path == "/console":
            return self.signin.console(environ)
        if path == "/_sandbox/clock":
            return self._clock(environ)
        if path.startswith("/moto-api"):
            return _json(404, {"Error": "moto's API is not exposed by the elevate-tray sandbox"})
        if (
            path == "/"
            and not environ.get("HTTP_AUTHORIZATION")
            and not environ.get("QUERY_STRING")
            and environ.get("REQUEST_METHOD") == "GET"
        ):
            return (
                200,
                [("Content-Type", "text/plain")],
                (b"elevate-tray sandbox: a local AWS double (IAM, STS, federation sign-in).\n"),
            )
        return self._aws(environ)

    def _test_only(self, environ: dict[str, Any]) -> bool:
        """Whether the caller presented the sandbox's own secret (SECRET_HEADER)."""
        given = str(environ.get(_SECRET_ENVIRON, ""))
        return bool(given) and hmac.compare_digest(given.encode(), self.secret.encode())

    def _clock(self, environ: dict[str, Any]) -> Response:
        if not self._test_only(environ):
            return _json(
                403,
                {
                    "error": f"the sandbox's clock answers only callers that send the "
                    f"{SECRET_HEADER} header with the secret in its home folder's {SECRET_FILE}"
                },
            )
        if environ.get("REQUEST_METHOD") == "POST":
            try:
                data = json.loads(apirequest.read_body(environ) or b"{}")
                if "advance" in data:
                    self.clock.advance(float(data["advance"]))
                elif "set" in data:
                    self.clock.set(parse_time(str(data["set"])))
                else:
                    return _json(400, {"error": 'send {"advance": seconds} or {"set": iso}'})
            except (ValueError, TypeError) as exc:
                return _json(400, {"error": str(exc)})
        return _json(200, {"now": iso(self.clock.now())})

    def _aws(self, environ: dict[str, Any]) -> Response:
        body = apirequest.read_body(environ)
        request = apirequest.parse(environ, body)
        service = request.service if request else "sts"
        protocol = request.protocol if request else "query"
        who, what = "?", request.action if request else "?"
        environ[REQUEST_TIME] = self.clock.now()
        caller: Caller | None = None
        try:
            caller, _ = identify(
                environ,
                body,
                self.accounts,
                self.partition,
                self.credentials,
                self.clock.now(),
                self.keys,
            )
            who = caller.arn
            if request is None or request.operation is None:
                raise AwsError(
                    "InvalidAction",
                    "The elevate-tray sandbox cannot tell which action this request is, so it "
                    "refuses it.",
                    400,
                )
            status, headers, answer = self._handle_or_fault(environ, caller, request)
            log.info("%s %s -> %s", who, what, status)
            self._record(environ, body, request, caller, status, answer, None)
            return status, headers, answer
        except AwsError as error:
            log.info("%s %s -> %s %s", who, what, error.status, error.code)
            if caller is not None and request is not None and request.operation is not None:
                failure = (error.code, error.message)
                self._record(environ, body, request, caller, error.status, b"", failure)
            return render(error, protocol, service)

    def _record(self, environ: dict[str, Any], *call: Any) -> None:
        """The call's CloudTrail event; a fault in recording never changes the answer."""
        try:
            record_call(self.trail, environ, *call)
        except Exception:
            log.exception("sandbox: could not record a CloudTrail event")

    def _handle_or_fault(
        self, environ: dict[str, Any], caller: Caller, request: apirequest.ApiRequest
    ) -> Response:
        """The answer, unless a fault asked for by a test (faults.py) replaces it."""
        fault = self.faults.take(request.action)
        if fault is None:
            return self._handle(environ, caller, request)
        if fault.after:
            # the caller gets the fault's error whatever the answer was
            with contextlib.suppress(AwsError):
                self._handle(environ, caller, request)
        log.info("%s: a fault injected by a test answers instead", request.action)
        raise fault.error()

    def _handle(
        self, environ: dict[str, Any], caller: Caller, request: apirequest.ApiRequest
    ) -> Response:
        action, params = request.action, request.params
        source_ip = str(environ.get("REMOTE_ADDR", "127.0.0.1"))
        xml = [("Content-Type", "text/xml")]
        if action == "sts:GetCallerIdentity":
            return 200, xml, self.sts.caller_identity(caller)
        if action == "sts:GetSessionToken":
            return 200, xml, self.sts.session_token(caller, params)
        if action == "sts:AssumeRole":
            return 200, xml, self.sts.assume_role(caller, params, request.region, source_ip)

        account = caller.account_id  # every request is served in the caller's account
        backend = motoview.iam(account, self.partition)
        resource = request.resource or resource_for(
            request.service, request.operation or "", params, caller, backend
        )
        context = request_context(
            caller, self.clock.now(), region=request.region, source_ip=source_ip
        )
        environ[PRIMARY_RESOURCE] = resource
        if action not in _UNCHECKED:
            authorize(caller, action, resource, context)
        if action == "cloudtrail:LookupEvents":
            body = apirequest.read_body(environ)
            return served(lookup(self.trail, account, request.region, body, self.clock.now()))
        if self.org is not None and request.service in self.org.SERVICES:
            return self.org.handle(environ, caller, request, context)  # type: ignore[no-any-return]

        if request.service == "iam":
            iam_rules.before(environ, caller, request, backend, self.mfa, self.clock.now())
        environ["HTTP_X_MOTO_ACCOUNT_ID"] = account
        status, headers, answer = self._forward(environ)
        if request.service == "iam":
            answer = iam_rules.after(request, status, answer, backend, self.keys, self.clock.now())
        return status, headers, answer

    def _forward(self, environ: dict[str, Any]) -> Response:
        captured: dict[str, Any] = {}

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            captured["status"], captured["headers"] = status, headers
            return lambda _data: None

        result = self.moto_app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        return int(str(captured["status"]).split()[0]), headers, body


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("%s %s", self.requestline, code)


def _check_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))


def serve(app: Callable[..., Any], port: int) -> BaseWSGIServer:
    """A threaded server on 127.0.0.1 (port 0: any free port). Raises OSError when the port
    is taken (werkzeug itself would print and exit)."""
    if port:
        _check_free(port)
    try:
        return make_server("127.0.0.1", port, app, threaded=True, request_handler=_QuietHandler)
    except SystemExit as exc:
        raise OSError(errno.EADDRINUSE, f"cannot listen on 127.0.0.1:{port}") from exc
