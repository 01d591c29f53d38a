"""The services only the organization sandbox answers, in front of moto: Organizations and
CloudFormation (StackSets and stacks), each our own model."""

from __future__ import annotations

from typing import Any

from .auth import Caller
from .org_model import Organization

Response = tuple[int, list[tuple[str, str]], bytes]


class OrgServices:
    SERVICES: tuple[str, ...] = ()

    def __init__(self, org: Organization, gateway: Any, partition: str) -> None:
        self.org = org
        self.gateway = gateway
        self.partition = partition

    def handle(
        self, environ: dict[str, Any], caller: Caller, request: Any, context: Any
    ) -> Response:
        raise NotImplementedError(request.service)
