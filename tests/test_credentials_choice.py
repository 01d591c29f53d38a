"""Which session answers `credentials`: the fast path (fastpath.pick_entry on the file as it
lies on disk) and the slow path (SessionStore.answering, through the store) pick the same
session for every state file, malformed ones included, and the pick follows the rule in
core/choice.py."""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elevate_tray.core.clock import ManualClock, format_iso
from elevate_tray.core.paths import app_dirs
from elevate_tray.core.secrets import FileStore
from elevate_tray.core.sessions import SessionStore
from tests.test_core_sessions import T0

NOW = T0
TARGETS = ["prod", "dev", "me"]
KEYS = ["prod", "dev", "readonly:me", "readonly:dev", "me"]
GARBAGE = st.one_of(st.none(), st.integers(-5, 5), st.text(max_size=3), st.just([]), st.just({}))


def times(low: int = -120, high: int = 120) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda m: format_iso(NOW + timedelta(minutes=m)))


BAD_FIELDS = {
    "key": st.sampled_from(["other", 5]),
    "kind": st.sampled_from(["root", 7, None, "read-only", "admin"]),
    "target": st.one_of(st.sampled_from(TARGETS), GARBAGE),
    "account": GARBAGE.filter(lambda v: not isinstance(v, str)),
    "started_at": st.one_of(GARBAGE, st.just("2026-13-40T99:00:00Z"), times()),
    "expires_at": st.one_of(GARBAGE, st.just("not a time"), times()),
    "store": st.sampled_from(["vault", 4, None]),
    "reason": st.one_of(st.integers(), st.just([])),
    "chained": st.sampled_from(["yes", 1, None]),
    "secret_file": st.sampled_from([5, [], None]),
}


@st.composite
def entry(draw: st.DrawFn, key: str) -> Any:
    """Mostly a well-formed entry; often one field of the wrong type; sometimes garbage."""
    if draw(st.integers(0, 9)) == 0:
        return draw(GARBAGE)
    e: dict[str, Any] = {
        "key": key,
        "kind": "read-only" if key.startswith("readonly:") else "admin",
        "target": key.removeprefix("readonly:"),
        "account": "111122223333",
        "role_session_arn": f"arn:aws:sts::111122223333:assumed-role/AdminRole/{key}",
        "started_at": draw(times(-120, 5)),
        "expires_at": draw(times(-20, 120)),  # mostly live, some expired, a few inverted
        "store": draw(st.sampled_from(["file", "keyring"])),
    }
    for name in draw(st.lists(st.sampled_from(sorted(BAD_FIELDS)), max_size=2, unique=True)):
        value = draw(BAD_FIELDS[name])
        if value is None:
            e.pop(name, None)
        else:
            e[name] = value
    return e


@st.composite
def table(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(GARBAGE)
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True, min_size=1, max_size=5))
    return {k: draw(entry(k)) for k in keys}


@st.composite
def state_files(draw: st.DrawFn) -> dict[str, Any]:
    state: dict[str, Any] = {"version": 1}
    state["sessions"] = draw(table())
    if draw(st.booleans()):
        state["revoke_pending"] = draw(table())
    if draw(st.booleans()):
        state["last_elevated"] = draw(st.one_of(st.sampled_from(KEYS), GARBAGE))
    return state


ASKS = st.tuples(
    st.sampled_from([None, None, *TARGETS, "nope", ""]),
    st.booleans(),
    st.sampled_from([None, None, *TARGETS, "nope"]),
)


def pick_entry(*args: Any) -> Any:
    from elevate_tray.fastpath import pick_entry as fast_pick

    return fast_pick(*args)


def slow_pick(folder: Path, target: str | None, readonly: bool, aws_profile: str | None) -> Any:
    dirs = app_dirs({"ELEVATE_TRAY_HOME": str(folder)})
    store = SessionStore(dirs, FileStore(dirs.secrets_dir), ManualClock(NOW))
    return store.answering(target, readonly, aws_profile)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(state=state_files(), ask=ASKS)
def test_fast_and_slow_paths_pick_the_same_session(state: dict[str, Any], ask: Any) -> None:
    target, readonly, aws_profile = ask
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        state_file = folder / "state" / "state.json"
        state_file.parent.mkdir(mode=0o700)
        state_file.write_text(json.dumps(state))
        fast = pick_entry(str(state_file), target, readonly, aws_profile, NOW)
        slow = slow_pick(folder, target, readonly, aws_profile)
    assert (fast["key"] if fast else None) == (slow.key if slow else None)
    if fast is None:
        return
    # the pick is a live session of the kind asked for, from "sessions" (never pending)
    assert state["sessions"][fast["key"]] is fast or state["sessions"][fast["key"]] == fast
    assert fast["kind"] == ("read-only" if readonly else "admin")
    assert slow.expires_at > NOW
    if target:
        assert fast["target"] == target


def admin(key: str, started: int, expires: int = 60, kind: str = "admin") -> dict[str, Any]:
    return {
        "key": key,
        "kind": kind,
        "target": key.removeprefix("readonly:"),
        "account": "111122223333",
        "role_session_arn": f"arn:aws:sts::111122223333:assumed-role/AdminRole/{key}",
        "started_at": format_iso(NOW + timedelta(minutes=started)),
        "expires_at": format_iso(NOW + timedelta(minutes=expires)),
        "store": "file",
    }


def pick(state: dict[str, Any], target: str | None, readonly: bool, profile: str | None) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "state.json"
        path.write_text(json.dumps(state))
        found = pick_entry(str(path), target, readonly, profile, NOW)
    return found["key"] if found else None


def test_the_rule_as_a_user_would_expect_it() -> None:
    state = {
        "sessions": {
            "prod": admin("prod", -30),
            "dev": admin("dev", -10),
            "readonly:me": admin("readonly:me", -50, kind="read-only"),
        },
        "last_elevated": "prod",
    }
    assert pick(state, "dev", False, None) == "dev"  # --target names it
    assert pick(state, "nope", False, None) is None  # never another target's credentials
    assert pick(state, None, False, "dev") == "dev"  # AWS_PROFILE names a live one
    assert pick(state, None, False, "nope") == "prod"  # else the one elevated last
    assert pick(state, None, False, None) == "prod"
    assert pick(dict(state, last_elevated="gone"), None, False, None) == "dev"  # else newest
    assert pick(state, None, True, None) == "readonly:me"  # the kinds never stand in
    assert pick(state, "prod", True, None) is None
    expired = {"sessions": {"prod": admin("prod", -90, expires=-1)}, "last_elevated": "prod"}
    assert pick(expired, None, False, None) is None
    pending = {"sessions": {}, "revoke_pending": {"prod": admin("prod", -30)}}
    assert pick(pending, "prod", False, None) is None
