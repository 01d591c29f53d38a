"""The CloudFormation template of provisioning/, with the chosen options as its defaults."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from ..core.awsconfig_writer import write_private
from .model import AWS_MANAGED_SHORT_NAMES, SetupOptions
from .resources import resource_path

TEMPLATE = ("provisioning", "cloudformation", "elevate-tray-setup.yaml")


def parameter_values(options: SetupOptions) -> dict[str, str]:
    managed = options.admin_policy in AWS_MANAGED_SHORT_NAMES
    return {
        "GroupName": options.group_name,
        "RoleName": options.role_name,
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
    text = render_template(options)
    if output is not None:
        write_private(output, text)
    return text


def deploy_command(stack: str = "elevate-tray") -> str:
    """The AWS CLI line that deploys the exported template (IAM names need the capability)."""
    return (
        f"aws cloudformation deploy --stack-name {stack} --template-file elevate-tray-setup.yaml "
        "--capabilities CAPABILITY_NAMED_IAM"
    )
