"""Fixtures shared by the setup and wizard tests: a fresh AWS account on loopback.

Holds no tests. The account is moto's server behind real HTTP, reset for every test; an
admin user `admin` with AdministratorAccess owns the `admin` profile.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ADMIN = "admin"


@dataclass
class FreshAccount:
    endpoint: str
    env: dict[str, str]
    home: Path
    iam: Any  # an admin client, for arranging and checking

    @property
    def config_file(self) -> Path:
        return Path(self.env["AWS_CONFIG_FILE"])

    def add_user(self, name: str, *, keys: bool = False) -> dict[str, str]:
        self.iam.create_user(UserName=name)
        if not keys:
            return {}
        key = self.iam.create_access_key(UserName=name)["AccessKey"]
        with open(self.env["AWS_SHARED_CREDENTIALS_FILE"], "a", encoding="utf-8") as fh:
            fh.write(
                f"\n[{name}]\naws_access_key_id = {key['AccessKeyId']}\n"
                f"aws_secret_access_key = {key['SecretAccessKey']}\n"
            )
        return key


@pytest.fixture(scope="session", name="moto_endpoint")
def moto_endpoint_fixture() -> Iterator[str]:
    os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(name="fresh_account")
def fresh_account_fixture(moto_endpoint: str, tmp_path: Path) -> FreshAccount:
    import boto3
    import requests

    requests.post(f"{moto_endpoint}/moto-api/reset", timeout=10).raise_for_status()
    boot = boto3.client(
        "iam",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="bootstrap",
        aws_secret_access_key="bootstrap",
    )
    boot.create_user(UserName=ADMIN)
    boot.attach_user_policy(UserName=ADMIN, PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    key = boot.create_access_key(UserName=ADMIN)["AccessKey"]
    aws = tmp_path / "aws"
    aws.mkdir()
    (aws / "config").write_text(
        "# my AWS config\n[default]\nregion = eu-west-1\n\n"
        f"[profile {ADMIN}]\n# admin keys\nregion = us-east-1\noutput = json\n",
        encoding="utf-8",
    )
    (aws / "credentials").write_text(
        f"[{ADMIN}]\naws_access_key_id = {key['AccessKeyId']}\n"
        f"aws_secret_access_key = {key['SecretAccessKey']}\n",
        encoding="utf-8",
    )
    env = {
        "AWS_CONFIG_FILE": str(aws / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(aws / "credentials"),
        "AWS_ENDPOINT_URL": moto_endpoint,
        "ELEVATE_TRAY_HOME": str(tmp_path / "home"),
        "ELEVATE_TRAY_SECRET_STORE": "file",
    }
    iam = boto3.client(
        "iam",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )
    return FreshAccount(moto_endpoint, env, tmp_path / "home", iam)
