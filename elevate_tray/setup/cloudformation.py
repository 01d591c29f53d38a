"""The CloudFormation template of provisioning/, with the chosen options as its defaults."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path

from ..core.awsconfig_writer import write_private
from ..core.documents import CLOUDFORMATION_TEMPLATE, resource_path
from ..core.errors import ConfigError, Phrase
from .model import AWS_MANAGED_SHORT_NAMES, SetupOptions

TEMPLATE = CLOUDFORMATION_TEMPLATE


def parameter_values(options: SetupOptions) -> dict[str, str]:
    managed = options.admin_policy in AWS_MANAGED_SHORT_NAMES
    return {
        "GroupName": options.group_name,
        "RoleName": options.role_name,
        "AssumePolicyName": options.assume_policy_name,
        "CredentialsPolicyName": options.credentials_policy_name,
        "AwsManagedAdminPolicy": options.admin_policy if managed else "AdministratorAccess",
        "AdminPolicyArn": "" if managed else options.admin_policy,
        "MaxSessionDuration": str(options.max_session_duration),
        "AllowSourceIdentity": str(options.allow_source_identity).lower(),
        "AllowSessionTags": str(options.allow_session_tags).lower(),
        "Members": ",".join(options.members),
    }


def _keep_prefix(value: str) -> Callable[[re.Match[str]], str]:
    return lambda m: m[1] + value


def render_template(options: SetupOptions) -> str:
    """The template text with each parameter's Default set; comments and layout kept."""
    text = resource_path(*TEMPLATE).read_text(encoding="utf-8")
    for name, value in parameter_values(options).items():
        pattern = re.compile(
            rf"(^  {re.escape(name)}:\n(?:    .*\n)*?    Default: ).*$", re.MULTILINE
        )
        quoted = value if name == "MaxSessionDuration" else json.dumps(value)
        text, count = pattern.subn(_keep_prefix(quoted), text, count=1)
        if count != 1:
            raise ValueError(f"parameter {name} has no Default line in the template")
    return text


def export_template(options: SetupOptions, output: Path | None) -> str:
    """The template's text; with `output`, also written there (into a folder that exists:
    a mistyped folder is said, never created)."""
    text = render_template(options)
    if output is not None:
        write_template(output, text)
    return text


def write_template(output: Path, text: str) -> None:
    folder = output.parent
    if not folder.is_dir():
        raise ConfigError(
            Phrase(
                "The folder {folder} does not exist, so the template cannot be written to "
                "{path}; create the folder first, or choose another --output.",
                folder=folder,
                path=output,
            )
        )
    if output.is_dir():
        raise ConfigError(
            Phrase(
                "{path} is a folder; give --output a file name, such as {path}/{name}.",
                path=output,
                name=CLOUDFORMATION_TEMPLATE[-1],
            )
        )
    try:
        write_private(output, text)
    except OSError as exc:
        raise ConfigError(
            Phrase(
                "The template cannot be written to {path} ({why}); choose a place you can "
                "write to with --output.",
                path=output,
                why=exc.strerror or type(exc).__name__,
            )
        ) from None


def deploy_command(template: Path | str, stack: str = "elevate-tray") -> str:
    """The AWS CLI line that deploys the exported template (IAM names need the capability)."""
    return shlex.join(
        [
            "aws",
            "cloudformation",
            "deploy",
            "--stack-name",
            stack,
            "--template-file",
            str(template),
            "--capabilities",
            "CAPABILITY_NAMED_IAM",
        ]
    )
