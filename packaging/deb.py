"""Build the .deb from the frozen bundle, with Debian's own dpkg-deb (no network).

    .venv/bin/python packaging/deb.py [--bundle dist/elevate-tray] [--out dist]   (`make deb`)

Layout of the package (issue 17):
  /opt/elevate-tray/                      the PyInstaller bundle (`make bundle`, build.spec)
  /usr/bin/elevate-tray                   -> /opt/elevate-tray/elevate-tray (tray and CLI)
  /usr/bin/elevate-tray-credentials       -> the lean credential_process executable
  /usr/share/applications/elevate-tray.desktop          the menu entry, Icon=elevate-tray
  /usr/share/icons/hicolor/<size>/apps/elevate-tray.png at every size, and scalable/ SVG
  /usr/share/metainfo/io.github.elevate_tray.metainfo.xml   AppStream
  /usr/share/doc/elevate-tray/copyright

`Depends:` is what the bundle's ELF files need (their NEEDED entries) and the bundle does not
carry itself, each library resolved to the Debian package that ships it (`dpkg -S`); a
library the build machine cannot resolve stops the build, rather than shipping a package that
fails to start. Qt's plugins for platforms other than X11 (Wayland) and the platform theme
are optional on a desktop, so their libraries go to `Recommends:`.

No maintainer scripts: dpkg removes what it installed, the hicolor and desktop database
caches are refreshed by their own packages' triggers, and a user's own data (settings,
sessions, keyring entries, ~/.config/autostart) is theirs and stays on remove and purge.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME = PROJECT["name"]
VERSION = PROJECT["version"]
APP_ID = "io.github.elevate_tray"  # AppStream's component id (reverse DNS, no hyphen)
ICON = "elevate-tray"  # the icon's name in the hicolor theme (ui/autostart.py looks for it)
HOMEPAGE = PROJECT["urls"]["Homepage"]
ICON_SIZES = (16, 22, 24, 32, 48, 64, 96, 128, 256, 512)
# libraries only some Qt plugins load (Wayland, the portal theme): Recommends, not Depends
OPTIONAL_PLUGIN_DIRS = ("wayland", "platformthemes", "platforminputcontexts")

DESKTOP = f"""[Desktop Entry]
Type=Application
Name={NAME}
GenericName=AWS admin elevation
Comment=AWS: read-only by default, admin for a few minutes with MFA
Exec={NAME}
Icon={ICON}
Terminal=false
Categories=System;Security;Utility;
Keywords=AWS;MFA;IAM;STS;admin;credentials;
StartupNotify=false
"""

METAINFO = f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>{PROJECT["license"]}</project_license>
  <name>{NAME}</name>
  <summary>Read-only AWS by default, admin for a few minutes with MFA</summary>
  <developer id="io.github.elevate_tray">
    <name>elevate-tray contributors</name>
  </developer>
  <description>
    <p>
      A tray app and command line for AWS switch-role elevation. Your AWS credentials stay
      read-only; when you need admin rights, you elevate for a few minutes with an MFA code,
      and the tray counts down until the rights end by themselves.
    </p>
    <p>
      The command line serves the AWS CLI and SDKs through credential_process, so every tool
      follows the tray's session.
    </p>
  </description>
  <launchable type="desktop-id">{NAME}.desktop</launchable>
  <icon type="stock">{ICON}</icon>
  <url type="homepage">{HOMEPAGE}</url>
  <url type="bugtracker">{PROJECT["urls"]["Issues"]}</url>
  <categories>
    <category>Utility</category>
    <category>Security</category>
  </categories>
  <keywords>
    <keyword>AWS</keyword>
    <keyword>MFA</keyword>
    <keyword>IAM</keyword>
  </keywords>
  <provides>
    <binary>{NAME}</binary>
    <binary>{NAME}-credentials</binary>
  </provides>
  <content_rating type="oars-1.1"/>
  <releases>
    <release version="{VERSION}" date="2026-12-01"/>
  </releases>
</component>
"""

COPYRIGHT = f"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: {NAME}
Source: {HOMEPAGE}

Files: *
Copyright: elevate-tray contributors
License: {PROJECT["license"]}
 On Debian systems, the full text of the Apache License 2.0 is in
 /usr/share/common-licenses/Apache-2.0.
 The bundle in /opt/{NAME} also carries Python, Qt (LGPLv3) and other libraries under their
 own licenses.
