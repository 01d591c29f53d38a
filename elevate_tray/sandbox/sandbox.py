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
from .faults import SERVICE_FAILURE, SERVICE_FAILURE_MESSAGE, Faults
from .keys import AccessKeyRules
from .motostate import configure_moto, reset_moto
from .trail import Trail

_running: list[Sandbox] = []  # at most one: moto's state is process-global
_running_lock = threading.Lock()


class Sandbox:
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
    ) -> None:
        """key_sessions, key_propagation_seconds, cloudtrail_delay_seconds: the defaults that
        reset() goes back to."""
        self.home = Path(home)
        self.port = port
        self.seed = seed
        self.account_id = account_id
        self.partition = "aws"
        self.clock = SandboxClock()
        self.config_file = self.home / "aws" / "config"
        self.credentials_file = self.home / "aws" / "credentials"
        self.facts_file = self.home / "sandbox.json"
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
        """Compile the account's policies now (ReadOnlyAccess alone takes ~80 ms; cached per
        process), so the first elevation is as fast as the later ones."""
        from . import motoview, policy

        backend = motoview.iam(self.account_id, self.partition)
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

    def reset(self, seed: bool = True) -> None:
        """Wipe IAM/STS state, the sandbox's tables, clock offset and pending faults; put
        key_sessions and key_propagation_seconds back to their defaults; reseed (fast).

        seed=False leaves an empty account (no group, role or user), as for a fresh account.
        """
        if self._gateway is None:
            raise RuntimeError("start() the sandbox first")
        from . import seed as seeding

        remembered = self._last_seeded or remembered_account(self.facts_file)
        with self._gateway.lock:
            reset_moto(self.account_id, self.partition)
            self._gateway.clear()
            self.clock.reset()
            self._account = (
                seeding.seed_account(self.account_id, self.partition, remembered, self.clock.now())
                if seed
                else None
            )
            if self._account is not None:
                self._last_seeded = self._account
        self.seed = seed
        write_aws_files(self.config_file, self.credentials_file, self._account)
        write_facts(self.facts_file, self._account, self.env())

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

    # -- knobs for tests (keys.py, faults.py) -------------------------------------------
    @property
    def key_sessions(self) -> str:
        """ "strict": temporary credentials are refused (InvalidClientTokenId) while the
        long-term key that obtained them is not Active; "lenient": they live to their end."""
        return self._keys.key_sessions

    @key_sessions.setter
    def key_sessions(self, mode: str) -> None:
        self._keys.key_sessions = mode

    @property
    def key_propagation_seconds(self) -> float:
        """Seconds (sandbox clock) before a key from iam:CreateAccessKey works; 0: at once."""
        return self._keys.propagation_seconds

    @key_propagation_seconds.setter
    def key_propagation_seconds(self, seconds: float) -> None:
        self._keys.propagation_seconds = seconds

    @property
    def cloudtrail_delay_seconds(self) -> float:
        """Seconds (sandbox clock) before an event reaches LookupEvents; 0: at once."""
        return self._trail.delay_seconds

    @cloudtrail_delay_seconds.setter
    def cloudtrail_delay_seconds(self, seconds: float) -> None:
        self._trail.delay_seconds = seconds

    def trail_records(self) -> list[dict[str, Any]]:
        """Every CloudTrail record so far, delivered or not, oldest first."""
        return self._trail.all_records()

    def fail_next(
        self,
        action: str,
        code: str = SERVICE_FAILURE,
        message: str = SERVICE_FAILURE_MESSAGE,
        status: int = 500,
        times: int = 1,
        after: bool = False,
    ) -> None:
        """The next `times` authenticated calls of `action` ("iam:CreateAccessKey") get this
        AWS error: before anything happens (after=False) or after the call was carried out
        (after=True: a lost answer). Queued behind earlier faults for the same action."""
        self._faults.add(
            action, code=code, message=message, status=status, times=times, after=after
        )

    def faults_pending(self, action: str | None = None) -> int:
        """How many calls (of `action`, or of any) still meet a fault."""
        return self._faults.pending(action)

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
    ) -> SandboxUser:
        if self._gateway is None:
            raise RuntimeError("start() the sandbox first")
        from . import seed as seeding

        with self._gateway.lock:
            return seeding.create_user(
                self.account_id,
                self.partition,
                name,
                groups=groups,
                policies=policies,
                mfa=mfa,
                admin=admin,
                now=self.clock.now(),
            )
