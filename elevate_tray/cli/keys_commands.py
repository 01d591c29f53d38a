"""`keys import|export|list|rotate` and `credentials --source`: print what the flows did."""

from __future__ import annotations

import argparse

from ..core.context import AppContext
from ..core.errors import ConfigError, Phrase
from ..core.keys import masked
from ..flows import keys as keys_flow
from ..flows import rotation
from ..flows.codes import can_generate, choose
from . import prompting
from .console import Console

STORE_NAMES = {
    "keyring": "the OS keyring",
    "file": "elevate-tray's user-only file store (no OS keyring is usable here)",
}


def cmd_keys(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    if args.action == "list":
        return _list(args, ctx, con)
    if args.json:
        raise ConfigError("--json goes with `keys list` only.")
    profile = keys_flow.default_profile(ctx, args.profile)
    if args.code is not None and args.action != "rotate":
        raise ConfigError("--code goes with `keys rotate` only.")
    if args.action == "import":
        done = keys_flow.import_keys(ctx, profile)
        if done.already:
            con.say(
                f"The key {masked(done.access_key_id)} of profile '{profile}' is already kept in "
                f"{STORE_NAMES[done.store]}; nothing to do."
            )
            return 0
        con.say(
            f"Moved the access key {masked(done.access_key_id)} of profile '{profile}' into "
            f"{STORE_NAMES[done.store]} and removed it from {done.removed_from}; the profile "
            f"now reads it through credential_process (in {done.config_file})."
        )
        return 0
    if args.action == "export":
        out = keys_flow.export_keys(ctx, profile)
        con.say(
            f"Wrote the access key {masked(out.access_key_id)} of profile '{profile}' back into "
            f"{out.path} and forgot it here."
        )
        return 0
    return _rotate(args, ctx, con, profile)


def _list(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    rows = keys_flow.listing(ctx)
    if args.json:
        con.json(
            [
                {
                    "profile": r.profile,
                    "kept_in": r.where,
                    "access_key_id": masked(r.access_key_id),
                    "age_days": r.age_days,
                    "age_known": r.age_known,
                    "rotation_pending": r.rotation_pending,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        con.out(
            "No profile has long-term keys in the AWS files or kept here "
            "(`elevate-tray keys import --profile P` moves a profile's keys into the keyring)."
        )
        return 0
    table = [("PROFILE", "KEPT IN", "KEY", "AGE")]
    for r in rows:
        where = {"keyring": "OS keyring", "file": "elevate-tray file"}.get(
            r.where, f"{r.where} (plaintext)"
        )
        if r.age_days is None:
            age = "unknown"
        else:
            age = f"{r.age_days} days" if r.age_known else f"at least {r.age_days} days"
        if r.rotation_pending:
            age += " (rotation unfinished)"
        table.append((r.profile, where, masked(r.access_key_id), age))
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    for row in table:
        con.out("  ".join(c.ljust(w) for c, w in zip(row[:3], widths, strict=True)) + "  " + row[3])
    return 0


def _rotate(args: argparse.Namespace, ctx: AppContext, con: Console, profile: str) -> int:
    keys_flow.kept_or_say(ctx, profile)
    target = rotation.target_for(ctx, profile)
    serial = target.mfa_serial or ctx.elevator(target).mfa_serial()[0]
    generated = can_generate(ctx, serial, target.mfa_process)
    if args.code is None and not generated and not con.has_terminal():
        raise ConfigError(
            Phrase(
                "Rotating the key of profile '{profile}' needs an MFA code: run it in a terminal, "
                "or pass --code.",
                profile=profile,
            )
        )
    codes = choose(
        ctx,
        serial,
        args.code,
        ask=lambda: prompting.ask_code(con, serial, profile),
        waiting=prompting.waiting_note(con),
        process=target.mfa_process,
    )
    # the steps are shown to a person at a terminal; a script gets the outcome alone
    progress = (lambda p: con.say(str(p))) if con.stdin_isatty else None
    done = rotation.rotate(ctx, profile, codes, progress=progress)
    for note in done.notes:
        con.say(str(note))
    if done.old_deleted:
        con.say(
            f"Rotated the access key of profile '{profile}': {masked(done.new_id)} is in use; "
            f"{masked(done.old_id)} is deactivated and deleted."
        )
        return 0
    con.say(
        f"Rotated the access key of profile '{profile}': {masked(done.new_id)} is in use; "
        f"{masked(done.old_id)} is deactivated (it can no longer be used). AWS ended the old "
        "key's session with the key, so deleting it needs one more MFA code: run "
        "`elevate-tray keys rotate` again to delete it."
    )
    return 0


def cmd_source_credentials(args: argparse.Namespace, ctx: AppContext, con: Console) -> int:
    if args.readonly or args.target or args.code is not None:
        raise ConfigError("--source takes no --target, --readonly or --code.")
    from ..flows.credentials import source_credentials

    con.out(source_credentials(ctx, args.source))
    return 0
