"""`receipt` and `sessions`: what each admin session changed, from CloudTrail."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime

from ..core.clock import format_iso
from ..core.context import AppContext
from ..core.errors import ConfigError, ElevateError
from ..core.receipt import Receipt
from ..core.sessions import Credentials
from ..flows import receipt as receipt_flow
from ..flows import receipt_text
from ..flows.codes import can_generate, choose
from ..flows.credentials import start_readonly
from . import prompting
from .console import Console
from .timefmt import local_hm


def cmd_receipt(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    if args.session is not None and args.last:
        raise ConfigError("Give --session ID or --last, not both.")
    if args.json and args.markdown:
        raise ConfigError("Give --json or --markdown, not both.")
    entry = receipt_flow.find(ctx, args.session)
    receipt, problem = entry.receipt, None
    try:
        receipt = receipt_flow.refresh(ctx, entry, _starter(args, ctx, con))
    except ElevateError as exc:  # what is kept is still shown, then the sentence
        problem = exc
        receipt = receipt_flow.kept(ctx, entry)
    now = ctx.clock.now()
    if args.json:
        con.json(receipt.report())
    elif args.markdown:
        con.out(receipt_text.markdown(receipt, now).rstrip("\n"))
    else:
        con.out(receipt_text.text(receipt, now, reads=args.reads))
    if problem is not None:
        raise problem
    return 0


def _starter(
    args: argparse.Namespace, ctx: AppContext, con: Console
) -> Callable[[receipt_flow.Pending], Credentials]:
    """Starts the read-only MFA session collecting needs, when a code can be had."""

    def start(pending: receipt_flow.Pending) -> Credentials:
        target = ctx.target(pending.session.target)
        serial = target.mfa_serial or ctx.elevator(target).mfa_serial()[0]
        hands_free = args.code is not None or can_generate(ctx, serial, target.mfa_process)
        if not hands_free and not con.has_terminal():
            raise receipt_flow.needs_code(pending)
        codes = choose(
            ctx,
            serial,
            args.code,
            ask=lambda: prompting.ask_code(con, serial, target.name),
            waiting=prompting.waiting_note(con),
            process=target.mfa_process,
        )
        return start_readonly(ctx, target, codes).credentials

    return start


def _session_row(r: Receipt, now: datetime) -> dict[str, object]:
    return {
        "id": r.id,
        "target": r.target,
        "reason": r.reason,
        "started_at": format_iso(r.started_at),
        "ended_at": format_iso(r.ended_at) if r.ended_at else None,
        "ended": r.ended if r.ended_at else "",
        "duration_seconds": round(((r.ended_at or now) - r.started_at).total_seconds()),
        "changes": len(r.changes),
        "receipt": r.status,
    }


def cmd_sessions(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    entries = receipt_flow.recent(ctx)[: args.limit]
    now = ctx.clock.now()
    if args.json:
        con.json([_session_row(e.receipt, now) for e in entries])
        return 0
    if not entries:
        con.out("No admin sessions yet: receipts are kept for each elevation from now on.")
        return 0
    rows = [("ID", "TARGET", "STARTED", "LENGTH", "ENDED", "CHANGES", "REASON")]
    for e in entries:
        r = e.receipt
        rows.append(
            (
                r.id,
                r.target,
                r.started_at.astimezone().strftime("%m-%d ") + local_hm(r.started_at),
                receipt_text.duration(r, now),
                receipt_text.ended_words(r),
                receipt_text.summary(r),
                r.reason or "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)]
        con.out("  ".join(cells) + "  " + row[-1])
    con.out("`elevate-tray receipt --session ID` shows one.")
    return 0
