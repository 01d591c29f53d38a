"""Opening a URL in the browser the user chose for a target, without letting it talk.

A launcher's stderr can carry the URL it was given (gio prints it whole): every browser
runs with its standard streams on /dev/null, in its own session, and is never waited for
(a browser that stays in the foreground must not block an elevation). The URL is whatever
the caller passes (the console flow passes its loopback hand-off, never the sign-in URL),
and no sentence said here holds it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from . import browsers
from .commandline import launch_environment
from .errors import ConfigError, Phrase

if TYPE_CHECKING:
    from .settings import Settings

BROWSER_COMMAND_BAD = (
    "The Browser command in Settings cannot be read (check its quotes): fix it in Settings, "
    "or leave it empty for the default browser."
)
NO_BROWSER = "No web browser could be opened on this computer."


class BrowserUnavailable(ConfigError):
    """No browser could be started: the caller says what to do instead (--print-url, settings)."""


@dataclass(frozen=True)
class BrowserChoice:
    """Where a target's console opens: a kind of core.browsers.KINDS (never the app
    default: for_target resolves it) with what that kind needs."""

    kind: str = browsers.SYSTEM_DEFAULT
    program: str = ""  # chromium, firefox, firefox-container: the executable
    profile: str = ""  # Chromium: the profile directory; Firefox: the profile Name
    command: str = ""  # custom: a command line, {url} replaced (else appended)
    app_default: bool = False  # the global Browser command: its own sentences

    @classmethod
    def for_target(cls, settings: Settings, target_name: str) -> BrowserChoice:
        ts = settings.target(target_name)
        if ts.browser == browsers.APP_DEFAULT:
            return cls.app(settings.browser_command)
        return cls(ts.browser, ts.browser_program, ts.browser_profile, ts.browser_command)

    @classmethod
    def app(cls, browser_command: str) -> BrowserChoice:
        """The app default: the global Browser command when set, else the system default."""
        if browser_command:
            return cls(browsers.CUSTOM, command=browser_command, app_default=True)
        return cls(browsers.SYSTEM_DEFAULT, app_default=True)


def container_url(url: str, target_name: str) -> str:
    """The extension's form, each value URL-encoded (it decodes them as a query string)."""
    values = {
        "name": target_name,
        "color": browsers.container_colour(target_name),
        "icon": browsers.container_icon(target_name),
        "url": url,
    }
    return "ext+container:" + "&".join(f"{k}={quote(v, safe='')}" for k, v in values.items())


def browser_argv(
    url: str, choice: BrowserChoice, target_name: str, environ: Mapping[str, str], home: Path
) -> list[str]:
    """The command line that opens url as chosen (not for the system default)."""
    if choice.kind == browsers.CUSTOM:
        args = _custom(url, choice, target_name)
        return [_program(args[0], choice, target_name, environ), *args[1:]]
    name = choice.program or ("firefox" if choice.kind != browsers.CHROMIUM else "")
    program = _program(name, choice, target_name, environ)
    if choice.kind == browsers.CHROMIUM:
        flags = [f"--profile-directory={choice.profile}"] if choice.profile else []
        return [program, *flags, url]
    profile = ["-P", choice.profile] if choice.profile else []
    if choice.kind == browsers.FIREFOX:
        return [program, *profile, "--new-tab", url]
    found = browsers.firefox_profile(home, choice.profile)
    if not browsers.container_installed(found.path if found else None):
        raise BrowserUnavailable(
            Phrase(
                "The Firefox profile {profile} chosen for {target} in Settings does not have the "
                "“Open external links in a container” extension, and Firefox would search the "
                "web for the address: install the extension in that profile, or choose another "
                "Browser for {target}.",
                profile=choice.profile or (found.key if found else Phrase("(its default)")),
                target=target_name,
            )
        )
    return [program, *profile, container_url(url, target_name)]


def _custom(url: str, choice: BrowserChoice, target_name: str) -> list[str]:
    try:
        args = shlex.split(choice.command)
    except ValueError:
        args = []
    if not args or "{url}" in args[0]:  # no program to start: never said with the URL in it
        if choice.app_default:
            raise BrowserUnavailable(BROWSER_COMMAND_BAD)
        raise BrowserUnavailable(
            Phrase(
                "The Browser command for {target} in Settings cannot be read (check its "
                "quotes): fix it in Settings, or choose another Browser for {target}.",
                target=target_name,
            )
        )
    if "{url}" in choice.command:
        return [a.replace("{url}", url) for a in args]
    return [*args, url]


def _program(name: str, choice: BrowserChoice, target_name: str, environ: Mapping[str, str]) -> str:
    """The executable's path, looked up on the PATH of environ (the app's, not ours)."""
    found = shutil.which(name, path=environ.get("PATH", os.defpath)) if name else None
    if not found:
        raise _not_started(choice, target_name, name)
    return found


def _not_started(choice: BrowserChoice, target_name: str, program: str) -> BrowserUnavailable:
    if choice.app_default:
        return BrowserUnavailable(
            Phrase(
                "The Browser command in Settings could not be started ({program}): fix it in "
                "Settings, or leave it empty for the default browser.",
                program=program,
            )
        )
    return BrowserUnavailable(
        Phrase(
            "The Browser chosen for {target} in Settings could not be started ({program}): "
            "choose it again in Settings, or choose another Browser for {target}.",
            target=target_name,
            program=program or "?",
        )
    )


def _spawn(args: list[str]) -> None:
    import subprocess  # here: not on the idle tray's start

    proc = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=launch_environment(),  # frozen: never the bundle's libraries for a browser
    )
    # reap it whenever the browser (launcher) exits, without making the caller wait
    threading.Thread(target=proc.wait, name="browser-reaper", daemon=True).start()


def _default(url: str) -> None:
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        raise BrowserUnavailable(NO_BROWSER) from None
    argv: list[str] | None = None
    if isinstance(browser, webbrowser.GenericBrowser):  # BROWSER=..., xdg-open, gio, …
        argv = [browser.name, *(a.replace("%s", url) for a in browser.args)]
        if "%s" not in " ".join(browser.args):
            argv.append(url)
    elif isinstance(browser, webbrowser.UnixBrowser):  # firefox, chromium, …
        argv = [browser.name, url]
    if argv is None:  # macOS and Windows: the system's own call, which prints nothing
        if not browser.open(url, new=2):
            raise BrowserUnavailable(NO_BROWSER)
        return
    try:
        _spawn(argv)
    except OSError:
        raise BrowserUnavailable(NO_BROWSER) from None


def open_in(
    url: str,
    choice: BrowserChoice,
    *,
    target_name: str = "",
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> None:
    """Open url as chosen, detached; BrowserUnavailable (one sentence naming the Settings
    field and the program, never the URL) when it cannot start."""
    if choice.kind == browsers.SYSTEM_DEFAULT:
        _default(url)
        return
    env = os.environ if environ is None else environ
    where = home if home is not None else Path(env.get("HOME") or Path.home())
    args = browser_argv(url, choice, target_name, env, where)
    try:
        _spawn(args)
    except OSError:  # the message would not hold the URL, but say it plainly anyway
        raise _not_started(choice, target_name, args[0]) from None


def open_url(url: str, browser_command: str = "") -> None:
    """The app default: the Browser command ({url} is replaced, else appended), or the
    system default browser."""
    open_in(url, BrowserChoice.app(browser_command))
