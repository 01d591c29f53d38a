"""The tray's local socket protocol, shared by the tray (server) and every client.

One request and one answer per connection, each one line of JSON (a mapping) ending in a
newline, at most MAX_MESSAGE bytes and MAX_DEPTH levels of nesting, each carrying the
protocol version in its "protocol" field. A request of another version gets an error answer
that says so; an answer of another version is taken as no tray at all (the caller then does
the work itself). Stdlib-only: the credential fast path is a client.

Requests: {"op": "activate"} (a second launch asks the first tray to show itself),
{"op": "ping"}, {"op": "credentials", "key": K} (the credential_process document of the
live session K, answered as {"credentials": {...}} or {"error": ...}), {"op": "console", ...}
(serve a terminal's sign-in hand-off), {"op": "command", "command": C, "args": {...}} (a
command line's `elevate`, `status`, `console` or `drop`, done by the tray and answered as
{"lines": [[stream, text], ...], "exit": N}: what the command prints, and its exit code;
it carries the terminal's "tz" too, as the clock times said depend on it).
Every request that asks for work carries "env": the client's aws_environment(), and the
tray does the work only when it equals its own (else OTHER_ENVIRONMENT).
"""

from __future__ import annotations

import os

from . import jsonlite

TYPE_CHECKING = False  # typing costs the fast path ~2 ms; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

PROTOCOL = 1
FIELD = "protocol"
MAX_MESSAGE = 64 * 1024
MAX_DEPTH = 8
CONNECT_TIMEOUT = 0.3
ANSWER_TIMEOUT = 2.0
SOCKET_NAME = "tray.sock"

BAD_REQUEST = "bad-request"
TOO_LARGE = "too-large"
TOO_DEEP = "too-deep"
WRONG_VERSION = "protocol-version"
BAD_ANSWER = "bad-answer"
OTHER_ENVIRONMENT = "other-environment"

_SENTENCES = {
    BAD_REQUEST: "The request is not one line of JSON holding a mapping.",
    TOO_LARGE: "The request is larger than this tray accepts.",
    TOO_DEEP: "The request is nested deeper than this tray accepts.",
    WRONG_VERSION: (
        "The request speaks another version of elevate-tray's protocol; "
        "run the same version of elevate-tray as the tray."
    ),
    BAD_ANSWER: "The tray's answer could not be read.",
    OTHER_ENVIRONMENT: "The request is for other AWS settings than this tray's.",
}


class ProtocolError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(_SENTENCES[code])
        self.code = code


def socket_path(environ: Any) -> str:
    """The tray's socket, as paths.app_dirs(environ).socket_path."""
    home = environ.get("ELEVATE_TRAY_HOME")
    if home:
        return os.path.join(os.path.expanduser(home), "run", SOCKET_NAME)
    from .paths import user_runtime_dir

    return os.path.join(user_runtime_dir("elevate-tray"), SOCKET_NAME)


def depth(text: str) -> int:
    """How deeply a JSON text nests, counted before parsing it (a parser recurses)."""
    level = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            level += 1
            deepest = max(deepest, level)
        elif ch in "]}":
            level -= 1
    return deepest


def encode(message: dict[str, Any]) -> bytes:
    """One message on the wire, with this protocol's version."""
    data = (jsonlite.dumps({**message, FIELD: PROTOCOL}) + "\n").encode()
    if len(data) > MAX_MESSAGE:
        raise ProtocolError(TOO_LARGE)
    return data


def decode(line: bytes) -> dict[str, Any]:
    """One message off the wire (without its newline); ProtocolError when it is not ours."""
    if len(line) > MAX_MESSAGE:
        raise ProtocolError(TOO_LARGE)
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(BAD_REQUEST) from None
    if depth(text) > MAX_DEPTH:
        raise ProtocolError(TOO_DEEP)
    try:
        message = jsonlite.loads(text)
    except (ValueError, RecursionError):
        raise ProtocolError(BAD_REQUEST) from None
    if not isinstance(message, dict):
        raise ProtocolError(BAD_REQUEST)
    if message.get(FIELD) != PROTOCOL:
        raise ProtocolError(WRONG_VERSION)
    return message


AWS_ENVIRONMENT = (
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "ELEVATE_TRAY_SIGNIN_URL",
)


def aws_environment(environ: Any) -> dict[str, str]:
    """What decides which AWS a request means: a tray does work for a client only when
    the client's is the same as its own (else the client does it itself). Compared as
    given; unset and empty are the same."""
    return {
        k: str(v)
        for k, v in environ.items()
        if v and (k in AWS_ENVIRONMENT or k.startswith("AWS_ENDPOINT_URL"))
    }


def same_environment(request: dict[str, Any], environ: Any) -> bool:
    """Whether a request means the same AWS as `environ` (the tray's)."""
    return request.get("env") == aws_environment(environ)


def error_answer(code: str) -> dict[str, Any]:
    return {"error": code, "message": _SENTENCES.get(code, code)}


def ask(
    path: str | os.PathLike[str],
    request: dict[str, Any],
    *,
    connect_timeout: float = CONNECT_TIMEOUT,
    timeout: float = ANSWER_TIMEOUT,
) -> dict[str, Any] | None:
    """Send one request to the tray and read its answer.

    None: no tray answers there (nothing listens, or it speaks another protocol version).
    Otherwise the tray's answer (without its protocol field), or {"error": "bad-answer"} when
    it said nothing readable."""
    # here: a file-kept session's answer needs no socket; and the C module itself, since
    # `socket` spends ~3 ms building enums that this one exchange never looks at
    import _socket

    if not hasattr(_socket, "AF_UNIX"):  # pragma: no cover - Windows before AF_UNIX support
        return None
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    buf = b""
    try:
        sock.settimeout(connect_timeout)
        try:
            sock.connect(os.fspath(path))
        except OSError:
            return None
        sock.settimeout(timeout)
        try:
            sock.sendall(encode(request))
            while b"\n" not in buf and len(buf) <= MAX_MESSAGE:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                buf += chunk
        except OSError:
            return error_answer(BAD_ANSWER)
    finally:
        sock.close()
    try:
        answer = decode(buf.split(b"\n", 1)[0])
        answer.pop(FIELD)
        return answer
    except ProtocolError as exc:
        return None if exc.code == WRONG_VERSION else error_answer(BAD_ANSWER)
