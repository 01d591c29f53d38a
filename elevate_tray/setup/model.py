"""What the setup is: names, options, and the account it is rendered for."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..core.errors import ConfigError, Phrase

MANAGED_TAG_KEY = "elevate-tray:managed"
MANAGED_TAG_VALUE = "true"
# IAM groups cannot carry tags, so a group the engine creates lives under this path instead:
# the path is how teardown tells its own group from one that was there before.
GROUP_PATH = "/elevate-tray/"

DEFAULT_GROUP = "ReadOnlyUsers"
DEFAULT_ROLE = "AdminRole"
DEFAULT_READONLY_ROLE = "ReadOnlyRole"
ASSUME_POLICY = "AssumeAdminRolePolicy"
CREDENTIALS_POLICY = "ManageOwnCredentialsWithMFAPolicy"
READONLY_POLICY = "ReadOnlyAccess"
DEFAULT_ADMIN_POLICY = "AdministratorAccess"
AWS_MANAGED_SHORT_NAMES = ("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess")
MAX_POLICY_NAME = 128
MIN_MAX_SESSION = 3600
MAX_MAX_SESSION = 43200

_NAME_RE = re.compile(r"^[\w+=,.@-]{1,128}$")
_ROLE_NAME_RE = re.compile(r"^[\w+=,.@-]{1,64}$")
_POLICY_ARN_RE = re.compile(r"^arn:aws[a-z-]*:iam::(aws|\d{12}):policy/[\w+=,.@/-]+$")


def _check_name(kind: str, value: str, pattern: re.Pattern[str]) -> str:
    """kind is a Phrase ("group", "role", ...), so the sentence can be translated whole."""
    if not pattern.match(value):
        raise ConfigError(
            Phrase(
                "'{value}' is not a valid IAM {kind} name (letters, digits and +=,.@_- only).",
                value=value,
                kind=kind,
            )
        )
    return value


@dataclass(frozen=True)
class SetupOptions:
    """The admin's choices; everything else follows from the seed."""

    group_name: str = DEFAULT_GROUP
    role_name: str = DEFAULT_ROLE
    admin_policy: str = DEFAULT_ADMIN_POLICY  # short AWS-managed name or a policy ARN
    max_session_duration: int = MIN_MAX_SESSION
    allow_source_identity: bool = False
    allow_session_tags: bool = False
    members: tuple[str, ...] = ()
    assume_policy_name: str = ASSUME_POLICY
    credentials_policy_name: str = CREDENTIALS_POLICY
    adopt: tuple[str, ...] = ()  # existing resources not made by this setup it may take over
    accept_widening: bool = False  # widenings of adopted resources are applied too
    # The identity ("hub") account of an Organization: the group and its two policies, the
    # assume policy naming the member accounts' roles; no role in this account.
    hub: bool = False
    readonly_role_name: str = DEFAULT_READONLY_ROLE  # the member accounts' read-only role

    def __post_init__(self) -> None:
        _check_name(Phrase("group"), self.group_name, _NAME_RE)
        _check_name(Phrase("role"), self.role_name, _ROLE_NAME_RE)
        _check_name(Phrase("role"), self.readonly_role_name, _ROLE_NAME_RE)
        # A policy name left at the article's default follows the group and role (policy_names)
        assume, credentials = policy_names(self.group_name, self.role_name)
        if self.assume_policy_name == ASSUME_POLICY:
            object.__setattr__(self, "assume_policy_name", assume)
        if self.credentials_policy_name == CREDENTIALS_POLICY:
            object.__setattr__(self, "credentials_policy_name", credentials)
        _check_name(Phrase("policy"), self.assume_policy_name, _NAME_RE)
        _check_name(Phrase("policy"), self.credentials_policy_name, _NAME_RE)
        for member in self.members:
            _check_name(Phrase("user"), member, _NAME_RE)
        if not (MIN_MAX_SESSION <= self.max_session_duration <= MAX_MAX_SESSION):
            raise ConfigError(
                Phrase(
                    "The role's maximum session duration must be between {low} and {high} "
                    "seconds (1 to 12 hours), not {asked}.",
                    low=MIN_MAX_SESSION,
                    high=MAX_MAX_SESSION,
                    asked=self.max_session_duration,
                )
            )
        if self.admin_policy not in AWS_MANAGED_SHORT_NAMES and not _POLICY_ARN_RE.match(
            self.admin_policy
        ):
            raise ConfigError(
                Phrase(
                    "'{policy}' is neither AdministratorAccess, PowerUserAccess nor a "
                    "managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME).",
                    policy=self.admin_policy,
                )
            )


