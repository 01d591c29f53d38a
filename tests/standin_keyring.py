"""A stand-in OS keyring that can be locked, with the desktop's unlock prompt. No tests here.

Passwords live in one user-only JSON file named by $ELEVATE_STANDIN_KEYRING, so separate
processes (a CLI command, the tray) share them. Beside it:
- `<file>.lock.json`: {"locked": bool, "answer": "unlock" | "dismiss"}, what the test set;
- `<file>.prompts`: one line (the pid asked) per unlock prompt shown.

`Keyring` behaves as keyring's Secret Service backend does: while locked, every get, set
and delete first shows the unlock prompt (it opens the collection, which asks the desktop
to unlock it); "unlock" unlocks it for everyone (as the desktop's keyring daemon does),
"dismiss" leaves it locked and the call raises KeyringLocked. `PromptlessKeyring` has no
prompt: locked, every call raises KeyringLocked at once.

Select it in a process with `Standin.env()` (PYTHON_KEYRING_BACKEND=standin_keyring.Keyring,
tests/ on PYTHONPATH: keyring imports the module by that name and instantiates the class),
or in-process with `keyring.set_keyring(Keyring())`.
"""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jaraco.classes.properties import classproperty
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

ENV = "ELEVATE_STANDIN_KEYRING"
HERE = Path(__file__).resolve().parent


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return value if isinstance(value, dict) else {}


class Standin:
    """The test's side: lock it, script the prompt's answer, count the prompts."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.control = self.path.with_name(self.path.name + ".lock.json")
        self.counter = self.path.with_name(self.path.name + ".prompts")
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)

    def env(self, backend: str = "Keyring") -> dict[str, str]:
        path = os.environ.get("PYTHONPATH", "")
        return {
            ENV: str(self.path),
            "PYTHON_KEYRING_BACKEND": f"standin_keyring.{backend}",
            "ELEVATE_TRAY_SECRET_STORE": "keyring",
        } | {"PYTHONPATH": os.pathsep.join(p for p in (str(HERE), path) if p)}

    def lock(self, answer: str = "dismiss") -> None:
        assert answer in ("unlock", "dismiss")
        _write(self.control, json.dumps({"locked": True, "answer": answer}))

    def answer(self, answer: str) -> None:
        """The person's answer to the next prompts; the keyring stays locked or not."""
        assert answer in ("unlock", "dismiss")
        _write(self.control, json.dumps({"locked": self.locked, "answer": answer}))

    def unlock(self) -> None:
        _write(self.control, json.dumps({"locked": False, "answer": "unlock"}))

    @property
    def locked(self) -> bool:
        return bool(_read_json(self.control).get("locked"))

    def prompts(self, pid: int | None = None) -> int:
        try:
            lines = self.counter.read_text(encoding="utf-8").split()
        except FileNotFoundError:
            return 0
        return len(lines) if pid is None else lines.count(str(pid))

    def passwords(self) -> dict[str, str]:
        return _read_json(self.path)


class Keyring(KeyringBackend):
    """Locked, it asks to be unlocked on every call, as Secret Service does."""

    has_prompt = True

    @classproperty
    def priority(cls) -> float:
        # viable only where a test configured it: keyring's auto-detection instantiates
        # every backend class it knows of, and must not pick this one
        if not os.environ.get(ENV):
            raise RuntimeError(f"{ENV} is not set")
        return 1

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.standin = Standin(Path(path or os.environ[ENV]))

    @contextmanager
    def _open(self):  # type: ignore[no-untyped-def]
        """The collection, unlocked (asking the person first if it is locked), held so
        that processes do not write over each other."""
        lock_path = self.standin.path.with_name(self.standin.path.name + ".flock")
        fd = os.open(lock_path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._unlock_if_locked()
            yield _read_json(self.standin.path)
        finally:
            os.close(fd)

    def _unlock_if_locked(self) -> None:
        control = _read_json(self.standin.control)
        if not control.get("locked"):
            return
        if not self.has_prompt:
            raise KeyringLocked("the collection is locked")
        with open(self.standin.counter, "a", encoding="utf-8") as fh:  # the prompt shows
            fh.write(f"{os.getpid()}\n")
        if control.get("answer") == "unlock":
            self.standin.unlock()
            return
        raise KeyringLocked("Failed to unlock the collection!")  # the person dismissed it

    @staticmethod
    def _name(service: str, username: str) -> str:
        return f"{service}\0{username}"

    def get_password(self, service: str, username: str) -> str | None:
        with self._open() as items:
            value = items.get(self._name(service, username))
        return value if isinstance(value, str) else None

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._open() as items:
            items[self._name(service, username)] = password
            _write(self.standin.path, json.dumps(items))

    def delete_password(self, service: str, username: str) -> None:
        with self._open() as items:
            if items.pop(self._name(service, username), None) is None:
                raise PasswordDeleteError("No such password!")
            _write(self.standin.path, json.dumps(items))


class PromptlessKeyring(Keyring):
    """Locked, every call fails at once: a backend with no unlock prompt of its own."""

    has_prompt = False
