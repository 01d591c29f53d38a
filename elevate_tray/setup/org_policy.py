"""The organization's resource policy: one statement letting the identity account read the
OUs and their accounts, so that `targets sync` sees an account that joins a chosen OU.

Only the management account may read or put it. A policy is ours when its only statement is
ours (Sid ElevateTrayIdentityReadsAccounts); a policy with other statements is left alone
unless adopted by name (--adopt OrganizationResourcePolicy): then our statement is merged
in, and what it was before is kept in the setup's Records so teardown can put it back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.awserrors import error_code
from ..core.errors import Phrase
from .aws import aws_errors
from .model import MANAGED_TAG_KEY, MANAGED_TAG_VALUE, Names
from .render import Document, render_org_file
from .steps import CREATE, DELETE, KEEP, UNCHANGED, UPDATE, Step, json_diff

POLICY_FILE = "organization/OrganizationReadPolicy.json"
SID = "ElevateTrayIdentityReadsAccounts"
ADOPT_NAME = "OrganizationResourcePolicy"
RECORD_KIND = "organization-policy"
NOT_FOUND = "ResourcePolicyNotFoundException"
KIND = "organization-policy"


@dataclass(frozen=True)
class OrgPolicy:
    """The organization's resource policy as it is (content parsed; text as stored)."""

    text: str
    document: Document

    @property
    def statements(self) -> list[dict[str, Any]]:
        found = self.document.get("Statement", [])
        found = [found] if isinstance(found, dict) else found
        return [s for s in found if isinstance(s, dict)]

    @property
    def ours(self) -> bool:
        """Put by this setup: our statement is its only one."""
        return bool(self.statements) and all(s.get("Sid") == SID for s in self.statements)

    @property
    def has_ours(self) -> bool:
        return any(s.get("Sid") == SID for s in self.statements)

    def others(self) -> list[dict[str, Any]]:
        return [s for s in self.statements if s.get("Sid") != SID]


def wanted_statement(names: Names) -> dict[str, Any]:
    (statement,) = render_org_file(POLICY_FILE, names)["Statement"]
    return dict(statement)


def wanted_document(names: Names) -> Document:
    return render_org_file(POLICY_FILE, names)


def read_org_policy(org: Any) -> OrgPolicy | None:
    with aws_errors(Phrase("describe the organization's resource policy")):
        try:
            found = org.describe_resource_policy()["ResourcePolicy"]
        except Exception as exc:
            if error_code(exc) == NOT_FOUND:
                return None
            raise
    text = str(found.get("Content") or "{}")
    try:
        doc = json.loads(text)
    except ValueError:
        doc = {}
    return OrgPolicy(text, doc if isinstance(doc, dict) else {})


def merged(now: OrgPolicy, names: Names) -> Document:
    """The existing document with our statement in (in place of an older one of ours)."""
    doc = dict(now.document)
    doc.setdefault("Version", "2012-10-17")
    doc["Statement"] = [*now.others(), wanted_statement(names)]
    return doc


def widening(identity_account: str) -> str:
    return Phrase(
        "every principal of the identity account {identity} whose own policies allow "
        "organizations:Describe*/List* (ReadOnlyAccess does) can read the OU structure and "
        "the accounts' IDs, names and e-mail addresses",
        identity=identity_account,
    )


def _grants(doc: Document | None) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for s in (doc or {}).get("Statement", []) if isinstance(doc, dict) else []:
        if not isinstance(s, dict) or s.get("Effect") != "Allow":
            continue
        who = s.get("Principal")
        principals = who.get("AWS") if isinstance(who, dict) else who
        actions = s.get("Action")
        for p in principals if isinstance(principals, list) else [principals]:
            for a in actions if isinstance(actions, list) else [actions]:
                out.add((str(p), str(a)))
    return out


def _step(action: str, summary: str, **kw: Any) -> Step:
    return Step(action, KIND, ADOPT_NAME, summary, **kw)


