"""The Sandbox: moto + the enforcement layer + sign-in on one loopback port, seeded with the
seed article's account, with its own AWS config files under `home`.

Knobs for tests, each back to its default at `reset()`: `key_sessions` ("strict": a session
dies with the access key that obtained it; "lenient") and `key_propagation_seconds` (a new
access key's delay before it works), see keys.py; `cloudtrail_delay_seconds` (how late an
event reaches LookupEvents, trail.py); `fail_next(...)` (faults.py). `trail_records()`: every
CloudTrail record the sandbox wrote.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import pyotp

from .clock import SandboxClock
from .facts import (
    REGION,
    SandboxUser,
    SeededAccount,
    remembered_account,
    write_aws_files,
    write_facts,
    write_secret,
)
from .faults import Faults
from .keys import AccessKeyRules
from .knobs import Knobs
from .motostate import configure_moto, reset_moto
from .org_sandbox import OrgSandbox
from .trail import Trail

_running: list[Sandbox] = []  # at most one: moto's state is process-global
_running_lock = threading.Lock()


class Sandbox(Knobs):
    """A local AWS double. One per process: moto's state is process-global."""

    def __init__(
        self,
        home: Path,
        port: int = 0,
        seed: bool = True,
        account_id: str = "111122223333",
        *,
        key_sessions: str = "strict",
        key_propagation_seconds: float = 0.0,
        cloudtrail_delay_seconds: float = 0.0,
        organization: bool = False,
    ) -> None:
        """key_sessions, key_propagation_seconds, cloudtrail_delay_seconds: the defaults that
        reset() goes back to. organization=True: the organization sandbox (org_sandbox.py)."""
        self.home = Path(home)
        self.port = port
        self.seed = seed
        self.account_id = account_id
        self.partition = "aws"
        self.clock = SandboxClock()
        self.config_file = self.home / "aws" / "config"
        self.credentials_file = self.home / "aws" / "credentials"
        self.facts_file = self.home / "sandbox.json"
        self.organization = organization
        self.org = OrgSandbox(self.facts_file)
        self._account: SeededAccount | None = None
        self._last_seeded: SeededAccount | None = None  # keys and MFA secret survive resets
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._gateway: Any = None
        self._lock = threading.Lock()
        self._keys = AccessKeyRules(key_sessions, key_propagation_seconds)
        self._faults = Faults()
        self._trail = Trail(cloudtrail_delay_seconds)
        # what callers of its test-only endpoints (the clock) must present; new at each start
        self.secret = secrets.token_urlsafe(32)

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> Sandbox:
        with self._lock, _running_lock:
            if self._server is not None:
                return self
            if _running:
                raise RuntimeError(
                    "another Sandbox is already running in this process (moto's state is "
                    f"process-wide): use the one at {_running[0].endpoint_url}"
                )
            configure_moto()
            self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_secret(self.home, self.secret)
            from moto.moto_server.werkzeug_app import (
                DomainDispatcherApplication,
                create_backend_app,
            )

            from .server import Gateway, serve

            moto_app = DomainDispatcherApplication(create_backend_app)
            self._gateway = Gateway(
                moto_app,
                self.account_id,
                self.partition,
                self.clock,
                lambda: self.endpoint_url,
                self.secret,
                self._keys,
                self._faults,
                self._trail,
            )
            self._server = serve(self._gateway, self.port)
            self.port = int(self._server.server_port)
            server = self._server
            self._thread = threading.Thread(
                target=lambda: server.serve_forever(poll_interval=0.05),
                name="elevate-tray-sandbox",
                daemon=True,
            )
            self._thread.start()
            _running.append(self)
        self.reset(seed=self.seed)
        self._warm_up()
        return self

    def _warm_up(self) -> None:
        """Compile the policies now (ReadOnlyAccess alone takes ~80 ms; cached per process)."""
        from . import motoview, policy

        for account in self._gateway.accounts:
            backend = motoview.iam(account, self.partition)
            docs = [d for u in backend.users.values() for d in motoview.user_policies(backend, u)]
            docs += [d for r in backend.roles.values() for d in motoview.role_policies(r)]
            for doc in docs:
                policy.parse(doc)

    def stop(self) -> None:
        with self._lock, _running_lock:
            server, thread = self._server, self._thread
            self._server = self._thread = None
            if self in _running:
                _running.remove(self)
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset(self, seed: bool = True, organization: bool | None = None) -> None:
        """Wipe IAM/STS/SSM state, the sandbox's tables, clock offset and pending faults; put
        key_sessions and key_propagation_seconds back to their defaults; reseed (fast).

        seed=False leaves an empty account (no group, role or user), as for a fresh account.
        organization: True/False switches this sandbox to (or from) the organization sandbox.
        """
        if self._gateway is None:
            raise RuntimeError("start() the sandbox first")
        from . import seed as seeding

        remembered = self._last_seeded or remembered_account(self.facts_file)
        if organization is not None:
            self.organization = organization
        org = self.organization
        with self._gateway.lock:
            accounts = self.org.accounts if org else (self.account_id,)
            reset_moto(accounts, self.partition)
            self._gateway.clear()
            self._gateway.accounts, self._gateway.org = accounts, None
            self.clock.reset()
            now = self.clock.now()
            if org:
                self._account = self.org.reset(self._gateway, self.partition, seed, now)
            else:
                self._account = (
                    seeding.seed_account(self.account_id, self.partition, remembered, now)
                    if seed
                    else None
                )
                self._last_seeded = self._account or self._last_seeded
        self.seed = seed
        if org:
            self.org.write_files(self.config_file, self.credentials_file)
        else:
            write_aws_files(self.config_file, self.credentials_file, self._account)
        write_facts(self.facts_file, self._account, self.env(), self.org.facts() if org else None)

    # -- where it is -------------------------------------------------------------------
    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def signin_url(self) -> str:
        return f"{self.endpoint_url}/federation"

    @property
    def logout_url(self) -> str:
        return f"{self.endpoint_url}/oauth?Action=logout"

    def env(self) -> dict[str, str]:
        return {
            "AWS_CONFIG_FILE": str(self.config_file),
            "AWS_SHARED_CREDENTIALS_FILE": str(self.credentials_file),
            "AWS_ENDPOINT_URL": self.endpoint_url,
            "ELEVATE_TRAY_SIGNIN_URL": self.signin_url,
            "AWS_REGION": REGION,
        }

    # -- the account -------------------------------------------------------------------
    @property
    def account(self) -> SeededAccount:
        if self._account is None:
            raise RuntimeError("this sandbox has no seeded account (seed=False)")
        return self._account

    def totp(self, secret: str | None = None, *, for_time: datetime | int | None = None) -> str:
        """A code valid now by the sandbox clock (or at for_time) for the seeded device or
        the given base32 secret."""
        when = self.clock.now() if for_time is None else for_time
        return str(pyotp.TOTP(secret or self.account.mfa_secret).at(when))

    def create_user(
        self,
        name: str,
        *,
        groups: Iterable[str] = (),
        policies: Iterable[str | Mapping[str, Any]] = (),
        mfa: bool = True,
        admin: bool = False,
        account_id: str | None = None,
    ) -> SandboxUser:
        """A user in this account (or, in the organization sandbox, in `account_id`)."""
        if self._gateway is None:
            raise RuntimeError("start() the sandbox first")
        from . import seed as seeding

        with self._gateway.lock:
            return seeding.create_user(
                account_id or self.account_id,
                self.partition,
                name,
                groups=groups,
                policies=policies,
                mfa=mfa,
                admin=admin,
                now=self.clock.now(),
            )
