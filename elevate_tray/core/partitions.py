"""Partition-aware names: ARNs, federation sign-in hosts and console hosts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ConfigError, Phrase

ARN_RE = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):(?P<service>[a-z0-9-]+):(?P<region>[a-z0-9-]*):"
    r"(?P<account>\d{12}|aws)?:(?P<resource>.+)$"
)


@dataclass(frozen=True)
class Arn:
    partition: str
    service: str
    region: str
    account: str
    resource: str

    @classmethod
    def parse(cls, text: str) -> Arn:
        m = ARN_RE.match(text.strip())
        if not m:
            raise ConfigError(
                Phrase(
                    "'{text}' is not an ARN (expected arn:aws:iam::ACCOUNT:role/NAME).", text=text
                )
            )
        return cls(
            partition=m["partition"],
            service=m["service"],
            region=m["region"],
            account=m["account"] or "",
            resource=m["resource"],
        )

    @property
    def name(self) -> str:
        """The last path element of the resource: the role, user or device name."""
        return self.resource.rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return f"arn:{self.partition}:{self.service}:{self.region}:{self.account}:{self.resource}"


@dataclass(frozen=True)
class PartitionHosts:
    signin: str  # federation endpoint, https://HOST/federation
    console_home: str  # format with region=

    def federation_url(self, region: str | None = None) -> str:
        # aws has regional sign-in hosts; a regional host keeps the flow in the target region
        if self is PARTITIONS["aws"] and region:
            return f"https://{region}.signin.aws.amazon.com/federation"
        return f"https://{self.signin}/federation"

    def console_url(self, region: str) -> str:
        return self.console_home.format(region=region)


PARTITIONS: dict[str, PartitionHosts] = {
    "aws": PartitionHosts(
        signin="signin.aws.amazon.com",
        console_home="https://{region}.console.aws.amazon.com/console/home?region={region}",
    ),
    "aws-cn": PartitionHosts(
        signin="signin.amazonaws.cn",
        console_home="https://console.amazonaws.cn/console/home?region={region}",
    ),
    "aws-us-gov": PartitionHosts(
        signin="signin.amazonaws-us-gov.com",
        console_home="https://console.amazonaws-us-gov.com/console/home?region={region}",
    ),
}

# The same region patterns botocore's endpoint data uses, so the partition is known without
# loading botocore (the `targets` and `status` paths stay light).
_REGION_PATTERNS = [
    ("aws-us-gov", re.compile(r"^us-gov-\w+-\d+$")),
    ("aws-iso-b", re.compile(r"^us-isob-\w+-\d+$")),
    ("aws-iso-f", re.compile(r"^us-isof-\w+-\d+$")),
    ("aws-iso", re.compile(r"^us-iso-\w+-\d+$")),
    ("aws-iso-e", re.compile(r"^eu-isoe-\w+-\d+$")),
    ("aws-cn", re.compile(r"^cn-\w+-\d+$")),
]


def partition_for_region(region: str) -> str:
    for name, pattern in _REGION_PATTERNS:
        if pattern.match(region):
            return name
    return "aws"


def hosts_for(partition: str) -> PartitionHosts:
    try:
        return PARTITIONS[partition]
    except KeyError:
        raise ConfigError(
            Phrase(
                "The {partition} partition has no console federation endpoint that "
                "elevate-tray knows; console sign-in is available in aws, aws-cn and aws-us-gov.",
                partition=partition,
            )
        ) from None
