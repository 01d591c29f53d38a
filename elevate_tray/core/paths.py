"""Where the app keeps its files: platformdirs dirs, or $ELEVATE_TRAY_HOME when set.

Every folder of the app's own is user-only: another user who could write one could plant a
state.json whose secret file the fast path then serves. So an existing app folder that
another user owns, or that group or others may write, is refused (never "fixed" silently:
it may be someone else's on purpose). Stdlib only: the fast path may use it.
"""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError, Phrase

HOME_ENV = "ELEVATE_TRAY_HOME"
APP_NAME = "elevate-tray"


class AppFolderError(ConfigError, OSError):
    """An app folder that cannot be used safely: one sentence naming it and the fix (exit 2).

    Also an OSError: callers that carry on when a folder is unusable (the command line's log
    set-up) then let the command itself say the sentence, instead of a traceback."""


@dataclass(frozen=True)
class AppDirs:
    config: Path  # settings.toml
    state: Path  # state.json, file-backed secrets, lock
    data: Path  # audit log
    logs: Path
    runtime: Path  # the tray's local socket
    home: Path | None = None  # $ELEVATE_TRAY_HOME, which holds all of the above
    runtime_problem: str = ""  # why no runtime folder can be had (a Phrase); "" when fine

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
        """Create the app's folders user-only and refuse unsafe ones (AppFolderError).

        The runtime folder is only tried: the commands that need no socket (targets, status,
        elevate, credentials from the file store, drop) must work without one, so whoever
        listens or connects calls ensure_runtime(), which says what is wrong with it."""
        if self.home is not None:
            _make_private(self.home)
        for folder in (self.config, self.state, self.data, self.logs):
            _make_private(folder)
        check_private(self.secrets_dir)  # made by the file store when it first needs it
        with suppress(ConfigError):
            self.ensure_runtime()

    def ensure_runtime(self) -> None:
        """The socket folder, user-only, or AppFolderError saying why there is none."""
        if self.runtime_problem:  # a Phrase from app_dirs(): its key and params travel with it
            raise AppFolderError(sentence=self.runtime_problem)
        _make_private(self.runtime)


def folder_problem(path: Path) -> str | None:
    """Why an existing app folder must not be used (a Phrase), or None (also when missing)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return Phrase(
            "The folder {path} cannot be checked ({error}); fix its permissions, or set "
            "ELEVATE_TRAY_HOME to a folder of your own.",
            path=path,
            error=exc.strerror or type(exc).__name__,
        )
    if not stat.S_ISDIR(info.st_mode):
        return Phrase(
            "{path} should be one of elevate-tray's folders but is a file: move it away.",
            path=path,
        )
    if not hasattr(os, "geteuid"):  # Windows: the profile's ACLs keep it the user's
        return None
    if info.st_uid != os.geteuid():
        return Phrase(
            "The folder {path} belongs to another user, so elevate-tray will not use it: "
            "remove it (as its owner or root), or set ELEVATE_TRAY_HOME to a folder of your own.",
            path=path,
        )
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return Phrase(
            "The folder {path} can be changed by other users, so elevate-tray will not use it: "
            "run chmod 700 {path}.",
            path=path,
        )
    return None


def check_private(path: Path) -> None:
    if (problem := folder_problem(path)) is not None:  # a Phrase, key and params included
        raise AppFolderError(sentence=problem)


def _make_private(path: Path) -> None:
    check_private(path)
    try:
        private_dir(path)
    except OSError as exc:
        raise AppFolderError(
            Phrase(
                "elevate-tray cannot create its folder {path} ({error}); check the path, or set "
                "ELEVATE_TRAY_HOME to a folder you can write.",
                path=path,
                error=exc.strerror or type(exc).__name__,
            )
        ) from None
    check_private(path)  # another user may have made it in between


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
            home=root,
        )
    import platformdirs

    problem = ""
    try:
        runtime = Path(user_runtime_dir(APP_NAME))
    except PermissionError:  # its last resort, /tmp/runtime-UID, was made by another user
        import tempfile

        fallback = Path(tempfile.gettempdir()) / f"runtime-{os.geteuid()}"
        runtime = fallback / APP_NAME
        problem = Phrase(
            "The folder {path} for the tray's socket belongs to another user or is not private, "
            "so the tray cannot use it: remove it (as its owner or root), or set "
            "XDG_RUNTIME_DIR to a folder of your own with mode 700.",
            path=fallback,
        )
    return AppDirs(
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        state=Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        runtime=runtime,
        runtime_problem=problem,
    )


def user_runtime_dir(name: str) -> str:
    """platformdirs' runtime dir, without its warning when XDG_RUNTIME_DIR is unset (it then
    falls back to a per-user /tmp/runtime-UID, which we create user-only anyway).

    Raises PermissionError when that fallback belongs to another user."""
    import warnings

    import platformdirs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return str(platformdirs.user_runtime_dir(name, appauthor=False))