"""


def _run(*argv: str) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def _needed(path: Path) -> list[str]:
    out = _run("objdump", "-p", str(path))
    return re.findall(r"^\s+NEEDED\s+(\S+)$", out, re.M)


def _system_library_paths() -> dict[str, list[str]]:
    """soname -> paths, from the dynamic linker's cache, for this machine's architecture."""
    machine = "x86-64" if os.uname().machine == "x86_64" else os.uname().machine
    found: dict[str, list[str]] = {}
    for line in _run("ldconfig", "-p").splitlines():
        m = re.match(r"\s+(\S+) \(([^)]*)\) => (\S+)$", line)
        if m and (machine in m[2] or "," not in m[2]):
            found.setdefault(m[1], []).append(m[3])
    return found


def _package_of(path: str) -> str | None:
    candidates = {path, os.path.realpath(path)}
    for p in list(candidates):
        if p.startswith("/lib"):
            candidates.add("/usr" + p)
        if p.startswith("/usr/lib"):
            candidates.add(p[4:])
    for p in sorted(candidates):
        done = subprocess.run(["dpkg", "-S", p], capture_output=True, text=True)
        if done.returncode == 0:
            return done.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def system_dependencies(bundle: Path) -> tuple[list[str], list[str], dict[str, str]]:
    """(Depends, Recommends, soname -> package) for the bundle's ELF files."""
    bundled = {p.name for p in bundle.rglob("*") if p.is_file()}
    wanted: dict[str, bool] = {}  # soname -> needed by a core (not optional) file
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        optional = any(part in OPTIONAL_PLUGIN_DIRS for part in path.relative_to(bundle).parts)
        optional = optional or path.name.startswith(("libqwayland", "libQt6Wayland"))
        for soname in _needed(path):
            if soname in bundled:
                continue
            wanted[soname] = wanted.get(soname, False) or not optional
    libraries = _system_library_paths()
    packages: dict[str, str] = {}
    missing = []
    for soname in sorted(wanted):
        package = next((p for p in (_package_of(x) for x in libraries.get(soname, [])) if p), None)
        if package is None:
            missing.append(soname)
        else:
            packages[soname] = package
    if missing:
        raise SystemExit(
            f"deb.py: the bundle needs {', '.join(missing)}, which no installed Debian package "
            "provides here; install the packages that ship them (see .ci/run) and build again."
        )
    depends = sorted({packages[s] for s, core in wanted.items() if core})
    recommends = sorted({packages[s] for s, core in wanted.items() if not core} - set(depends))
    return depends, recommends, packages


def _icons(root: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import make_icons
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        out = hicolor / f"{size}x{size}" / "apps" / f"{ICON}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(make_icons.render_png(make_icons.SOURCE, size))
    scalable = hicolor / "scalable" / "apps" / f"{ICON}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(make_icons.SOURCE, scalable)


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def build(bundle: Path, out: Path, work: Path) -> Path:
    if not (bundle / NAME).is_file():
        raise SystemExit(f"deb.py: no bundle at {bundle}; run `make bundle` first.")
    arch = _run("dpkg", "--print-architecture").strip()
    root = work / "root"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(bundle, root / "opt" / NAME, symlinks=True)
    usr_bin = root / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    for program in (NAME, f"{NAME}-credentials"):
        if (bundle / program).is_file():
            (usr_bin / program).symlink_to(f"/opt/{NAME}/{program}")
    share = root / "usr" / "share"
    _write(share / "applications" / f"{NAME}.desktop", DESKTOP)
    _write(share / "metainfo" / f"{APP_ID}.metainfo.xml", METAINFO)
    _write(share / "doc" / NAME / "copyright", COPYRIGHT)
    _icons(root)
    depends, recommends, _ = system_dependencies(bundle)
    size_kb = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024
    control = [
        f"Package: {NAME}",
        f"Version: {VERSION}",
        f"Architecture: {arch}",
        "Maintainer: elevate-tray contributors <elevate-tray@users.noreply.github.com>",
        f"Installed-Size: {size_kb}",
        f"Depends: {', '.join(depends)}",
        *([f"Recommends: {', '.join(recommends)}"] if recommends else []),
        "Section: admin",
        "Priority: optional",
        f"Homepage: {HOMEPAGE}",
        "Description: AWS switch-role elevation with MFA, in the tray and on the command line",
        " Read-only AWS credentials by default; admin rights for a few minutes after an MFA",
        " code, counted down in the tray. The command line serves the AWS CLI and SDKs",
        " through credential_process (elevate-tray credentials).",
    ]
    _write(root / "DEBIAN" / "control", "\n".join(control) + "\n")
    for d in [root, *root.rglob("*")]:
        if d.is_dir() and not d.is_symlink():
            d.chmod(0o755)
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{NAME}_{VERSION}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--build", "--root-owner-group", "-Zxz", str(root), str(deb)], check=True
    )
    print(f"deb.py: wrote {deb}")
    print(f"deb.py: Depends: {', '.join(depends)}")
    if recommends:
        print(f"deb.py: Recommends: {', '.join(recommends)}")
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / NAME)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "deb")
    args = parser.parse_args(argv)
    build(args.bundle, args.out, args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
