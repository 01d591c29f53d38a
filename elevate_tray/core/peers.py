"""Who is at the other end of a local socket: the kernel's word, never the client's.

On Linux SO_PEERCRED gives the connecting process's pid, uid and gid as they were at
connect(); on macOS LOCAL_PEERPID the pid and getpeereid() the uid. Where a platform tells
nothing, both are None: the socket file's mode (the user's alone, in a user-only folder) is
then the only gate. Stdlib-only.
"""

from __future__ import annotations

import socket
import struct
import sys
from dataclasses import dataclass

SOL_LOCAL = 0  # macOS <sys/un.h>
LOCAL_PEERPID = 0x002


@dataclass(frozen=True)
class Peer:
    pid: int | None = None
    uid: int | None = None


def peer_of(sock: socket.socket) -> Peer:
    """The connected Unix-domain socket's peer, as the kernel tells it."""
    so_peercred = getattr(socket, "SO_PEERCRED", None)
    if so_peercred is not None:
        try:
            raw = sock.getsockopt(socket.SOL_SOCKET, so_peercred, struct.calcsize("3i"))
        except OSError:
            return Peer()
        pid, uid, _gid = struct.unpack("3i", raw)
        return Peer(pid if pid > 0 else None, uid)
    if sys.platform == "darwin":  # pragma: no cover - not built here
        return _darwin_peer(sock)
    return Peer()


def _darwin_peer(sock: socket.socket) -> Peer:  # pragma: no cover - not built here
    pid: int | None = None
    try:
        pid = struct.unpack("i", sock.getsockopt(SOL_LOCAL, LOCAL_PEERPID, 4))[0]
    except OSError:
        pid = None
    uid: int | None = None
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        euid, egid = ctypes.c_uint(), ctypes.c_uint()
        if libc.getpeereid(sock.fileno(), ctypes.byref(euid), ctypes.byref(egid)) == 0:
            uid = euid.value
    except (OSError, AttributeError):
        uid = None
    return Peer(pid, uid)
