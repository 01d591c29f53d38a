"""The services only the organization sandbox answers, in front of moto: Organizations and
CloudFormation (StackSets and stacks), each our own model (orgs_api.py, cfn_api.py)."""

from __future__ import annotations

import json
from typing import Any

from . import apirequest
from .auth import Caller
from .cfn_api import CloudFormationApi
from .errors import AwsError
from .org_model import Organization
from .orgs_api import OrganizationsApi

Response = tuple[int, list[tuple[str, str]], bytes]
JSON = [("Content-Type", "application/x-amz-json-1.1")]


class OrgServices:
    SERVICES: tuple[str, ...] = ("organizations", "cloudformation")

    def __init__(self, org: Organization, gateway: Any, partition: str) -> None:
        self.org = org
        self.gateway = gateway
        self.partition = partition
        self.organizations = OrganizationsApi(org, partition, gateway.clock.now)
        self.cloudformation = CloudFormationApi(org, partition, gateway.clock.now)

    def handle(
        self, environ: dict[str, Any], caller: Caller, request: Any, context: Any
    ) -> Response:
        if request.service == "organizations":
            body = apirequest.read_body(environ)
            try:
                params = json.loads(body or b"{}")
            except ValueError:
                params = None
            if not isinstance(params, dict):
                raise AwsError("SerializationException", "The request body is not JSON.")
            answer = self.organizations.handle(caller, str(request.operation), params)
            return 200, JSON, json.dumps(answer).encode()
        return self.cloudformation.handle(caller, str(request.operation), request.params)
