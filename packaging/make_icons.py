"""Make the app icons the macOS and Windows bundles need from the tray's own SVG.

    .venv/bin/python packaging/make_icons.py           # (re)writes packaging/icons/*
    .venv/bin/python packaging/make_icons.py --check   # exit 1 if they are out of date

The app's icon is the read-only shield (resources/icons/read-only.svg), the state a user
sees most. Qt renders it at every size the formats ask for, each size drawn from the vector
rather than scaled from one bitmap. Both files hold PNG images, which Windows (Vista on)
and macOS (10.7 on) read inside .ico and .icns, so no image library beyond Qt is needed.
The generated files are committed: a Linux machine builds neither bundle, and a Mac or
Windows build then needs nothing but the spec.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "read-only.svg"
OUT = ROOT / "packaging" / "icons"

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# .icns element types holding PNG data, with their pixel size
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """ICONDIR, one ICONDIRENTRY per size, then the PNG images."""
    sizes = sorted(pngs)
    out = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for size in sizes:
        side = 0 if size >= 256 else size  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(pngs[size]), offset)
        offset += len(pngs[size])
    return out + b"".join(pngs[size] for size in sizes)


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def build() -> dict[str, bytes]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    sizes = set(ICO_SIZES) | {size for _, size in ICNS_TYPES}
    pngs = {size: render_png(SOURCE, size) for size in sorted(sizes)}
    return {
        "elevate-tray.ico": ico({s: pngs[s] for s in ICO_SIZES}),
        "elevate-tray.icns": icns(pngs),
        "elevate-tray.png": pngs[256],  # for Linux desktop files and the README
    }


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        stale = [
            name
            for name, data in files.items()
            if not (OUT / name).is_file() or (OUT / name).read_bytes() != data
        ]
        if stale:
            print(f"out of date: {', '.join(stale)}; run python packaging/make_icons.py")
            return 1
        print("packaging/icons is up to date")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(f"wrote packaging/icons/{name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
