"""A virtual X screen with a real system tray (Xvfb + IceWM), for checking a built bundle.

Used by tests/test_packaging.py and benchmarks/bundle_size_start.py (loaded by path: this
folder is not a Python package, so it never shadows PyPI's `packaging`). Needs the Debian
packages xvfb, icewm, x11-utils (xwininfo) and imagemagick (import), as .ci/run installs.

    with VirtualScreen() as screen:
        proc = subprocess.Popen([...], env=screen.env(base_env))
        icon = screen.wait_for_tray_icon("elevate-tray", timeout=10)
        screen.screenshot(path)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("Xvfb", "icewm", "xwininfo", "import")

# a quiet task bar: no clock or monitors, so the tray is the only thing that changes
ICEWM_PREFERENCES = "".join(
    f"{key}=0\n"
    for key in (
        "TaskBarShowClock",
        "TaskBarShowCPUStatus",
        "TaskBarShowNetStatus",
        "TaskBarShowMEMStatus",
        "TaskBarShowMailboxStatus",
        "TaskBarShowAPMStatus",
        "TaskBarShowWorkspaces",
    )
)

# an xwininfo -tree line:
#   0x400007 "elevate-tray": ("elevate-tray" "elevate-tray")  24x24+0+0  +999+575
_LINE = re.compile(
    r'^(?P<indent>\s*)(?P<id>0x[0-9a-f]+) (?P<name>\(has no name\)|"[^"]*")?:? ?'
    r"\((?P<cls>[^)]*)\)\s+(?P<w>\d+)x(?P<h>\d+)[+-]-?\d+[+-]-?\d+\s+\+(?P<x>-?\d+)\+(?P<y>-?\d+)"
)


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass(frozen=True)
class TrayIcon:
    window: str
    x: int
    y: int
    width: int
    height: int


class VirtualScreen:
    def __init__(self, width: int = 1024, height: int = 600) -> None:
        self.size = (width, height)
        self.display = ""
        self._procs: list[subprocess.Popen[bytes]] = []
        self._cfg = tempfile.TemporaryDirectory(prefix="icewm-")

    def __enter__(self) -> VirtualScreen:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        n = 90
        while Path(f"/tmp/.X11-unix/X{n}").exists() or Path(f"/tmp/.X{n}-lock").exists():
            n += 1
        self.display = f":{n}"
        width, height = self.size
        self._procs.append(
            subprocess.Popen(
                ["Xvfb", self.display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        self._wait(lambda: Path(f"/tmp/.X11-unix/X{n}").exists(), 60, "Xvfb did not start")
        Path(self._cfg.name, "preferences").write_text(ICEWM_PREFERENCES, encoding="ascii")
        env = self.env(dict(os.environ), ICEWM_PRIVCFG=self._cfg.name)
        self._procs.append(
            subprocess.Popen(
                ["icewm"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        )
        self._wait(lambda: '"SystemTray"' in self.tree(), 60, "IceWM's tray did not appear")

    def stop(self) -> None:
        for proc in reversed(self._procs):
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._procs.clear()
        self._cfg.cleanup()

    def env(self, base: dict[str, str], **extra: str) -> dict[str, str]:
        env = {k: v for k, v in base.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        env.update(DISPLAY=self.display, **extra)
        return env

    def tree(self) -> str:
        result = subprocess.run(
            ["xwininfo", "-root", "-tree"],
            env=self.env(dict(os.environ)),
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout

    def tray_icons(self, wm_class: str) -> list[TrayIcon]:
        """Windows of this WM_CLASS embedded in IceWM's tray ("SystemTray"), with a size."""
        icons, tray_indent = [], None
        for line in self.tree().splitlines():
            m = _LINE.match(line)
            if not m:
                continue
            indent = len(m["indent"])
            if m["name"] == '"SystemTray"':
                tray_indent = indent
                continue
            if tray_indent is not None and indent <= tray_indent:
                tray_indent = None  # left the tray's subtree
            if tray_indent is not None and f'"{wm_class}"' in m["cls"] and int(m["w"]) > 1:
                icons.append(TrayIcon(m["id"], int(m["x"]), int(m["y"]), int(m["w"]), int(m["h"])))
        return icons

    def viewable(self, window: str) -> bool:
        out = subprocess.run(
            ["xwininfo", "-id", window],
            env=self.env(dict(os.environ)),
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return "Map State: IsViewable" in out

    def wait_for_tray_icon(self, wm_class: str, timeout: float, poll: float = 0.005) -> TrayIcon:
        """The first icon of this class shown in the tray: embedded, sized and viewable."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for icon in self.tray_icons(wm_class):
                if self.viewable(icon.window):
                    return icon
            time.sleep(poll)
        raise TimeoutError(f"no {wm_class} icon in the tray after {timeout} s")

    def screenshot(self, path: Path) -> Path:
        subprocess.run(
            ["import", "-window", "root", str(path)], env=self.env(dict(os.environ)), check=True
        )
        return path

    @staticmethod
    def _wait(ready: object, timeout: float, message: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready():  # type: ignore[operator]
                return
            time.sleep(0.05)
        raise RuntimeError(message)
