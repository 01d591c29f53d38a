"""The tray's kept-access-key entries and rotation reminder, loaded only once a key is kept:
until the state has one, the idle tray loads none of key_rotation.py (its memory budget)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.errors import ElevateError
from ..core.statefile import read_state

if TYPE_CHECKING:
    from ..core.context import AppContext
    from .key_rotation import TrayKeys


class KeptKeysMenu:
    def __init__(self, ctx: AppContext, runner: Any, notifier: Any, parent: Any) -> None:
        self.ctx, self._made = ctx, (runner, notifier, parent)
        self._keys: TrayKeys | None = None

    @property
    def keys(self) -> TrayKeys:
        if self._keys is None:
            from .key_rotation import TrayKeys

            self._keys = TrayKeys(self.ctx, *self._made)
        return self._keys

    def _any_kept(self) -> bool:
        try:
            return bool(read_state(self.ctx.dirs.state_file).get("access_keys"))
        except ElevateError:
            return False

    def check(self) -> None:
        """The reminder and its timer, once a key is kept (key_rotation.TrayKeys.check)."""
        if self._keys is not None or self._any_kept():
            self.keys.check()

    def entries(self) -> list[tuple[str, str]]:
        if self._keys is None and not self._any_kept():
            return []
        return self.keys.entries()

    def rotate(self, profile: str) -> None:
        self.keys.rotate(profile)

    def close_all(self) -> None:
        if self._keys is not None:
            self._keys.close_all()