def setup_id(options: SetupOptions) -> str:
    """What tells one setup from another in the same account: its group and its role."""
    return f"{options.group_name}/{options.role_name}"


def _fit(name: str, group: str, role: str) -> str:
    """IAM's 128-character limit: a long name keeps its start and ends in a hash of the setup."""
    if len(name) <= MAX_POLICY_NAME:
        return name
    digest = hashlib.sha256(f"{group}/{role}".encode()).hexdigest()[:8]
    return f"{name[: MAX_POLICY_NAME - 9]}-{digest}"


def policy_names(group: str, role: str) -> tuple[str, str]:
    """The setup's two customer-managed policy names, (assume, credentials).

    The rule: the article's setup (ReadOnlyUsers + AdminRole) keeps the article's names,
    AssumeAdminRolePolicy and ManageOwnCredentialsWithMFAPolicy. Any other setup's names carry
    its role and group, so two setups in one account never share a policy:
    `Assume{role}Policy-{group}` and `ManageOwnCredentialsWithMFAPolicy-{group}-{role}`
    (`--role OpsAdmin --group Readers`: AssumeOpsAdminPolicy-Readers and
    ManageOwnCredentialsWithMFAPolicy-Readers-OpsAdmin). Group and role names use IAM's
    policy-name charset already; a name over 128 characters is cut to 119 and ends in `-` and
    8 hex digits of sha256("group/role"), still one name per setup. The CloudFormation export
    passes the same names as its AssumePolicyName / CredentialsPolicyName parameters.
    """
    if (group, role) == (DEFAULT_GROUP, DEFAULT_ROLE):
        return ASSUME_POLICY, CREDENTIALS_POLICY
    return (
        _fit(f"Assume{role}Policy-{group}", group, role),
        _fit(f"{CREDENTIALS_POLICY}-{group}-{role}", group, role),
    )


@dataclass(frozen=True)
class Account:
    """Where the setup goes, from sts:GetCallerIdentity."""

    account_id: str
    partition: str
    caller_arn: str = ""
    region: str = "us-east-1"

    @property
    def caller_user(self) -> str | None:
        """The IAM user name of the caller, or None for roles and root."""
        resource = self.caller_arn.split(":", 5)[-1] if self.caller_arn else ""
        if resource.startswith("user/"):
            return resource.rsplit("/", 1)[-1]
        return None


@dataclass(frozen=True)
class Names:
    """Every ARN of the setup in one account."""

    options: SetupOptions
    account: Account
    extra: dict[str, str] = field(default_factory=dict)

    def _arn(self, resource: str, account: str | None = None) -> str:
        acct = self.account.account_id if account is None else account
        return f"arn:{self.account.partition}:iam::{acct}:{resource}"

    @property
    def role_arn(self) -> str:
        return self._arn(f"role/{self.options.role_name}")

    def member_role_arn(self, account_id: str, readonly: bool = False) -> str:
        """The admin (or read-only) role of a member account of the hub's Organization."""
        o = self.options
        return self._arn(f"role/{o.readonly_role_name if readonly else o.role_name}", account_id)

    @property
    def assume_policy_arn(self) -> str:
        return self._arn(f"policy/{self.options.assume_policy_name}")

    @property
    def credentials_policy_arn(self) -> str:
        return self._arn(f"policy/{self.options.credentials_policy_name}")

    @property
    def readonly_policy_arn(self) -> str:
        return self._arn(f"policy/{READONLY_POLICY}", "aws")

    @property
    def admin_policy_arn(self) -> str:
        if self.options.admin_policy in AWS_MANAGED_SHORT_NAMES:
            return self._arn(f"policy/{self.options.admin_policy}", "aws")
        return self.options.admin_policy

    @property
    def group_policy_arns(self) -> list[str]:
        return [self.readonly_policy_arn, self.assume_policy_arn, self.credentials_policy_arn]
