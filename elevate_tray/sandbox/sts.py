"""STS as AWS enforces it: MFA codes, durations, trust policies, role chaining, SourceIdentity
and session tags. moto keeps the assumed-role records; the rules live here."""

from __future__ import annotations

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
from .sts_params import (
    check_duration,
    check_name,
    check_source_identity,
    check_token_code,
    list_members,
    session_tags,
)

NS = "https://sts.amazonaws.com/doc/2011-06-15/"


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


def _account_of(arn: str) -> str | None:
    """The 12-digit account of an ARN (arn:aws:iam::ACCOUNT:role/...), else None."""
    parts = arn.split(":")
    account = parts[4] if len(parts) > 5 else ""
    return account if len(account) == 12 and account.isdigit() else None


class Sts:
    def __init__(self, table: CredentialTable, mfa: MfaCodes, clock: SandboxClock) -> None:
        self.table = table
        self.mfa = mfa
        self.clock = clock

    def _check_mfa(self, caller: Caller, params: Mapping[str, str], now: datetime) -> bool:
        serial, code = params.get("SerialNumber"), params.get("TokenCode")
        if serial is None and code is None:
            return False
        if code is not None:
            check_token_code(code)
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
        duration = check_duration(params, 43200, 129600)
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
            source_key_id=caller.access_key_id,
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
        session_name = check_name(params.get("RoleSessionName"), "roleSessionName", required=True)
        duration = check_duration(params, 3600, 43200)
        source_identity = check_source_identity(params.get("SourceIdentity"))
        tags = session_tags(params)
        now = self.clock.now()
        mfa = self._check_mfa(caller, params, now)

        context = request_context(
            caller, now, region=region, source_ip=source_ip, mfa_in_request=mfa
        )
        decision = decide(caller, "sts:AssumeRole", role_arn, context)
        if decision is Decision.EXPLICIT_DENY:
            raise not_authorized(caller.arn, "sts:AssumeRole", role_arn, "explicit")

        # the role lives in its ARN's account (cross-account: the caller's own policies must
        # allow sts:AssumeRole on it, whatever its trust policy says)
        role_account = _account_of(role_arn) or caller.account_id
        cross_account = role_account != caller.account_id
        if cross_account and decision is not Decision.ALLOW:
            raise not_authorized(caller.arn, "sts:AssumeRole", role_arn, "implicit")
        backend = motoview.iam(role_account, caller.partition)
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
        # A source identity set earlier in a role chain travels on, and every role it
        # reaches must allow sts:SetSourceIdentity too. With the account as the principal,
        # the caller's own policies must allow each of these actions as well (IAM user guide:
        # session tags, source identity).
        extras = (["sts:SetSourceIdentity"] if source_identity else []) + (
            ["sts:TagSession"] if tags else []
        )
        for extra_action in extras:
            extra_trust = trusted(extra_action)
            if extra_trust in (TrustMatch.NONE, TrustMatch.DENIED):
                raise not_authorized(caller.arn, extra_action, role_arn, None)
            own = decide(caller, extra_action, role_arn, trust_ctx)
            if own is Decision.EXPLICIT_DENY:
                raise not_authorized(caller.arn, extra_action, role_arn, "explicit")
            if (extra_trust is TrustMatch.ACCOUNT or cross_account) and own is not Decision.ALLOW:
                raise not_authorized(caller.arn, extra_action, role_arn, "implicit")

        chained = caller.temp is not None
        if chained and duration > 3600:
            raise validation_error(DURATION_OVER_CHAINING)
        if role is None or duration > motoview.max_session_duration(role):
            raise validation_error(DURATION_OVER_ROLE_MAX)

        session_policies = []
        if params.get("Policy"):
            session_policies.append(params["Policy"])
        for member in list_members(params, "PolicyArns"):
            doc = motoview.managed_policy_document(backend, member.get("arn", ""))
            session_policies.append(doc or '{"Statement": []}')

        assumed = motoview.sts(role_account, caller.partition).assume_role(
            region_name=region,
            role_session_name=str(session_name),
            role_arn=role_arn,
            policy=params.get("Policy", ""),
            duration=duration,
            external_id=params.get("ExternalId", ""),
        )
        assumed.expiration = (now + timedelta(seconds=duration)).replace(tzinfo=None)
        cred = TempCredential(
            access_key_id=assumed.access_key_id,
            secret_access_key=assumed.secret_access_key,
            session_token=assumed.session_token,
            kind="assumed-role",
            account_id=role_account,
            partition=caller.partition,
            issued_at=now,
            expires_at=now + timedelta(seconds=duration),
            mfa_present=False,
            # CloudTrail's mfaAuthenticated; policies see no MFA in role sessions (design)
            mfa_authenticated_at=now
            if mfa
            else (caller.temp.mfa_authenticated_at if caller.temp is not None else None),
            role_arn=role.arn,
            role_name=role.name,
            role_id=role.id,
            session_name=session_name,
            source_identity=source_identity,
            tags=tags,
            chained=chained,
            session_policies=tuple(session_policies),
            source_key_id=(
                caller.temp.source_key_id if caller.temp is not None else caller.access_key_id
            ),
            source_account_id=(
                caller.temp.key_account_id if caller.temp is not None else caller.account_id
            ),
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
