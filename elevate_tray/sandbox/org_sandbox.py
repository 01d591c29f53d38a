"""The organization side of the Sandbox (Sandbox(home, organization=True)): its five
accounts, its seeded users and the services only it has (Organizations, CloudFormation
StackSets), rebuilt at each reset. See provisioning/README.md, "Organization sandbox"."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from .facts import SandboxUser, SeededAccount, read_facts
from .org_model import ACCOUNT_IDS, Organization
from .org_seed import (
    OrgUser,
    identity_account,
    org_facts,
    remembered_users,
    seed_users,
    write_org_aws_files,
)


class OrgSandbox:
    """What the Sandbox keeps for its organization; one per Sandbox, reset with it."""

    def __init__(self, facts_file: Path) -> None:
        self.facts_file = facts_file
        self.model: Organization | None = None
        self.services: Any = None
        self.users: dict[str, OrgUser] = {}
        self._remembered: dict[str, dict[str, str]] | None = None

    @property
    def accounts(self) -> tuple[str, ...]:
        return ACCOUNT_IDS

    def reset(
        self, gateway: Any, partition: str, seed: bool, now: datetime
    ) -> SeededAccount | None:
        """Called under the gateway's lock, after moto was wiped for every account."""
        from .org_services import OrgServices

        if self._remembered is None:
            self._remembered = remembered_users(read_facts(self.facts_file))
        self.model = Organization.seeded(now)
        self.services = OrgServices(self.model, gateway, partition)
        gateway.org = self.services
        self.users = seed_users(partition, self._remembered, now) if seed else {}
        for name, o in self.users.items():  # keys and MFA secrets survive resets
            self._remembered[name] = {"account_id": o.account_id, **asdict(o.user)}
        return identity_account(self.users, partition) if seed else None

    def write_files(self, config: Path, credentials: Path) -> None:
        write_org_aws_files(config, credentials, self.users)

    def facts(self) -> dict[str, Any] | None:
        return org_facts(self.model, self.users) if self.model is not None else None

    @property
    def hold_operations(self) -> int:
        """A knob for tests: each new StackSet operation stays RUNNING for this many
        DescribeStackSetOperation calls (0, the default at each reset: done at once)."""
        return int(self.services.cloudformation.stacksets.hold_operations)

    @hold_operations.setter
    def hold_operations(self, calls: int) -> None:
        self.services.cloudformation.stacksets.hold_operations = int(calls)

    def user(self, name: str) -> SandboxUser:
        if name not in self.users:
            raise KeyError(f"the organization sandbox has no seeded user {name!r}")
        return self.users[name].user
