"""`elevate-tray setup org plan|apply|publish|doctor|teardown`: the Organization setup.

Thin: the work is in setup/org_*.py; this parses, asks, prints."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TextIO

from ..core.clock import Clock
from ..core.context import AppContext
from ..core.errors import ConfigError
from ..flows import targets_sync
from ..setup.apply import StepCallback
from ..setup.aws import assumes_role_with_mfa
from ..setup.org_apply import AccountResult
from ..setup.org_engine import OrgEngine
from ..setup.org_model import MEMBER_TEMPLATE, OrgOptions, parse_accounts
from ..setup.org_plan import OrgPlan
from ..setup.steps import Step
from .org_args import ORG_COMMANDS
from .org_doctor_table import run_org_doctor
from .role_code import RoleCode, confirm_change, print_step
from .setup_args import setup_options

Handler = Callable[[OrgEngine, argparse.Namespace, TextIO, TextIO], int]


def org_options(args: argparse.Namespace) -> OrgOptions:
    identity = replace(setup_options(args), hub=True)
    if args.readonly_role:
        identity = replace(identity, readonly_role_name=args.readonly_role)
    return OrgOptions(
        ous=tuple(dict.fromkeys(args.ou)),
        accounts=parse_accounts(args.accounts),
        identity=identity,
        organization_read=not args.no_organization_read,
    )


def _usage(args: argparse.Namespace) -> None:
    """Every usage error before any AWS call, each one sentence (exit 2)."""
    if args.action != "org":
        raise ConfigError(
            f"'{args.org_action}' is not an argument of `elevate-tray setup {args.action}`; "
            "the Organization setup is `elevate-tray setup org ACTION`."
        )
    if args.org_action not in ORG_COMMANDS:
        raise ConfigError(
            "Name what `elevate-tray setup org` does: " + ", ".join(ORG_COMMANDS) + "."
        )
    if not args.org_profile or not args.identity_profile:
        raise ConfigError(
            "`elevate-tray setup org` needs --org-profile (the management account's or a "
            "delegated administrator's profile) and --identity-profile (an admin profile of "
            "the identity account)."
        )
    if args.org_action in ("plan", "apply") and not args.ou:
        raise ConfigError(
            "Name the organizational units to deploy to with --ou ou-... (repeatable); "
            "`aws organizations list-organizational-units-for-parent` lists them."
        )


def run_org(
    args: argparse.Namespace,
    *,
    environ: Mapping[str, str],
    out: TextIO,
    stdin: TextIO,
    clock: Clock | None = None,
) -> int:
    _usage(args)
    options = org_options(args)
    engine = OrgEngine.for_profiles(
        args.org_profile,
        args.identity_profile,
        options,
        environ,
        clock,
        lambda profile: RoleCode(profile, args.mfa_code, stdin, out),
    )
    # the doctor's one code is its own (AWS takes a code once): it gets it untouched
    spend = args.mfa_code and args.org_action != "doctor"
    if spend and not assumes_role_with_mfa(engine.identity.session):
        engine.identity.use_mfa(args.mfa_code)
    handler: Handler = {
        "plan": _plan,
        "apply": _apply,
        "publish": _publish,
        "doctor": _doctor,
        "teardown": _teardown,
    }[args.org_action]
    return handler(engine, args, out, stdin)


# -- printing -------------------------------------------------------------------------------
def _print_plan(plan: OrgPlan, out: TextIO) -> None:
    s = plan.state
    print(
        f"Organization {s.organization_id}: management account {s.management_account}; "
        f"org profile's account {s.caller_account} (CallAs={s.call_as}); Region {plan.region}",
        file=out,
    )
    print(f"Identity account {plan.identity_account}", file=out)
    for ou, name in s.ou_names.items():
        listed = [a for a in s.accounts if s.targets.get(a.id) == ou]
        accounts = ", ".join(f"{a.id} {a.name}" for a in listed) or "none"
        print(f"OU {ou} ({name}): {len(listed)} account(s): {accounts}", file=out)
    plain = " + the management account as a plain stack" if s.management_chosen else ""
    print(f"StackSets deploy to {len(s.members)} account(s){plain}.", file=out)
    print(f"Member template {'/'.join(MEMBER_TEMPLATE)}, parameters:", file=out)
    for key, value in plan.parameters.items():
        print(f"      {key} = {value or '(default)'}", file=out)
    print("Each member role's trust policy:", file=out)
    for line in json.dumps(plan.trust_policy, indent=4).splitlines():
        print(f"      {line}", file=out)
    print("Organization:", file=out)
    for step in plan.steps:
        print_step(step, out)
    hub = plan.hub
    print(
        f"Identity account {plan.identity_account}: group {hub.names.options.group_name} "
        "and its policies (no role here):",
        file=out,
    )
    for step in hub.steps:
        print_step(step, out)
    print("Published account list:", file=out)
    print_step(plan.publish, out)
    for note in [*hub.notes, *plan.notes]:
        print(f"  note: {note}", file=out)


def _progress(args: argparse.Namespace, out: TextIO, total: int) -> StepCallback:
    count = [0]

    def on_step(i: int, step: Step, status: str, error: BaseException | None) -> None:
        """Each step's line as it starts (an operation's accounts follow it), then its end."""
        if status == "running":
            count[0] += 1
        if not args.json:
            said = step.summary if status == "running" else status
            print(f"  [{count[0]}/{total}] {said}", file=out)

    return on_step


def _on_account(args: argparse.Namespace, out: TextIO) -> Callable[[AccountResult], None]:
    def told(result: AccountResult) -> None:
        if args.json:
            return
        if result.status == "SUCCEEDED":
            print(f"      account {result.account}: succeeded", file=out)
        else:
            why = result.reason or result.status
            print(f"      account {result.account}: failed: {why}", file=out)

    return told


# -- the actions ----------------------------------------------------------------------------
def _plan(engine: OrgEngine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    plan = engine.plan()
    if args.json:
        print(json.dumps(plan.as_dict(), indent=2, ensure_ascii=False), file=out)
        return 0
    _print_plan(plan, out)
    n = len(plan.changes)
    if plan.refusal():
        print(f"plan: apply would refuse: {plan.refusal()}", file=out)
    elif n:
        print(f"plan: {n} change(s) to make; `elevate-tray setup org apply` makes them.", file=out)
    else:
        print("plan: no changes; the organization matches the model.", file=out)
    return 0


def _apply(engine: OrgEngine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    plan = engine.plan()
    if not args.json:
        _print_plan(plan, out)
    refusal = plan.refusal()
    if refusal:
        raise ConfigError(sentence=refusal)
    if not plan.changes and not plan.state.running_operation:
        print("apply: no changes; the organization matches the model.", file=out)
        return 0
    if plan.changes and not confirm_change(
        f"Make these {len(plan.changes)} change(s)?", args, stdin, out
    ):
        print("apply: cancelled; nothing was changed.", file=out)
        return 0
    progress = _progress(args, out, len(plan.changes))
    result = engine.apply(plan, progress, _on_account(args, out))
    if args.json:
        data = result.plan.as_dict()
        data["done"] = len(result.done)
        data["remaining"] = len(result.again.changes) if result.again else None
        print(json.dumps(data, indent=2, ensure_ascii=False), file=out)
        return 0
    if result.again is None:
        tail = "your identity profile's keys now need an MFA session to check it (--mfa-code)"
    elif result.again.changes:
        tail = f"{len(result.again.changes)} change(s) still differ"
    else:
        tail = "the organization matches the model"
    print(f"apply: {len(result.done)} change(s) made; {tail}.", file=out)
    return 0


def _publish(engine: OrgEngine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    names, published = engine.publish()
    if args.json:
        print(json.dumps({"parameters": names, "accounts": len(published.accounts)}), file=out)
        return 0
    print(
        f"publish: {len(published.accounts)} account(s) published in {', '.join(names)} "
        f"of account {published.identity_account}.",
        file=out,
    )
    return 0


def _doctor(engine: OrgEngine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    return run_org_doctor(
        engine, mfa_code=args.mfa_code, json_output=args.json, out=out, stdin=stdin
    )


def _teardown(engine: OrgEngine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    plan = engine.teardown_plan()
    if not args.json:
        print(
            f"Removing elevate-tray's setup from organization {plan.state.organization_id}",
            file=out,
        )
        for step in plan.steps:
            print_step(step, out, with_diff=False)
        print(f"Identity account {plan.hub.account.account_id}:", file=out)
        for step in plan.hub.steps:
            print_step(step, out, with_diff=False)
        if plan.published:
            print_step(plan.publish_step, out, with_diff=False)
    if not plan.changes:
        print("teardown: nothing to remove.", file=out)
        return 0
    if not confirm_change(f"Delete these {len(plan.changes)} resource(s)?", args, stdin, out):
        print("teardown: cancelled; nothing was removed.", file=out)
        return 0
    engine.teardown(plan, _progress(args, out, len(plan.changes)), _on_account(args, out))
    # the targets a sync wrote on this machine point at roles that are gone now
    ctx = AppContext(environ=dict(engine.identity.environ), clock=engine.clock)
    profiles = targets_sync.forget(ctx, plan.hub.account.account_id)
    if args.json:
        data = plan.as_dict()
        data["profiles_removed"] = profiles
        print(json.dumps(data, indent=2), file=out)
    else:
        print(f"teardown: {len(plan.changes)} resource(s) removed.", file=out)
        if profiles:
            print(f"teardown: the synced target profiles removed: {', '.join(profiles)}.", file=out)
    return 0
