"""End to end on a virtual X screen with a real tray host (Xvfb + IceWM): the icon docks,
right-click opens the menu, elevating through the sandbox turns the icon red with the
minutes in it, warnings come, and the expiry turns it back, all judged in screenshot pixels.

The app runs as its own process with a wall clock the test can move forward: moving it is a
sleep through time, and the test then sends the wake the operating system would send.
Set ELEVATE_TRAY_SCREENSHOTS=DIR to keep the screenshots (docs/screenshots comes from this).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from benchmarks.tray_xscreen import Geometry, VirtualScreen, missing_tools

from .suite_support import standin_browser_command

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

DRIVER = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher

import elevate_tray.ui.wake as wake
from elevate_tray.core.context import AppContext
from elevate_tray.ui.app import main

CLOCK = Path(sys.argv[1])


class MovableClock:
    def now(self):
        text = CLOCK.read_text().strip() if CLOCK.exists() else ""
        return datetime.now(UTC) + timedelta(seconds=float(text or 0))


class WakeOnClockMove(wake.WakeWatcher):
    # the test's stand-in for logind's resume signal
    def __init__(self, on_wake, parent=None):
        super().__init__(on_wake, parent)
        self.files = QFileSystemWatcher([str(CLOCK)], self)
        self.files.fileChanged.connect(self.moved)

    def moved(self, path):
        self.files.addPath(path)
        self.on_wake()


wake.WakeWatcher = WakeOnClockMove
sys.exit(main([], AppContext(clock=MovableClock())))
"""


def share(pixels: list[QColor], test) -> float:  # type: ignore[no-untyped-def]
    return sum(1 for c in pixels if test(c)) / max(1, len(pixels))


def red(c: QColor) -> bool:
    return c.red() > 150 and c.green() < 90 and c.blue() < 90


def slate(c: QColor) -> bool:  # the read-only shield, #455a64
    return abs(c.red() - 0x45) < 25 and abs(c.green() - 0x5A) < 25 and abs(c.blue() - 0x64) < 25


class Desktop:
    def __init__(self, screen: VirtualScreen, shots: Path) -> None:
        self.screen, self.shots, self.count = screen, shots, 0

    def shot(self, name: str) -> QImage:
        self.count += 1
        path = self.screen.screenshot(self.shots / f"{self.count:02d}-{name}.png")
        image = QImage(str(path))
        assert not image.isNull()
        return image

    def icon_pixels(self, image: QImage, icon: Geometry) -> list[QColor]:
        return [
            QColor(image.pixel(x, y))
            for x in range(icon.x, icon.x + icon.width)
            for y in range(icon.y, icon.y + icon.height)
        ]

    def wait_icon(self, name: str, test, minimum: float) -> QImage:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 15
        while True:
            icon = self.screen.tray_icon()  # None for a moment while IceWM re-lays its tray
            if icon is not None:
                image = self.shot(name)
                if share(self.icon_pixels(image, icon), test) >= minimum:
                    return image
            assert time.monotonic() < deadline, f"the tray icon never looked {name}"
            time.sleep(0.3)

    def xdo(self, *args: str) -> str:
        return self.screen.run("xdotool", *args).stdout


@pytest.fixture
def desktop(tmp_path: Path):  # type: ignore[no-untyped-def]
    missing = missing_tools()
    if missing:
        pytest.skip(
            f"needs {', '.join(missing)}: apt-get install xvfb icewm xdotool imagemagick x11-utils"
        )
    screen = VirtualScreen().start()
    shots = Path(os.environ.get("ELEVATE_TRAY_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    yield Desktop(screen, shots)
    screen.stop()


def test_tray_elevates_counts_down_and_drops_back(
    desktop: Desktop, sandbox, tmp_path: Path
) -> None:
    from elevate_tray.core.paths import app_dirs
    from elevate_tray.core.settings import Settings

    home = tmp_path / "app"
    clock = tmp_path / "clock-offset"
    clock.write_text("0")
    env = desktop.screen.env(dict(os.environ))
    env.update(
        sandbox.env(),
        ELEVATE_TRAY_HOME=str(home),
        ELEVATE_TRAY_SECRET_STORE="file",
        ELEVATE_TRAY_SANDBOX="1",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    for key in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        env.pop(key, None)
    browser = tmp_path / "browser.txt"
    dirs = app_dirs(env)
    dirs.ensure()
    settings = Settings(
        browser_command=standin_browser_command(browser),
        countdown_window=True,
        countdown_window_pos=[700, 380],
    )
    settings.save(dirs.settings_file)
    (tmp_path / "driver.py").write_text(DRIVER)
    log = tmp_path / "app.log"
    with log.open("w") as out:
        app = subprocess.Popen(
            [sys.executable, str(tmp_path / "driver.py"), str(clock)],
            env=env,
            cwd=Path(__file__).resolve().parent.parent,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        # 1. the read-only icon docks in IceWM's tray
        icon = desktop.screen.wait_for(desktop.screen.tray_icon, timeout=20)
        assert icon is not None, "the tray icon never docked"
        desktop.wait_icon("read-only", slate, 0.25)

        # 2. right-click shows the menu, headed by the mode
        desktop.xdo(
            "mousemove", str(icon.x + icon.width // 2), str(icon.y + icon.height // 2), "click", "3"
        )
        menu = desktop.screen.wait_for(lambda: _popup(desktop.screen), timeout=10)
        assert menu is not None, "right-click showed no menu"
        desktop.shot("menu")

        # 3. Elevate… from the keyboard, the sandbox's code typed into the MFA dialog
        desktop.xdo("key", "e")
        dialog = desktop.screen.wait_for(lambda: desktop.screen.window("^Elevate to "), timeout=10)
        assert dialog is not None, "the MFA dialog did not open"
        desktop.xdo("windowactivate", "--sync", dialog)
        code = sandbox.totp()
        desktop.xdo("type", "--delay", "40", f"{code[:3]} {code[3:5]}")
        desktop.shot("mfa-dialog")
        desktop.xdo("type", code[5])  # the sixth digit submits
        desktop.wait_icon("admin-60-minutes", red, 0.3)
        desktop.screen.wait_for(lambda: browser.exists() and browser.read_text().endswith("\n"))
        assert browser.read_text().startswith(sandbox.signin_url)  # through the hand-off

        # 4. time passes (the clock moves, the machine wakes): the warning at 5 minutes
        clock.write_text(str(3600 - 290))
        time.sleep(1.5)
        desktop.wait_icon("admin-5-minutes-warning", red, 0.2)
        # the last minute counts seconds on a white badge
        clock.write_text(str(3600 - 42))
        time.sleep(1.5)
        desktop.shot("admin-last-minute")

        # 5. a sleep through the expiry: at wake the icon is read-only again
        clock.write_text(str(3600 + 120))
        desktop.wait_icon("dropped", slate, 0.25)
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        print(log.read_text())  # shown when the test fails
    assert "Traceback" not in log.read_text(), log.read_text()


def _popup(screen: VirtualScreen) -> str | None:
    """A visible override-redirect window of the app bigger than an icon: the menu."""
    ids = screen.run(
        "xdotool", "search", "--onlyvisible", "--class", "^elevate-tray$", check=False
    ).stdout.split()
    for wid in ids:
        info = screen.run("xwininfo", "-id", wid, check=False).stdout
        if "Override Redirect State: yes" not in info:
            continue
        width = int(info.split("Width:")[1].split()[0])
        height = int(info.split("Height:")[1].split()[0])
        if width > 100 and height > 100:
            return wid
    return None
