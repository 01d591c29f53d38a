"""`elevate-tray setup plan|apply|doctor|teardown|export-cloudformation|mfa-device`."""

from __future__ import annotations

import argparse
import json
import shlex
from collections.abc import Callable, Mapping
from typing import TextIO

from ..core.clock import Clock
from ..core.errors import ConfigError
from ..setup.aws import assumes_role_with_mfa
from ..setup.doctor import DRIFT, DRIFT_FOUND, RISK, RISK_FOUND, Finding
from ..setup.engine import SetupEngine
from ..setup.plan import UPDATE, Plan, Step
from .role_code import RoleCode, confirm_change, print_step
from .setup_args import COMMANDS, add_parser, setup_options

__all__ = ["COMMANDS", "add_parser", "make_engine", "run"]
Handler = Callable[[SetupEngine, argparse.Namespace, TextIO, TextIO], int]


def make_engine(
    args: argparse.Namespace,
    environ: Mapping[str, str],
    stdin: TextIO,
    out: TextIO,
) -> SetupEngine:
    name = args.profile or environ.get("AWS_PROFILE") or environ.get("AWS_DEFAULT_PROFILE")
    role_code = RoleCode(name, args.mfa_code, stdin, out)
    engine = SetupEngine.for_profile(args.profile, setup_options(args), environ, role_code)
    if args.mfa_code and not assumes_role_with_mfa(engine.session):
        engine.use_mfa(args.mfa_code)
    return engine


def run(
    args: argparse.Namespace,
    *,
    environ: Mapping[str, str],
    out: TextIO,
    stdin: TextIO,
    clock: Clock | None = None,
) -> int:
    """One setup action; `environ` is the caller's (AppContext.environ), never os.environ
    behind its back, and it writes only to `out` (the CLI's console)."""
    env = dict(environ)
    if args.action == "org" or args.org_action:
        from .org_commands import run_org

        return run_org(args, environ=env, out=out, stdin=stdin, clock=clock)
    if args.action == "export-cloudformation":
        return _export(args, out)
    engine = make_engine(args, env, stdin, out)
    handler: Handler = {
        "plan": _plan,
        "apply": _apply,
        "doctor": _doctor,
        "teardown": _teardown,
        "mfa-device": _mfa_device,
    }[args.action]
    return handler(engine, args, out, stdin)


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from ..setup.cloudformation import deploy_command, export_template

    text = export_template(setup_options(args), args.output)
    if args.output is None:
        out.write(text)
        return 0
    written = args.output.absolute()  # the deploy line works from any folder
    print(f"Template written to {written}. Deploy it with:", file=out)
    print(f"  {deploy_command(written)}", file=out)
    return 0


# -- printing -------------------------------------------------------------------------------
def _counts(plan: Plan) -> str:
    counts: dict[str, int] = {}
    for step in plan.steps:
        counts[step.action] = counts.get(step.action, 0) + 1
    return ", ".join(f"{n} {a}" for a, n in counts.items())


def _print_plan(plan: Plan, out: TextIO) -> None:
    a = plan.account
    print(f"Account {a.account_id} ({a.partition}), as {a.caller_arn}", file=out)
    print(f"Role {plan.names.role_arn}, group {plan.names.options.group_name}", file=out)
    for step in plan.steps:
        print_step(step, out)
    for note in plan.notes:
        print(f"  note: {note}", file=out)


