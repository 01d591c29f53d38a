"""Which local user owns the other end of a loopback TCP connection (Linux /proc/net/tcp).

Each row of /proc/net/tcp and tcp6 is one socket with the uid that created it. The client's
end of a connection we accepted is the row whose local address is the peer's and whose
remote address is ours (the row the other way round is our own accepted socket). A client
with a dual-stack socket appears in tcp6 with IPv4-mapped addresses (::ffff:127.0.0.1).
Stdlib-only.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

PROC_NET = Path("/proc/net")
_TIME_WAIT, _LISTEN = "06", "0A"  # no live client socket (a TIME_WAIT row says uid 0)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Address = tuple[IPAddress, int]


def parse_address(text: str) -> Address:
    """A table's address "HEX:PORT". The kernel prints the address as 32-bit words, each in
    host byte order (little-endian on x86 and arm64), and the port as a plain number."""
    hex_ip, hex_port = text.split(":")
    if len(hex_ip) not in (8, 32):
        raise ValueError("not a /proc/net/tcp address")
    words = (hex_ip[i : i + 8] for i in range(0, len(hex_ip), 8))
    ip: IPAddress = ipaddress.ip_address(
        b"".join(int(word, 16).to_bytes(4, sys.byteorder) for word in words)
    )
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip, int(hex_port, 16)


def socket_owner(lines: list[str], local: Address, remote: Address) -> int | None:
    """The uid in the table rows `lines` of the socket from `local` to `remote`, if any."""
    for line in lines:
        fields = line.split()
        if len(fields) < 8 or fields[0] == "sl" or fields[3] in (_TIME_WAIT, _LISTEN):
            continue
        try:
            if parse_address(fields[1]) == local and parse_address(fields[2]) == remote:
                return int(fields[7])
        except ValueError:
            continue
    return None


def peer_uid(proc_net: Path, peer: tuple[str, int], ours: tuple[str, int]) -> int | None:
    """The uid owning the client end of our connection from `peer` to `ours`, or None."""
    local = (ipaddress.ip_address(peer[0]), peer[1])
    remote = (ipaddress.ip_address(ours[0]), ours[1])
    for name in ("tcp", "tcp6"):
        try:
            lines = (proc_net / name).read_text(encoding="ascii").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # tcp6 is absent where IPv6 is off
        uid = socket_owner(lines, local, remote)
        if uid is not None:
            return uid
    return None


def can_tell_owners(proc_net: Path | None) -> bool:
    """Whether the socket tables can be read here (not on macOS, Windows, or without /proc)."""
    if proc_net is None:
        return False
    try:
        with (proc_net / "tcp").open(encoding="ascii") as table:
            table.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return True
