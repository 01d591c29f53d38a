"""Resources of the plan's names that this setup did not make: shown, taken over only by name.

What teardown needs to put an adopted resource back is kept in two places. IAM tags (50
values of 256 characters in a narrow charset) hold references: the policy's previous default
version and the versions that were there, the role's previous maximum session. Anything
larger (a role's trust document, a role's or group's attached policies and members) goes to
a user-only file in the app's state folder; groups cannot carry tags at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core.errors import Phrase
from .model import GROUP_PATH, Names
from .observe import Observed
from .steps import UPDATE, Step

ADOPTED_TAG = "elevate-tray:adopted-for"
PREVIOUS_VERSION_TAG = "elevate-tray:previous-version"
PRIOR_VERSIONS_TAG = "elevate-tray:prior-versions"
PREVIOUS_MAX_SESSION_TAG = "elevate-tray:previous-max-session"
ADOPTION_TAGS = (ADOPTED_TAG, PREVIOUS_VERSION_TAG, PRIOR_VERSIONS_TAG, PREVIOUS_MAX_SESSION_TAG)
MAX_POLICY_VERSIONS = 5

POLICY, GROUP, ROLE = "policy", "group", "role"
KIND_WORDS = {POLICY: Phrase("policy"), GROUP: Phrase("group"), ROLE: Phrase("role")}
# which resource a step acts on, by the step's kind
RESOURCE_OF_KIND = {
    "policy": POLICY,
    "group": GROUP,
    "group-policy": GROUP,
    "member": GROUP,
    "role": ROLE,
    "trust-policy": ROLE,
    "max-session": ROLE,
    "role-policy": ROLE,
}


def setup_id(names: Names) -> str:
    """This setup's identity in a tag value (its group and role names, tag charset only)."""
    o = names.options
    return re.sub(r"[^\w.:/=+@-]", "_", f"{o.group_name}/{o.role_name}")


