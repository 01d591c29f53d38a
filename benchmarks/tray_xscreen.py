"""A virtual X screen with a real tray host (Xvfb + IceWM), as ../shared/tools/desktop-shot
sets it up; used by the desktop end-to-end test, the tray benchmarks and the screenshots.

Debian packages: xvfb icewm xdotool imagemagick x11-utils, and Qt's xcb libraries
(libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxkbcommon-x11-0
libxcb-shape0 libxcb-xinerama0 libxcb-cursor0).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

TOOLS = ("Xvfb", "icewm", "xdotool", "import", "xwininfo")
QUIET_TASKBAR = (
    "TaskBarShowClock=0\nTaskBarShowCPUStatus=0\nTaskBarShowNetStatus=0\nTaskBarShowMEMStatus=0\n"
    "TaskBarShowMailboxStatus=0\nTaskBarShowAPMStatus=0\nTaskBarShowWorkspaces=0\n"
)


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


@dataclass
class Geometry:
    x: int
    y: int
    width: int
    height: int


@dataclass
class VirtualScreen:
    width: int = 1024
    height: int = 600
    display: str = ""
    procs: list[subprocess.Popen] = field(default_factory=list)  # type: ignore[type-arg]

    def start(self) -> VirtualScreen:
        n = 90
        while Path(f"/tmp/.X11-unix/X{n}").exists() or Path(f"/tmp/.X{n}-lock").exists():
            n += 1
        self.display = f":{n}"
        self.procs.append(
            subprocess.Popen(
                [
                    "Xvfb",
                    self.display,
                    "-screen",
                    "0",
                    f"{self.width}x{self.height}x24",
                    "-nolisten",
                    "tcp",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        try:
            self._come_up()
        except BaseException:
            self.stop()  # no Xvfb or IceWM left running behind a screen that never came up
            raise
        return self

    def _come_up(self) -> None:
        # generous bounds: on a loaded machine IceWM can take seconds to dock its tray
        self._wait(
            lambda: self.run("xdotool", "getdisplaygeometry", check=False).returncode == 0, 30
        )
        cfg = Path(tempfile.mkdtemp(prefix="icewm-"))
        (cfg / "preferences").write_text(QUIET_TASKBAR)
        self.procs.append(
            subprocess.Popen(
                ["icewm"],
                env=dict(self.env(), ICEWM_PRIVCFG=str(cfg)),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        self._wait(lambda: "SystemTray" in self.tree(), 30)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.procs.clear()

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        env = dict(os.environ if base is None else base, DISPLAY=self.display)
        env.pop("QT_QPA_PLATFORM", None)  # the real xcb platform, not offscreen
        return env

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, env=self.env(), capture_output=True, text=True, check=check, timeout=30
        )

    def tree(self) -> str:
        return self.run("xwininfo", "-root", "-tree", check=False).stdout

    def tray_icon(self, wm_class: str = "elevate-tray") -> Geometry | None:
        """The geometry of an icon of that class docked in IceWM's tray, or None."""
        lines = self.tree().splitlines()
        for i, line in enumerate(lines):
            if '"YXTrayEmbedder"' in line and i + 2 < len(lines):
                for child in lines[i + 1 : i + 3]:
                    if f'"{wm_class}")' in child:
                        m = re.search(r"(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)", child)
                        if m:
                            w, h, x, y = map(int, m.groups())
                            return Geometry(x, y, w, h)
        return None

    def window(self, name_regex: str) -> str | None:
        out = self.run(
            "xdotool", "search", "--onlyvisible", "--name", name_regex, check=False
        ).stdout.split()
        return out[0] if out else None

    def screenshot(self, path: Path) -> Path:
        self.run("import", "-window", "root", str(path))
        return path

    @staticmethod
    def _wait(cond, timeout: float) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if cond():
                return
            time.sleep(0.02)
        raise TimeoutError("the virtual screen did not come up")

    def wait_for(self, cond, timeout: float = 10, step: float = 0.02):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = cond()
            if value:
                return value
            time.sleep(step)
        return None
