"""A browser stand-in (real browsers cannot run here): run as `python standin_browser.py
RECORD [ARGS...]`, it appends {"args": [...], "ppid": N} as one JSON line to RECORD.args
and, as a browser would, fetches every loopback hand-off it was given (also inside an
`ext+container:` URL) without following the redirect. RECORD gets one line per URL it
"opened": where a hand-off sent it (its Location), or the URL itself. Stdlib only: it may
run as another uid, or from a PATH of stand-ins named like browsers.

What a test needs it to do, it reads from its environment: STANDIN_IGNORE=1 fetches
nothing (a browser that never opened); STANDIN_GO=FILE waits for FILE before fetching;
STANDIN_HOLD=FILE stays alive after fetching until FILE exists (a browser still running).
Each wait is bounded (60 s), so a failed test never leaves it behind for long.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import sys
import time
import urllib.parse


def reached(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "ext+container":
        inner = urllib.parse.parse_qs(url.split(":", 1)[1]).get("url", [""])[0]
        return reached(inner) if inner else url
    handoff = re.fullmatch(r"/[A-Za-z0-9_-]{20,}", parts.path) and not parts.query
    if parts.scheme != "http" or parts.hostname != "127.0.0.1" or not handoff:
        return url  # not a hand-off (the sandbox's logout page, say): "opened" as it is
    conn = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=10)
    try:
        conn.request("GET", parts.path)
        answer = conn.getresponse()
        return answer.getheader("Location") or f"status {answer.status}"
    finally:
        conn.close()


def wait_for(path: str | None) -> None:
    end = time.monotonic() + 60
    while path and not os.path.exists(path) and time.monotonic() < end:
        time.sleep(0.02)


def main(argv: list[str]) -> None:
    record, args = argv[0], argv[1:]
    with open(record + ".args", "a", encoding="utf-8") as f:
        f.write(json.dumps({"args": args, "ppid": os.getppid()}) + "\n")
    if os.environ.get("STANDIN_IGNORE"):
        return
    wait_for(os.environ.get("STANDIN_GO"))
    urls = [a for a in args if "://" in a or a.startswith("ext+container:")]
    lines = [reached(u) for u in urls]
    with open(record, "a", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))
    wait_for(os.environ.get("STANDIN_HOLD"))


if __name__ == "__main__":
    main(sys.argv[1:])
