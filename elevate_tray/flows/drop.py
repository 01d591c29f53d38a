"""Drop: end an admin session now, and with revoke, deny it in AWS with its own rights.

The revoke-failure rule, decided once: the session is always dropped on this computer (no
credentials served, the tray read-only). When AWS could not be reached, the revocation is
*pending*: the keys are kept only for the retry (`drop --revoke` again, or the tray's entry),
status and the tray say so, and the pending state ends by itself when the session would
have expired. When AWS refused, or the keys are gone, the revocation cannot happen and the
caller is told why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..core.context import AppContext
from ..core.errors import ElevateError, NetworkError, NotElevated, Phrase
from ..core.sessions import ElevatedSession

Outcome = Literal["dropped", "revoked", "revoke-pending", "not-revoked"]


@dataclass(frozen=True)
class Dropped:
    session: ElevatedSession
    outcome: Outcome
    problem: ElevateError | None = None  # why the revocation did not (yet) happen


def drop(ctx: AppContext, session: ElevatedSession, *, revoke: bool, via: str = "cli") -> Dropped:
    """End the session here; with `revoke`, first try to deny it in AWS."""
    if not revoke or session.kind != "admin":
        ctx.store.end(session.key, "dropped", via=via)
        return Dropped(session, "dropped")
    creds = ctx.store.credentials(session)  # a dead keyring raises: the session stays live
    if creds is None:
        ctx.store.end(session.key, "dropped", via=via)
        until = session.expires_at.astimezone().strftime("%H:%M")
        problem = NotElevated(
            Phrase(
                "its credentials are gone from this computer, so it stays valid in AWS "
                "until {until}.",
                until=until,
            )
        )
        return Dropped(session, "not-revoked", problem)
    return _revoke(ctx, session, creds, via, pending=False)


def _revoke(
    ctx: AppContext, session: ElevatedSession, creds: object, via: str, *, pending: bool
) -> Dropped:
    from ..core.revoke import revoke as revoke_in_aws

    try:
        revoke_in_aws(session, creds, ctx.clock.now(), ctx.environ)  # type: ignore[arg-type]
    except NetworkError as exc:
        if pending or ctx.store.mark_revoke_pending(session, via=via):
            return Dropped(session, "revoke-pending", exc)
        ctx.store.end(session.key, "dropped", via=via)  # nothing left to keep for a retry
        return Dropped(session, "not-revoked", exc)
    except ElevateError as exc:
        _forget(ctx, session, pending, "dropped", via)
        return Dropped(session, "not-revoked", exc)
    _forget(ctx, session, pending, "revoked", via)
    return Dropped(session, "revoked")


def _forget(ctx: AppContext, session: ElevatedSession, pending: bool, how: str, via: str) -> None:
    if pending:
        ctx.store.clear_revoke_pending(session.key, how, via=via)  # type: ignore[arg-type]
    else:
        ctx.store.end(session.key, how, via=via)  # type: ignore[arg-type]


def retry_pending(ctx: AppContext, target: str | None = None, via: str = "cli") -> list[Dropped]:
    """Try again every pending revocation (of one target, or all)."""
    out = []
    for session in ctx.store.revoke_pending():
        if target and session.target != target:
            continue
        creds = ctx.store.pending_credentials(session)
        if creds is None:
            ctx.store.clear_revoke_pending(session.key, "dropped")
            continue
        out.append(_revoke(ctx, session, creds, via, pending=True))
    return out


def drop_all(ctx: AppContext, via: str = "cli") -> list[Dropped]:
    """Every live session, read-only ones too, dropped here (no revocation)."""
    return [drop(ctx, s, revoke=False, via=via) for s in ctx.store.live()]


def said(d: Dropped) -> Phrase:
    """What happened, in one sentence (the CLI prints it; the tray translates it)."""
    target = d.session.target
    if d.outcome == "revoked":
        return Phrase("Dropped {target} and revoked it in AWS.", target=target)
    if d.outcome == "revoke-pending":
        return Phrase(
            "Dropped {target} here, but the revocation in AWS is pending: {problem} Retry with "
            "“Drop and revoke” in the tray or `elevate-tray drop --revoke`; it ends by itself at "
            "{until}, when the session would have expired.",
            target=target,
            problem=_phrase(d.problem),
            until=d.session.expires_at.astimezone().strftime("%H:%M"),
        )
    if d.outcome == "not-revoked" and d.problem is not None:
        return Phrase(
            "Dropped {target} here, but it was not revoked in AWS: {problem}",
            target=target,
            problem=_phrase(d.problem),
        )
    return Phrase("Dropped {target}.", target=target)


def _phrase(error: ElevateError | None) -> str:
    """An error's sentence as a Phrase, so the tray translates it inside another one."""
    if error is None:
        return ""
    return Phrase.of(error)
