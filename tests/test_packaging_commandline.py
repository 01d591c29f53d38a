"""The credential_process line a frozen bundle writes (core/commandline.py), without building
one: a bundle's layout in a temporary folder, and this process taken for its executable the
way PyInstaller's bootloader presents it (sys.frozen, sys.executable). tests/test_packaging.py
checks the same against the real bundle, through setup's profiles."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from elevate_tray.core.commandline import credential_process_line

NAME = "elevate-tray"
LEAN = f"{NAME}-credentials"


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen bundle's folder, this process running as its main executable."""
    folder = tmp_path / "opt" / NAME
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable(folder / NAME)))
    return folder


def test_frozen_line_names_the_credentials_executable_by_its_absolute_path(
    bundle: Path,
) -> None:
    lean = executable(bundle / LEAN)
    env = {"PATH": "/usr/bin:/bin"}
    assert shlex.split(credential_process_line("prod", environ=env)) == [
        str(lean),
        "--target",
        "prod",
    ]
    assert shlex.split(credential_process_line("prod", True, env)) == [
        str(lean),
        "--target",
        "prod",
        "--readonly",
    ]


def test_frozen_line_names_it_alone_when_it_is_the_one_on_path(
    bundle: Path, tmp_path: Path
) -> None:
    executable(bundle / LEAN)
    assert credential_process_line("prod", environ={"PATH": f"{bundle}:/usr/bin"}) == (
        f"{LEAN} --target prod"
    )
    # another installation's first on PATH: this one's, by its path
    other = executable(tmp_path / "other" / LEAN).parent
    line = credential_process_line("prod", environ={"PATH": f"{other}:{bundle}"})
    assert shlex.split(line)[0] == str(bundle / LEAN)


def test_frozen_line_without_the_credentials_executable_runs_the_app(bundle: Path) -> None:
    """A bundle built without it (a hand-made spec): the app's own `credentials`."""
    assert shlex.split(credential_process_line("prod", environ={"PATH": "/usr/bin"})) == [
        str(bundle / NAME),
        "credentials",
        "--target",
        "prod",
    ]


def test_programs_a_frozen_app_starts_get_the_users_environment(bundle: Path) -> None:
    from elevate_tray.core.commandline import launch_environment

    internal = str(bundle / "_internal")
    frozen = {
        "PATH": "/usr/bin",
        "LD_LIBRARY_PATH": f"{internal}:/opt/mine",
        "LD_LIBRARY_PATH_ORIG": "/opt/mine",
        "_PYI_ARCHIVE_FILE": str(bundle / NAME),
        "_PYI_PARENT_PROCESS_LEVEL": "-1",
    }
    assert launch_environment(frozen) == {"PATH": "/usr/bin", "LD_LIBRARY_PATH": "/opt/mine"}
    none_of_mine = {"PATH": "/usr/bin", "LD_LIBRARY_PATH": internal}
    assert launch_environment(none_of_mine) == {"PATH": "/usr/bin"}


def test_unfrozen_the_environment_is_passed_on_as_it_is() -> None:
    from elevate_tray.core.commandline import launch_environment

    env = {"PATH": "/usr/bin", "LD_LIBRARY_PATH": "/opt/mine", "_PYI_X": "1"}
    assert launch_environment(env) == env
