"""Issue 17, point 3: paths that follow the install. The autostart entry, the tray's "Copy
credential_process profile" and the messages name the command the way this installation
runs it (core/commandline.py), never `make run`; the sandbox is offered only where it is
installed, and start at login is not offered while the tray runs in the sandbox.

"Without the sandbox extra" is a real environment: a sitecustomize on the child's path that
makes `moto` unimportable, as it is for `pipx install elevate-tray` or the .deb."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import tests.test_ui_support as ui_support
from tests.test_ui_support import AWS_CONFIG, QT_NOISE

ROOT = Path(__file__).resolve().parent.parent
home_env = ui_support.home_env  # the tray's fixtures: an app home with a target "prod"
ctx = ui_support.ctx
PIPX = "pipx install 'elevate-tray[sandbox]'"
# this environment's own console script: what this installation's command is
OWN = Path(sys.executable).parent / "elevate-tray"

BLOCK_MOTO = """\
import importlib.abc, sys

class _NoMoto(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "moto" or name.startswith("moto."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, _NoMoto())
"""


def _env(tmp_path: Path, *, moto: bool, config: str = "") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ELEVATE_TRAY_"))}
    path = [str(ROOT)]
    if not moto:
        blocker = tmp_path / "no-moto"
        blocker.mkdir(exist_ok=True)
        (blocker / "sitecustomize.py").write_text(BLOCK_MOTO)
        path.insert(0, str(blocker))
    (tmp_path / "aws").mkdir(exist_ok=True)
    (tmp_path / "aws" / "config").write_text(config)
    (tmp_path / "aws" / "credentials").write_text("")
    env.update(
        PYTHONPATH=os.pathsep.join(path),
        HOME=str(tmp_path),
        AWS_CONFIG_FILE=str(tmp_path / "aws" / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "aws" / "credentials"),
        ELEVATE_TRAY_HOME=str(tmp_path / "app"),
        ELEVATE_TRAY_SECRET_STORE="file",
        ELEVATE_TRAY_SANDBOX_HOME=str(tmp_path / "sandbox"),
        QT_QPA_PLATFORM="offscreen",
        LANG="en_US.UTF-8",
        # this installation's own `elevate-tray` is not the one on PATH
        PATH="/usr/bin:/bin",
    )
    return env


def _run(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_sandbox_command_without_its_extra_says_how_to_install_it(tmp_path: Path) -> None:
    done = _run(_env(tmp_path, moto=False), "-m", "elevate_tray", "sandbox")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]  # one sentence
    assert PIPX in done.stderr and "Traceback" not in done.stderr


def test_make_run_without_the_sandbox_extra_says_how_to_install_it(tmp_path: Path) -> None:
    """`make run` with no AWS target and no moto: one sentence, not an ImportError."""
    done = _run(_env(tmp_path, moto=False), "-m", "elevate_tray.run")
    assert done.returncode == 2, done.stderr
    assert PIPX in done.stderr
    assert "Traceback" not in done.stderr and "ModuleNotFoundError" not in done.stderr


@pytest.mark.parametrize("moto", [True, False])
def test_no_target_names_this_installations_command_never_make_run(
    tmp_path: Path, moto: bool
) -> None:
    done = _run(_env(tmp_path, moto=moto), "-m", "elevate_tray", "elevate", "--no-browser")
    assert done.returncode == 2, done.stderr
    said = done.stderr
    assert "No target is configured" in said
    assert "make run" not in said
    assert f"`{OWN} setup apply`" in said  # its absolute path: not the one on PATH
    if moto:
        assert f"`{OWN} sandbox`" in said
    else:
        assert "sandbox" not in said


# --- the autostart entry, through the settings dialog -------------------------------------


def _entry(ctx) -> dict[str, str]:  # type: ignore[no-untyped-def]
    path = Path(ctx.environ["XDG_CONFIG_HOME"]) / "autostart" / "elevate-tray.desktop"
    lines = path.read_text().splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def _start_at_login(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.login.setChecked(True)
    dialog.save()


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_autostart_entry_starts_this_installation_with_its_icon(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx.environ.update(
        PATH="/usr/bin:/bin",
        XDG_DATA_HOME=str(tmp_path / "data-home"),
        XDG_DATA_DIRS=str(tmp_path / "no-icons"),
    )
    _start_at_login(qtbot, ctx)
    entry = _entry(ctx)
    argv = shlex.split(entry["Exec"])
    assert argv == [str(OWN)]  # by its absolute path: the one on PATH is not this one
    icon = Path(entry["Icon"])
    assert icon.is_absolute() and icon.is_file() and icon.suffix == ".svg"
    # the entry's command really is this installation's: it answers --version
    done = subprocess.run(
        [*argv, "--version"], capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_autostart_entry_uses_the_name_and_theme_icon_a_package_installed(  # type: ignore[no-untyped-def]
    qtbot, ctx, tmp_path
) -> None:
    share = tmp_path / "share"
    (share / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (share / "icons" / "hicolor" / "48x48" / "apps" / "elevate-tray.png").write_bytes(b"")
    ctx.environ.update(
        PATH=f"{OWN.parent}:/usr/bin:/bin",
        XDG_DATA_HOME=str(tmp_path / "data-home"),
        XDG_DATA_DIRS=str(share),
    )
    _start_at_login(qtbot, ctx)
    entry = _entry(ctx)
    assert entry["Exec"] == "elevate-tray"
    assert entry["Icon"] == "elevate-tray"


@pytest.mark.qt_log_ignore(QT_NOISE)
def test_start_at_login_is_not_offered_in_the_sandbox(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.settings_dialog import SettingsDialog

    ctx.environ["ELEVATE_TRAY_SANDBOX"] = "1"
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.login.isHidden()
    dialog.login.setChecked(True)  # even set behind the user's back, nothing is written
    dialog.save()
    autostart = Path(ctx.environ["XDG_CONFIG_HOME"]) / "autostart" / "elevate-tray.desktop"
    assert not autostart.exists()
    ctx.reload()
    assert ctx.settings.start_at_login is False


def test_copied_profile_names_this_installation(ctx) -> None:  # type: ignore[no-untyped-def]
    from elevate_tray.ui.actions import profile_snippet

    ctx.environ["PATH"] = "/usr/bin:/bin"
    (target,) = [t for t in ctx.targets() if t.name == "prod"]
    snippet = profile_snippet(ctx, target)
    line = next(x for x in snippet.splitlines() if x.startswith("credential_process = "))
    assert shlex.split(line.split(" = ", 1)[1]) == [str(OWN), "credentials", "--target", "prod"]
    assert AWS_CONFIG  # the fixture's config holds the target


def test_the_debs_links_on_path_make_the_line_name_the_command_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The .deb's layout: the bundle in /opt/elevate-tray, /usr/bin holding symlinks to its
    two executables (packaging/deb.py). Profiles then say `elevate-tray-credentials`, and
    the autostart entry `elevate-tray`, as README writes them."""
    from elevate_tray.core.commandline import credential_process_line
    from elevate_tray.ui.autostart import launch_command

    opt = tmp_path / "opt" / "elevate-tray"
    opt.mkdir(parents=True)
    usr_bin = tmp_path / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    for name in ("elevate-tray", "elevate-tray-credentials"):
        (opt / name).write_text("#!/bin/sh\n")
        (opt / name).chmod(0o755)
        (usr_bin / name).symlink_to(opt / name)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(opt / "elevate-tray"))
    env = {"PATH": f"{usr_bin}:/bin"}
    assert credential_process_line("prod", environ=env) == (
        "elevate-tray-credentials --target prod"
    )
    assert launch_command(env) == ["elevate-tray"]
