"""Running the Organization side's steps in order, and the sentence for failed accounts."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..core.errors import ConfigError, ElevateError, Phrase
from .apply import StepCallback, step_failed
from .org_apply import AccountResult, OrgContext, run_org_step
from .steps import Step

log = logging.getLogger(__name__)
Operations = dict[str, Callable[[OrgContext, Step], None]]


def run_org_steps(
    ctx: OrgContext, steps: list[Step], ops: Operations, on_step: StepCallback | None, total: int
) -> list[Step]:
    done: list[Step] = []
    for index, step in enumerate(steps, 1):
        if on_step:
            on_step(index, step, "running", None)
        try:
            run_org_step(ctx, step, ops)
        except ElevateError as exc:
            log.info("org setup step %d (%s) failed", index, step.op)
            if on_step:
                on_step(index, step, "failed", exc)
            raise step_failed(index, total, step, exc) from None
        done.append(step)
        if on_step:
            on_step(index, step, "done", None)
    return done


def accounts_failed(failed: list[AccountResult], teardown: bool = False) -> ConfigError:
    listed = "; ".join(f"{r.account}: {r.reason or r.status}" for r in failed)
    if teardown:
        return ConfigError(
            Phrase(
                "The stack instances could not be deleted in {count} account(s) ({accounts}); "
                "fix that and run `elevate-tray setup org teardown` again.",
                count=len(failed),
                accounts=listed,
            )
        )
    return ConfigError(
        Phrase(
            "The roles could not be deployed in {count} account(s) ({accounts}); the other "
            "steps are done: fix that and run `elevate-tray setup org apply` again.",
            count=len(failed),
            accounts=listed,
        )
    )
