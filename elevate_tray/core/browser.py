"""Opening a URL in the browser without letting the launcher talk.

A launcher's stderr can carry the URL it was given (gio prints it whole), and the sign-in
URL holds a token: every launcher runs with its standard streams on /dev/null, in its own
session, and is never waited for (a browser that stays in the foreground must not block
an elevation).
"""

from __future__ import annotations

import shlex
import subprocess
import threading

from .errors import ConfigError, Phrase

BROWSER_COMMAND_BAD = (
    "The browser command in settings cannot be read (check its quotes); fix browser_command "
    "or leave it empty for the default browser."
)
NO_BROWSER = "No web browser could be opened on this computer."


class BrowserUnavailable(ConfigError):
    """No browser could be started: the caller says what to do instead (--print-url, settings)."""


def _spawn(args: list[str]) -> None:
    proc = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # reap it whenever the browser (launcher) exits, without making the caller wait
    threading.Thread(target=proc.wait, name="browser-reaper", daemon=True).start()


def _configured(url: str, command: str) -> None:
    try:
        args = shlex.split(command)
    except ValueError:
        raise BrowserUnavailable(BROWSER_COMMAND_BAD) from None
    if not args:
        raise BrowserUnavailable(BROWSER_COMMAND_BAD)
    args = [a.replace("{url}", url) for a in args] if "{url}" in command else [*args, url]
    try:
        _spawn(args)
    except OSError:  # the message would not hold the URL, but say it plainly anyway
        raise BrowserUnavailable(
            Phrase(
                "The browser command in settings could not be started ({program}); fix "
                "browser_command or leave it empty for the default browser.",
                program=args[0],
            )
        ) from None


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


def open_url(url: str, browser_command: str = "") -> None:
    """The configured browser command ({url} is replaced, else appended), or the default."""
    if browser_command:
        _configured(url, browser_command)
    else:
        _default(url)
