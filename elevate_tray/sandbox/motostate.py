"""moto's process-wide state as the sandbox sets it up and wipes it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import Any


def configure_moto() -> None:
    # AWS-managed policies (ReadOnlyAccess, AdministratorAccess) exist only with this set;
    # moto reads it whenever an IAM backend is created.
    os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"


# account id -> its AWS-managed policy objects, kept across resets (and mode switches)
_MANAGED: dict[str, list[object]] = {}


def reset_moto(account_id: str | Iterable[str] = "", partition: str = "aws") -> None:
    """Wipe moto's IAM, STS and SSM state only (other services in this process are left
    alone), for every account.

    Each account's IAM backend (one, or each of the organization's) is rebuilt around the
    ~1,500 AWS-managed policy objects it already has: recreating those is most of the cost of
    a reset, and tests reset often.
    """
    from moto.core.base_backend import BackendDict, backend_lock
    from moto.iam.models import IAMBackend, iam_backends
    from moto.sts.models import sts_backends

    # moto.ssm imports all of moto.ec2 (~0.9 s): a process that never served SSM has no SSM
    # state to wipe, so it is not imported here (the first SSM request imports it)
    ssm = sys.modules.get("moto.ssm.models")
    wiped: list[Any] = [iam_backends, sts_backends]
    if ssm is not None:
        wiped.append(ssm.ssm_backends)

    accounts = [account_id] if isinstance(account_id, str) else list(account_id)
    with backend_lock:
        known: dict[str, Any] = dict(iam_backends.items())  # no lazy creation
        for acct, per_partition in known.items():
            old = dict.get(per_partition, partition)
            if old is not None and old.aws_managed_policies:
                _MANAGED[acct] = list(old.aws_managed_policies)
        for backends in wiped:
            backends.clear()
            registered = BackendDict._instances  # type: ignore[misc]
            registered[:] = [b for b in registered if b is not backends]
    for acct in accounts:
        managed = _MANAGED.get(acct)
        if not managed:
            continue  # built on first use
        for policy in managed:
            policy.attachment_count = 0  # type: ignore[attr-defined]
        fresh = IAMBackend.__new__(IAMBackend)
        fresh._init_aws_policies = lambda managed=managed: managed  # type: ignore[method-assign,misc]
        IAMBackend.__init__(fresh, region_name=partition, account_id=acct)
        del fresh._init_aws_policies
        iam_backends[acct][partition] = fresh
