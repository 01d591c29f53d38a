"""The published account list (core/org_accounts.py's format) in the identity account's SSM:
read, compared, written and deleted by the Organization setup."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..core import org_accounts as fmt
from ..core.clock import Clock, format_iso
from ..core.errors import ConfigError, Phrase
from .aws import aws_errors, paginate
from .steps import CREATE, UNCHANGED, UPDATE, Step

PUBLISH_DOING = Phrase("publish the account list in {path}", path=fmt.PATH)


def read_published(ssm: Any) -> dict[str, str]:
    """The list's parameters now: name -> value (anything else under the path left out)."""
    with aws_errors(Phrase("read the published account list in {path}", path=fmt.PATH)):
        found = paginate(ssm, "get_parameters_by_path", "Parameters", Path=fmt.PATH)
    return {p["Name"]: p["Value"] for p in found if fmt.is_part_name(p["Name"])}


def current_list(values: dict[str, str]) -> fmt.PublishedList | None:
    """The list as published, or None (none, or unreadable: publishing writes it anew)."""
    if not values:
        return None
    try:
        return fmt.decode(list(values.values()))
    except ConfigError:
        return None


def publish_step(wanted: fmt.PublishedList, now: dict[str, str]) -> Step:
    """The plan's step: the list is the same (but for its time), new, or to be rewritten."""
    params = {"accounts": len(wanted.accounts)}
    before = current_list(now)
    if before is not None and replace(before, published="") == replace(wanted, published=""):
        return Step(
            UNCHANGED,
            "published-list",
            fmt.PATH,
            Phrase(
                "the published account list ({count} account(s)) is up to date",
                count=len(wanted.accounts),
            ),
        )
    return Step(
        UPDATE if now else CREATE,
        "published-list",
        fmt.PATH,
        Phrase(
            "publish the list of the {count} account(s) in {path} of the identity account "
            "(group members read it with `elevate-tray targets sync`)",
            count=len(wanted.accounts),
            path=fmt.PATH,
        ),
        op="publish",
        params=params,
    )


def stamped(wanted: fmt.PublishedList, clock: Clock) -> fmt.PublishedList:
    return replace(wanted, published=format_iso(clock.now()))


def write_list(ssm: Any, wanted: fmt.PublishedList, now: dict[str, str]) -> list[str]:
    """Write every part, then delete the parts left over from a longer list."""
    values = fmt.encode(wanted)
    names = fmt.parameter_names(len(values))
    with aws_errors(PUBLISH_DOING):
        for name, value in zip(names, values, strict=True):
            ssm.put_parameter(Name=name, Value=value, Type="String", Overwrite=True)
            ssm.add_tags_to_resource(
                ResourceType="Parameter",
                ResourceId=name,
                Tags=[{"Key": fmt.TAG_KEY, "Value": fmt.TAG_VALUE}],
            )
        stale = sorted(set(now) - set(names))
        if stale:
            ssm.delete_parameters(Names=stale)
    return names


def delete_list(ssm: Any, now: dict[str, str]) -> None:
    with aws_errors(Phrase("delete the published account list in {path}", path=fmt.PATH)):
        names = sorted(now)
        for i in range(0, len(names), 10):  # DeleteParameters takes at most 10
            ssm.delete_parameters(Names=names[i : i + 10])
