"""The organization sandbox's Organization: its accounts, OUs, trusted service access and
delegated administrators (our own small model; moto's organizations backend is not used).

No moto here. The seeded shape (org-contract.md): a management account at the root, the
identity account in Security, two members in Production and one in Development.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

ORG_ID = "o-sbx0example"
ROOT_ID = "r-sbx0"
MANAGEMENT = "111111111111"
IDENTITY = "111122223333"
SECURITY_OU = "ou-sbx0-security1"
PRODUCTION_OU = "ou-sbx0-prod0001"
DEVELOPMENT_OU = "ou-sbx0-dev00001"
STACKSETS_PRINCIPAL = "member.org.stacksets.cloudformation.amazonaws.com"

# (id, name, parent)
SEEDED_OUS = (
    (SECURITY_OU, "Security", ROOT_ID),
    (PRODUCTION_OU, "Production", ROOT_ID),
    (DEVELOPMENT_OU, "Development", ROOT_ID),
)
SEEDED_ACCOUNTS = (
    (MANAGEMENT, "management", ROOT_ID),
    (IDENTITY, "identity", SECURITY_OU),
    ("222222222222", "prod-web", PRODUCTION_OU),
    ("333333333333", "prod-data", PRODUCTION_OU),
    ("444444444444", "dev-tools", DEVELOPMENT_OU),
)
ACCOUNT_IDS = tuple(a[0] for a in SEEDED_ACCOUNTS)


@dataclass
class OrgAccount:
    id: str
    name: str
    parent: str
    joined: datetime

    @property
    def email(self) -> str:
        return f"{self.name}@example.invalid"

    def arn(self, partition: str = "aws") -> str:
        return f"arn:{partition}:organizations::{MANAGEMENT}:account/{ORG_ID}/{self.id}"


@dataclass
class OrgUnit:
    id: str
    name: str
    parent: str

    def arn(self, partition: str = "aws") -> str:
        return f"arn:{partition}:organizations::{MANAGEMENT}:ou/{ORG_ID}/{self.id}"


@dataclass
class ResourcePolicy:
    """The organization's resource-based policy (organizations:PutResourcePolicy): one per
    organization; its Allow statements may grant other accounts' principals read actions."""

    id: str
    content: str
    tags: dict[str, str] = field(default_factory=dict)

    def arn(self, partition: str = "aws") -> str:
        return f"arn:{partition}:organizations::{MANAGEMENT}:resourcepolicy/{ORG_ID}/{self.id}"


# called after an account moved: (account id, old parent, new parent)
MoveListener = Callable[[str, str, str], None]


@dataclass
class Organization:
    accounts: dict[str, OrgAccount]
    ous: dict[str, OrgUnit]
    service_access: dict[str, datetime] = field(default_factory=dict)
    # account id -> {service principal: registered at}
    delegated: dict[str, dict[str, datetime]] = field(default_factory=dict)
    listeners: list[MoveListener] = field(default_factory=list)
    resource_policy: ResourcePolicy | None = None  # none at start; a reset rebuilds the model
    policies_made: int = 0  # numbers each new resource policy's ID
    lock: threading.RLock = field(default_factory=threading.RLock)

    @classmethod
    def seeded(cls, now: datetime) -> Organization:
        return cls(
            accounts={a: OrgAccount(a, n, p, now) for a, n, p in SEEDED_ACCOUNTS},
            ous={o: OrgUnit(o, n, p) for o, n, p in SEEDED_OUS},
        )

    @property
    def id(self) -> str:
        return ORG_ID

    @property
    def root(self) -> str:
        return ROOT_ID

    @property
    def management(self) -> str:
        return MANAGEMENT

    def parent_of(self, child: str) -> str | None:
        if child in self.accounts:
            return self.accounts[child].parent
        if child in self.ous:
            return self.ous[child].parent
        return None

    def children(self, parent: str, kind: str) -> list[str]:
        if kind == "ACCOUNT":
            return [a.id for a in self.accounts.values() if a.parent == parent]
        return [o.id for o in self.ous.values() if o.parent == parent]

    def accounts_under(self, target: str) -> list[str]:
        """Every account in this root or OU, in its child OUs too, in a stable order."""
        found = []
        for account in self.accounts.values():
            at: str | None = account.parent
            while at is not None:
                if at == target:
                    found.append(account.id)
                    break
                at = self.parent_of(at) if at != ROOT_ID else None
        return found

    def is_container(self, target: str) -> bool:
        return target == ROOT_ID or target in self.ous

    def delegated_for(self, account_id: str, principal: str) -> bool:
        return principal in self.delegated.get(account_id, {})

    def move(self, account_id: str, destination: str) -> None:
        old = self.accounts[account_id].parent
        self.accounts[account_id].parent = destination
        for listener in list(self.listeners):
            listener(account_id, old, destination)
