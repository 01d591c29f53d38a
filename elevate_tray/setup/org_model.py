"""What the Organization setup is: the StackSet, the member template and the admin's choices."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..core.documents import resource_path
from ..core.errors import ConfigError, Phrase
from .model import AWS_MANAGED_SHORT_NAMES, MANAGED_TAG_KEY, MANAGED_TAG_VALUE, SetupOptions

STACKSET_NAME = "elevate-tray-member-roles"
MANAGEMENT_STACK_NAME = "elevate-tray-member-roles"  # the plain stack in the management account
MEMBER_TEMPLATE = ("provisioning", "cloudformation", "elevate-tray-member.yaml")
CAPABILITIES = ["CAPABILITY_NAMED_IAM"]
AUTO_DEPLOYMENT = {"Enabled": True, "RetainStacksOnAccountRemoval": False}
STACK_TAGS = [{"Key": MANAGED_TAG_KEY, "Value": MANAGED_TAG_VALUE}]
SELF, DELEGATED_ADMIN = "SELF", "DELEGATED_ADMIN"
# how often a StackSet operation or a stack is looked at, and how long it may take (the clock's)
POLL_SECONDS = 5.0
OPERATION_TIMEOUT = 3600.0
# the published account list: where the identity account's SSM keeps it, per partition
PUBLISH_REGIONS = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}

_OU_RE = re.compile(r"^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$")
_ACCOUNT_RE = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class OrgOptions:
    """The OUs to roll out to, accounts as a filter, and the identity side's options."""

    ous: tuple[str, ...]
    accounts: tuple[str, ...] = ()
    identity: SetupOptions = field(default_factory=lambda: SetupOptions(hub=True))
    # the organization's resource policy letting the identity account read the OUs live
    organization_read: bool = True

    def __post_init__(self) -> None:
        for ou in self.ous:
            if not _OU_RE.match(ou):
                raise ConfigError(
                    Phrase(
                        "'{ou}' is not an organizational unit ID (ou-xxxx-xxxxxxxx) or a "
                        "root ID (r-xxxx); `aws organizations list-roots` and "
                        "`list-organizational-units-for-parent` show them.",
                        ou=ou,
                    )
                )
        for account in self.accounts:
            if not _ACCOUNT_RE.match(account):
                raise ConfigError(
                    Phrase(
                        "'{account}' is not an AWS account ID (12 digits); --accounts takes "
                        "IDs separated by commas.",
                        account=account,
                    )
                )
        if not self.identity.hub:
            object.__setattr__(self, "identity", replace(self.identity, hub=True))


def parse_accounts(text: str | None) -> tuple[str, ...]:
    """--accounts 222222222222,333333333333 -> the IDs, in order, each once."""
    if not text:
        return ()
    return tuple(dict.fromkeys(a.strip() for a in text.split(",") if a.strip()))


def template_body() -> str:
    return resource_path(*MEMBER_TEMPLATE).read_text(encoding="utf-8")


# The plain stack carries its template's digest as a tag: DescribeStacks then says whether
# the template deployed is this one, without fetching it
TEMPLATE_TAG_KEY = "elevate-tray:template"


def template_digest() -> str:
    import hashlib

    return hashlib.sha256(template_body().strip().encode()).hexdigest()[:16]


def stack_tags() -> list[dict[str, str]]:
    return [*STACK_TAGS, {"Key": TEMPLATE_TAG_KEY, "Value": template_digest()}]


def admin_policy_arn(options: SetupOptions, partition: str) -> str:
    """The member admin role's permissions, as the template's AdminPolicyArn: always the
    full ARN, of the org's partition (the template's default is the aws partition's)."""
    if options.admin_policy in AWS_MANAGED_SHORT_NAMES:
        return f"arn:{partition}:iam::aws:policy/{options.admin_policy}"
    return options.admin_policy


def template_parameters(
    options: SetupOptions, identity_account: str, partition: str
) -> dict[str, str]:
    return {
        "IdentityAccountId": identity_account,
        "AdminRoleName": options.role_name,
        "ReadOnlyRoleName": options.readonly_role_name,
        "AdminPolicyArn": admin_policy_arn(options, partition),
        "MaxSessionDuration": str(options.max_session_duration),
    }


def as_cfn_parameters(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"ParameterKey": k, "ParameterValue": v} for k, v in values.items()]


def from_cfn_parameters(items: list[dict[str, str]] | None) -> dict[str, str]:
    return {p["ParameterKey"]: p.get("ParameterValue", "") for p in items or []}
