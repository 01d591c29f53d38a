"""moto's process-wide state as the sandbox sets it up and wipes it."""

from __future__ import annotations

import os


def configure_moto() -> None:
    # AWS-managed policies (ReadOnlyAccess, AdministratorAccess) exist only with this set;
    # moto reads it whenever an IAM backend is created.
    os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"


def reset_moto(account_id: str = "", partition: str = "aws") -> None:
    """Wipe moto's IAM and STS state only (other services in this process are left alone).

    The account's IAM backend is rebuilt around the ~1,500 AWS-managed policy objects it
    already has: recreating those is most of the cost of a reset, and tests reset often.
    """
    from moto.core.base_backend import BackendDict, backend_lock
    from moto.iam.models import IAMBackend, iam_backends
    from moto.sts.models import sts_backends

    with backend_lock:
        account = dict.get(iam_backends, account_id)
        old = dict.get(account, partition) if account is not None else None
        managed = list(old.aws_managed_policies) if old is not None else []
        for backends in (iam_backends, sts_backends):
            backends.clear()
            registered = BackendDict._instances  # type: ignore[misc]
            registered[:] = [b for b in registered if b is not backends]
    if not managed:
        return  # built on first use
    for policy in managed:
        policy.attachment_count = 0
    fresh = IAMBackend.__new__(IAMBackend)
    fresh._init_aws_policies = lambda: managed  # type: ignore[method-assign]
    IAMBackend.__init__(fresh, region_name=partition, account_id=account_id)
    del fresh._init_aws_policies
    iam_backends[account_id][partition] = fresh
