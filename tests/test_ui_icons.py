"""The tray icon in pixels: each shown number reads differently at 16 px, the number is
really drawn, and every icon stands out on dark and light panels."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from elevate_tray.core.lifecycle import Mode
from elevate_tray.ui.icons import CountdownPainter, shown_text
from tests.test_ui_support import contrast, over

pytestmark = pytest.mark.usefixtures("qapp")


def image(mode: Mode, size: int, seconds_left: int = 0) -> QImage:
    text, unit = shown_text(seconds_left) if mode is Mode.ADMIN else ("", "m")
    return CountdownPainter().pixmap(mode, size, text, unit).toImage()


def test_shown_text_is_minutes_rounded_up_then_seconds_then_hours() -> None:
    assert shown_text(14 * 60 + 1) == ("15", "m")
    assert shown_text(61) == ("2", "m")
    assert shown_text(60) == ("60", "s")
    assert shown_text(7) == ("7", "s")
    assert shown_text(99 * 60) == ("99", "m")
    assert shown_text(150 * 60) == ("3h", "m")
    assert shown_text(12 * 3600) == ("12h", "m")


@pytest.mark.parametrize("size", [16, 22, 32])
def test_every_minute_count_paints_a_different_icon(size: int) -> None:
    seen: dict[bytes, int] = {}
    for minutes in range(1, 100):
        raw = bytes(image(Mode.ADMIN, size, minutes * 60).constBits())
        assert raw not in seen, f"{minutes} min looks like {seen.get(raw)} min at {size} px"
        seen[raw] = minutes


def test_last_minute_seconds_differ_from_minutes_and_from_each_other() -> None:
    seconds = {bytes(image(Mode.ADMIN, 16, s).constBits()) for s in range(1, 61)}
    assert len(seconds) == 60
    minutes = bytes(image(Mode.ADMIN, 16, 45 * 60).constBits())
    assert bytes(image(Mode.ADMIN, 16, 45).constBits()) != minutes


@pytest.mark.parametrize("size", [16, 32])
def test_number_is_drawn_in_white_on_the_red_badge(size: int) -> None:
    blank = CountdownPainter().pixmap(Mode.ADMIN, size).toImage()
    shown = image(Mode.ADMIN, size, 12 * 60)
    inner = range(size // 4, size - size // 4)
    white = sum(1 for x in inner for y in inner if QColor(shown.pixel(x, y)).lightness() > 230)
    white_blank = sum(
        1 for x in inner for y in inner if QColor(blank.pixel(x, y)).lightness() > 230
    )
    assert white_blank == 0
    assert white >= len(inner) ** 2 // 5, "the digits should cover a good part of the badge"
    # the digits' colour against the badge: readable text contrast
    assert contrast(QColor("#ffffff"), QColor("#c62828")) >= 4.5


@pytest.mark.parametrize(
    "mode,left", [(Mode.READ_ONLY, 0), (Mode.ELEVATING, 0), (Mode.ADMIN, 600), (Mode.ADMIN, 30)]
)
@pytest.mark.parametrize("panel", ["#1e1e1e", "#000000", "#f2f2f2", "#ffffff"])
def test_icons_stand_out_on_dark_and_light_panels(mode: Mode, left: int, panel: str) -> None:
    for size in (16, 32):
        src = image(mode, size, left)
        shown = over(src, panel)
        opaque = [
            (x, y)
            for x in range(size)
            for y in range(size)
            if QColor.fromRgba(src.pixel(x, y)).alpha() > 200
        ]
        assert len(opaque) > size * size // 3
        distinct = sum(
            1 for x, y in opaque if contrast(QColor(shown.pixel(x, y)), QColor(panel)) >= 3
        )
        assert distinct >= len(opaque) // 4, f"{mode.value} at {size}px fades into {panel}"


def test_three_modes_look_different() -> None:
    shots = {m: bytes(image(m, 16, 600).constBits()) for m in Mode}
    assert len(set(shots.values())) == 3


def test_painter_draws_each_number_once() -> None:
    painter = CountdownPainter()
    for _ in range(3):
        painter.icon(Mode.ADMIN, 600)
    assert painter.painted == 1
    painter.icon(Mode.ADMIN, 540)
    assert painter.painted == 2
