"""The packaging's own parts, without building a bundle: the ICU data trimmer and the app
icons generated for macOS and Windows."""

from __future__ import annotations

import importlib.util
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load(name: str) -> ModuleType:
    """A module from packaging/ (not a Python package: it must not shadow PyPI's `packaging`)."""
    spec = importlib.util.spec_from_file_location(
        f"elevate_packaging_{name}", ROOT / "packaging" / f"{name}.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def icu_trim() -> ModuleType:
    return load("icu_trim")


@pytest.fixture(scope="module")
def qt_icu_data() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 has no bundled ICU data library (not a Linux wheel)")
    return found[0]


def test_icu_trim_keeps_what_qt_reads_for_english_and_japanese(icu_trim: ModuleType) -> None:
    keep = icu_trim.keep_item
    for name in (
        "coll/ja.res",
        "coll/root.res",
        "coll/ucadata.icu",
        "ja.res",
        "ja_JP.res",
        "en_GB.res",
        "root.res",
        "pool.res",
        "res_index.res",
        "zone/pool.res",
        "cnvalias.icu",
        "ibm-943_P15A-2003.cnv",
        "ibm-33722_P12A_P12A-2009_U2.cnv",
        "zoneinfo64.res",
        "likelySubtags.res",
        "nfkc.nrm",
        "uts46.nrm",
    ):
        assert keep(name), name
    for name in (
        "de.res",
        "zh_Hant_TW.res",
        "coll/zh.res",
        "lang/ja.res",
        "curr/en.res",
        "unit/root.res",
        "brkitr/cjdict.dict",
        "translit/root.res",
        "ibm-37_P100-1995.cnv",
        "gb18030.cnv",
        "zone/de.res",
    ):
        assert not keep(name), name


def test_icu_trim_rewrites_a_package_icu_can_read_back(
    icu_trim: ModuleType, qt_icu_data: Path
) -> None:
    symbol, blob, soname = icu_trim._elf_symbol(qt_icu_data)
    assert symbol.startswith("icudt") and soname == qt_icu_data.name
    header, items = icu_trim.read_package(blob)
    trimmed, kept, total = icu_trim.trim(blob)
    assert 200 < kept < total and len(trimmed) < len(blob) / 4
    header2, items2 = icu_trim.read_package(trimmed)
    assert header2 == header
    names = [name for name, _ in items2]
    assert names == sorted(names)  # ICU finds items by binary search
    original = dict(items)
    for name, data in items2:  # each item intact; only padding may follow it
        assert data[: len(original[name])] == original[name]
        assert data[2:4] == b"\xda\x27", name  # every ICU data item starts with its header


def test_icu_trim_builds_a_library_exporting_the_same_symbol(
    icu_trim: ModuleType, qt_icu_data: Path, tmp_path: Path
) -> None:
    out = tmp_path / qt_icu_data.name
    line = icu_trim.trim_library(qt_icu_data, out)
    assert "kept" in line
    symbol, blob, soname = icu_trim._elf_symbol(out)
    assert soname == qt_icu_data.name
    assert blob == icu_trim.trim(icu_trim._elf_symbol(qt_icu_data)[1])[0]
    assert out.stat().st_size < 8_000_000 < qt_icu_data.stat().st_size


def test_icu_trim_refuses_what_is_not_icu_data(icu_trim: ModuleType) -> None:
    with pytest.raises(ValueError, match="not an ICU common data package"):
        icu_trim.read_package(b"\x90\x00\xda\x27" + b"\0" * 8 + b"ResB" + b"\0" * 200)


def test_committed_app_icons_match_the_tray_svg() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "make_icons.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_app_icons_hold_every_size_as_png() -> None:
    ico = (ROOT / "packaging" / "icons" / "elevate-tray.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico, 0)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", ico, 6 + 16 * i
        )
        assert ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack_from(">I", ico, offset + 16)[0] == (width or 256)  # PNG IHDR width
        sizes.append(width or 256)
    assert {16, 32, 48, 256} <= set(sizes)

    icns = (ROOT / "packaging" / "icons" / "elevate-tray.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    pos, kinds = 8, {}
    while pos < len(icns):
        kind, length = icns[pos : pos + 4], struct.unpack_from(">I", icns, pos + 4)[0]
        assert icns[pos + 8 : pos + 16] == b"\x89PNG\r\n\x1a\n"
        kinds[kind] = struct.unpack_from(">I", icns, pos + 24)[0]
        pos += length
    assert pos == len(icns)
    assert kinds[b"ic10"] == 1024 and kinds[b"ic07"] == 128 and kinds[b"icp4"] == 16
