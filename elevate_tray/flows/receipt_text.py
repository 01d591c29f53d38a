"""A receipt in words: plain text for the terminal, Markdown for a change ticket.

Both put the changes first, one line each (time, Region, service, action, resources, the
error code when AWS refused it, console or command line), then the reads counted by action,
then the app's own calls, apart. The terminal shows local times; Markdown shows UTC, since a
ticket is read in other time zones.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from ..core.receipt import Receipt, ReceiptEvent
from ..core.textrules import format_duration
from .timefmt import local_hm

ENDED = {
    "expired": "expired",
    "dropped": "dropped",
    "revoked": "dropped and revoked",
    "replaced": "replaced by a new elevation",
    "extended": "replaced by a new elevation",
}


def ended_words(receipt: Receipt) -> str:
    if receipt.ended_at is None:
        return "still running"
    return ENDED.get(receipt.ended, receipt.ended or "ended")


def duration(receipt: Receipt, now: datetime) -> str:
    end = receipt.ended_at or now
    return format_duration(max(60, round((end - receipt.started_at).total_seconds() / 60) * 60))


def status_words(receipt: Receipt) -> str:
    if receipt.final:
        return "final"
    final_at = receipt.final_at()
    if final_at is None:
        return "still collecting (the session is running)"
    late = local_hm(final_at)
    return f"still collecting (events reach CloudTrail minutes late; final after {late})"


def changes_count(receipt: Receipt) -> str:
    n = len(receipt.changes)
    return f"{n} change" if n == 1 else f"{n} changes"


def _via(e: ReceiptEvent) -> str:
    return "console" if e.via == "console" else "CLI/SDK"


def _result(e: ReceiptEvent) -> str:
    return f"failed: {e.error_code}" if e.error_code else "ok"


def _counted(events: list[ReceiptEvent]) -> list[tuple[str, int]]:
    counts = Counter(f"{e.service}:{e.action}" for e in events)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def text(receipt: Receipt, now: datetime, reads: bool = False) -> str:
    r = receipt
    lines = [
        f"Receipt {r.id} for {r.target} ({r.role} in {r.account}), session {r.session_name}, "
        f"key {r.key}",
        f"{local_hm(r.started_at)}–{local_hm(r.ended_at) if r.ended_at else 'now'} "
        f"({duration(r, now)}), {ended_words(r)}" + (f"; reason: {r.reason}" if r.reason else ""),
        f"Status: {status_words(r)}; Regions looked in: {len(r.regions)}.",
    ]
    lines += [f"Note: {n}" for n in r.notes]
    if r.problem:
        lines.append(f"Last collection: {r.problem}")
    lines.append("")
    lines.append(f"{changes_count(r).capitalize()}:" if r.changes else "No changes.")
    for e in r.changes:
        lines.append(
            f"  {local_hm(e.time, seconds=True)}  {e.region}  {e.service}  {e.action}  "
            f"{', '.join(e.resources) or '-'}  {_result(e)}  {_via(e)}"
        )
    listed = r.reads
    lines.append(f"{len(listed)} read call(s)" + (":" if listed else "."))
    if reads:
        for e in listed:
            lines.append(
                f"  {local_hm(e.time, seconds=True)}  {e.region}  {e.service}  {e.action}  "
                f"{', '.join(e.resources) or '-'}  {_result(e)}  {_via(e)}"
            )
    else:
        lines += [f"  {name} ×{n}" for name, n in _counted(listed)]
    if r.app_calls:
        names = ", ".join(name for name, _ in _counted(r.app_calls))
        lines.append(f"elevate-tray's own calls, not counted: {len(r.app_calls)} ({names})")
    return "\n".join(lines)


def _utc(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown(receipt: Receipt, now: datetime) -> str:
    r = receipt
    span = (
        f"{_utc(r.started_at)} to {_utc(r.ended_at)} UTC"
        if r.ended_at
        else (f"{_utc(r.started_at)} UTC until now")
    )
    lines = [
        f"### Elevation receipt: {_cell(r.target)}, {_utc(r.started_at)} UTC",
        "",
        f"- Account {r.account}, role {_cell(r.role)}, session `{r.session_name}`, key `{r.key}`",
        f"- {span} ({duration(r, now)}), {ended_words(r)}",
    ]
    if r.reason:
        lines.append(f"- Reason: {_cell(r.reason)}")
    lines.append(f"- Receipt {r.id}: {status_words(r)}; {len(r.regions)} Regions looked in")
    lines += [f"- Note: {_cell(n)}" for n in r.notes]
    if r.problem:
        lines.append(f"- Last collection: {_cell(r.problem)}")
    lines += ["", f"#### Changes ({len(r.changes)})", ""]
    if r.changes:
        lines += [
            "| Time (UTC) | Region | Service | Action | Resources | Result | Via |",
            "|---|---|---|---|---|---|---|",
        ]
        for e in r.changes:
            lines.append(
                f"| {_utc(e.time)} | {e.region} | {e.service} | {e.action} | "
                f"{_cell(', '.join(e.resources)) or '-'} | {_result(e)} | {_via(e)} |"
            )
    else:
        lines.append("None.")
    lines += ["", f"#### Reads ({len(r.reads)})", ""]
    if r.reads:
        lines += ["| Action | Calls |", "|---|---|"]
        lines += [f"| {name} | {n} |" for name, n in _counted(r.reads)]
    else:
        lines.append("None.")
    if r.app_calls:
        lines += ["", f"elevate-tray's own calls, not counted above: {len(r.app_calls)}."]
    return "\n".join(lines) + "\n"


def summary(receipt: Receipt | None) -> str:
    """The changes column of `sessions`."""
    if receipt is None:
        return "-"
    count = changes_count(receipt)
    return count if receipt.final else f"{count} so far"
