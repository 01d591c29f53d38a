"""`credentials`: which session answers, starting the read-only MFA session, and asking a
running tray for one (its dialog asks the person; flows/broker.py is the tray's side).

The choice of session is core/choice.py's rule, the same one the credential fast path
applies to the state file, so a terminal gets the same answer whichever path served it.
"""

from __future__ import annotations

from ..core.context import AppContext
from ..core.elevation import Elevation
from ..core.errors import ElevateError, NotElevated, Phrase
from ..core.sessions import Credentials, ElevatedSession
from ..core.targets import Target
from .broker import CANCELLED, COOLING_DOWN, TIMED_OUT, ask_patiently
from .codes import Codes
from .console import live_credentials

BROKER_MARGIN = 30  # seconds beyond the tray's wait: the AWS call after Enter, a dialog ahead
# a tray that is there but busy (twenty requests at once fill its listen backlog) is waited
# for; where none runs, connecting fails at once and this costs nothing
BROKER_CONNECT = 3.0


def answering(ctx: AppContext, target: str | None, readonly: bool) -> ElevatedSession | None:
    """The live session that answers `credentials [--target T] [--readonly]`, if any."""
    if target:
        ctx.target(target)  # a name that is no target gets its own sentence
    return ctx.store.answering(target, readonly, ctx.environ.get("AWS_PROFILE"))


def admin_credentials(ctx: AppContext, target: str | None, via: str = "cli") -> Credentials:
    session = answering(ctx, target, readonly=False)
    if session is None and target:
        raise NotElevated(
            Phrase(
                "Not elevated for {target}: there is no admin session for it. Elevate with "
                "the tray or `elevate-tray elevate --target {target}`.",
                target=target,
            )
        )
    if session is None:
        raise NotElevated(
            "Not elevated: there is no admin session. Elevate with the tray or "
            "`elevate-tray elevate`."
        )
    return live_credentials(ctx, session, via)


def readonly_session(ctx: AppContext, target: str | None) -> ElevatedSession | None:
    return answering(ctx, target, readonly=True)


def start_readonly(ctx: AppContext, target: Target, codes: Codes, via: str = "cli") -> Elevation:
    """GetSessionToken with MFA: the seed's users need it even to read from a terminal."""
    ctx.store.check_writable()
    return ctx.elevator(target).readonly_session(codes.first(), via=via)


def socket_answer(ctx: AppContext, key: str) -> dict[str, object]:
    """The tray's answer to a terminal's credentials request for the live session `key` (the
    terminal chose it by the one rule, core/choice.py): its credential_process document, or
    an error the fast path turns into falling through to the full command. Never a session
    waiting for its revocation."""
    import json

    session = ctx.store.get(key)
    try:
        creds = ctx.store.credentials(session) if session else None
    except ElevateError:
        return {"error": "unavailable"}
    if creds is None:
        return {"error": "not-elevated"}
    document: dict[str, object] = json.loads(creds.process_json())
    return {"credentials": document}


def from_tray(ctx: AppContext, target: str | None, readonly: bool) -> str | None:
    """Ask the running tray for a session (it shows its MFA dialog): the credential_process
    JSON, or None when no tray takes the request (none runs, it serves other AWS settings,
    it is older than this): then do as without a tray. A refusal is NotElevated."""
    import json

    from ..core import localsocket

    try:
        name = ctx.target(target).name  # the default target when none is named
    except ElevateError:
        if target:
            raise
        return None  # no default to ask for: the one line of today
    answer = ask_patiently(
        ctx.dirs.socket_path,
        {
            "op": "broker",
            "target": name,
            "readonly": readonly,
            "env": localsocket.aws_environment(ctx.environ),
        },
        connect_timeout=BROKER_CONNECT,
        timeout=ctx.settings.broker_wait + BROKER_MARGIN,
    )
    if not answer:
        return None
    document = answer.get("credentials")
    if isinstance(document, dict) and document.get("Version") == 1:
        return json.dumps(document)
    error = answer.get("error")
    if error == CANCELLED:
        raise NotElevated(
            Phrase(
                "The MFA request for {target} was cancelled in the tray; run the command "
                "again to be asked again.",
                target=name,
            )
        )
    if error == TIMED_OUT:
        raise NotElevated(
            Phrase(
                "The MFA request for {target} in the tray was not answered within {seconds} s; "
                "run the command again to be asked again.",
                target=name,
                seconds=ctx.settings.broker_wait,
            )
        )
    if error == COOLING_DOWN:
        seconds = answer.get("retry_in")
        seconds = seconds if isinstance(seconds, int) else ctx.settings.broker_cooldown
        if answer.get("was") == TIMED_OUT:
            raise NotElevated(
                Phrase(
                    "The MFA request for {target} in the tray went unanswered moments ago; "
                    "run the command again in {seconds} s to be asked again.",
                    target=name,
                    seconds=seconds,
                )
            )
        raise NotElevated(
            Phrase(
                "The MFA request for {target} was cancelled in the tray moments ago; run the "
                "command again in {seconds} s to be asked again.",
                target=name,
                seconds=seconds,
            )
        )
    return None  # "other-environment", "unknown-op", an unreadable answer: as without a tray


# -- the kept long-term keys (`credentials --source P`) ------------------------------
def source_credentials(ctx: AppContext, profile: str) -> str:
    """`credentials --source P`: the kept key in credential_process form."""
    from .keys import kept_or_say

    kept_or_say(ctx, profile)
    key = ctx.kept_keys.read(profile)
    if key is None:
        raise NotElevated(
            Phrase(
                "The key kept for profile '{profile}' is missing from its store; import the "
                "profile's keys again.",
                profile=profile,
            )
        )
    return key.process_json()


def source_answer(ctx: AppContext, profile: str) -> dict[str, object]:
    """The tray's answer to `credentials --source P` (the key read once, then from memory)."""
    import json

    try:
        key = ctx.kept_keys.read(profile) if ctx.kept_keys.info(profile) else None
    except ElevateError:
        return {"error": "unavailable"}
    if key is None:
        return {"error": "not-kept"}
    document: dict[str, object] = json.loads(key.process_json())
    return {"credentials": document}
