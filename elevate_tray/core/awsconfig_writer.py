"""Edit one profile of an AWS config or credentials file in place.

Line-based on purpose: comments, blank lines, key order and every other section stay exactly
as the user wrote them; only the keys we set change or are appended to the profile.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .paths import private_dir

_SECTION_RE = re.compile(r"^\s*\[\s*(?P<name>[^\]]+?)\s*\]\s*$")
_KEY_RE = re.compile(r"^(?P<key>[^=:\s#;][^=:]*?)\s*[=:]")


def section_name(profile: str, credentials_file: bool) -> str:
    """The INI section of a profile: [profile NAME] in config, [NAME] in credentials."""
    if credentials_file or profile == "default":
        return profile
    return f"profile {profile}"


def _same_section(header: str, wanted: str) -> bool:
    return " ".join(header.split()) == " ".join(wanted.split())


def set_profile_values(
    path: Path, profile: str, values: Mapping[str, str], *, credentials_file: bool = False
) -> None:
    """Set `values` in the profile's section, creating the section (and file) if needed."""
    wanted = section_name(profile, credentials_file)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"

    start = next(
        (
            i
            for i, line in enumerate(lines)
            if (m := _SECTION_RE.match(line)) and _same_section(m["name"], wanted)
        ),
        None,
    )
    pending = dict(values)
    if start is None:
        if lines and lines[-1].strip():
            lines.append("\n")
        lines.append(f"[{wanted}]\n")
        lines.extend(f"{k} = {v}\n" for k, v in pending.items())
    else:
        end = next(
            (j for j in range(start + 1, len(lines)) if _SECTION_RE.match(lines[j])), len(lines)
        )
        last_setting = start
        for j in range(start + 1, end):
            stripped = lines[j].strip()
            if stripped and not stripped.startswith(("#", ";")):
                last_setting = j  # includes indented lines of a nested block (s3 = ...)
            m = _KEY_RE.match(lines[j])
            if not m:
                continue
            key = m["key"].strip()
            if key in pending:
                lines[j] = f"{key} = {pending.pop(key)}\n"
        insert = [f"{k} = {v}\n" for k, v in pending.items()]
        lines[last_setting + 1 : last_setting + 1] = insert

    write_private(path, "".join(lines))


def write_private(path: Path, text: str) -> None:
    """Atomically replace a file, keeping its mode (new files: user-only).

    A symlink (a dotfiles repository's ~/.aws/config) is written through: the file it points
    at is replaced and the link stays a link."""
    path = Path(os.path.realpath(path))  # a dangling link: the file it would create
    private_dir(path.parent)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o600
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