class Records:
    """The file of what adopted roles and groups were like before: {kind: {name: {...}}}."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    @classmethod
    def for_names(cls, names: Names, environ: Mapping[str, str]) -> Records:
        from ..core.paths import app_dirs

        state = app_dirs(dict(environ)).state
        account, role = names.account.account_id, names.options.role_name
        return cls(state / "setup-records" / f"{account}-{role}.json")

    def load(self) -> dict[str, dict[str, Any]]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, kind: str, name: str) -> dict[str, Any] | None:
        entry = self.load().get(kind, {}).get(name)
        return entry if isinstance(entry, dict) else None

    def remember(self, kind: str, name: str, before: dict[str, Any]) -> None:
        """Keep the state before the first change; a re-run never overwrites it."""
        if self.path is None or self.get(kind, name) is not None:
            return
        data = self.load()
        data.setdefault(kind, {})[name] = before
        self._write(data)

    def forget(self, kind: str, name: str) -> None:
        data = self.load()
        if self.path is None or name not in data.get(kind, {}):
            return
        del data[kind][name]
        self._write(data)

    def _write(self, data: dict[str, Any]) -> None:
        from ..core.awsconfig_writer import write_private

        assert self.path is not None
        write_private(self.path, json.dumps(data, indent=2, sort_keys=True) + "\n")


def managed_status(
    seen: Observed, names: Names, records: Records
) -> dict[tuple[str, str], bool | None]:
    """(resource, name) -> True managed by this setup, False exists unmanaged, None absent."""
    me = setup_id(names)
    o = names.options
    out: dict[tuple[str, str], bool | None] = {}
    for state, name in (
        (seen.assume_policy, o.assume_policy_name),
        (seen.credentials_policy, o.credentials_policy_name),
    ):
        out[(POLICY, name)] = (
            (state.owned or state.tags.get(ADOPTED_TAG) == me) if state.exists else None
        )
    g = seen.group
    out[(GROUP, o.group_name)] = (
        (g.path == GROUP_PATH or records.get(GROUP, o.group_name) is not None) if g.exists else None
    )
    r = seen.role
    out[(ROLE, o.role_name)] = (r.owned or r.tags.get(ADOPTED_TAG) == me) if r.exists else None
    return out


def resource_of(step: Any, names: Names) -> tuple[str, str]:
    kind = RESOURCE_OF_KIND.get(step.kind, "")
    if kind == POLICY:
        return (POLICY, step.name)
    if kind == GROUP:
        return (GROUP, names.options.group_name)
    return (ROLE, names.options.role_name)


def policy_refusal(name: str, versions: list[str]) -> str:
    if len(versions) < MAX_POLICY_VERSIONS:
        return ""
    return Phrase(
        "The policy {name} already has {count} versions, none written by this setup, and "
        "adopting it would mean deleting one; delete a version you no longer need, or choose "
        "other names.",
        name=name,
        count=len(versions),
    )


def adopt_params(resource: str, name: str, seen: Observed, names: Names) -> dict[str, Any]:
    """What the adopt step records, from the state observed for the plan."""
    if resource == POLICY:
        state = (
            seen.assume_policy
            if name == names.options.assume_policy_name
            else seen.credentials_policy
        )
        return {
            "arn": state.arn,
            "name": name,
            "previous": state.default_version,
            "versions": list(state.versions),
        }
    if resource == GROUP:
        g = seen.group
        return {"name": name, "before": {"attached": g.attached, "members": g.members}}
    r = seen.role
    return {
        "name": name,
        "max": r.max_session,
        "before": {"trust": r.trust, "attached": r.attached, "inline": r.inline},
    }


def adopt_summary(resource: str, name: str) -> str:
    if resource == POLICY:
        return Phrase(
            "adopt the policy {name}: tag it with its current default version, which "
            "teardown sets back",
            name=name,
        )
    if resource == GROUP:
        return Phrase(
            "adopt the group {name}: record its policies and members, which teardown puts back",
            name=name,
        )
    return Phrase(
        "adopt the role {name}: record its trust policy, policies and maximum session, which "
        "teardown puts back",
        name=name,
    )


def elsewhere_note(resource: str, name: str, records: Records) -> str:
    """What a teardown run on another machine could not put back (it is in the file)."""
    where = str(records.path) if records.path else ""
    if resource == GROUP:
        return Phrase(
            "A teardown from another machine could not remove the members and policies this "
            "setup adds to the group {name}: what it had before is kept in {path} on this one.",
            name=name,
            path=where,
        )
    return Phrase(
        "A teardown from another machine could not restore the trust policy and attached "
        "policies of the role {name}: they are kept in {path} on this one.",
        name=name,
        path=where,
    )


def annotate(steps: list[Step], seen: Observed, names: Names, records: Records) -> list[str]:
    """Mark each step managed/unmanaged, name its widenings, and put an adopt step before
    the first change to each adopted resource. Returns the notes the plan adds."""
    from .widen import step_widenings

    status = managed_status(seen, names, records)
    adopt = set(names.options.adopt)
    notes: list[str] = []
    out: list[Step] = []
    adopting: set[tuple[str, str]] = set()
    for step in steps:
        step.widenings = step_widenings(step, seen, names)
        resource = resource_of(step, names)
        if status.get(resource) is not False:
            out.append(step)
            continue
        kind, name = resource
        step.managed, step.unmanaged = False, True
        if kind == POLICY:
            state = (
                seen.assume_policy
                if name == names.options.assume_policy_name
                else seen.credentials_policy
            )
            step.refusal = policy_refusal(name, state.versions) if step.changes else ""
        step.adopt_name = "" if step.refusal else name
        step.adopted = bool(step.adopt_name) and name in adopt
        if step.adopted and step.changes and resource not in adopting:
            adopting.add(resource)
            out.append(
                Step(
                    UPDATE,
                    "adopt",
                    name,
                    adopt_summary(kind, name),
                    op=f"adopt_{kind}",
                    params=adopt_params(kind, name, seen, names),
                    managed=False,
                    unmanaged=True,
                    adopted=True,
                    adopt_name=name,
                )
            )
            if kind != POLICY:
                notes.append(elsewhere_note(kind, name, records))
        out.append(step)
    steps[:] = out
    for (kind, name), managed in status.items():
        if managed is False and (kind, name) not in adopting:
            notes.append(
                Phrase(
                    "The {kind} {name} exists, not managed by this setup: it is changed only "
                    "if you add --adopt {name}.",
                    kind=KIND_WORDS[kind],
                    name=name,
                )
            )
    return notes
