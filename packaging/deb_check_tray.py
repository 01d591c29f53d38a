"""The installed tray on a virtual screen (packaging/deb_check.sh, issue 17): its icon docks in
a real tray host, and start at login, switched on and off in its Settings dialog, writes and
removes the autostart entry naming the installed command and icon.

    .venv/bin/python packaging/deb_check_tray.py /usr/bin/elevate-tray HOME

Runs the executable it is given by its full path, in a home of its own (HOME), with the
Debian packages xvfb, icewm, x11-utils and xdotool. Exit 0 when all holds, else 1 with what
did not.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vscreen  # noqa: E402 - this folder, by path

NAME = "elevate-tray"
AWS_CONFIG = """[profile me]
region = us-east-1

[profile prod]
role_arn = arn:aws:iam::123456789012:role/AdminRole
source_profile = me
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = us-east-1
"""


def _wait(what: str, ready, timeout: float = 20.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = ready()
        if value:
            return value
        time.sleep(0.1)
    raise SystemExit(f"deb_check_tray: {what} after {timeout:.0f} s")


class Desktop:
    def __init__(self, screen: vscreen.VirtualScreen) -> None:
        self.screen = screen

    def run(self, *argv: str) -> str:
        return subprocess.run(
            argv, env=self.screen.env(dict(os.environ)), capture_output=True, text=True
        ).stdout

    def popup(self) -> str | None:
        """A visible override-redirect window of the app bigger than an icon: the menu."""
        for wid in self.run("xdotool", "search", "--onlyvisible", "--class", f"^{NAME}$").split():
            info = self.run("xwininfo", "-id", wid)
            if "Override Redirect State: yes" not in info:
                continue
            width = int(info.split("Width:")[1].split()[0])
            height = int(info.split("Height:")[1].split()[0])
            if width > 100 and height > 100:
                return wid
        return None

    def window(self, title: str) -> str | None:
        found = self.run("xdotool", "search", "--onlyvisible", "--name", f"^{title}$").split()
        return found[0] if found else None

    def toggle_start_at_login(self) -> None:
        """Tray menu > Settings… (its mnemonic, s) > the "Start elevate-tray when I log in"
        box (the sixth in the dialog's focus chain: duration, browser command, sign out,
        warnings, key rotation, start at login; ui/settings_dialog.py) > Save (Return).
        Alt+mnemonic does not reach a dialog under Xvfb + IceWM; Tab and space do."""
        title = f"{NAME} settings"
        dialog = None
        for _attempt in range(10):  # the tray host may still be laying the icon out
            icon = _wait("no tray icon", lambda: self.screen.tray_icons(NAME))[0]
            x, y = icon.x + icon.width // 2, icon.y + icon.height // 2
            self.run("xdotool", "mousemove", str(x), str(y), "click", "3")
            try:
                _wait("right-click showed no menu", self.popup, 3)
                time.sleep(0.5)  # mapped is not yet taking keys
                self.run("xdotool", "key", "s")
                dialog = _wait("the Settings dialog did not open", lambda: self.window(title), 3)
                break
            except SystemExit:
                self.run("xdotool", "key", "Escape")
        if dialog is None:
            raise SystemExit("deb_check_tray: the tray menu did not open its Settings dialog")
        self.run("xdotool", "windowactivate", "--sync", dialog)
        time.sleep(0.3)
        for _ in range(5):
            self.run("xdotool", "key", "Tab")
        self.run("xdotool", "key", "space")
        time.sleep(0.3)
        if os.environ.get("DEB_CHECK_SHOTS"):
            self.screen.screenshot(Path(os.environ["DEB_CHECK_SHOTS"]) / "settings.png")
        self.run("xdotool", "key", "Return")
        _wait("the Settings dialog did not close", lambda: not self.window(title))


def main(argv: list[str]) -> int:
    exe, home = Path(argv[0]), Path(argv[1])
    missing = vscreen.missing_tools() + (["xdotool"] if not _has("xdotool") else [])
    if missing:
        raise SystemExit(f"deb_check_tray: needs {', '.join(missing)} (Debian packages)")
    (home / "aws").mkdir(parents=True, exist_ok=True)
    (home / "aws" / "config").write_text(AWS_CONFIG)
    (home / "aws" / "credentials").write_text("")
    runtime = home / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_RUNTIME_DIR": str(runtime),
        "AWS_CONFIG_FILE": str(home / "aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws" / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",  # nothing listens: no AWS call leaves
        "ELEVATE_TRAY_SECRET_STORE": "file",
        "LANG": "en_US.UTF-8",
    }
    entry = home / ".config" / "autostart" / f"{NAME}.desktop"
    log = home / "tray.log"
    with vscreen.VirtualScreen() as screen, log.open("w") as out:
        started = time.monotonic()
        app = subprocess.Popen(
            [str(exe)],
            env=screen.env(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            icon = screen.wait_for_tray_icon(NAME, timeout=30)
            print(
                f"deb_check_tray: the icon docked in the tray ({icon.width}x{icon.height} at "
                f"{icon.x},{icon.y}) {time.monotonic() - started:.1f} s after start"
            )
            desktop = Desktop(screen)
            desktop.toggle_start_at_login()
            _wait(f"{entry} was not written", entry.is_file, 10)
            text = entry.read_text()
            lines = dict(x.split("=", 1) for x in text.splitlines() if "=" in x)
            if lines.get("Exec") != NAME or lines.get("Icon") != NAME:
                raise SystemExit(f"deb_check_tray: the autostart entry is wrong:\n{text}")
            check = subprocess.run(["desktop-file-validate", str(entry)], text=True,
                                   capture_output=True)  # fmt: skip
            if check.returncode != 0 or "error" in check.stdout:
                raise SystemExit(f"deb_check_tray: {entry}: {check.stdout}{check.stderr}")
            print(f"deb_check_tray: start at login on: {entry} has Exec={NAME}, Icon={NAME}")
            desktop.toggle_start_at_login()
            _wait(f"{entry} was not removed", lambda: not entry.exists(), 10)
            print("deb_check_tray: start at login off: the entry is gone")
        finally:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
    said = log.read_text()
    if "Traceback" in said:
        print(said)
        return 1
    return 0


def _has(tool: str) -> bool:
    import shutil

    return shutil.which(tool) is not None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
