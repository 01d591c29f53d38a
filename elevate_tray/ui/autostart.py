"""Start at login, the platform's way: an XDG autostart entry, a LaunchAgent, or the
Windows Run key. Only the tray is started; it hands over if one already runs.

The entry starts this installation the way its command line is named everywhere else
(core/commandline.py): `elevate-tray` when that is the one on PATH (the .deb, pipx), else
this installation's own executable by its absolute path (a venv, an unpacked bundle). Its
icon is the theme's `elevate-tray` where a package installed one (the .deb's hicolor icons),
else the app's own shield by its path. The tray offers none of this in the sandbox
(settings_dialog.py): a login would start it against a fake account that is gone by then."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from ..core.commandline import serving_command
from .resources import resource_path

APP_ID = "io.github.elevate-tray"
APP_ICON = "elevate-tray"  # the .deb's icon name in the hicolor theme (packaging/deb.py)


def launch_command(environ: Mapping[str, str] | None = None) -> list[str]:
    return serving_command(environ)


def _theme_icon(environ: Mapping[str, str]) -> bool:
    """Whether the hicolor theme holds an `elevate-tray` icon (a package installed it)."""
    home = Path(environ.get("HOME", "~")).expanduser()
    data_dirs = [environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")]
    data_dirs += (environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")
    return any(
        any((Path(d) / "icons" / "hicolor").glob(f"*/apps/{APP_ICON}.*"))
        for d in data_dirs
        if d and (Path(d) / "icons" / "hicolor").is_dir()
    )


def entry_icon(environ: Mapping[str, str]) -> str:
    """The desktop entry's Icon= value."""
    if _theme_icon(environ):
        return APP_ICON
    return str(resource_path("resources", "icons", "read-only.svg"))


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
    command = launch_command(env)
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
            f"Exec={_exec_line(command)}\nIcon={entry_icon(env)}\n"
            "X-GNOME-Autostart-enabled=true\nTerminal=false\n",
            encoding="utf-8",
        )


def _exec_line(command: list[str]) -> str:
    """The desktop entry's Exec=: its own quoting (the spec's double quotes), `%` doubled."""
    quoted = []
    for arg in command:
        if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            quoted.append(arg.replace("%", "%%"))
        else:
            escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            quoted.append('"' + escaped.replace("%", "%%") + '"')
    return " ".join(quoted)


def subprocess_line(command: list[str]) -> str:
    return " ".join(f'"{c}"' if " " in c else c for c in command)
