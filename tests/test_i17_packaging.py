"""Issue 17, the wheel: `python -m build` makes an sdist and a wheel from it; the wheel,
installed into a venv of its own, runs `elevate-tray --smoke-test` with the icons, the
Japanese translation and the provisioning documents found inside the installed package
(elevate_tray/_data, importlib.resources), never in this source tree.

The build runs as `python -m build` does by default: the backend pyproject.toml pins
(setuptools) in an isolated environment pip fills from its index or cache; where neither can
give it (offline, no cache), the tests skip and say so. The venv gets the project's
dependencies from this run's own environment (a .pth line to its site-packages, so no
network is needed) and the wheel itself with `pip install --no-deps`; the app runs from
outside the repository, by the console script's full path."""

from __future__ import annotations

import os
import re
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# what pip says when it cannot fetch the build backend into the isolated environment
UNREACHABLE = (
    r"No matching distribution found for setuptools|Could not find a version that satisfies "
    r"the requirement setuptools|NewConnectionError|Temporary failure in name resolution"
)

pytestmark = [
    pytest.mark.wheel,
    pytest.mark.slow,
    pytest.mark.skipif(
        subprocess.run([sys.executable, "-c", "import build"], capture_output=True).returncode != 0,
        reason="needs `build` (the dev extra) to build the wheel",
    ),
]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # sdist first, the wheel built from the unpacked sdist: the sdist must carry the data
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    said = done.stdout + done.stderr
    if done.returncode != 0 and re.search(UNREACHABLE, said):
        pytest.skip("the build backend (setuptools) cannot be had here: no index, no cache")
    assert done.returncode == 0, said[-6000:]
    return out


def _wheel(dist: Path) -> Path:
    (wheel,) = dist.glob("elevate_tray-*-py3-none-any.whl")
    return wheel


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(home)], check=True)
    (purelib,) = home.glob("lib/python3*/site-packages")
    # the dependencies from this environment; its own .pth files (the editable install's
    # path to this source tree among them) are not read from a line in a .pth file
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (purelib / "deps-from-test-env.pth").write_text("\n".join(deps) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(home / "bin" / "python"), "install",
         "--quiet", "--no-deps", "--no-index", str(_wheel(dist))],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return home


def _env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_", "ELEVATE_TRAY_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        HOME=str(tmp_path),
        ELEVATE_TRAY_HOME=str(tmp_path / "app"),
        ELEVATE_TRAY_SECRET_STORE="file",
        QT_QPA_PLATFORM="offscreen",
        LANG="en_US.UTF-8",
    )
    return env


def test_the_wheel_carries_the_data_files_as_package_data(dist: Path) -> None:
    names = set(zipfile.ZipFile(_wheel(dist)).namelist())
    data = "elevate_tray/_data/"
    for wanted in (
        "resources/icons/read-only.svg",
        "resources/icons/admin.svg",
        "resources/translations/elevate_tray_ja.qm",
        "provisioning/policies/AssumeAdminRolePolicy.json",
        "provisioning/cloudformation/elevate-tray-setup.yaml",
    ):
        assert data + wanted in names
    # the tools that make the data stay out of the installed app, and nothing lands outside
    # the package
    assert not any(n.endswith(("update.py", "core_text.py", ".ts")) for n in names)
    assert {n.split("/")[0] for n in names} == {"elevate_tray", _dist_info(names)}
    metadata = zipfile.ZipFile(_wheel(dist)).read(f"{_dist_info(names)}/METADATA").decode()
    for field in (
        "Classifier: ",
        "Project-URL: ",
        "License-Expression: Apache-2.0",
        "Provides-Extra: sandbox",
        "Description-Content-Type: text/markdown",
    ):
        assert field in metadata  # fmt: skip


def _dist_info(names: set[str]) -> str:
    return next(n.split("/")[0] for n in names if ".dist-info/" in n)


def test_the_sdist_carries_setup_and_the_data(dist: Path) -> None:
    import tarfile

    (sdist,) = dist.glob("elevate_tray-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for wanted in (
        "setup.py",
        "pyproject.toml",
        "README.md",
        "resources/icons/admin.svg",
        "resources/translations/elevate_tray_ja.qm",
        "provisioning/README.md",
    ):
        assert wanted in names  # fmt: skip


def test_installed_wheel_passes_the_smoke_test_from_its_own_files(
    venv: Path, tmp_path: Path
) -> None:
    exe = venv / "bin" / "elevate-tray"
    assert exe.is_file()
    (purelib,) = venv.glob("lib/python3*/site-packages")
    package = purelib / "elevate_tray"
    done = subprocess.run(
        [str(exe), "--smoke-test"],
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert f"code in {package}," in out
    assert f"data files in {package / '_data'}\n" in out
    assert "ok   icons:" in out
    assert "ok   translations:" in out and "ja" in out.split("ok   translations:")[1]
    assert "ok   provisioning:" in out
    assert str(ROOT) not in out

    probe = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import elevate_tray, elevate_tray.core.documents as d; "
         "print(elevate_tray.__file__); print(d.resource_path('resources', 'translations', "
         "'elevate_tray_ja.qm'))"],
        cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    init, qm = probe.stdout.split()
    assert Path(init) == package / "__init__.py"
    assert Path(qm) == package / "_data" / "resources" / "translations" / "elevate_tray_ja.qm"


def test_installed_wheel_reports_its_version(venv: Path, tmp_path: Path) -> None:
    from elevate_tray import __version__

    done = subprocess.run(
        [str(venv / "bin" / "elevate-tray"), "--version"],
        cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert __version__ in done.stdout
