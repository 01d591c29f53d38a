"""The policy documents of provisioning/, with an account's values put in.

The files use CloudFormation-style placeholders (${Partition}, ${AccountId}, ${RoleName}).
IAM's own policy variables (${aws:username}) contain a colon and are left for IAM.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..core.documents import (
    ASSUME_FILE,
    CREDENTIALS_FILE,
    TRUST_FILE,
    load_policy_template,
    render_policy_text,
    substitute,
)
from .model import Names

Document = dict[str, Any]


def render_file(name: str, names: Names) -> Document:
    text = render_policy_text(
        load_policy_template(name),
        partition=names.account.partition,
        account_id=names.account.account_id,
        role_name=names.options.role_name,
    )
    doc: Document = json.loads(text)
    return doc


# The identity ("hub") account of an Organization: provisioning/policies/organization/
ORG_ASSUME_FILE = "organization/AssumeMemberRolesPolicy.json"
ORG_TRUST_FILE = "organization/MemberRoleTrustPolicy.json"


def render_org_file(name: str, names: Names) -> Document:
    """An organization document, the hub's account being the identity account."""
    text = substitute(
        load_policy_template(name),
        {
            "Partition": names.account.partition,
            "AccountId": names.account.account_id,
            "IdentityAccountId": names.account.account_id,
            "RoleName": names.options.role_name,
            "ReadOnlyRoleName": names.options.readonly_role_name,
        },
    )
    doc: Document = json.loads(text)
    return doc


def _extra_session_actions(names: Names) -> list[str]:
    extra = []
    if names.options.allow_source_identity:
        extra.append("sts:SetSourceIdentity")
    if names.options.allow_session_tags:
        extra.append("sts:TagSession")
    return extra


def _with_actions(doc: Document, extra: list[str]) -> Document:
    """The seed's single sts:AssumeRole grows into a list when the options ask for more.

    Both the trust policy and the members' AssumeAdminRolePolicy need them: with the account
    root as principal, IAM also checks the caller's identity policy for each action.
    """
    if not extra:
        return doc
    for statement in doc["Statement"]:
        action = statement.get("Action")
        if action == "sts:AssumeRole":
            statement["Action"] = ["sts:AssumeRole", *extra]
    return doc


@dataclass(frozen=True)
class Documents:
    assume_policy: Document
    credentials_policy: Document
    trust_policy: Document

    def as_dict(self) -> dict[str, Document]:
        return {
            "AssumeAdminRolePolicy": self.assume_policy,
            "ManageOwnCredentialsWithMFAPolicy": self.credentials_policy,
            "TrustPolicy": self.trust_policy,
        }


def render(names: Names) -> Documents:
    extra = _extra_session_actions(names)
    if names.options.hub:  # the trust policy is the member roles' (the member template's)
        return Documents(
            assume_policy=_with_actions(render_org_file(ORG_ASSUME_FILE, names), extra),
            credentials_policy=render_file(CREDENTIALS_FILE, names),
            trust_policy=render_org_file(ORG_TRUST_FILE, names),
        )
    return Documents(
        assume_policy=_with_actions(render_file(ASSUME_FILE, names), extra),
        credentials_policy=render_file(CREDENTIALS_FILE, names),
        trust_policy=_with_actions(render_file(TRUST_FILE, names), extra),
    )


def canonical(doc: Any) -> Any:
    """A form in which two documents IAM treats alike compare equal.

    IAM keeps what was written, so "x" and ["x"] (and action order) may differ between what
    we render and what another tool wrote; statement order is kept as it is meaningful to
    a reader comparing with the seed.
    """
    if isinstance(doc, dict):
        return {k: canonical(v) for k, v in sorted(doc.items())}
    if isinstance(doc, list):
        items = [canonical(v) for v in doc]
        if all(isinstance(v, str) for v in items):
            return sorted(set(items)) if len(items) != 1 else items[0]
        return items
    return doc


def same_document(a: Any, b: Any) -> bool:
    return bool(canonical(a) == canonical(b))


def pretty(doc: Any) -> str:
    return json.dumps(doc, indent=4, ensure_ascii=False)
