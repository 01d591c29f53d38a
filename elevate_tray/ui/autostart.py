"""Start at login, the platform's way: an XDG autostart entry, a LaunchAgent, or the
Windows Run key. Only the tray is started; it hands over if one already runs."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

APP_ID = "io.github.elevate-tray"


def launch_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = shutil.which("elevate-tray")
    return [script] if script else [sys.executable, "-m", "elevate_tray"]


def _xdg_file(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_CONFIG_HOME") or str(
        Path(environ.get("HOME", "~")).expanduser() / ".config"
    )
    return Path(base) / "autostart" / "elevate-tray.desktop"


def _launch_agent(environ: Mapping[str, str]) -> Path:
    return (
        Path(environ.get("HOME", "~")).expanduser() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    )


def autostart_path(
    environ: Mapping[str, str] | None = None, platform: str = sys.platform
) -> Path | None:
    env = os.environ if environ is None else environ
    if platform == "darwin":
        return _launch_agent(env)
    if platform.startswith("win"):
        return None  # the registry, not a file
    return _xdg_file(env)


def set_autostart(
    enabled: bool, environ: Mapping[str, str] | None = None, platform: str = sys.platform
) -> None:
    env = os.environ if environ is None else environ
    command = launch_command()
    if platform.startswith("win"):  # pragma: no cover - Windows only
        import winreg

        key = winreg.OpenKey(
            winreg.HKEY_CURRENT_USER,
            r"Software\Microsoft\Windows\CurrentVersion\Run",
            0,
            winreg.KEY_SET_VALUE,
        )
        with key:
            if enabled:
                winreg.SetValueEx(key, "elevate-tray", 0, winreg.REG_SZ, subprocess_line(command))
            else:
                with contextlib.suppress(FileNotFoundError):
                    winreg.DeleteValue(key, "elevate-tray")
        return
    path = autostart_path(env, platform)
    assert path is not None
    if not enabled:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if platform == "darwin":
        args = "".join(f"<string>{a}</string>" for a in command)
        path.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict>'
            f"<key>Label</key><string>{APP_ID}</string>"
            f"<key>ProgramArguments</key><array>{args}</array>"
            "<key>RunAtLoad</key><true/></dict></plist>\n",
            encoding="utf-8",
        )
    else:
        path.write_text(
            "[Desktop Entry]\nType=Application\nName=elevate-tray\n"
            "Comment=AWS: read-only by default, admin for a few minutes with MFA\n"
            f"Exec={shlex.join(command)}\nX-GNOME-Autostart-enabled=true\nTerminal=false\n",
            encoding="utf-8",
        )


def subprocess_line(command: list[str]) -> str:
    return " ".join(f'"{c}"' if " " in c else c for c in command)
