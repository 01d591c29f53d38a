"""The user's own access keys in IAM, managed through an MFA session (the seed's
ManageOwnCredentialsWithMFA allows nothing else): the session, and each call `keys rotate`
makes, named in its sentence when AWS refuses it.

No retries by botocore: a CreateAccessKey retried after a lost answer would make a second
key, and each call's outcome decides the rotation's next step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.awserrors import CallContext, explain
from ..core.context import AppContext
from ..core.elevation import Elevator
from ..core.errors import ElevateError, Phrase
from ..core.keys import AccessKey, masked
from ..core.targets import Target
from ..core.values import Credentials, readonly_key
from .codes import Codes
from .keys import client

Progress = Callable[[Phrase], None]
INVALID_KEY = ("InvalidClientTokenId", "UnrecognizedClientException", "AuthFailure")


class NoSecondCode(Exception):
    """The old key's session died with it, and no second MFA code can be had here."""


def error_code(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    error = response.get("Error", {}) if isinstance(response, dict) else {}
    return str(error.get("Code", "")) if isinstance(error, dict) else ""


class OwnKeys:
    def __init__(
        self, ctx: AppContext, profile: str, target: Target, codes: Codes, progress: Progress
    ) -> None:
        self.ctx, self.profile, self.target = ctx, profile, target
        self.codes, self.progress = codes, progress
        self.user = ""  # the IAM user whose keys these are
        self._iam: Any = None
        self._codes_used = 0
        self.signed_with = ""  # the key whose MFA session signs the calls

    # -- the MFA session ------------------------------------------------------------------
    def _mfa_session(self, key: AccessKey) -> Credentials:
        """GetSessionToken with MFA, signed with `key`; kept as the read-only session."""
        creds = key.as_credentials()
        elevator = Elevator(
            self.target,
            self.ctx.store,
            self.ctx.clock,
            self.ctx.environ,
            self.ctx.settings.readonly_duration,
            long_term=lambda: creds,
        )
        if self._codes_used == 0:
            code = self.codes.first()
        else:  # a second code: generated, or asked where someone can be asked
            if self.codes.next is None:
                raise NoSecondCode
            try:
                code = self.codes.next()
            except ElevateError:
                raise NoSecondCode from None
        self._codes_used += 1
        return elevator.readonly_session(code).credentials

    def use(self, key: AccessKey) -> None:
        """Sign the calls from now on with an MFA session of `key`."""
        self.signed_with = key.access_key_id
        self._iam = client(self.ctx, "iam", self.profile, self._mfa_session(key), attempts=1)

    # -- the calls --------------------------------------------------------------------------
    def _ctx(self, action: Phrase) -> CallContext:
        return CallContext(action=action, profile=self.profile, target=self.target.name)

    def _call(self, action: Phrase, name: str, **params: Any) -> Any:
        try:
            return getattr(self._iam, name)(UserName=self.user, **params)
        except Exception as exc:
            raise explain(exc, self._ctx(action)) from None

    def listed(self) -> list[dict[str, Any]]:
        found = self._call(Phrase("list your access keys"), "list_access_keys")
        return list(found.get("AccessKeyMetadata", []))

    def create(self) -> dict[str, Any]:
        answer: dict[str, Any] = self._call(Phrase("create a new access key"), "create_access_key")
        return answer

    def deactivate(self, key_id: str) -> None:
        self._call(
            Phrase("deactivate the access key {key}", key=masked(key_id)),
            "update_access_key",
            AccessKeyId=key_id,
            Status="Inactive",
        )

    def delete(self, key_id: str) -> None:
        self._call(
            Phrase("delete the access key {key}", key=masked(key_id)),
            "delete_access_key",
            AccessKeyId=key_id,
        )

    def delete_old(self, old_id: str, in_use: AccessKey, old_session: bool) -> None:
        """Delete the deactivated old key; when AWS ended the old key's session with the key
        (`old_session`: the calls were signed with it), with a session of the key in use."""
        try:
            self._iam.delete_access_key(UserName=self.user, AccessKeyId=old_id)
            return
        except Exception as exc:
            if not old_session or error_code(exc) not in INVALID_KEY:
                action = Phrase("delete the access key {key}", key=masked(old_id))
                raise explain(exc, self._ctx(action)) from None
        self.progress(Phrase("The old key's session ended with it; starting one with the new key…"))
        self.use(in_use)
        self.delete(old_id)

    def settle_readonly(self, old_id: str) -> None:
        """The read-only session kept from the old key, if AWS ended it with the key, is
        forgotten (so `credentials --readonly` asks anew instead of serving a dead one)."""
        if self.signed_with != old_id:
            return  # the kept read-only session is the new key's
        key = readonly_key(self.target.source_profile)
        session = self.ctx.store.get(key)
        creds = self.ctx.store.credentials(session) if session else None
        if creds is None:
            return
        try:
            client(self.ctx, "sts", self.profile, creds).get_caller_identity()
        except Exception as exc:  # noqa: BLE001 - only a refused token ends it
            if error_code(exc) in (*INVALID_KEY, "ExpiredToken"):
                self.ctx.store.end(key, "dropped", via="rotation")
