"""`targets sync`: one role profile per account of the organization's published account list.

The list (core/org_accounts.py) is read from the identity account's SSM parameters with the
user's read-only MFA session (a live one is reused; the caller brings a code otherwise). Each
listed account gets a profile `org-<slug of its name>` marked `# written by elevate-tray targets
sync ORG/IDENTITY`, so a later sync updates and removes only the profiles it wrote; a profile of
the same name that it did not write is left exactly as it is and the account gets another name.
The account's name, OU and read-only role go into the target's settings (the tray's OU groups,
the MFA dialog's "prod-web (222222222222)"). When the list names the setup's OUs, their current
accounts are read live from Organizations (org_live.py), so an account that joined an OU needs
no re-publication; when Organizations refuses, the published accounts are used and a note
says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..core import awsclients, org_accounts
from ..core.awsconfig_writer import (
    TARGETS_SYNC,
    marked_profiles,
    profile_writer,
    remove_profile,
    set_profile_values,
)
from ..core.awserrors import CallContext, explain
from ..core.context import AppContext
from ..core.errors import ConfigError, ElevateError, Phrase
from ..core.org_accounts import OrgAccount, PublishedList
from ..core.partitions import partition_for_region
from ..core.sessions import Credentials
from ..core.settings import TargetSettings
from . import org_live
from .org_session import Reader

ORGANIZATION, PUBLISHED = "organization", "published list"  # SyncResult.source
DURATION = 3600  # the member template's MaxSessionDuration default (org-contract.md)
_SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass
class SyncResult:
    organization: str
    identity_account: str
    published: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    notes: list[Phrase] = field(default_factory=list)
    targets: list[dict[str, str]] = field(default_factory=list)
    source: str = PUBLISHED  # where the accounts came from: ORGANIZATION or PUBLISHED

    def as_dict(self) -> dict[str, object]:
        return {
            "organization": self.organization,
            "identity_account": self.identity_account,
            "published": self.published,
            "source": self.source,
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "notes": [str(n) for n in self.notes],
            "targets": self.targets,
        }


# -- reading the list ------------------------------------------------------------------
def read_list(ctx: AppContext, who: Reader, creds: Credentials) -> PublishedList:
    partition = partition_for_region(who.target.region)
    account = ctx.elevator(who.target).caller().account  # the identity account
    action = Phrase("read the published account list in account {account}", account=account)
    call = CallContext(action=action, profile=who.source)
    values: list[str] = []
    try:
        ssm = awsclients.client(
            "ssm",
            region=org_accounts.home_region(partition),
            credentials=creds,
            environ=ctx.environ,
            session=awsclients.botocore_session(who.source, ctx.environ),
        )
        pages = ssm.get_paginator("get_parameters_by_path").paginate(
            Path=org_accounts.PATH, Recursive=False
        )
        for page in pages:
            for parameter in page.get("Parameters", []):
                if org_accounts.is_part_name(str(parameter.get("Name", ""))):
                    values.append(str(parameter.get("Value", "")))
    except ElevateError:
        raise
    except Exception as exc:
        raise explain(exc, call) from None
    if not values:
        gone = forget(ctx, account)
        if gone:
            raise ConfigError(
                Phrase(
                    "No account list is published in account {account} any more (the "
                    "organization's setup was removed), so the {count} profile(s) targets "
                    "sync wrote for it were removed: {profiles}.",
                    account=account,
                    count=len(gone),
                    profiles=", ".join(gone),
                )
            )
        raise ConfigError(
            Phrase(
                "No account list is published in account {account}; ask your admin to run "
                "`elevate-tray setup org apply`.",
                account=account,
            )
        )
    return org_accounts.decode(values)


def forget(ctx: AppContext, identity_account: str) -> list[str]:
    """Remove the profiles (and their organization settings) that targets sync wrote for
    the organization whose identity account this is: its setup is gone."""
    path = ctx.aws_config.config_file
    ours = [
        name
        for name in ctx.aws_config.profiles
        if (profile_writer(path, name, by=TARGETS_SYNC) or "").endswith(f"/{identity_account}")
    ]
    removed = [name for name in sorted(ours) if remove_profile(path, name)]
    if removed:
        _settings(ctx, None, {}, removed, "")
        ctx.reload()
    return removed


# -- writing the profiles --------------------------------------------------------------
def slug(name: str) -> str:
    return _SLUG_RE.sub("-", name.lower()).strip("-")


def _names(lst: PublishedList, taken: set[str]) -> tuple[dict[str, OrgAccount], list[Phrase]]:
    """Profile name -> account: org-<slug>, -<last 4 digits> on a clash (between accounts,
    or with a profile this sync did not write, which is then named in a note)."""
    bases = {a.id: "org-" + (slug(a.name) or a.id) for a in lst.accounts}
    counts = Counter(bases.values())
    chosen: dict[str, OrgAccount] = {}
    notes: list[Phrase] = []
    for account in sorted(lst.accounts, key=lambda a: a.id):
        base = bases[account.id]
        name = base if counts[base] == 1 else f"{base}-{account.id[-4:]}"
        if name in taken or name in chosen:
            other = next(
                n
                for n in (f"{base}-{account.id[-4:]}", f"{base}-{account.id}")
                if n not in taken and n not in chosen
            )
            notes.append(
                Phrase(
                    "Profile '{profile}' exists and was not written by targets sync, so it is "
                    "left as it is; account {name} ({account}) is '{other}'.",
                    profile=name,
                    name=account.name,
                    account=account.id,
                    other=other,
                )
            )
            name = other
        chosen[name] = account
    return chosen, notes


def sync(ctx: AppContext, who: Reader, creds: Credentials) -> SyncResult:
    """Read the list and make the synced profiles and settings match it."""
    lst, source, notes = _accounts_now(ctx, who, creds, read_list(ctx, who, creds))
    serial = who.target.mfa_serial or ctx.elevator(who.target).mfa_serial()[0]
    cfg = ctx.aws_config
    path = cfg.config_file
    writer = f"{lst.organization}/{lst.identity_account}"
    own = set(marked_profiles(path, writer, TARGETS_SYNC))
    chosen, clashes = _names(lst, set(cfg.profiles) - own)
    partition = partition_for_region(who.target.region)
    region = cfg.region_for(who.source) or org_accounts.home_region(partition)
    result = SyncResult(
        lst.organization, lst.identity_account, lst.published, notes=notes + clashes, source=source
    )
    for name, account in sorted(chosen.items()):
        values = {
            "role_arn": f"arn:{partition}:iam::{account.id}:role/{lst.admin_role}",
            "source_profile": who.source,
            "mfa_serial": serial,
            "region": region,
            "duration_seconds": str(DURATION),
        }
        had = cfg.profiles.get(name, {}) if name in own else None
        if had is not None and all(str(had.get(k, "")) == v for k, v in values.items()):
            result.unchanged.append(name)
        else:
            set_profile_values(path, name, values, writer=writer, by=TARGETS_SYNC)
            (result.added if had is None else result.updated).append(name)
        result.targets.append(
            {
                "name": name,
                "account": account.id,
                "account_name": account.name,
                "ou": account.ou,
                "ou_name": account.ou_name,
                "role_arn": values["role_arn"],
            }
        )
    for name in sorted(own - set(chosen)):
        if remove_profile(path, name):
            result.removed.append(name)
    _settings(ctx, lst, chosen, result.removed, partition)
    ctx.reload()
    return result


def _accounts_now(
    ctx: AppContext, who: Reader, creds: Credentials, lst: PublishedList
) -> tuple[PublishedList, str, list[Phrase]]:
    """The list with the OUs' current accounts when Organizations lets the session read them,
    else the list as published (and a note saying so)."""
    if not lst.ous:  # a list of round 1, or the setup chose no OU: only the published accounts
        return lst, PUBLISHED, []
    try:
        accounts = org_live.current_accounts(ctx, who, creds, lst)
    except org_live.Refused as refused:
        note = Phrase(
            "Organizations did not let your read-only session read the organization ({code}), "
            "so these are the accounts of the list published at {published}; an account that "
            "joined its OUs since then appears once your admin runs `elevate-tray setup org "
            "publish`.",
            code=refused.code,
            published=lst.published,
        )
        return lst, PUBLISHED, [note]
    return replace(lst, accounts=accounts), ORGANIZATION, []


def _settings(
    ctx: AppContext,
    lst: PublishedList | None,
    chosen: dict[str, OrgAccount],
    removed: list[str],
    partition: str,
) -> None:
    settings = ctx.settings
    before = {n: replace(t) for n, t in settings.targets.items()}
    for name, account in chosen.items():
        assert lst is not None  # chosen accounts come from a list
        ts = settings.targets.get(name) or TargetSettings()
        settings.targets[name] = replace(
            ts,
            organization=lst.organization,
            account_name=account.name,
            account_ou=account.ou,
            ou_name=account.ou_name,
            readonly_role_arn=f"arn:{partition}:iam::{account.id}:role/{lst.readonly_role}",
        )
    for name in removed:
        if name in settings.targets:
            ts = replace(
                settings.targets[name],
                organization="",
                account_name="",
                account_ou="",
                ou_name="",
                readonly_role_arn="",
            )
            if ts == TargetSettings():
                del settings.targets[name]
            else:
                settings.targets[name] = ts
    if settings.targets != before:
        ctx.save_settings()
