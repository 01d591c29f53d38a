"""How long an elevation may last, as far as this computer can know.

IAM users' long-term keys cannot read the role (iam:GetRole is denied without MFA), so the
role's MaxSessionDuration is known only from the profile or settings (setup writes it), or
learned: a refusal ("exceeds the MaxSessionDuration") says the limit is below what was asked,
a granted session says it is at least that long. AWS never sets a role's limit under 1 h.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.context import AppContext
from ..core.errors import ElevateError
from ..core.statefile import read_state, table, writable_table
from ..core.statelock import update_state
from ..core.targets import MAX_DURATION, Target

LEARNED = "duration_limits"
ROLE_MINIMUM = 3600  # the smallest MaxSessionDuration a role can have
REFUSED = "The requested duration is longer than the role allows"


@dataclass(frozen=True)
class DurationLimit:
    seconds: int  # the longest duration worth offering
    known: bool  # the role's own limit (else AWS's, or a safe floor after a refusal)


def duration_limit(ctx: AppContext, target: Target) -> DurationLimit:
    if target.max_duration:
        return DurationLimit(target.max_duration, True)
    learned = table(table(read_state(ctx.dirs.state_file), LEARNED), target.name)
    below, at_least = learned.get("below"), learned.get("at_least")
    if isinstance(below, int) and not isinstance(below, bool):
        floor = at_least if isinstance(at_least, int) and at_least < below else ROLE_MINIMUM
        return DurationLimit(max(ROLE_MINIMUM, floor), False)
    return DurationLimit(MAX_DURATION, False)


def learn(ctx: AppContext, target: Target, *, granted: int = 0, refused: int = 0) -> None:
    """Remember what AWS said about this role's limit (not secret; a failure to write is no
    reason to fail an elevation)."""
    try:
        with update_state(ctx.dirs) as state:
            entry = writable_table(writable_table(state, LEARNED), target.name)
            if granted and granted > int(entry.get("at_least") or 0):
                entry["at_least"] = granted
            if refused and (not entry.get("below") or refused < int(entry["below"])):
                entry["below"] = refused
            state.commit()
    except (OSError, ValueError, TypeError, ElevateError):
        return
