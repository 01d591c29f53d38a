"""STS as AWS enforces it: MFA codes, durations, trust policies, role chaining, SourceIdentity
and session tags. moto keeps the assumed-role records; the rules live here."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from . import motoview
from .auth import Caller
from .authz import decide, request_context
from .clock import SandboxClock, iso
from .errors import (
    DURATION_OVER_CHAINING,
    DURATION_OVER_ROLE_MAX,
    MFA_NOT_CALLERS,
    access_denied,
    constraint,
    not_authorized,
    validation_error,
)
from .policy import Decision, Principal, TrustMatch, evaluate_trust
from .sessions import (
    CredentialTable,
    MfaCodes,
    TempCredential,
    new_key_id,
    new_secret,
    new_session_token,
)

NS = "https://sts.amazonaws.com/doc/2011-06-15/"
_NAME = re.compile(r"[A-Za-z0-9_+=,.@-]*")
_NAME_RULE = r"Member must satisfy regular expression pattern: [\w+=,.@-]*"
_TAG_RULE = r"Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*"
_TAG_EXTRA = set("_.:/=+-@")


def _tag_text_ok(text: str) -> bool:
    return all(unicodedata.category(c)[0] in "LZN" or c in _TAG_EXTRA for c in text)


def _int_param(params: Mapping[str, str], name: str, field: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise constraint(raw, field, "Member must be a number") from None


def _duration(params: Mapping[str, str], default: int, maximum: int) -> int:
    value = _int_param(params, "DurationSeconds", "durationSeconds", default)
    if value < 900:
        raise constraint(
            str(value), "durationSeconds", "Member must have value greater than or equal to 900"
        )
    if value > maximum:
        raise constraint(
            str(value), "durationSeconds", f"Member must have value less than or equal to {maximum}"
        )
    return value


def _name(value: str | None, field: str, *, required: bool) -> str | None:
    if value is None:
        if required:
            raise validation_error(
                f"1 validation error detected: Value null at '{field}' failed to satisfy "
                "constraint: Member must not be null"
            )
        return None
    if len(value) < 2:
        raise constraint(value, field, "Member must have length greater than or equal to 2")
    if len(value) > 64:
        raise constraint(value, field, "Member must have length less than or equal to 64")
    if not _NAME.fullmatch(value):
        raise constraint(value, field, _NAME_RULE)
    return value


def _members(params: Mapping[str, str], prefix: str) -> list[dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    pattern = re.compile(re.escape(prefix) + r"\.member\.(\d+)(?:\.(\w+))?$")
    for key, value in params.items():
        m = pattern.match(key)
        if m:
            found.setdefault(int(m.group(1)), {})[m.group(2) or ""] = value
    return [found[i] for i in sorted(found)]


def _tags(params: Mapping[str, str]) -> dict[str, str]:
    tags: dict[str, str] = {}
    members = _members(params, "Tags")
    if len(members) > 50:
        raise constraint("tags", "tags", "Member must have length less than or equal to 50")
    for i, member in enumerate(members, 1):
        key, value = member.get("Key", ""), member.get("Value", "")
        if not 1 <= len(key) <= 128 or not _tag_text_ok(key):
            raise constraint(key, f"tags.{i}.member.key", _TAG_RULE)
        if len(value) > 256:
            raise constraint(
                value, f"tags.{i}.member.value", "Member must have length less than or equal to 256"
            )
        if not _tag_text_ok(value):
            raise constraint(value, f"tags.{i}.member.value", _TAG_RULE)
        tags[key] = value
    return tags


def _envelope(action: str, result: str) -> bytes:
    return (
        f'<{action}Response xmlns="{NS}"><{action}Result>{result}</{action}Result>'
        f"<ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata>"
        f"</{action}Response>"
    ).encode()


def _credentials_xml(cred: TempCredential) -> str:
    return (
        f"<Credentials><AccessKeyId>{cred.access_key_id}</AccessKeyId>"
        f"<SecretAccessKey>{escape(cred.secret_access_key)}</SecretAccessKey>"
        f"<SessionToken>{escape(cred.session_token)}</SessionToken>"
        f"<Expiration>{iso(cred.expires_at)}</Expiration></Credentials>"
    )


class Sts:
    def __init__(self, table: CredentialTable, mfa: MfaCodes, clock: SandboxClock) -> None:
        self.table = table
        self.mfa = mfa
        self.clock = clock

    def _check_mfa(self, caller: Caller, params: Mapping[str, str], now: datetime) -> bool:
        serial, code = params.get("SerialNumber"), params.get("TokenCode")
        if serial is None and code is None:
            return False
        if code is not None and not re.fullmatch(r"\d{6}", code):
            raise constraint(
                code,
                "tokenCode",
                r"Member must satisfy regular expression "
                r"pattern: [\d]*"
                if len(code) == 6
                else "Member must have length "
                + ("greater" if len(code) < 6 else "less")
                + " than or equal to 6",
            )
        backend = motoview.iam(caller.account_id, caller.partition)
        u = motoview.user(backend, caller.user_name) if caller.is_user else None
        secret = motoview.mfa_secret(backend, u, serial) if (u is not None and serial) else None
        if secret is None or serial is None:
            raise access_denied(MFA_NOT_CALLERS)
        self.mfa.consume(serial, secret, code or "", now)
        return True

    def caller_identity(self, caller: Caller) -> bytes:
        return _envelope(
            "GetCallerIdentity",
            f"<Arn>{escape(caller.arn)}</Arn><UserId>{escape(caller.user_id)}</UserId>"
            f"<Account>{caller.account_id}</Account>",
        )

    def session_token(self, caller: Caller, params: Mapping[str, str]) -> bytes:
        # No permission is needed for GetSessionToken ("you cannot use policies to control
        # authentication operations"), but session credentials may not call it.
        if caller.kind != "user":
            raise access_denied("Cannot call GetSessionToken with session credentials")
        duration = _duration(params, 43200, 129600)
        now = self.clock.now()
        mfa = self._check_mfa(caller, params, now)
        cred = TempCredential(
            access_key_id=new_key_id(),
            secret_access_key=new_secret(),
            session_token=new_session_token(),
            kind="session-token",
            account_id=caller.account_id,
            partition=caller.partition,
            issued_at=now,
            expires_at=now + timedelta(seconds=duration),
            mfa_present=mfa,
            mfa_authenticated_at=now if mfa else None,
            user_name=caller.user_name,
        )
        self.table.add(cred)
        return _envelope("GetSessionToken", _credentials_xml(cred))

    def assume_role(
        self, caller: Caller, params: Mapping[str, str], region: str, source_ip: str
    ) -> bytes:
        role_arn = params.get("RoleArn")
        if not role_arn:
            raise validation_error(
                "1 validation error detected: Value null at 'roleArn' "
                "failed to satisfy constraint: Member must not be null"
            )
        session_name = _name(params.get("RoleSessionName"), "roleSessionName", required=True)
        duration = _duration(params, 3600, 43200)
        source_identity = _name(params.get("SourceIdentity"), "sourceIdentity", required=False)
        if source_identity and source_identity.lower().startswith("aws:"):
            raise constraint(source_identity, "sourceIdentity", _NAME_RULE)
        tags = _tags(params)
        now = self.clock.now()
        mfa = self._check_mfa(caller, params, now)

        context = request_context(
            caller, now, region=region, source_ip=source_ip, mfa_in_request=mfa
        )
        decision = decide(caller, "sts:AssumeRole", role_arn, context)
        if decision is Decision.EXPLICIT_DENY:
            raise not_authorized(caller.arn, "sts:AssumeRole", role_arn, "explicit")

        backend = motoview.iam(caller.account_id, caller.partition)
        role = motoview.role_by_arn(backend, role_arn)
        inherited = caller.temp.source_identity if caller.temp is not None else None
        source_identity = inherited or source_identity
        trust_ctx = dict(context)
        trust_ctx["sts:rolesessionname"] = [str(session_name)]
        if source_identity:
            trust_ctx["sts:sourceidentity"] = [source_identity]
        if params.get("ExternalId"):
            trust_ctx["sts:externalid"] = [params["ExternalId"]]
        if tags:
            trust_ctx["aws:tagkeys"] = list(tags)
            for key, value in tags.items():
                trust_ctx[f"aws:requesttag/{key.lower()}"] = [value]
        who = Principal(caller.account_id, caller.partition, caller.principal_arns)

        def trusted(action: str) -> TrustMatch:
            if role is None:
                return TrustMatch.NONE
            return evaluate_trust(motoview.trust_policy(role), who, action, trust_ctx)

        trust = trusted("sts:AssumeRole")
        if trust in (TrustMatch.NONE, TrustMatch.DENIED):
            raise not_authorized(caller.arn, "sts:AssumeRole", role_arn, None)
        if trust is TrustMatch.ACCOUNT and decision is not Decision.ALLOW:
            raise not_authorized(caller.arn, "sts:AssumeRole", role_arn, "implicit")
        if (
            source_identity
            and not inherited
            and trusted("sts:SetSourceIdentity") in (TrustMatch.NONE, TrustMatch.DENIED)
        ):
            raise not_authorized(caller.arn, "sts:SetSourceIdentity", role_arn, None)
        if tags and trusted("sts:TagSession") in (TrustMatch.NONE, TrustMatch.DENIED):
            raise not_authorized(caller.arn, "sts:TagSession", role_arn, None)

        chained = caller.temp is not None
        if chained and duration > 3600:
            raise validation_error(DURATION_OVER_CHAINING)
        if role is None or duration > motoview.max_session_duration(role):
            raise validation_error(DURATION_OVER_ROLE_MAX)

        session_policies = []
        if params.get("Policy"):
            session_policies.append(params["Policy"])
        for member in _members(params, "PolicyArns"):
            doc = motoview.managed_policy_document(backend, member.get("arn", ""))
            session_policies.append(doc or '{"Statement": []}')

        assumed = motoview.sts(caller.account_id, caller.partition).assume_role(
            region_name=region,
            role_session_name=session_name,
            role_arn=role_arn,
            policy=params.get("Policy"),
            duration=duration,
            external_id=params.get("ExternalId"),
        )
        assumed.expiration = (now + timedelta(seconds=duration)).replace(tzinfo=None)
        cred = TempCredential(
            access_key_id=assumed.access_key_id,
            secret_access_key=assumed.secret_access_key,
            session_token=assumed.session_token,
            kind="assumed-role",
            account_id=caller.account_id,
            partition=caller.partition,
            issued_at=now,
            expires_at=now + timedelta(seconds=duration),
            mfa_present=False,
            role_arn=role.arn,
            role_name=role.name,
            role_id=role.id,
            session_name=session_name,
            source_identity=source_identity,
            tags=tags,
            chained=chained,
            session_policies=tuple(session_policies),
        )
        self.table.add(cred)
        extra = (
            f"<SourceIdentity>{escape(source_identity)}</SourceIdentity>" if source_identity else ""
        )
        if tags or session_policies:
            extra += "<PackedPolicySize>6</PackedPolicySize>"
        return _envelope(
            "AssumeRole",
            _credentials_xml(cred)
            + f"<AssumedRoleUser><AssumedRoleId>{cred.assumed_role_id}</AssumedRoleId>"
            f"<Arn>{escape(cred.assumed_role_arn)}</Arn></AssumedRoleUser>" + extra,
        )
