"""The Organization setup in one object: the org profile (management account or a delegated
administrator) for Organizations and StackSets, the identity profile for the hub side (the
single-account engine) and the published account list. No Qt here."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..core import org_accounts as fmt
from ..core.awsclients import MfaPrompt
from ..core.clock import Clock, SystemClock
from ..core.errors import AccessDenied, ConfigError
from .apply import StepCallback, run_steps
from .aws import AdminSession, caller_account, open_session
from .engine import SetupEngine
from .model import Account
from .org_apply import (
    OPERATIONS,
    AccountCallback,
    AccountResult,
    OrgContext,
    follow_operation,
)
from .org_model import OrgOptions, template_parameters
from .org_notes import org_notes
from .org_observe import OrgState, observe_org
from .org_plan import OrgPlan, org_steps
from .org_policy import (
    POLICY_OPERATIONS,
    POLICY_TEARDOWN_OPERATIONS,
    org_policy_step,
    read_org_policy,
    teardown_step,
)
from .org_publish import (
    current_list,
    delete_list,
    publish_step,
    read_published,
    stamped,
    write_list,
)
from .org_run import accounts_failed, run_org_steps
from .org_teardown import TEARDOWN_OPERATIONS, OrgTeardownPlan, org_teardown_steps
from .render import render_org_file
from .steps import Step

log = logging.getLogger(__name__)


@dataclass
class OrgApplyResult:
    plan: OrgPlan
    done: list[Step]
    failed: list[AccountResult]
    again: OrgPlan | None


class OrgEngine:
    def __init__(
        self,
        org_session: AdminSession,
        identity: SetupEngine,
        options: OrgOptions,
        clock: Clock | None = None,
    ) -> None:
        self.org_session = org_session
        self.identity = identity
        self.options = options
        self.clock: Clock = clock or SystemClock()
        self._org_account: Account | None = None
        self._clients: dict[str, Any] = {}

    @classmethod
    def for_profiles(
        cls,
        org_profile: str,
        identity_profile: str,
        options: OrgOptions,
        environ: Mapping[str, str] | None = None,
        clock: Clock | None = None,
        mfa_prompt: Callable[[str], MfaPrompt | None] | None = None,
    ) -> OrgEngine:
        """`mfa_prompt(profile)` answers a role profile's mfa_serial (none: refused)."""
        env = dict(os.environ if environ is None else environ)

        def ask(profile: str) -> MfaPrompt | None:
            return mfa_prompt(profile) if mfa_prompt else None

        session = open_session(org_profile, env, ask(org_profile))
        identity = SetupEngine.for_profile(
            identity_profile, options.identity, env, ask(identity_profile)
        )
        return cls(session, identity, options, clock)

    def client(self, service: str) -> Any:
        if service not in self._clients:
            self._clients[service] = self.org_session.client(service)
        return self._clients[service]

    @property
    def org_account(self) -> Account:
        if self._org_account is None:
            self._org_account = caller_account(self.client("sts"), self.org_session)
        return self._org_account

    @property
    def region(self) -> str:
        return self.org_session.region_name

    @property
    def ssm(self) -> Any:
        """The identity account's SSM, in the published list's Region of its partition."""
        if "ssm" not in self.identity._clients:
            region = fmt.home_region(self.identity.account.partition)
            session = self.identity.session
            home = AdminSession(
                session.botocore_session,
                session.profile,
                region,
                session.environ,
                session.credentials,
            )
            self.identity._clients["ssm"] = home.client("ssm")
        return self.identity._clients["ssm"]

    def context(self, state: OrgState, on_account: AccountCallback | None = None) -> OrgContext:
        return OrgContext(
            self.client("cloudformation"),
            state.call_as,
            self.region,
            self.clock,
            on_account,
            org=self.client("organizations"),
            records=self.identity.records,
        )

    # -- the plan ---------------------------------------------------------------------------
    def observe(self, options: OrgOptions | None = None) -> OrgState:
        chosen = options or self.options
        return observe_org(
            self.client("organizations"),
            self.client("cloudformation"),
            self.org_account.account_id,
            chosen,
        )

    def wanted_list(self, state: OrgState) -> fmt.PublishedList:
        o = self.options.identity
        return fmt.PublishedList(
            organization=state.organization_id,
            identity_account=self.identity.account.account_id,
            admin_role=o.role_name,
            readonly_role=o.readonly_role_name,
            published="",
            accounts=tuple(state.accounts),
            ous=tuple(fmt.OrgUnit(ou, name) for ou, name in state.ou_names.items()),
            account_filter=self.options.accounts,
        )

    def plan(self) -> OrgPlan:
        if not self.options.ous:
            raise ConfigError("Name at least one organizational unit with --ou ou-....")
        state = self.observe()
        identity = self.identity.account
        parameters = template_parameters(
            self.options.identity, identity.account_id, self.org_account.partition
        )
        names = self.identity.names
        management = state.call_as == "SELF"
        policy = org_policy_step(self.client("organizations"), management, names, self.options)
        steps = org_steps(state, parameters, self.region, bool(self.options.accounts))
        plan = OrgPlan(
            state=state,
            identity_account=identity.account_id,
            region=self.region,
            parameters=parameters,
            trust_policy=render_org_file("organization/MemberRoleTrustPolicy.json", names),
            steps=steps + ([policy] if policy else []),
            hub=self.identity.plan(),
            publish=publish_step(self.wanted_list(state), read_published(self.ssm)),
            notes=org_notes(state, names, identity.account_id, policy, self.options),
        )
        return plan

    # -- apply ------------------------------------------------------------------------------
    def apply(
        self,
        reviewed: OrgPlan | None = None,
        on_step: StepCallback | None = None,
        on_account: AccountCallback | None = None,
    ) -> OrgApplyResult:
        plan = self.plan()
        ctx = self.context(plan.state, on_account)
        if plan.state.running_operation:  # an interrupted apply's operation: finish it first
            follow_operation(ctx, plan.state.running_operation)
            plan = self.plan()
        elif reviewed is not None and not reviewed.same_changes(plan):
            raise ConfigError(
                "The organization changed since the plan was shown; review the new plan and "
                "apply again."
            )
        refusal = plan.refusal()
        if refusal:
            raise ConfigError(sentence=refusal)
        todo = plan.changes
        done = run_org_steps(
            ctx,
            [s for s in plan.steps if s.changes],
            {**OPERATIONS, **POLICY_OPERATIONS},
            on_step,
            len(todo),
        )
        if plan.hub.changes:
            done += run_steps(self.identity.iam, plan.hub, on_step)
        if plan.publish.changes:
            if on_step:
                on_step(len(done) + 1, plan.publish, "running", None)
            now = read_published(self.ssm)
            write_list(self.ssm, stamped(self.wanted_list(plan.state), self.clock), now)
            done.append(plan.publish)
            if on_step:
                on_step(len(done), plan.publish, "done", None)
        assert ctx.failed is not None
        try:
            again: OrgPlan | None = self.plan()
        except AccessDenied:
            again = None
        if ctx.failed:
            raise accounts_failed(ctx.failed)
        return OrgApplyResult(plan, done, list(ctx.failed), again)

    def publish(self) -> tuple[list[str], fmt.PublishedList]:
        """Re-publish the list only: the chosen OUs' accounts (or those deployed to)."""
        options = self.options
        if not options.ous:
            deployed = sorted(self.observe(replace(options, ous=())).targeted_ous())
            if not deployed:
                raise ConfigError(
                    "There is no StackSet deployment to publish; name the OUs with --ou, or "
                    "run `elevate-tray setup org apply` first."
                )
            options = replace(options, ous=tuple(deployed))
        state = self.observe(options)
        wanted = stamped(self.wanted_list(state), self.clock)
        return write_list(self.ssm, wanted, read_published(self.ssm)), wanted

    def published(self) -> fmt.PublishedList | None:
        return current_list(read_published(self.ssm))

    # -- teardown ---------------------------------------------------------------------------
    def teardown_plan(self) -> OrgTeardownPlan:
        state = self.observe(replace(self.options, ous=()))
        now = read_org_policy(self.client("organizations")) if state.call_as == "SELF" else None
        policy = teardown_step(now, self.identity.records)
        return OrgTeardownPlan(
            state,
            org_teardown_steps(state) + ([policy] if policy else []),
            self.identity.teardown_plan(),
            read_published(self.ssm),
        )

    def teardown(
        self,
        reviewed: OrgTeardownPlan | None = None,
        on_step: StepCallback | None = None,
        on_account: AccountCallback | None = None,
    ) -> OrgTeardownPlan:
        plan = self.teardown_plan()
        if reviewed is not None and not reviewed.same_changes(plan):
            raise ConfigError(
                "The organization changed since the teardown plan was shown; review it again."
            )
        ctx = self.context(plan.state, on_account)
        org = [s for s in plan.steps if s.changes]
        ops = {**TEARDOWN_OPERATIONS, **POLICY_TEARDOWN_OPERATIONS}
        run_org_steps(ctx, org, ops, on_step, len(plan.changes))
        assert ctx.failed is not None
        if ctx.failed:
            raise accounts_failed(ctx.failed, teardown=True)
        self.identity.teardown(plan.hub, on_step)
        if plan.published:
            if on_step:
                on_step(len(plan.changes), plan.publish_step, "running", None)
            delete_list(self.ssm, plan.published)
            if on_step:
                on_step(len(plan.changes), plan.publish_step, "done", None)
        return plan