# -- the actions ----------------------------------------------------------------------------
def _plan(engine: SetupEngine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    plan = engine.plan()
    if args.json:
        print(json.dumps(plan.as_dict(), indent=2, ensure_ascii=False), file=out)
        return 0
    _print_plan(plan, out)
    if not args.no_target:
        _print_profiles(engine, args, out)
    n = len(plan.changes)
    if plan.refusal():
        print(f"plan: apply would refuse: {plan.refusal()}", file=out)
    elif n:
        print(
            f"plan: {n} change(s) to make ({_counts(plan)}); "
            "`elevate-tray setup apply` makes them.",
            file=out,
        )
    else:
        print("plan: no changes; the account matches the model.", file=out)
    return 0


def _print_profiles(engine: SetupEngine, args: argparse.Namespace, out: TextIO) -> None:
    """The profiles apply would write, and the names used instead of ones it did not write."""
    from ..core.errors import ElevateError

    try:
        profile = engine.target_profile(args.target)
    except ElevateError as exc:
        print(f"plan: the target profile: {exc.sentence}", file=out)
        return
    print(f"plan: apply writes the target profile {profile.name}.", file=out)
    for note in profile.notes:
        print(f"plan: {note}", file=out)


def _apply(engine: SetupEngine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    plan = engine.plan()
    if not args.json:
        _print_plan(plan, out)
    refusal = plan.refusal()
    if refusal:  # before asking, and before anything is touched
        raise ConfigError(sentence=refusal)
    if plan.changes and not confirm_change(
        f"Make these {len(plan.changes)} change(s)?", args, stdin, out
    ):
        print("apply: cancelled; nothing was changed.", file=out)
        return 0

    def progress(i: int, step: Step, status: str, error: BaseException | None) -> None:
        if status != "running" and not args.json:
            print(f"  [{i}/{len(plan.changes)}] {step.summary}: {status}", file=out)

    result = engine.apply(plan, progress)
    written = None
    profile = None
    if not args.no_target:
        profile = engine.target_profile(args.target)
        written = engine.write_target(profile)
        if not args.json:
            for note in profile.notes:  # a profile it did not write was left alone
                print(note, file=out)
    if args.json:
        data = result.plan.as_dict()
        data["done"] = len(result.done)
        data["remaining"] = len(result.again.changes) if result.again else None
        data["target"] = profile.name if profile else None
        print(json.dumps(data, indent=2, ensure_ascii=False), file=out)
        return 0
    if profile and written:
        print(f"Target profile '{profile.name}' written to {written}.", file=out)
        if profile.mfa_serial:
            elevate = shlex.join(["elevate-tray", "elevate", "--target", profile.name])
            print(f"Elevate with: {elevate}", file=out)
        else:
            chosen = ["--profile", engine.profile] if engine.profile else []
            enrol = shlex.join(["elevate-tray", "setup", "mfa-device", *chosen])
            again = shlex.join(["elevate-tray", "setup", "apply", *chosen])
            print(
                f"Your user has no MFA device yet: run `{enrol}`, then `{again}` again "
                "(with the same options) to write it into the target profile.",
                file=out,
            )
    if result.again is None:
        tail = "your keys now need an MFA session to check it (use --mfa-code)"
    elif result.again.changes:
        tail = f"{len(result.again.changes)} change(s) still differ"
    else:
        tail = "the account matches the model"
    print(f"apply: {len(result.done)} change(s) made; {tail}.", file=out)
    return 0


def _doctor(engine: SetupEngine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    findings = engine.doctor()
    if args.json:
        print(json.dumps([f.as_dict() for f in findings], indent=2), file=out)
        return doctor_exit_code(findings)
    print(f"Checking {engine.names.role_arn} and group {engine.options.group_name}", file=out)
    for f in findings:
        print(f"  {f.level:<5} {f.message}", file=out)
    print(_doctor_summary(findings), file=out)
    return doctor_exit_code(findings)


def doctor_exit_code(findings: list[Finding]) -> int:
    """0 clean, 7 drift, 8 risk (risk wins when there is both): product.md's contract."""
    if any(f.level == RISK for f in findings):
        return RISK_FOUND
    return DRIFT_FOUND if any(f.level == DRIFT for f in findings) else 0


def _doctor_summary(findings: list[Finding]) -> str:
    risks = sum(f.level == RISK for f in findings)
    drift = sum(f.level == DRIFT for f in findings)
    if not risks and not drift:
        return "doctor: the setup matches the model; no risks found."
    return f"doctor: {drift} difference(s) from the model and {risks} risk(s) found."


def _teardown(engine: SetupEngine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    plan = engine.teardown_plan()
    if not args.json:
        print(f"Removing elevate-tray's setup from account {plan.account.account_id}", file=out)
        for step in plan.steps:
            print_step(step, out, with_diff=False)
    if not plan.changes:
        print("teardown: nothing to remove.", file=out)
        return 0
    if not confirm_change(f"Delete these {len(plan.changes)} resource(s)?", args, stdin, out):
        print("teardown: cancelled; nothing was removed.", file=out)
        return 0
    engine.teardown(plan)
    if args.json:
        print(json.dumps(plan.as_dict(), indent=2), file=out)
    else:
        restored = sum(s.action == UPDATE for s in plan.changes)
        removed = len(plan.changes) - restored
        tail = f", {restored} adopted resource(s) put back as they were" if restored else ""
        print(f"teardown: {removed} resource(s) removed{tail}.", file=out)
    return 0


def _mfa_device(engine: SetupEngine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    """A virtual MFA device for the profile's own user, enabled with two codes."""
    if engine.caller_mfa_serials():
        print("Your user already has an MFA device.", file=out)
        return 0
    device = engine.create_mfa_device()
    try:
        print("Scan this QR code with an authenticator app:", file=out)
        out.write(device.qr_text())
        print("Enter two consecutive codes.", file=out)
        print("First code: ", end="", file=out, flush=True)
        first = stdin.readline().strip()
        print("Second code: ", end="", file=out, flush=True)
        second = stdin.readline().strip()
        engine.enable_mfa_device(device, first, second)
    except BaseException:
        engine.discard_mfa_device(device)
        raise
    print(f"MFA device {device.serial} enabled.", file=out)
    return 0
