"""Trim the ICU data library that ships with Qt to what this app's Qt can use.

Qt's wheels link QtCore to ICU, whose data library (libicudata.so.NN) is 31 MB: locale
display names, units, currencies, transliterators, break-iterator dictionaries and 200-odd
legacy code pages for every language ICU knows. Qt keeps its own CLDR tables for QLocale and
its own Unicode tables for text boundaries, so it reaches into ICU's data only for collation
(QCollator), legacy text codecs (QStringConverter) and time-zone data. We keep exactly those
parts, for the UI's languages (English, Japanese), and rebuild the library with the same
exported symbol and soname, using only the GNU assembler and linker (binutils, which
PyInstaller already needs on Linux for `strip`).

The data is an ICU "common data" package ("CmnD"): a header, a table of contents (count,
then (name offset, data offset) pairs, both relative to the table), the item names, and the
16-byte-aligned items, sorted by name. See ICU's ucmndata.h.

    python packaging/icu_trim.py SRC.so OUT.so     # prints what it kept
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

LANGUAGES = ("en", "ja")  # elevate_tray/ui/i18n.py speaks these

# Trees Qt never reads: display names (Qt has its own CLDR data), units, currencies,
# spelled-out numbers, transliteration, break iteration (Qt has its own UAX #14/#29 code).
DROPPED_TREES = {"brkitr", "curr", "lang", "rbnf", "region", "translit", "unit"}
# Item names that look like locale IDs but are not.
NOT_LOCALES = {"pool.res", "res_index.res", "root.res"}
_LOCALE_RES = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]+)*\.res$")
# Legacy code pages kept: Japanese ones (Shift_JIS, EUC-JP, ISO-2022-JP's JIS tables) and
# X11's COMPOUND_TEXT pieces (clipboard text from older X applications).
_KEPT_CODEPAGES = re.compile(
    r"^(ibm-943_|ibm-942_|ibm-33722_|ibm-954_|euc-jp-|jisx-|icu-internal-compound-)"
)


def keep_item(name: str) -> bool:
    """name: an item's name inside the package, without the package prefix ("coll/ja.res")."""
    tree, _, leaf = name.rpartition("/")
    if tree in DROPPED_TREES:
        return False
    if leaf.endswith(".cnv"):
        return bool(_KEPT_CODEPAGES.match(leaf))
    match = _LOCALE_RES.match(leaf)
    if match and leaf not in NOT_LOCALES:
        return match[1] in LANGUAGES
    return True  # tables, normalisation, stringprep, aliases, time zones, collation roots


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    if blob[8] != 0:
        raise ValueError("only little-endian ICU data is handled")
    toc = header_size
    (count,) = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(blob) - toc
        name = blob[toc + name_off : blob.index(b"\0", toc + name_off)].decode("ascii")
        items.append((name, blob[toc + data_off : toc + end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    data_start = table_size + len(names)
    data_start += -data_start % 16
    entries, data, name_off = [], bytearray(), table_size
    for name, item in items:
        entries.append(struct.pack("<II", name_off, data_start + len(data)))
        name_off += len(name) + 1
        data += item
        data += b"\0" * (-len(data) % 16)
    table = struct.pack("<I", len(items)) + b"".join(entries) + names
    table += b"\0" * (data_start - len(table))
    return header + table + bytes(data)


def trim(blob: bytes) -> tuple[bytes, int, int]:
    """The trimmed package, and how many items were kept of how many."""
    header, items = read_package(blob)
    kept = [(name, data) for name, data in items if keep_item(name.split("/", 1)[1])]
    return write_package(header, kept), len(kept), len(items)


def _elf_symbol(path: Path) -> tuple[str, bytes, str]:
    """(symbol name, its bytes, soname) of the ICU data symbol in an ELF64 shared library."""
    elf = path.read_bytes()
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError(f"{path} is not a little-endian ELF64 file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    dynsym = next(s for s in sections if s[1] == 11)  # SHT_DYNSYM
    strtab = sections[dynsym[6]]
    dynamic = next(s for s in sections if s[1] == 6)  # SHT_DYNAMIC

    def string(off: int) -> str:
        start = strtab[4] + off
        return elf[start : elf.index(b"\0", start)].decode("ascii")

    found = None
    for i in range(dynsym[5] // 24):
        st_name, _info, _other, shndx, value, size = struct.unpack_from(
            "<IBBHQQ", elf, dynsym[4] + 24 * i
        )
        name = string(st_name)
        if re.fullmatch(r"icudt\d+_dat", name) and shndx:
            sec = sections[shndx]
            start = sec[4] + value - sec[3]
            found = (name, elf[start : start + size])
    if found is None:
        raise ValueError(f"{path} exports no icudtNN_dat symbol")
    soname = path.name
    for i in range(dynamic[5] // 16):
        tag, val = struct.unpack_from("<qQ", elf, dynamic[4] + 16 * i)
        if tag == 14:  # DT_SONAME
            soname = string(val)
    return found[0], found[1], soname


def build_library(symbol: str, blob: bytes, soname: str, out: Path) -> None:
    """An ELF shared library exporting `symbol` = blob, with the given soname."""
    for tool in ("as", "ld"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"the GNU binutils '{tool}' is needed to rebuild {soname}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "data.bin").write_bytes(blob)
        (work / "data.s").write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n"
            f"\t.size {symbol}, {len(blob)}\n\t.balign 16\n{symbol}:\n"
            f'\t.incbin "{work / "data.bin"}"\n'
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(["as", "-o", str(work / "data.o"), str(work / "data.s")], check=True)
        subprocess.run(
            [
                "ld",
                "-shared",
                "-soname",
                soname,
                "-z",
                "noexecstack",
                "-o",
                str(out),
                str(work / "data.o"),
            ],
            check=True,
        )


def trim_library(src: Path, out: Path) -> str:
    """Write the trimmed copy of the ICU data library `src` to `out`; a line saying what."""
    symbol, blob, soname = _elf_symbol(src)
    trimmed, kept, total = trim(blob)
    out.parent.mkdir(parents=True, exist_ok=True)
    build_library(symbol, trimmed, soname, out)
    return (
        f"ICU data: kept {kept} of {total} items, {len(trimmed) / 1e6:.1f} of "
        f"{len(blob) / 1e6:.1f} MB ({soname})"
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: icu_trim.py SRC.so OUT.so")
    print(trim_library(Path(sys.argv[1]), Path(sys.argv[2])))
