"""The provisioning documents and the app's other data files, found and filled in.

Standard library only: the setup engine (which deploys the documents), the sandbox (which
seeds its account with the very same files) and the UI (which finds its icons here) all use
it, without importing one another.

The policy files use CloudFormation-style placeholders (${Partition}, ${AccountId},
${RoleName}); IAM's own policy variables (${aws:username}) contain a colon and are left for
IAM.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from .errors import ConfigError, Phrase

ASSUME_FILE = "AssumeAdminRolePolicy.json"
CREDENTIALS_FILE = "ManageOwnCredentialsWithMFAPolicy.json"
TRUST_FILE = "AdminRoleTrustPolicy.json"
CLOUDFORMATION_TEMPLATE = ("provisioning", "cloudformation", "elevate-tray-setup.yaml")

_PLACEHOLDER_RE = re.compile(r"\$\{([A-Za-z][A-Za-z0-9]*)\}")


def resource_root() -> Path:
    """The directory holding provisioning/ and resources/.

    PyInstaller unpacks data next to the bundle's code (sys._MEIPASS); an installed wheel
    carries them inside the package as elevate_tray/_data (setup.py copies them in), found
    with importlib.resources; from a source tree or an editable install they sit beside the
    package, at the top of the repository.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    packaged = resources.files("elevate_tray").joinpath("_data")
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent


def resource_path(*parts: str) -> Path:
    """resource_path("provisioning", "policies", "X.json") -> an existing file's path."""
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise ConfigError(
            Phrase(
                "The data file {path} is missing from this installation; reinstall elevate-tray.",
                path=path,
            )
        )
    return path


def substitute(text: str, values: Mapping[str, str]) -> str:
    """Fill in our placeholders only; an unknown one is an error, IAM's variables stay."""

    def repl(m: re.Match[str]) -> str:
        try:
            return values[m[1]]
        except KeyError:
            raise ConfigError(
                Phrase(
                    "The provisioning file uses an unknown placeholder {placeholder}.",
                    placeholder=m[0],
                )
            ) from None

    return _PLACEHOLDER_RE.sub(repl, text)


def load_policy_template(name: str) -> str:
    """The text of provisioning/policies/<name>, placeholders still in."""
    return resource_path("provisioning", "policies", name).read_text(encoding="utf-8")


def render_policy_text(text: str, *, partition: str, account_id: str, role_name: str) -> str:
    """A policy template with an account's values put in."""
    return substitute(
        text, {"Partition": partition, "AccountId": account_id, "RoleName": role_name}
    )
