"""A receipt in the tray's words (context "Receipt"): the notification, the "Recent
sessions" entries and the receipt window's lines, translated. The Markdown a person copies
for a change ticket stays English (flows/receipt_text.py)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from ..core.receipt import Receipt, ReceiptEvent


def hm(when: datetime, seconds: bool = False) -> str:
    return when.astimezone().strftime("%H:%M:%S" if seconds else "%H:%M")


def changes_text(n: int) -> str:
    """'1 change', '4 changes'"""
    return (
        QCoreApplication.translate("Receipt", "1 change")
        if n == 1
        else QCoreApplication.translate("Receipt", "%1 changes").replace("%1", str(n))
    )


def reads_text(n: int) -> str:
    """'1 read call', '12 read calls'"""
    if n == 1:
        return QCoreApplication.translate("Receipt", "1 read call")
    return QCoreApplication.translate("Receipt", "%1 read calls").replace("%1", str(n))


def notice(receipt: Receipt) -> tuple[str, str]:
    """The notification when a receipt becomes final: its title and its text."""
    return (
        QCoreApplication.translate("Receipt", "Receipt for %1").replace("%1", receipt.target),
        changes_text(len(receipt.changes)),
    )


def show_label() -> str:
    return QCoreApplication.translate("Receipt", "Show the receipt")


def menu_line(receipt: Receipt) -> str:
    """'prod-admin · 14:02 · 2 changes' (or 'collecting…'), for the "Recent sessions" menu."""
    count = (
        changes_text(len(receipt.changes))
        if receipt.final
        else QCoreApplication.translate("Receipt", "collecting…")
    )
    text = f"{receipt.target} · {hm(receipt.started_at)} · {count}"
    return text.replace("&", "&&")


def ended_words(receipt: Receipt) -> str:
    if receipt.ended_at is None:
        return QCoreApplication.translate("Receipt", "still running")
    words = {
        "expired": QCoreApplication.translate("Receipt", "expired"),
        "dropped": QCoreApplication.translate("Receipt", "dropped"),
        "revoked": QCoreApplication.translate("Receipt", "dropped and revoked"),
        "replaced": QCoreApplication.translate("Receipt", "replaced by a new elevation"),
        "extended": QCoreApplication.translate("Receipt", "replaced by a new elevation"),
    }
    return words.get(receipt.ended, receipt.ended or QCoreApplication.translate("Receipt", "ended"))


def span(receipt: Receipt) -> str:
    """'2026-12-01 14:02–14:19 (17 min), dropped'"""
    start = receipt.started_at.astimezone()
    end = hm(receipt.ended_at) if receipt.ended_at else QCoreApplication.translate("Receipt", "now")
    text = f"{start.strftime('%Y-%m-%d')} {hm(receipt.started_at)}–{end}"
    if receipt.ended_at is not None:
        minutes = max(1, round((receipt.ended_at - receipt.started_at).total_seconds() / 60))
        text += " " + QCoreApplication.translate("Receipt", "(%1 min)").replace("%1", str(minutes))
    return f"{text}, {ended_words(receipt)}"


def status_line(receipt: Receipt) -> str:
    if receipt.final:
        return QCoreApplication.translate(
            "Receipt", "Final: every event of the session has reached CloudTrail."
        )
    final_at = receipt.final_at()
    if final_at is None:
        return QCoreApplication.translate(
            "Receipt", "Still collecting: the session is still running."
        )
    return QCoreApplication.translate(
        "Receipt",
        "Still collecting: events reach CloudTrail minutes after the call; final after %1.",
    ).replace("%1", hm(final_at))


def result_words(event: ReceiptEvent) -> str:
    return (
        QCoreApplication.translate("Receipt", "failed: %1").replace("%1", event.error_code)
        if event.error_code
        else QCoreApplication.translate("Receipt", "ok")
    )


def via_words(event: ReceiptEvent) -> str:
    return (
        QCoreApplication.translate("Receipt", "console")
        if event.via == "console"
        else QCoreApplication.translate("Receipt", "CLI/SDK")
    )


def row(event: ReceiptEvent) -> list[str]:
    """One event as the window's tables show it."""
    return [
        hm(event.time, seconds=True),
        event.region,
        event.service,
        event.action,
        ", ".join(event.resources) or "–",
        result_words(event),
        via_words(event),
    ]


def columns() -> list[str]:
    return [
        QCoreApplication.translate("Receipt", "Time"),
        QCoreApplication.translate("Receipt", "Region"),
        QCoreApplication.translate("Receipt", "Service"),
        QCoreApplication.translate("Receipt", "Action"),
        QCoreApplication.translate("Receipt", "Resources"),
        QCoreApplication.translate("Receipt", "Result"),
        QCoreApplication.translate("Receipt", "Via"),
    ]
