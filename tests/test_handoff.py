"""The console sign-in hand-off (core/handoff.py): real sockets on 127.0.0.1, redirects never
followed, a real second uid where the tests run as root."""

from __future__ import annotations

import http.client
import logging
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from elevate_tray.core.handoff import HANDOFF_TIMEOUT, Handoff, serve
from elevate_tray.core.handoffpage import redirect_page
from elevate_tray.core.tcpowner import PROC_NET, parse_address, peer_uid, socket_owner

CANARY = "CANARY-signin-token-5d1f0b7e"
TARGET = (
    "https://signin.aws.example/federation?Action=login&Issuer=elevate-tray"
    f"&Destination=https%3A%2F%2Fconsole.aws.example%2F&SigninToken={CANARY}"
)
LONG = 30.0  # tests that fetch never race the hand-off's own timeout
SHORT = 0.3  # only where the test waits for the timeout to pass
NOBODY = 65534


def fetch(
    url: str, method: str = "GET", path: str | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed (http.client never follows them)."""
    parts = urllib.parse.urlsplit(url)
    assert parts.hostname and parts.port
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    try:
        conn.request(method, parts.path if path is None else path, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        conn.close()


def port_of(handoff: Handoff) -> int:
    port = urllib.parse.urlsplit(handoff.url).port
    assert port is not None
    return port


def refuses(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


@pytest.fixture
def calls() -> list[bool | None]:
    return []


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def text(self) -> str:
        return "\n".join(f"{r.levelname} {r.getMessage()} {r.args!r}" for r in self.records)


@pytest.fixture
def logs() -> Iterator[_Records]:
    """Every record of the hand-off's loggers, whatever earlier tests did to the handlers of
    "elevate_tray" (the CLI's file logging stops propagation to the root, and so caplog)."""
    recorder = _Records()
    loggers = [logging.getLogger(f"elevate_tray.core.{m}") for m in ("handoff", "tcpowner")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(recorder)
        logger.setLevel(logging.DEBUG)
    try:
        yield recorder
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(recorder)
            logger.setLevel(level)


@pytest.fixture
def handoff(calls: list[bool | None]) -> Iterator[Handoff]:
    with Handoff(TARGET, timeout=LONG, on_done=calls.append) as started:
        assert started.url.startswith("http://127.0.0.1:")
        yield started


# -- the loopback hand-off


def test_first_get_redirects_to_the_target_then_404(
    handoff: Handoff, calls: list[bool | None]
) -> None:
    status, headers, body = fetch(handoff.url)
    assert status == 302
    assert headers["location"] == TARGET
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"
    assert body == b""
    assert handoff.wait(timeout=10) is True
    assert handoff.taken is True
    assert calls == [True]
    status, headers, _ = fetch(handoff.url)
    assert status == 404 and "location" not in headers
    assert fetch(handoff.url, "HEAD")[0] == 404  # spent: every request after it
    assert calls == [True]


def test_path_is_128_random_bits(handoff: Handoff) -> None:
    path = urllib.parse.urlsplit(handoff.url).path.lstrip("/")
    other = Handoff(TARGET, timeout=LONG).start()
    try:
        assert len(path) >= 22  # token_urlsafe(16): 16 bytes, 22 characters
        assert urllib.parse.urlsplit(other.url).path.lstrip("/") != path
        assert port_of(other) != port_of(handoff)
    finally:
        other.close()


@pytest.mark.parametrize("path", ["/", "/favicon.ico", "/other", "{path}x", "{path}/", "{path}?"])
def test_another_path_is_404_and_does_not_spend(handoff: Handoff, path: str) -> None:
    live = urllib.parse.urlsplit(handoff.url).path
    status, headers, _ = fetch(handoff.url, path=path.format(path=live))
    assert status == 404 and "location" not in headers
    assert handoff.taken is False
    assert fetch(handoff.url)[0] == 302


def test_head_does_not_spend(handoff: Handoff, calls: list[bool | None]) -> None:
    status, headers, body = fetch(handoff.url, "HEAD")
    assert status == 204
    assert "location" not in headers
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"
    assert body == b""
    assert handoff.taken is False and calls == []
    assert fetch(handoff.url)[:2][0] == 302


@pytest.mark.parametrize(
    "header",
    [
        ("Sec-Purpose", "prefetch"),
        ("Sec-Purpose", "prefetch;prerender"),
        ("Purpose", "prefetch"),
        ("X-Moz", "prefetch"),
        ("X-Purpose", "preview"),
    ],
)
def test_prefetch_does_not_spend(
    handoff: Handoff, calls: list[bool | None], header: tuple[str, str]
) -> None:
    status, headers, _ = fetch(handoff.url, headers=dict([header]))
    assert status == 503
    assert headers["cache-control"] == "no-store"
    assert "location" not in headers
    assert handoff.taken is False and calls == []
    status, headers, _ = fetch(handoff.url)
    assert status == 302 and headers["location"] == TARGET


def test_racing_gets_spend_it_once(handoff: Handoff, calls: list[bool | None]) -> None:
    racers = 8
    barrier = threading.Barrier(racers)
    statuses: list[int] = []

    def race() -> None:
        barrier.wait()
        statuses.append(fetch(handoff.url)[0])

    threads = [threading.Thread(target=race) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302] + [404] * (racers - 1)
    assert handoff.wait(timeout=10) is True
    assert calls == [True]


def test_a_silent_connection_does_not_block_the_get(handoff: Handoff) -> None:
    silent = socket.create_connection(("127.0.0.1", port_of(handoff)), timeout=5)
    try:
        status, headers, _ = fetch(handoff.url)
        assert status == 302 and headers["location"] == TARGET
        # A server that served one connection at a time would have answered the GET only
        # after giving up on the silent one (closing it): it must still be open and unread.
        silent.setblocking(False)
        with pytest.raises(BlockingIOError):
            silent.recv(1, socket.MSG_PEEK)
    finally:
        silent.close()


def test_timeout_says_not_taken_and_closes_the_port() -> None:
    calls: list[bool | None] = []
    handoff = serve(TARGET, timeout=SHORT, on_done=calls.append)
    port = port_of(handoff)
    assert handoff.wait(timeout=20) is False
    assert calls == [False]
    assert handoff.taken is False
    assert refuses(port)
    handoff.close()
    handoff.close()
    assert calls == [False]


def test_close_is_idempotent_closes_the_port_and_reports_nothing() -> None:
    calls: list[bool | None] = []
    handoff = serve(TARGET, timeout=LONG, on_done=calls.append)
    port = port_of(handoff)
    handoff.close()
    handoff.close()
    assert refuses(port)
    assert handoff.wait(timeout=0) is False
    assert calls == []
    assert HANDOFF_TIMEOUT == 30.0


def _nobody_python() -> str | None:
    """An interpreter uid 65534 can run. The venv's python links to an interpreter under
    /root (pyenv), mode 0700 here, so it is tried last; the system's /usr/bin/python3 is
    world-executable. Tried for real as that uid, since os.access() answers for root."""
    base = getattr(sys, "_base_executable", sys.executable)
    for candidate in ("/usr/bin/python3", shutil.which("python3", path="/usr/bin:/bin"), base):
        if not candidate:
            continue
        try:
            ran = subprocess.run(
                [candidate, "-I", "-S", "-c", "pass"],
                user=NOBODY,
                group=NOBODY,
                extra_groups=[],
                cwd="/",
                env={"PATH": "/usr/bin:/bin"},
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=60,
            )
        except OSError:
            continue
        if ran.returncode == 0:
            return candidate
    return None


# the child gets the URL on stdin (never on its command line) and fetches it with stdlib only
CHILD = """
import http.client, sys, urllib.parse
u = urllib.parse.urlsplit(sys.stdin.read().strip())
c = http.client.HTTPConnection(u.hostname, u.port, timeout=20)
c.request("GET", u.path)
print(c.getresponse().status)
"""


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0,
    reason="fetching as a second local uid needs root to switch to uid 65534",
)
@pytest.mark.expect_log("another local user")
def test_another_uid_gets_403_and_does_not_spend(
    handoff: Handoff, calls: list[bool | None], logs: _Records
) -> None:
    python = _nobody_python()
    if python is None:
        pytest.skip("no Python interpreter here can be run as uid 65534")
    child = subprocess.run(
        [python, "-I", "-S", "-c", CHILD],
        user=NOBODY,
        group=NOBODY,
        extra_groups=[],
        cwd="/",
        env={"PATH": "/usr/bin:/bin"},
        input=handoff.url,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "403"
    assert CANARY not in child.stdout + child.stderr
    assert handoff.taken is False and calls == []
    assert "WARNING refused a console hand-off request from another local user (uid 65534)" in (
        logs.text
    )
    status, headers, _ = fetch(handoff.url)
    assert status == 302 and headers["location"] == TARGET
    assert handoff.wait(timeout=10) is True


def test_a_connection_whose_owner_cannot_be_found_gets_403(tmp_path: Path) -> None:
    (tmp_path / "tcp").write_text(TCP_HEADER + "\n")  # readable, so not the file:// page
    with Handoff(TARGET, timeout=LONG, proc_net=tmp_path) as handoff:
        assert handoff.url.startswith("http://127.0.0.1:")
        status, headers, body = fetch(handoff.url)
        assert (status, body) == (403, b"") and "location" not in headers
        assert handoff.taken is False
        # the real tables: the same hand-off, not spent by the 403, now answers the user
        for name in ("tcp", "tcp6"):
            (tmp_path / f"{name}.new").symlink_to(PROC_NET / name)
            os.replace(tmp_path / f"{name}.new", tmp_path / name)
        assert fetch(handoff.url)[0] == 302


# -- /proc/net/tcp and tcp6, in the formats captured on this machine (x86-64, little-endian)

TCP_HEADER = (
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
    "timeout inode"
)
# a listener on 127.0.0.1:60493, a client at 127.0.0.1:37146 of uid 65534, our accepted socket
TCP_ROWS = [
    TCP_HEADER,
    "   0: 0100007F:EC4D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 "
    "936362 1 000000008df896d6 100 0 0 10 0",
    "   3: 0100007F:911A 0100007F:EC4D 01 00000000:00000000 00:00000000 00000000 65534        0 "
    "936363 2 0000000037805417 20 0 0 10 -1",
    "   4: 0100007F:EC4D 0100007F:911A 01 00000000:00000000 00:00000000 00000000     0        0 "
    "936364 1 00000000e1ed8456 20 0 0 10 -1",
    "   5: 0100007F:EC4D 0100007F:9126 01 00000000:00000000 00:00000000 00000000     0        0 "
    "936366 1 0000000004e5f4ea 20 0 0 10 -1",
]
# a dual-stack client of uid 1000 connected to 127.0.0.1:60493 from ::ffff:127.0.0.1:37158
TCP6_ROWS = [
    "  sl  local_address                         remote_address                        st "
    "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
    "   0: 0000000000000000FFFF00000100007F:9126 0000000000000000FFFF00000100007F:EC4D 01 "
    "00000000:00000000 00:00000000 00000000  1000        0 936365 2 0000000026f1c278 20 0 0 10 -1",
]
SERVER = ("127.0.0.1", 60493)
little_endian = pytest.mark.skipif(
    sys.byteorder != "little", reason="the captured tables are of a little-endian machine"
)


@little_endian
def test_parse_address_reads_words_in_host_order() -> None:
    assert parse_address("0100007F:EC4D") == (parse_address("0100007F:0000")[0], 60493)
    assert str(parse_address("0100007F:EC4D")[0]) == "127.0.0.1"
    ip, port = parse_address("0000000000000000FFFF00000100007F:9126")
    assert (str(ip), port) == ("127.0.0.1", 37158)  # IPv4-mapped, as the IPv4 address
    ip, port = parse_address("00000000000000000000000001000000:1F90")
    assert (str(ip), port) == ("::1", 8080)
    ip, _ = parse_address("B80D0120000000000000000001000000:0050")
    assert str(ip) == "2001:db8::1"
    with pytest.raises(ValueError):
        parse_address("7F:0050")


@little_endian
def test_socket_owner_is_the_clients_row_not_ours() -> None:
    import ipaddress

    lo = ipaddress.ip_address("127.0.0.1")
    # the client's row (local = the peer, remote = us), not our accepted socket (uid 0)
    assert socket_owner(TCP_ROWS, (lo, 37146), (lo, 60493)) == 65534
    assert socket_owner(TCP_ROWS, (lo, 60493), (lo, 37146)) == 0
    assert socket_owner(TCP_ROWS, (lo, 37158), (lo, 60493)) is None  # only in tcp6
    assert socket_owner(TCP6_ROWS, (lo, 37158), (lo, 60493)) == 1000
    time_wait = TCP_ROWS[2].replace(" 01 ", " 06 ").replace(" 65534 ", " 0 ")
    assert socket_owner([TCP_HEADER, time_wait], (lo, 37146), (lo, 60493)) is None
    assert (
        socket_owner(["garbage", "   9: zz:yy 0100007F:EC4D 01 a b c 1"], (lo, 1), (lo, 2)) is None
    )


@little_endian
def test_peer_uid_reads_tcp_then_tcp6(tmp_path: Path) -> None:
    (tmp_path / "tcp").write_text("\n".join(TCP_ROWS) + "\n")
    (tmp_path / "tcp6").write_text("\n".join(TCP6_ROWS) + "\n")
    assert peer_uid(tmp_path, ("127.0.0.1", 37146), SERVER) == 65534
    assert peer_uid(tmp_path, ("127.0.0.1", 37158), SERVER) == 1000
    assert peer_uid(tmp_path, ("127.0.0.1", 40000), SERVER) is None
    (tmp_path / "tcp6").unlink()  # IPv6 off: no tcp6 at all
    assert peer_uid(tmp_path, ("127.0.0.1", 37158), SERVER) is None


@pytest.mark.skipif(not (PROC_NET / "tcp").exists(), reason="no /proc/net/tcp on this system")
def test_peer_uid_of_a_real_connection_is_ours() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    with listener, socket.socket(socket.AF_INET6) as client:
        client.connect(("::ffff:127.0.0.1", listener.getsockname()[1]))  # a tcp6 row
        accepted, peer = listener.accept()
        with accepted:
            assert peer_uid(PROC_NET, peer, accepted.getsockname()) == os.getuid()


# -- where the platform cannot tell: the file:// page


def _page_of(handoff: Handoff) -> Path:
    assert handoff.url.startswith("file://")
    return Path(urllib.request.url2pathname(urllib.parse.urlsplit(handoff.url).path))


@pytest.mark.parametrize("proc_net", [None, "missing"])
def test_file_page_when_owners_cannot_be_told(tmp_path: Path, proc_net: str | None) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir()
    calls: list[bool | None] = []
    where = None if proc_net is None else tmp_path / proc_net
    handoff = serve(TARGET, timeout=LONG, runtime_dir=runtime, on_done=calls.append, proc_net=where)
    page = _page_of(handoff)
    assert page.parent.parent == runtime
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    assert stat.S_IMODE(page.parent.stat().st_mode) == 0o700
    text = page.read_text(encoding="utf-8")
    assert '<meta name="referrer" content="no-referrer">' in text
    assert f'http-equiv="refresh" content="0;url={TARGET.replace("&", "&amp;")}"' in text
    assert f'location.replace("{TARGET}")' in text
    assert handoff.taken is None
    assert handoff.wait(timeout=0) is None
    handoff.close()
    handoff.close()
    assert not page.parent.exists()
    assert calls == []


def test_file_page_is_deleted_at_the_timeout(tmp_path: Path) -> None:
    calls: list[bool | None] = []
    handoff = serve(
        TARGET, timeout=SHORT, runtime_dir=tmp_path, on_done=calls.append, proc_net=None
    )
    page = _page_of(handoff)
    assert page.exists()
    assert handoff.wait(timeout=20) is None
    assert not page.parent.exists()
    assert calls == [None]


def test_redirect_page_keeps_the_target_inside_its_strings() -> None:
    hostile = "https://x.example/?a=\"><script>alert(1)</script>&b='</script>"
    text = redirect_page(hostile)
    assert text.count("<script>") == 1 and text.count("</script>") == 1
    assert '"><script>' not in text


# -- the target and the path are never shown


def test_target_and_path_never_shown(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], logs: _Records
) -> None:
    with pytest.raises(ValueError) as bad:
        Handoff(TARGET + "\r\nX-Injected: 1")
    unstarted = Handoff(TARGET, timeout=LONG)
    with pytest.raises(RuntimeError) as early:
        unstarted.url  # noqa: B018
    shown = [str(bad.value), str(early.value), repr(unstarted), str(unstarted)]
    with Handoff(TARGET, timeout=LONG) as handoff:
        secret_path = urllib.parse.urlsplit(handoff.url).path.lstrip("/")
        shown += [repr(handoff), str(handoff)]
        fetch(handoff.url, "HEAD")
        fetch(handoff.url, path="/" + secret_path + "x")
        # malformed requests make http.server write its error lines (the request line too)
        for raw in (b"GET /%s HTTP/9.9\r\n\r\n", b"GET /%s junk junk\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", port_of(handoff)), timeout=20) as c:
                c.sendall(raw % secret_path.encode())
                while c.recv(4096):
                    pass
        assert fetch(handoff.url)[0] == 302
        assert fetch(handoff.url)[0] == 404
        shown += [repr(handoff), str(handoff)]
    (tmp_path / "tcp").write_text(TCP_HEADER + "\n")
    with Handoff(TARGET, timeout=LONG, proc_net=tmp_path) as refused:
        assert fetch(refused.url)[0] == 403
        refused_path = urllib.parse.urlsplit(refused.url).path.lstrip("/")
        shown.append(repr(refused))
    page = serve(TARGET, timeout=LONG, runtime_dir=tmp_path, proc_net=None)
    shown.append(repr(page))
    page.close()
    out, err = capfd.readouterr()
    assert "could not be found" in logs.text  # it did log (the 403): what it logged is checked
    everything = "\n".join([*shown, out, err, logs.text])
    for secret in (CANARY, "signin.aws.example", secret_path, refused_path):
        assert secret not in everything
    assert "Traceback" not in err


def test_on_done_may_close_the_hand_off() -> None:
    holder: list[Handoff] = []
    calls: list[bool | None] = []

    def done(taken: bool | None) -> None:
        calls.append(taken)
        holder[0].close()  # as the tray may, from the server's thread

    holder.append(serve(TARGET, timeout=LONG, on_done=done))
    assert fetch(holder[0].url)[0] == 302
    assert holder[0].wait(timeout=10) is True
    assert calls == [True]
    assert refuses(port_of(holder[0]))


@pytest.mark.expect_log(r"on_done failed \(KeyError\)")
def test_a_failing_on_done_is_logged_without_its_message(logs: _Records) -> None:
    def done(taken: bool | None) -> None:
        raise KeyError(TARGET)

    with Handoff(TARGET, timeout=LONG, on_done=done) as handoff:
        assert fetch(handoff.url)[0] == 302
        assert handoff.wait(timeout=10) is True
    assert "on_done failed (KeyError)" in logs.text
    assert CANARY not in logs.text
