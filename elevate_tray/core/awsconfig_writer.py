"""Edit one profile of an AWS config or credentials file in place.

Line-based on purpose: comments, blank lines, key order and every other section stay exactly
as the user wrote them; only the keys we set change or are appended to the profile.

Every profile the app writes carries one marker: the comment line
`# written by elevate-tray setup ACCOUNT/GROUP/ROLE` (or, for `targets sync`,
`# written by elevate-tray targets sync ORG/IDENTITY`) directly above its section header. It
says which setup or sync wrote the profile, so each updates or removes only its own profiles
and leaves any other (an SSO profile, another setup's, a hand-written one) exactly as it is.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import ParamSpec, TypeVar

from .errors import ConfigError, Phrase
from .paths import private_dir

_T = TypeVar("_T")
_P = ParamSpec("_P")

_SECTION_RE = re.compile(r"^\s*\[\s*(?P<name>[^\]]+?)\s*\]\s*$")
_KEY_RE = re.compile(r"^(?P<key>[^=:\s#;][^=:]*?)\s*[=:]")
WRITTEN_BY = "# written by elevate-tray "
SETUP = "setup"  # the writer kinds: `elevate-tray setup`, `elevate-tray targets sync`
TARGETS_SYNC = "targets sync"
MARKER_PREFIX = f"{WRITTEN_BY}{SETUP} "


def _edits(edit: Callable[_P, _T]) -> Callable[_P, _T]:
    """An edit of an AWS file: a file that cannot be read or replaced is one sentence (the
    replace is atomic: the file is as it was)."""

    @functools.wraps(edit)
    def edited(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return edit(*args, **kwargs)
        except OSError as exc:
            raise ConfigError(
                Phrase(
                    "The AWS file {path} could not be changed ({problem}), so it is as it was; "
                    "check that you can write it and its folder (and that the disk has room), "
                    "then try again.",
                    path=args[0] if args else kwargs.get("path", "?"),
                    problem=exc.strerror or type(exc).__name__,
                )
            ) from None

    return edited


def marker_line(writer: str, by: str = SETUP) -> str:
    """The comment that marks a profile as written by `by` (setup, targets sync) for `writer`
    (the setup's ACCOUNT/GROUP/ROLE, the sync's ORG/IDENTITY)."""
    return f"{WRITTEN_BY}{by} {writer}"


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def _find_section(lines: list[str], wanted: str) -> tuple[int, int] | None:
    """(header index, index after the section's last line) of a section, or None."""
    for i, line in enumerate(lines):
        if (m := _SECTION_RE.match(line)) and _same_section(m["name"], wanted):
            end = next(
                (j for j in range(i + 1, len(lines)) if _SECTION_RE.match(lines[j])), len(lines)
            )
            return i, end
    return None


def _marker_above(lines: list[str], header: int) -> str | None:
    """The marker's text after "# written by elevate-tray " ("setup A/G/R"), or None."""
    if header > 0 and lines[header - 1].startswith(WRITTEN_BY):
        return lines[header - 1][len(WRITTEN_BY) :].strip()
    return None


def _writer(marker: str | None, by: str) -> str | None:
    if marker is not None and marker.startswith(f"{by} "):
        return marker[len(by) + 1 :].strip()
    return None


def profile_writer(
    path: Path, profile: str, *, credentials_file: bool = False, by: str = SETUP
) -> str | None:
    """The writer (a setup's ACCOUNT/GROUP/ROLE; with by=TARGETS_SYNC a sync's ORG/IDENTITY)
    whose marker the profile carries; None: none of that kind (or no such profile)."""
    lines = _read_lines(path)
    found = _find_section(lines, section_name(profile, credentials_file))
    return _writer(_marker_above(lines, found[0]), by) if found else None


def is_marked(path: Path, profile: str) -> bool:
    """True when the profile carries any elevate-tray marker (setup's or a sync's)."""
    lines = _read_lines(path)
    found = _find_section(lines, section_name(profile, False))
    return found is not None and _marker_above(lines, found[0]) is not None


def marked_profiles(path: Path, writer: str, by: str = SETUP) -> list[str]:
    """The profiles of a config file that carry the marker of `by` for `writer`."""
    lines = _read_lines(path)
    names = []
    for i, line in enumerate(lines):
        m = _SECTION_RE.match(line)
        if m and _writer(_marker_above(lines, i), by) == writer:
            header = m["name"]
            names.append(header.split(None, 1)[1] if header.startswith("profile ") else header)
    return names


@_edits
def remove_profile(path: Path, profile: str, *, credentials_file: bool = False) -> bool:
    """Delete a profile's section and its marker; False when there was no such section."""
    lines = _read_lines(path)
    found = _find_section(lines, section_name(profile, credentials_file))
    if found is None:
        return False
    start, end = found
    if _marker_above(lines, start) is not None:
        start -= 1
    # the comments right above the next header (its marker, the user's notes) stay with it;
    # the section's own trailing blank lines go
    while end < len(lines) and end - 1 > start and lines[end - 1].lstrip().startswith(("#", ";")):
        end -= 1
    while end - 1 > start and not lines[end - 1].strip():
        end -= 1
    if end < len(lines) and not lines[end].strip():
        end += 1
    del lines[start:end]
    write_private(path, "".join(lines))
    return True


def section_name(profile: str, credentials_file: bool) -> str:
    """The INI section of a profile: [profile NAME] in config, [NAME] in credentials."""
    if credentials_file or profile == "default":
        return profile
    return f"profile {profile}"


def _same_section(header: str, wanted: str) -> bool:
    return " ".join(header.split()) == " ".join(wanted.split())


@_edits
def set_profile_values(
    path: Path,
    profile: str,
    values: Mapping[str, str],
    *,
    credentials_file: bool = False,
    writer: str | None = None,
    by: str = SETUP,
) -> None:
    """Set `values` in the profile's section, creating the section (and file) if needed.

    With `writer` (ACCOUNT/GROUP/ROLE; ORG/IDENTITY with by=TARGETS_SYNC), the section
    carries that marker line."""
    wanted = section_name(profile, credentials_file)
    lines = _read_lines(path)
    found = _find_section(lines, wanted)
    pending = dict(values)
    if found is None:
        if lines and lines[-1].strip():
            lines.append("\n")
        if writer is not None:
            lines.append(f"{marker_line(writer, by)}\n")
        lines.append(f"[{wanted}]\n")
        lines.extend(f"{k} = {v}\n" for k, v in pending.items())
    else:
        start, end = found
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
        if writer is not None and _marker_above(lines, start) != f"{by} {writer}":
            if _marker_above(lines, start) is not None:
                lines[start - 1] = f"{marker_line(writer, by)}\n"
            else:
                lines.insert(start, f"{marker_line(writer, by)}\n")

    write_private(path, "".join(lines))


def remove_profile_value(
    path: Path, profile: str, key: str, *, credentials_file: bool = False
) -> bool:
    """Delete one key (with its indented continuation lines) from a profile's section, every
    other line kept as it is; False when the section has no such key."""
    return remove_profile_values(path, profile, (key,), credentials_file=credentials_file)


@_edits
def remove_profile_values(
    path: Path, profile: str, keys: Collection[str], *, credentials_file: bool = False
) -> bool:
    """Delete `keys` from a profile's section in one write (every other byte kept); False
    when the section has none of them."""
    lines = _read_lines(path)
    found = _find_section(lines, section_name(profile, credentials_file))
    if found is None:
        return False
    start, end = found
    doomed: list[int] = []
    j = start + 1
    while j < end:
        m = _KEY_RE.match(lines[j])
        if m and m["key"].strip() in keys:
            doomed.append(j)
            j += 1
            while j < end and lines[j][:1] in (" ", "\t") and lines[j].strip():
                doomed.append(j)  # a value continued on indented lines
                j += 1
            continue
        j += 1
    if not doomed:
        return False
    for j in reversed(doomed):
        del lines[j]
    write_private(path, "".join(lines))
    return True


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
