"""What the tray shows, read from the core, and the watcher that says when it changed.

Every process writes the state file by rename, so watching its directory catches a CLI
`elevate` or `drop` at once, with no polling timer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from ..core.context import AppContext
from ..core.lifecycle import Mode
from ..core.sessions import ElevatedSession

SANDBOX_ENV = "ELEVATE_TRAY_SANDBOX"


@dataclass(frozen=True)
class TrayState:
    mode: Mode
    shown: ElevatedSession | None = None  # the admin session the icon counts down
    admins: tuple[ElevatedSession, ...] = ()
    elevating: str = ""  # the target being elevated, while AWS answers
    sandbox: bool = False
    problem: str = ""  # a configuration error, said in the menu instead of targets
    revoke_pending: tuple[str, ...] = ()  # targets dropped here whose revocation is pending
    readonly: tuple[ElevatedSession, ...] = ()  # read-only MFA sessions (GetSessionToken)
    extra: dict[str, str] = field(default_factory=dict)

    def signature(self) -> tuple[object, ...]:
        """What a change of state is (not the seconds ticking): old notices leave on it."""
        admins = tuple((s.key, s.expires_at) for s in self.admins)
        readonly = tuple((s.key, s.expires_at) for s in self.readonly)
        return (self.mode, self.elevating, admins, self.revoke_pending, readonly)

    def admin_for(self, target: str) -> ElevatedSession | None:
        return next((s for s in self.admins if s.target == target), None)


def is_sandbox(ctx: AppContext) -> bool:
    return ctx.environ.get(SANDBOX_ENV, "") not in ("", "0")


def read_tray_state(ctx: AppContext, elevating: str = "") -> TrayState:
    live = ctx.store.live()
    admins = tuple(s for s in live if s.kind == "admin")
    readonly = tuple(s for s in live if s.kind == "read-only")
    shown = ctx.store.current_admin() if admins else None
    if elevating:
        mode = Mode.ELEVATING
    elif shown is not None:
        mode = Mode.ADMIN
    else:
        mode = Mode.READ_ONLY
    pending = tuple(sorted({s.target for s in ctx.store.revoke_pending()}))
    return TrayState(
        mode, shown, admins, elevating, is_sandbox(ctx), revoke_pending=pending, readonly=readonly
    )


class StateWatcher(QObject):
    """Emits `changed` when another process (or a worker) rewrote the state file."""

    changed = Signal()

    def __init__(self, state_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state_file = state_file
        self._watcher = QFileSystemWatcher(self)
        self._watcher.addPath(str(state_file.parent))
        self._signature = self._stat()
        self._watch_file()
        self._watcher.directoryChanged.connect(self._poke)
        self._watcher.fileChanged.connect(self._poke)

    def _stat(self) -> tuple[int, int, int]:
        try:
            st = os.stat(self.state_file)
        except FileNotFoundError:
            return (0, 0, 0)
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _watch_file(self) -> None:
        # a rename replaces the inode: the old file watch is gone, watch the new file
        if self.state_file.exists() and str(self.state_file) not in self._watcher.files():
            self._watcher.addPath(str(self.state_file))

    def _poke(self, _path: str = "") -> None:
        self._watch_file()
        sig = self._stat()
        if sig != self._signature:
            self._signature = sig
            self.changed.emit()
