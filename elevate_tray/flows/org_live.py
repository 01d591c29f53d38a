"""The chosen OUs' current accounts, read live from AWS Organizations (org-contract.md, round 2).

An account that joins a chosen OU gets the roles by auto-deployment at once; the published
list only knows it after the admin re-publishes. So when the list names its OUs, `targets
sync` asks Organizations with the user's read-only MFA session (the organization's resource
policy grants the identity account these read actions; the user's ReadOnlyAccess allows
them) for the ACTIVE accounts under each OU, in its child OUs too, keeps the list's account
filter, and never adds the management account unless the list has it (StackSets never deploy
there: it has the roles only when the setup gave it its plain stack).

When Organizations refuses (no resource policy, or one that is not the setup's, or an
account in no organization) the caller falls back to the published accounts.
"""

from __future__ import annotations

from typing import Any

from ..core import awsclients
from ..core.awserrors import CallContext, error_code, explain
from ..core.context import AppContext
from ..core.errors import ConfigError, ElevateError, Phrase
from ..core.org_accounts import OrgAccount, PublishedList
from ..core.partitions import partition_for_region
from ..core.sessions import Credentials
from ..setup.aws import paginate
from .org_session import Reader

# the answers that mean "this session may not read the organization": use the published list
REFUSED = ("AccessDenied", "AccessDeniedException", "AWSOrganizationsNotInUseException")
_GONE = ("ParentNotFoundException", "OrganizationalUnitNotFoundException")
# Organizations is a global service: its endpoint's Region per partition
_REGIONS = {"aws": "us-east-1", "aws-cn": "cn-northwest-1", "aws-us-gov": "us-gov-west-1"}


class Refused(Exception):
    """Organizations did not let the session read the organization (its error code)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def current_accounts(
    ctx: AppContext, who: Reader, creds: Credentials, lst: PublishedList
) -> tuple[OrgAccount, ...]:
    """The accounts `targets sync` should write now: under the list's OUs, filtered as the
    setup filtered them, sorted by ID. Raises Refused when Organizations refuses."""
    partition = partition_for_region(who.target.region)
    action = Phrase(
        "read the accounts of the organization {organization}", organization=lst.organization
    )
    call = CallContext(action=action, profile=who.source)
    try:
        org = awsclients.client(
            "organizations",
            region=_REGIONS.get(partition, "us-east-1"),
            credentials=creds,
            environ=ctx.environ,
            session=awsclients.botocore_session(who.source, ctx.environ),
        )
        management = str(org.describe_organization()["Organization"].get("MasterAccountId", ""))
        found: dict[str, OrgAccount] = {}
        for ou in lst.ous:
            for account in _accounts_under(org, ou.id, ou.name):
                found.setdefault(account.id, account)
    except ElevateError:
        raise
    except Exception as exc:
        code = error_code(exc)
        if code in REFUSED:
            raise Refused(code) from None
        if code in _GONE:
            raise ConfigError(
                Phrase(
                    "An organizational unit of the published account list is no longer in "
                    "the organization {organization}; ask your admin to run `elevate-tray "
                    "setup org apply` with the OUs to use now.",
                    organization=lst.organization,
                )
            ) from None
        raise explain(exc, call) from None
    listed = {a.id for a in lst.accounts}
    wanted = set(lst.account_filter)
    return tuple(
        found[a]
        for a in sorted(found)
        if (not wanted or a in wanted) and (a != management or a in listed)
    )


def _accounts_under(org: Any, parent: str, parent_name: str) -> list[OrgAccount]:
    """The ACTIVE accounts in `parent` and in every OU below it (each with the OU it sits
    in: a child OU's name comes from its parent's listing)."""
    direct = paginate(org, "list_accounts_for_parent", "Accounts", ParentId=parent)
    children = paginate(
        org, "list_organizational_units_for_parent", "OrganizationalUnits", ParentId=parent
    )
    ou, ou_name = ("", "") if parent.startswith("r-") else (parent, parent_name)
    found = [
        OrgAccount(str(a["Id"]), str(a.get("Name", "")), ou, ou_name)
        for a in direct
        if str(a.get("State") or a.get("Status") or "ACTIVE") == "ACTIVE"
    ]
    for child in children:
        found.extend(_accounts_under(org, str(child["Id"]), str(child.get("Name", ""))))
    return found
