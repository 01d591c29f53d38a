"""The hand-off where a platform cannot tell who owns a loopback connection: a file:// page.

The page holds the sign-in URL, so it lives in a fresh folder only the user can enter (0700)
and is itself only the user's (0600); the hand-off deletes the folder at its timeout. The page
goes on at once (a script, and a meta refresh where scripts are off) and sends no referrer.
Stdlib-only.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
from pathlib import Path

PAGE_NAME = "console.html"


def redirect_page(target_url: str) -> str:
    """An HTML page that goes to target_url at once, telling it nothing of where from."""
    attr = html.escape(target_url, quote=True)
    script = json.dumps(target_url).replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta http-equiv="refresh" content="0;url={attr}">\n'
        f"<script>location.replace({script});</script>\n"
        "<title>AWS console</title></head><body></body></html>\n"
    )


def write_page(target_url: str, runtime_dir: Path | None) -> Path:
    """A new user-only folder under runtime_dir (the system's temporary folder if None)
    holding PAGE_NAME, the redirect page; the caller deletes the folder."""
    folder = Path(tempfile.mkdtemp(prefix="handoff-", dir=runtime_dir))  # mode 0700
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(folder / PAGE_NAME, flags, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), 0o600)  # whatever the umask left
            out.write(redirect_page(target_url))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder
