"""The setup engine in one object: what the CLI and the wizard drive. No Qt here."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.awsclients import MfaPrompt
from ..core.errors import AccessDenied, ConfigError, Phrase
from . import members as _members
from .adopt import Records
from .apply import StepCallback, run_steps
from .aws import AdminSession, aws_errors, caller_account, mfa_session, open_session, paginate
from .doctor import Finding, diagnose
from .model import Account, Names, SetupOptions
from .plan import Plan, Step, make_plan
from .profile import (
    TargetProfile,
    asked_durations,
    remove_setup_profiles,
    settle_profile,
    write_target_profile,
)
from .teardown import teardown_plan

log = logging.getLogger(__name__)


@dataclass
class ApplyResult:
    plan: Plan
    done: list[Step]
    again: Plan | None  # the plan afterwards (None: the caller, now a member, may not read)


class SetupEngine:
    """Plan, apply, doctor and teardown for one admin profile and one set of options."""

    def __init__(
        self,
        session: AdminSession,
        options: SetupOptions,
        environ: Mapping[str, str] | None = None,
        profile: str | None = None,
    ) -> None:
        self.environ = dict(os.environ if environ is None else environ)
        self.session = session
        self.options = options
        self.profile = profile
        self._account: Account | None = None
        self._clients: dict[str, Any] = {}

    @classmethod
    def for_profile(
        cls,
        profile: str | None,
        options: SetupOptions,
        environ: Mapping[str, str] | None = None,
        mfa_prompt: MfaPrompt | None = None,
    ) -> SetupEngine:
        """`mfa_prompt` answers a role profile's mfa_serial (none: such a profile is refused)."""
        env = dict(os.environ if environ is None else environ)
        return cls(open_session(profile, env, mfa_prompt), options, env, profile)

    def client(self, service: str) -> Any:
        if service not in self._clients:
            self._clients[service] = self.session.client(service)
        return self._clients[service]

    @property
    def iam(self) -> Any:
        return self.client("iam")

    def with_options(self, options: SetupOptions) -> SetupEngine:
        engine = SetupEngine(self.session, options, self.environ, self.profile)
        engine._account, engine._clients = self._account, self._clients
        return engine

    # -- who and where ---------------------------------------------------------------------
    @property
    def account(self) -> Account:
        if self._account is None:
            self._account = caller_account(self.client("sts"), self.session)
        return self._account

    @property
    def names(self) -> Names:
        return Names(self.options, self.account)

    def caller_mfa_serials(self) -> list[str]:
        user = self.account.caller_user
        if not user:
            return []
        with aws_errors(Phrase("list your MFA devices"), self.session.name):
            try:
                devices = paginate(self.iam, "list_mfa_devices", "MFADevices", UserName=user)
            except self.iam.exceptions.NoSuchEntityException:
                return []
        return [d["SerialNumber"] for d in devices]

    def use_mfa(self, code: str, serial: str | None = None) -> None:
        """Continue with an MFA session (needed once the caller's keys are in the group)."""
        serial = serial or next(iter(self.caller_mfa_serials()), None)
        if not serial:
            raise ConfigError("Your user has no MFA device, so an MFA code cannot be used.")
        self.session = mfa_session(self.client("sts"), self.session, serial, code)
        self._clients = {}

    # -- the setup -------------------------------------------------------------------------
    @property
    def records(self) -> Records:
        """The user-only file where adopted roles' and groups' previous state is kept."""
        return Records.for_names(self.names, self.environ)

    def plan(self) -> Plan:
        return make_plan(self.iam, self.names, self.records)

    def apply(
        self, reviewed: Plan | None = None, on_step: StepCallback | None = None
    ) -> ApplyResult:
        """Apply the current plan; when a reviewed plan is given it must still be the plan."""
        plan = self.plan()
        if reviewed is not None and not reviewed.same_changes(plan):
            raise ConfigError(
                "The account changed since the plan was shown; review the new plan and apply again."
            )
        refusal = plan.refusal()
        if refusal:  # before anything is touched
            raise ConfigError(sentence=refusal)
        done = run_steps(self.iam, plan, on_step)
        try:
            again: Plan | None = self.plan()
        except AccessDenied:  # the caller just joined the group: its keys now need MFA
            again = None
        return ApplyResult(plan, done, again)

    def doctor(self) -> list[Finding]:
        return diagnose(self.iam, self.names, asked_durations(self.names.role_arn, self.environ))

    def teardown_plan(self) -> Plan:
        return teardown_plan(self.iam, self.names, self.records)

    def teardown(self, reviewed: Plan | None = None, on_step: StepCallback | None = None) -> Plan:
        plan = self.teardown_plan()
        if reviewed is not None and not reviewed.same_changes(plan):
            raise ConfigError(
                "The account changed since the teardown plan was shown; review it again."
            )
        run_steps(self.iam, plan, on_step)
        remove_setup_profiles(self.environ, self.names)  # the local profiles it wrote
        return plan

    # -- members and MFA -------------------------------------------------------------------
    def list_users(self) -> list[str]:
        return _members.list_users(self.iam)

    def member_status(self, users: list[str] | None = None) -> list[_members.MemberStatus]:
        chosen = list(self.options.members) if users is None else users
        return _members.member_status(self.iam, self.options.group_name, chosen)

    def create_mfa_device(self, user: str | None = None) -> _members.NewMfaDevice:
        who = user or self.account.caller_user
        if not who:
            raise ConfigError("Only an IAM user can have an MFA device; this profile is not one.")
        return _members.create_virtual_mfa(self.iam, who, self.account.account_id)

    def enable_mfa_device(self, device: _members.NewMfaDevice, code1: str, code2: str) -> None:
        _members.enable_mfa(self.iam, device, code1, code2)

    def discard_mfa_device(self, device: _members.NewMfaDevice) -> None:
        _members.discard_mfa(self.iam, device)

    # -- the local target ------------------------------------------------------------------
    def target_profile(
        self,
        name: str | None = None,
        source_profile: str | None = None,
        mfa_serial: str | None = None,
        region: str | None = None,
    ) -> TargetProfile:
        source = source_profile or self.session.name
        serial = mfa_serial or next(iter(self.caller_mfa_serials()), None)
        drafted = TargetProfile(
            name=name or default_target_name(self.account),
            role_arn=self.names.role_arn,
            source_profile=source,
            mfa_serial=serial,
            region=region or self.session.region_name or self.account.region,
            duration_seconds=min(3600, self.options.max_session_duration),
        )
        return settle_profile(drafted, self.environ, self.iam, self.names, name is not None)

    def write_target(self, profile: TargetProfile) -> Path:
        return write_target_profile(
            profile,
            self.environ,
            allows_source_identity=self.options.allow_source_identity,
            allows_session_tags=self.options.allow_session_tags,
            max_duration=self.options.max_session_duration,
        )


def default_target_name(account: Account) -> str:
    return f"admin-{account.account_id}"


def options_from(**kwargs: Any) -> SetupOptions:
    """SetupOptions from keyword arguments, ignoring Nones (the CLI's unset flags)."""
    return replace(SetupOptions(), **{k: v for k, v in kwargs.items() if v is not None})
