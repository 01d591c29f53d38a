"""`keys rotate`: replace the profile's kept access key with a new one, with an MFA session.

The seed's ManageOwnCredentialsWithMFA lets a user manage their own keys only with MFA, so:
GetSessionToken with MFA (the old key), CreateAccessKey, keep the new key at once (beside the
old one), verify it (IAM takes a moment to accept a new key), make it the profile's key, then
deactivate and delete the old one. Whether a session obtained with the old key survives the
old key's deactivation is not documented: when it does not, the old key is deleted with a
session of the new key (a second code).

Each step is journalled in the state before it is taken, so a run that was interrupted is
finished by the next: a key created whose secret was never kept is deleted (and the user told),
a kept new key is verified and put in use, an old key left behind is retired. A second key the
user has in IAM is named, never deleted: AWS allows two per user.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..core.clock import format_iso
from ..core.context import AppContext
from ..core.errors import ConfigError, ElevateError, NetworkError, Phrase
from ..core.keys import AccessKey, masked
from .codes import Codes
from .keys import due, identify, kept_or_say, target_for, user_name
from .ownkeys import NoSecondCode, OwnKeys, Progress

log = logging.getLogger(__name__)

VERIFY_SECONDS = 60  # how long a new key may take to be accepted (IAM is eventually consistent)

CHECKPOINTS = ("journalled", "created", "kept", "verified", "promoted", "deactivated", "deleted")


@dataclass
class Rotated:
    profile: str
    old_id: str
    new_id: str
    notes: list[Phrase] = field(default_factory=list)  # what else happened (an orphan deleted)
    old_deleted: bool = True  # False: deactivated, its deletion waits for one more code


class Rotation:
    """One run of `keys rotate` for one profile."""

    def __init__(
        self,
        ctx: AppContext,
        profile: str,
        codes: Codes,
        progress: Progress | None = None,
        verify_seconds: float = VERIFY_SECONDS,
        checkpoint: Callable[[str], None] | None = None,
    ) -> None:
        self.ctx, self.profile, self.codes = ctx, profile, codes
        self.progress = progress or (lambda _phrase: None)
        # called between any two steps with the step just done (CHECKPOINTS): where the
        # tests stop a run as a killed process would stop, to prove the next run finishes it
        self.checkpoint = checkpoint or (lambda _step: None)
        self.verify_seconds = verify_seconds
        self.kept = ctx.kept_keys
        self.target = target_for(ctx, profile)
        self.notes: list[Phrase] = []
        self.iam = OwnKeys(ctx, profile, self.target, codes, self.progress)

    # -- the run ------------------------------------------------------------------------
    def run(self) -> Rotated:
        kept = kept_or_say(self.ctx, self.profile)
        current = self.kept.read(self.profile)
        if current is None:
            raise ConfigError(
                Phrase(
                    "The key kept for profile '{profile}' is missing from its store; import "
                    "the profile's keys again.",
                    profile=self.profile,
                )
            )
        self.iam.user = user_name(kept.user_arn) or user_name(
            str(identify(self.ctx, self.profile, current).get("Arn", ""))
        )
        if not self.iam.user:
            raise ConfigError(
                Phrase(
                    "The key of profile '{profile}' is not an IAM user's, so it cannot be "
                    "rotated here.",
                    profile=self.profile,
                )
            )
        self.progress(Phrase("Starting an MFA session to manage your access keys…"))
        self.iam.use(current)
        journal = dict(kept.rotation)
        old_id = str(journal.get("old", ""))
        if journal.get("phase") == "retire" or journal.get("new") == current.access_key_id:
            # the new key is in use already; the old one may remain in IAM
            deleted = self._retire(old_id, current)
            self.iam.settle_readonly(old_id)
            return Rotated(self.profile, old_id, current.access_key_id, self.notes, deleted)
        new = self._resume(journal, current)
        if new is None:
            new = self._create(current)
        self._verify(new, current)
        self.checkpoint("verified")
        retire = {"phase": "retire", "old": current.access_key_id, "new": new.access_key_id}
        self.kept.promote(self.profile, self.ctx.clock.now(), retire)
        self.checkpoint("promoted")
        deleted = self._retire(current.access_key_id, new, old_session_ok=True)
        self.iam.settle_readonly(current.access_key_id)
        return Rotated(self.profile, current.access_key_id, new.access_key_id, self.notes, deleted)

    def _resume(self, journal: dict[str, Any], current: AccessKey) -> AccessKey | None:
        """An interrupted rotation: its kept new key to go on with, else None (after deleting
        any key it created whose secret was never kept)."""
        if not journal:
            return None
        listed = {str(k.get("AccessKeyId")) for k in self.iam.listed()}
        pending = self.kept.read_next(self.profile)
        if pending is not None and pending.access_key_id in listed:
            return pending
        seen = set(journal.get("seen") or [])
        for key_id in sorted(listed - seen - {current.access_key_id}):
            self.iam.delete(key_id)
            self.notes.append(
                Phrase(
                    "An earlier rotation was interrupted after AWS created the key {key}, whose "
                    "secret was never kept; that key is now deleted.",
                    key=masked(key_id),
                )
            )
        self.kept.drop_next(self.profile)
        self.kept.journal(self.profile, None)
        return None

    def _create(self, current: AccessKey) -> AccessKey:
        listed = self.iam.listed()
        others = [k for k in listed if k.get("AccessKeyId") != current.access_key_id]
        if others:
            other = others[0]
            created = other.get("CreateDate")
            raise ConfigError(
                Phrase(
                    "IAM user {user} already has a second access key, {key} ({status}, created "
                    "{created}), and AWS allows two: delete it if nothing uses it (`aws iam "
                    "delete-access-key --user-name {user} --access-key-id {key_id}`), then "
                    "rotate again.",
                    user=self.iam.user,
                    key=masked(str(other.get("AccessKeyId", ""))),
                    status=str(other.get("Status", "?")),
                    created=created.date().isoformat() if isinstance(created, datetime) else "?",
                    key_id=str(other.get("AccessKeyId", "")),
                )
            )
        seen = [str(k.get("AccessKeyId")) for k in listed]
        self.kept.journal(
            self.profile,
            {
                "phase": "create",
                "old": current.access_key_id,
                "seen": seen,
                "since": format_iso(self.ctx.clock.now()),
            },
        )
        self.checkpoint("journalled")
        self.progress(Phrase("Creating the new access key…"))
        try:
            answer = self.iam.create()
        except ElevateError as exc:
            raise self._not_created(exc, set(seen), current) from None
        made = answer["AccessKey"]
        new = AccessKey(str(made["AccessKeyId"]), str(made["SecretAccessKey"]))
        self.checkpoint("created")
        created = made.get("CreateDate")
        verify = {
            "phase": "verify",
            "old": current.access_key_id,
            "new": new.access_key_id,
            "seen": seen,
        }
        try:
            self.kept.keep_next(
                self.profile, new, created if isinstance(created, datetime) else None, verify
            )
        except (ElevateError, OSError):
            log.info("the new key could not be kept; deleting it")
            self.iam.delete(new.access_key_id)  # a key nobody can use must not stay in IAM
            self.kept.journal(self.profile, None)
            raise
        self.checkpoint("kept")
        return new

    def _not_created(self, exc: ElevateError, seen: set[str], current: AccessKey) -> ElevateError:
        """CreateAccessKey failed: AWS may have made the key all the same (the answer lost on
        the way). Such a key, whose secret never arrived, is deleted now, and said."""
        try:
            made = {str(k.get("AccessKeyId")) for k in self.iam.listed()} - seen
            for key_id in sorted(made):
                self.iam.delete(key_id)
        except ElevateError:
            return type(exc)(
                Phrase(
                    "Creating the new access key failed ({problem}), and AWS may have made one "
                    "anyway; run `elevate-tray keys rotate` again to find and delete it.",
                    problem=Phrase.of(exc),
                )
            )
        self.kept.journal(self.profile, None)
        if not made:
            return exc
        return type(exc)(
            Phrase(
                "Creating the new access key failed ({problem}); the key {key} AWS made anyway "
                "is deleted, and {old} stays in use; try again later.",
                problem=Phrase.of(exc),
                key=", ".join(masked(k) for k in sorted(made)),
                old=masked(current.access_key_id),
            )
        )

    def _verify(self, new: AccessKey, current: AccessKey) -> None:
        """Wait (by the app's clock) until AWS accepts the new key."""
        self.progress(Phrase("Waiting for AWS to accept the new key…"))
        clock = self.ctx.clock
        deadline, pause = clock.now().timestamp() + self.verify_seconds, 1.0
        while True:
            try:
                identify(self.ctx, self.profile, new)
                return
            except ElevateError as exc:
                last: ElevateError = exc
            if clock.now().timestamp() + pause > deadline:
                break
            clock.sleep(pause)
            pause = min(pause * 2, 8.0)
        try:
            self.iam.delete(new.access_key_id)
        except ElevateError:
            raise NetworkError(
                Phrase(
                    "AWS did not accept the new key {new} within {seconds} s and it could not "
                    "be deleted; the key {old} stays in use; run `elevate-tray keys rotate` "
                    "again to clean up.",
                    new=masked(new.access_key_id),
                    seconds=int(self.verify_seconds),
                    old=masked(current.access_key_id),
                )
            ) from None
        self.kept.drop_next(self.profile)
        self.kept.journal(self.profile, None)
        raise NetworkError(
            Phrase(
                "AWS did not accept the new key within {seconds} s ({problem}), so it was "
                "deleted and the key {old} stays in use; try again later.",
                seconds=int(self.verify_seconds),
                problem=Phrase.of(last),
                old=masked(current.access_key_id),
            )
        )

    def _retire(self, old_id: str, in_use: AccessKey, old_session_ok: bool = False) -> bool:
        """Deactivate and delete the old key; with a session of the key in use when the old
        key's session died with it. False: deactivated, and the deletion needs one more MFA
        code that cannot be had here (said in the notes; the next run deletes it)."""
        self.progress(Phrase("Deactivating and deleting the old key…"))
        listed = {str(k.get("AccessKeyId")): k for k in self.iam.listed()}
        try:
            if old_id in listed and listed[old_id].get("Status") != "Inactive":
                self.iam.deactivate(old_id)
                self.checkpoint("deactivated")
            if old_id in listed:
                self.iam.delete_old(old_id, in_use, old_session_ok)
                self.checkpoint("deleted")
        except NoSecondCode:  # deactivated: the caller says that deleting it takes a code
            return False
        except ElevateError as exc:
            raise type(exc)(
                Phrase(
                    "The new key {new} is in use, but the old key {old} was not deleted "
                    "({problem}); run `elevate-tray keys rotate` again to delete it.",
                    new=masked(in_use.access_key_id),
                    old=masked(old_id),
                    problem=Phrase.of(exc),
                )
            ) from None
        self.kept.journal(self.profile, None)
        return True


def rotate(
    ctx: AppContext, profile: str, codes: Codes, progress: Progress | None = None
) -> Rotated:
    return Rotation(ctx, profile, codes, progress).run()


__all__ = ["NoSecondCode", "Rotated", "Rotation", "due", "rotate", "target_for"]
