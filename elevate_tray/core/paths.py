"""Where the app keeps its files: platformdirs dirs, or $ELEVATE_TRAY_HOME when set."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HOME_ENV = "ELEVATE_TRAY_HOME"


@dataclass(frozen=True)
class AppDirs:
    config: Path  # settings.toml
    state: Path  # state.json, file-backed secrets, lock
    data: Path  # audit log
    logs: Path
    runtime: Path  # the tray's local socket

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.toml"

    @property
    def state_file(self) -> Path:
        return self.state / "state.json"

    @property
    def lock_file(self) -> Path:
        return self.state / "state.lock"

    @property
    def secrets_dir(self) -> Path:
        return self.state / "secrets"

    @property
    def audit_file(self) -> Path:
        return self.data / "audit.jsonl"

    @property
    def socket_path(self) -> Path:
        return self.runtime / "tray.sock"

    def ensure(self) -> None:
        """Create the directories, readable by the user only."""
        for d in (self.config, self.state, self.data, self.logs, self.runtime):
            private_dir(d)


def private_dir(path: Path) -> Path:
    """Create a folder and every missing parent user-only (mkdir(parents=True) gives the mode
    to the last folder only, so a home folder we make would be as open as the umask)."""
    missing = []
    d = path
    while not d.exists():
        missing.append(d)
        d = d.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)
    return path


def app_dirs(environ: dict[str, str] | None = None) -> AppDirs:
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV)
    if home:
        root = Path(home).expanduser()
        return AppDirs(
            config=root / "config",
            state=root / "state",
            data=root / "data",
            logs=root / "logs",
            runtime=root / "run",
        )
    import platformdirs

    name = "elevate-tray"
    runtime = Path(user_runtime_dir(name))
    return AppDirs(
        config=Path(platformdirs.user_config_dir(name, appauthor=False)),
        state=Path(platformdirs.user_state_dir(name, appauthor=False)),
        data=Path(platformdirs.user_data_dir(name, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(name, appauthor=False)),
        runtime=runtime,
    )


def user_runtime_dir(name: str) -> str:
    """platformdirs' runtime dir, without its warning when XDG_RUNTIME_DIR is unset (it then
    falls back to a per-user /tmp/runtime-UID, which we create user-only anyway)."""
    import warnings

    import platformdirs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return str(platformdirs.user_runtime_dir(name, appauthor=False))