def policy_step(now: OrgPolicy | None, names: Names, adopt: tuple[str, ...]) -> Step:
    """The plan's step: put ours, converge ours, keep a foreign one, or merge an adopted one."""
    identity = names.account.account_id
    wanted = wanted_document(names)
    widens = [widening(identity)]
    if now is None:
        return _step(
            CREATE,
            Phrase(
                "put the organization's resource policy (statement {sid}): the identity account "
                "{identity} may read the OUs and their accounts, so `targets sync` sees "
                "accounts that join them",
                sid=SID,
                identity=identity,
            ),
            op="put_org_policy",
            params={"content": json.dumps(wanted, indent=4), "create": True},
            document=wanted,
            diff=json_diff(None, wanted, ADOPT_NAME),
            widenings=widens,
        )
    adopted = ADOPT_NAME in adopt
    target = wanted if now.ours else merged(now, names)
    if (now.ours or now.has_ours) and _same(now.document, target):
        return _step(
            UNCHANGED,
            Phrase(
                "the organization's resource policy lets the identity account {identity} read "
                "the OUs and their accounts",
                identity=identity,
            ),
            managed=True,
        )
    if not now.ours and not now.has_ours and not adopted:
        return _step(
            KEEP,
            Phrase("keep the organization's resource policy: it was not put by elevate-tray"),
            managed=False,
            unmanaged=True,
            adopt_name=ADOPT_NAME,
        )
    more = _grants(target) - _grants(now.document)
    params: dict[str, Any] = {"content": json.dumps(target, indent=4), "create": False}
    if not now.ours and not now.has_ours:
        params["record"] = now.text  # what teardown puts back
    return _step(
        UPDATE,
        Phrase(
            "merge the statement {sid} into the organization's resource policy (teardown puts "
            "the previous document back)",
            sid=SID,
        )
        if not now.ours
        else Phrase("update the statement {sid} of the organization's resource policy", sid=SID),
        op="put_org_policy",
        params=params,
        document=target,
        current=now.document,
        diff=json_diff(now.document, target, ADOPT_NAME),
        widenings=widens if more else [],
        managed=now.ours or now.has_ours,
        unmanaged=not (now.ours or now.has_ours),
        adopted=not (now.ours or now.has_ours),
        adopt_name="" if now.ours or now.has_ours else ADOPT_NAME,
    )


def _same(a: Document, b: Document) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def teardown_step(now: OrgPolicy | None, records: Any) -> Step | None:
    """Delete ours; put an adopted one back as it was (or without our statement)."""
    if now is None or not now.has_ours:
        return None
    if now.ours:
        return _step(
            DELETE,
            Phrase("delete the organization's resource policy (only elevate-tray's statement)"),
            op="delete_org_policy",
        )
    record = records.get(RECORD_KIND, ADOPT_NAME) if records is not None else None
    previous = str((record or {}).get("content") or "")
    try:
        before = OrgPolicy(previous, json.loads(previous)) if previous else None
    except ValueError:
        before = None
    if before is not None and before.others() == now.others():
        content = previous  # nobody changed it since: exactly what it was
    else:
        doc = dict(now.document)
        doc["Statement"] = now.others()
        content = json.dumps(doc, indent=4)
    return _step(
        UPDATE,
        Phrase(
            "remove the statement {sid} from the organization's resource policy, which "
            "puts back the document it had before",
            sid=SID,
        ),
        op="restore_org_policy",
        params={"content": content},
    )


def org_policy_step(org: Any, management: bool, names: Names, options: Any) -> Step | None:
    """None when left out (--no-organization-read) or out of reach (not the management
    account: only it may read or put the organization's resource policy)."""
    if not options.organization_read or not management:
        return None
    return policy_step(read_org_policy(org), names, options.identity.adopt)


# -- the operations (ctx: org_apply.OrgContext, with its org client and records) ---------------
def _put(ctx: Any, step: Step) -> None:
    if "record" in step.params and ctx.records is not None:
        ctx.records.remember(RECORD_KIND, ADOPT_NAME, {"content": step.params["record"]})
    extra: dict[str, Any] = {}
    if step.params.get("create"):
        extra["Tags"] = [{"Key": MANAGED_TAG_KEY, "Value": MANAGED_TAG_VALUE}]
    ctx.org.put_resource_policy(Content=step.params["content"], **extra)


def _delete(ctx: Any, step: Step) -> None:
    try:
        ctx.org.delete_resource_policy()
    except Exception as exc:  # gone already: an interrupted teardown's
        if error_code(exc) != NOT_FOUND:
            raise


def _restore(ctx: Any, step: Step) -> None:
    ctx.org.put_resource_policy(Content=step.params["content"])
    if ctx.records is not None:
        ctx.records.forget(RECORD_KIND, ADOPT_NAME)


POLICY_OPERATIONS: dict[str, Callable[[Any, Step], None]] = {"put_org_policy": _put}
POLICY_TEARDOWN_OPERATIONS: dict[str, Callable[[Any, Step], None]] = {
    "delete_org_policy": _delete,
    "restore_org_policy": _restore,
}
