"""The tray icon: SVG shields from resources/icons, and the minutes left painted into it.

Digits are drawn as square-cornered strokes rather than with a font: at 16 px a stroke font
stays legible on any platform, whatever fonts are installed, and two shown numbers never
render alike. Pixmaps are made at the icon's real sizes, not scaled down from a big one.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from ..core.lifecycle import Mode, shown_text
from .resources import resource_path

SIZES = (16, 20, 22, 24, 32, 48, 64)
ON_RED = QColor("#ffffff")
ON_WHITE = QColor("#b71c1c")

# Each glyph: polylines on a box 1 wide and 2 high (y grows downwards).
_GLYPHS: dict[str, list[list[tuple[float, float]]]] = {
    "0": [[(0, 0), (1, 0), (1, 2), (0, 2), (0, 0)]],
    "1": [[(0.15, 0.45), (0.65, 0), (0.65, 2)]],
    "2": [[(0, 0), (1, 0), (1, 1), (0, 1), (0, 2), (1, 2)]],
    "3": [[(0, 0), (1, 0), (1, 2), (0, 2)], [(0.15, 1), (1, 1)]],
    "4": [[(0, 0), (0, 1), (1, 1)], [(1, 0), (1, 2)]],
    "5": [[(1, 0), (0, 0), (0, 1), (1, 1), (1, 2), (0, 2)]],
    "6": [[(1, 0), (0, 0), (0, 2), (1, 2), (1, 1), (0, 1)]],
    "7": [[(0, 0), (1, 0), (1, 2)]],
    "8": [[(0, 0), (1, 0), (1, 2), (0, 2), (0, 0)], [(0, 1), (1, 1)]],
    "9": [[(1, 1), (0, 1), (0, 0), (1, 0), (1, 2), (0, 2)]],
    "h": [[(0, 0), (0, 2)], [(0, 1), (1, 1), (1, 2)]],
}


def paint_text(painter: QPainter, text: str, rect: QRectF, color: QColor) -> None:
    """Draw `text` (digits and 'h') centred in `rect`, as large as fits."""
    count = len(text)
    gap_ratio = 0.45  # gap between glyphs, in glyph widths
    # height is twice the width; fit both dimensions
    width = min(rect.width() / (count + gap_ratio * (count - 1)), rect.height() / 2)
    height = 2 * width
    stroke = max(1.6, width * 0.36)
    # the stroke is centred on the path: inset the path so the ink stays inside the glyph box
    inner_w, inner_h = width - stroke, height - stroke
    total = count * width + (count - 1) * gap_ratio * width
    x0 = rect.center().x() - total / 2
    y0 = rect.center().y() - height / 2
    pen = QPen(
        color, stroke, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap, Qt.PenJoinStyle.MiterJoin
    )
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for i, ch in enumerate(text):
        left = x0 + i * width * (1 + gap_ratio) + stroke / 2
        top = y0 + stroke / 2
        for line in _GLYPHS[ch]:
            poly = QPolygonF([QPointF(left + x * inner_w, top + y * inner_h / 2) for x, y in line])
            painter.drawPolyline(poly)


@lru_cache(maxsize=8)
def _renderer(name: str):  # type: ignore[no-untyped-def]
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(resource_path("resources", "icons", f"{name}.svg")))
    if not renderer.isValid():
        raise RuntimeError(f"icon {name}.svg is not a valid SVG")
    return renderer


def render_svg(name: str, size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _renderer(name).render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pix


class CountdownPainter:
    """Makes the three icons; the admin one with the shown number, cached per number."""

    def __init__(self, sizes: tuple[int, ...] = SIZES) -> None:
        self.sizes = sizes
        self._cache: dict[tuple[str, str], QIcon] = {}
        self.painted = 0  # how many icons were really drawn (the redraw budget)

    def pixmap(self, mode: Mode, size: int, text: str = "", unit: str = "m") -> QPixmap:
        if mode is not Mode.ADMIN or not text:
            return render_svg(
                "read-only"
                if mode is Mode.READ_ONLY
                else "elevating"
                if mode is Mode.ELEVATING
                else "admin",
                size,
            )
        seconds = unit == "s"
        pix = render_svg("admin-seconds" if seconds else "admin", size)
        painter = QPainter(pix)
        # crisp edges: antialiased strokes smear into grey at 16 px
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, size >= 32)
        margin = max(2.0, size * 0.13)
        paint_text(
            painter,
            text,
            QRectF(margin, margin, size - 2 * margin, size - 2 * margin),
            ON_WHITE if seconds else ON_RED,
        )
        painter.end()
        return pix

    def icon(self, mode: Mode, seconds_left: int = 0) -> QIcon:
        text, unit = shown_text(seconds_left) if mode is Mode.ADMIN else ("", "m")
        key = (mode.value, text + unit)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        icon = QIcon()
        for size in self.sizes:
            icon.addPixmap(self.pixmap(mode, size, text, unit))
        self.painted += 1
        if mode is Mode.ADMIN:
            # a session counts down through each number once: keep only the latest
            self._cache = {k: v for k, v in self._cache.items() if k[0] != Mode.ADMIN.value}
        self._cache[key] = icon
        return icon
