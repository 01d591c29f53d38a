"""botocore sessions and clients for a profile, created the way the AWS CLI would, from the
environment the caller passes in (AppContext.environ), never os.environ behind its back.

botocore rather than boto3: the same clients, without boto3's import cost on the elevate path.
Every client the app makes comes from here, the setup engine's included.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from .awsconfig import config_path, credentials_path
from .awserrors import BAD_ENDPOINT, CallContext, credentials_error, explain, mfa_code_needed
from .errors import ConfigError, ElevateError

CONNECT_TIMEOUT = 5
READ_TIMEOUT = 10

# asks for the MFA code of a role profile (botocore's AssumeRole with mfa_serial): the
# argument is botocore's prompt text, which names the device; returns the code
MfaPrompt = Callable[[str], str]

_LOADER: Any = None


def _shared_loader() -> Any:
    """One botocore data loader per process: service models are parsed once, not per session."""
    global _LOADER
    if _LOADER is None:
        import botocore.loaders

        _LOADER = botocore.loaders.create_loader()
    return _LOADER


def botocore_session(
    profile: str | None,
    environ: Mapping[str, str] | None = None,
    mfa_prompt: MfaPrompt | None = None,
) -> Any:
    """A session whose settings, files and credential chain all come from `environ`.

    botocore reads os.environ by itself (AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL…);
    a caller may pass another environ (tests, the tray's sandbox mode), so the config store
    and the environment-reading credential providers are rebuilt over it. A role profile's
    MFA code is asked through `mfa_prompt`, never by botocore's own prompt on the terminal.
    """
    env = os.environ if environ is None else environ
    try:
        return _build_session(profile, env, mfa_prompt)
    except ElevateError:
        raise
    except Exception as exc:  # a profile that is not there, a config file that cannot be read
        raise explain(exc, CallContext(profile=profile or "")) from None


def _build_session(
    profile: str | None, env: Mapping[str, str], mfa_prompt: MfaPrompt | None
) -> Any:
    import botocore.configprovider as cp
    import botocore.credentials
    import botocore.session

    session = botocore.session.Session(profile=profile)
    session.register_component("data_loader", _shared_loader())
    chain = cp.ConfigChainFactory(session=session, environ=env)
    mapping = {
        name: chain.create_config_chain(
            instance_name=name,
            env_var_names=spec[1],
            config_property_names=spec[0],
            default=spec[2],
            conversion_func=spec[3],
        )
        for name, spec in cp.BOTOCORE_DEFAUT_SESSION_VARIABLES.items()
    }
    default_store = session.get_component("config_store")
    for section in ("s3", "proxies_config"):  # sections the app's clients never use
        mapping[section] = default_store.get_config_provider(section)
    session.register_component("config_store", cp.ConfigValueStore(mapping=mapping))
    session.set_config_variable("config_file", str(config_path(env)))
    session.set_config_variable("credentials_file", str(credentials_path(env)))

    resolver = botocore.credentials.create_credential_resolver(session)
    name = profile or env.get("AWS_PROFILE") or env.get("AWS_DEFAULT_PROFILE") or "default"
    prompt = mfa_prompt or _no_prompt(name)
    providers = list(resolver.providers)
    for provider in list(providers):  # the role providers' own sources read the environ too
        sourcer = getattr(provider, "_credential_sourcer", None)
        providers += getattr(sourcer, "_providers", [])
    for provider in providers:
        if isinstance(provider, botocore.credentials.EnvProvider):
            provider.environ = env
        elif isinstance(provider, botocore.credentials.ContainerProvider):
            provider._environ = env
        elif isinstance(provider, botocore.credentials.AssumeRoleProvider):
            provider._prompter = prompt
    session.register_component("credential_provider", resolver)
    return session


def _no_prompt(profile: str) -> MfaPrompt:
    def refuse(prompt: str) -> str:
        raise mfa_code_needed(profile)

    return refuse


def endpoint_url(session: Any, service: str, environ: Mapping[str, str]) -> str | None:
    """The endpoint the AWS CLI would use for `service`: AWS_ENDPOINT_URL_<SERVICE>, then
    AWS_ENDPOINT_URL (from `environ`), then the profile's endpoint_url settings."""
    from botocore.configprovider import ConfiguredEndpointProvider

    if session.get_config_variable("ignore_configured_endpoint_urls"):
        return None
    found = ConfiguredEndpointProvider(
        full_config=session.full_config,
        scoped_config=session.get_scoped_config(),
        client_name=service,
        environ=environ,
    ).provide()
    return str(found) if found else None


def client(
    service: str,
    *,
    profile: str | None = None,
    region: str,
    credentials: Any = None,
    environ: Mapping[str, str] | None = None,
    session: Any = None,
    attempts: int = 2,
) -> Any:
    """A client for `service`.

    `credentials` (sessions.Credentials) replaces the profile's keys; `session` (from
    botocore_session) is reused, so a role profile's AssumeRole happens once for all its
    clients. The profile's credentials are read here, so a credential_process that fails or
    prints garbage is one sentence naming the profile, not a traceback at the first call.
    """
    from botocore.config import Config

    env = os.environ if environ is None else environ
    if session is None:
        session = botocore_session(profile if credentials is None else None, env)
    config = Config(
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        # total_max_attempts counts the first try: a silent endpoint costs 2 timeouts, not 3
        retries={"mode": "standard", "total_max_attempts": attempts},
        user_agent_extra="elevate-tray",
    )
    kwargs: dict[str, Any] = {"region_name": region, "config": config}
    if credentials is not None:
        kwargs.update(
            aws_access_key_id=credentials.access_key_id,
            aws_secret_access_key=credentials.secret_access_key,
            aws_session_token=credentials.session_token or None,  # long-term keys: none
        )
    else:
        resolve_credentials(session, profile)
    try:
        endpoint = endpoint_url(session, service, env)
    except Exception as exc:  # a broken config file: the same sentence as for any other call
        raise explain(exc, CallContext(profile=profile or "")) from None
    if endpoint and not _usable_url(endpoint):
        raise ConfigError(BAD_ENDPOINT)
    if endpoint:
        kwargs["endpoint_url"] = endpoint
    try:
        return session.create_client(service, **kwargs)
    except ValueError as exc:  # botocore's "Invalid endpoint: …"
        raise ConfigError(BAD_ENDPOINT) from exc


def resolve_credentials(session: Any, profile: str | None) -> None:
    """Read the profile's credentials now (running its credential_process, asking a role's
    MFA code), so that whatever goes wrong is said once, naming the profile."""
    name = profile or session.get_config_variable("profile") or "default"
    try:
        found = session.get_credentials()
        if found is not None:
            found.get_frozen_credentials()
    except ElevateError:
        raise
    except Exception as exc:
        raise credentials_error(exc, name, _uses_process(session, name)) from None


def _uses_process(session: Any, name: str) -> str | None:
    """The profile whose credential_process supplies `name`'s keys (itself, or a source
    profile it assumes its role from), if any: an error reading them is that command's."""
    try:
        profiles = session.full_config.get("profiles", {})
    except Exception:  # the config itself cannot be read: not the process's fault
        return None
    seen: set[str] = set()
    while name in profiles and name not in seen:
        seen.add(name)
        values = profiles[name]
        if values.get("credential_process"):
            return name
        name = values.get("source_profile", "")
    return None


def _usable_url(url: str) -> bool:
    import urllib.parse

    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url
