"""The AWS config and credentials files, read exactly as the AWS CLI (botocore) reads them."""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, Phrase

DEFAULT_CONFIG = "~/.aws/config"
DEFAULT_CREDENTIALS = "~/.aws/credentials"


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    return Path(os.path.expandvars(env.get("AWS_CONFIG_FILE") or DEFAULT_CONFIG)).expanduser()


def credentials_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    raw = env.get("AWS_SHARED_CREDENTIALS_FILE") or DEFAULT_CREDENTIALS
    return Path(os.path.expandvars(raw)).expanduser()


def _line_of(path: Path, error: BaseException) -> int | None:
    lineno = getattr(error, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    if isinstance(error, configparser.ParsingError) and error.errors:
        return int(error.errors[0][0])
    if isinstance(error, UnicodeDecodeError):
        try:
            return path.read_bytes()[: error.start].count(b"\n") + 1
        except OSError:
            return None
    return None


def _why(error: BaseException) -> str:
    if isinstance(error, configparser.MissingSectionHeaderError):
        return Phrase("a setting stands before any [section] header")
    if isinstance(error, configparser.DuplicateSectionError):
        return Phrase("the section [{section}] appears a second time", section=error.section)
    if isinstance(error, configparser.DuplicateOptionError):
        return Phrase(
            "'{option}' is set twice in [{section}]", option=error.option, section=error.section
        )
    if isinstance(error, configparser.ParsingError):
        return Phrase("this line is neither a [section], a 'key = value' nor a comment")
    if isinstance(error, UnicodeDecodeError):
        return Phrase("the file is not valid text in this system's encoding (save it as UTF-8)")
    return Phrase("the nested settings block is malformed (expected 'key = value' lines)")


def _parse(path: Path, variable: str) -> dict[str, Any]:
    """Sections of one file, via botocore's own parser; errors name the file and line."""
    import botocore.configloader
    import botocore.exceptions

    if path.is_dir():  # botocore would take a folder for a missing file and find no profiles
        raise ConfigError(
            Phrase(
                "The AWS file {path} is a folder, not a file: point {variable} at the file "
                "itself, or move the folder away.",
                path=path,
                variable=variable,
            )
        )
    if path.exists() and not path.is_file():  # a FIFO or a device would block or mislead
        raise ConfigError(
            Phrase(
                "The AWS file {path} is not a regular file: point {variable} at the file itself.",
                path=path,
                variable=variable,
            )
        )
    try:
        if path.exists():
            path.open("rb").close()  # configparser skips a file it cannot open, silently
        return dict(botocore.configloader.raw_config_parse(str(path)))
    except botocore.exceptions.ConfigNotFound:
        return {}
    except botocore.exceptions.ConfigParseError as exc:
        error = exc.kwargs.get("error")
        line = _line_of(path, error) if error else None
        why = _why(error) if error else Phrase("it cannot be parsed")
        if (unclosed := _unclosed_header(path)) is not None:  # configparser blames a later line
            line, header = unclosed
            why = Phrase("the section header {header} is not closed with ']'", header=header)
            where: str = Phrase("{path}, line {line}", path=path, line=line)
        else:
            where = _where(path, line)
        if _starts_with_bom(path):  # Windows Notepad's UTF-8: the AWS CLI cannot read it either
            why = Phrase("it starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
        raise ConfigError(
            Phrase("The AWS file {where} cannot be read: {why}.", where=where, why=why)
        ) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(
            Phrase("The AWS file {where} cannot be read: {why}.", where=path, why=reason)
        ) from None


def file_sections(path: Path, credentials_file: bool) -> dict[str, Any]:
    """The raw sections of the config or credentials file ({} when it does not exist)."""
    if not path.exists():
        return {}
    return _parse(path, "AWS_SHARED_CREDENTIALS_FILE" if credentials_file else "AWS_CONFIG_FILE")


def _lines(path: Path) -> list[str]:
    try:
        return path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return []


def _unclosed_header(path: Path) -> tuple[int, str] | None:
    for number, text in enumerate(_lines(path), 1):
        stripped = text.strip()
        if stripped.startswith("[") and "]" not in stripped:
            return number, stripped[:60]
    return None


def _where(path: Path, line: int | None) -> str:
    """'FILE, line N, in [SECTION]': the profile a broken line belongs to, when it has one."""
    if not line:
        return str(path)
    section = None
    for text in _lines(path)[: line - 1]:
        stripped = text.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()[:60]
    if section is None:
        return Phrase("{path}, line {line}", path=path, line=line)
    return Phrase("{path}, line {line}, in [{section}]", path=path, line=line, section=section)


def _starts_with_bom(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(3) == b"\xef\xbb\xbf"
    except OSError:
        return False


@dataclass
class AwsConfig:
    """Profiles merged as botocore merges them: config-file profiles, then credentials."""

    config_file: Path
    credentials_file: Path
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    environ: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None) -> AwsConfig:
        import botocore.configloader

        env = dict(os.environ if environ is None else environ)
        cfg_path, cred_path = config_path(env), credentials_path(env)
        profiles: dict[str, dict[str, Any]] = {}
        raw_config = _parse(cfg_path, "AWS_CONFIG_FILE")
        profiles.update(botocore.configloader.build_profile_map(raw_config)["profiles"])
        for name, values in _parse(cred_path, "AWS_SHARED_CREDENTIALS_FILE").items():
            profiles.setdefault(name, {}).update(values)
        return cls(cfg_path, cred_path, profiles, env)

    def profile(self, name: str) -> dict[str, Any]:
        try:
            return self.profiles[name]
        except KeyError:
            raise ConfigError(
                Phrase(
                    "There is no profile '{name}' in {config} or {credentials}.",
                    name=name,
                    config=self.config_file,
                    credentials=self.credentials_file,
                )
            ) from None

    def region_for(self, name: str) -> str | None:
        """Region as the CLI resolves it for a profile: the profile, then the environment."""
        region = self.profiles.get(name, {}).get("region")
        return region or self.environ.get("AWS_REGION") or self.environ.get("AWS_DEFAULT_REGION")
