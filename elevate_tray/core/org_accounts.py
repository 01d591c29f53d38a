"""The account list an organization setup publishes for its group members (org-contract.md).

Group members cannot call Organizations, so `setup org apply|publish` writes the accounts it
deployed to as SSM String parameters in the identity account, where ReadOnlyAccess can read
them, and `targets sync` reads them back. The parameters live under PATH, are named
accounts-001, accounts-002, ... (each value at most MAX_VALUE characters) and each value is
one JSON object carrying the common fields and its own slice of the accounts:

    {"version": 1, "organization": "o-...", "identity_account": "111122223333",
     "admin_role": "AdminRole", "readonly_role": "ReadOnlyRole", "part": 1, "parts": N,
     "published": "2026-12-01T20:00:00Z",
     "accounts": [{"id": "222222222222", "name": "prod-web", "ou": "ou-...",
                   "ou_name": "Production"}, ...]}

Part 1 also carries the setup's chosen OUs and its account filter (round 2: `targets sync`
reads the OUs' current accounts live when the organization lets it):
    "ous": [{"id": "ou-...", "name": "Production"}, ...], "account_filter": ["222222222222"]
Both are optional when decoding (absent: none), so a list of round 1 still decodes.

Stdlib only: O's setup writes it, T's sync reads it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError, Phrase

PATH = "/elevate-tray/organization/"
PREFIX = "accounts-"
VERSION = 1
MAX_VALUE = 4096  # an SSM Standard String parameter holds at most 4 KB
TAG_KEY = "elevate-tray:managed"
TAG_VALUE = "true"

_HOME_REGIONS = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}
_ACCOUNT_ID = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class OrgAccount:
    """One account of the list: its 12-digit ID, name, and OU ("" when directly under the root)."""

    id: str
    name: str
    ou: str = ""
    ou_name: str = ""


@dataclass(frozen=True)
class OrgUnit:
    """An organizational unit the setup chose: its ID (ou-...) and name."""

    id: str
    name: str


@dataclass(frozen=True)
class PublishedList:
    organization: str
    identity_account: str
    admin_role: str
    readonly_role: str
    published: str  # ISO-8601 UTC, e.g. 2026-12-01T20:00:00Z
    accounts: tuple[OrgAccount, ...]
    ous: tuple[OrgUnit, ...] = ()  # the chosen OUs (empty in a list of round 1)
    account_filter: tuple[str, ...] = ()  # the setup's --accounts filter (empty: none)


def home_region(partition: str) -> str:
    """The Region the list is published in for a partition (us-east-1 for aws)."""
    try:
        return _HOME_REGIONS[partition]
    except KeyError:
        raise ConfigError(
            Phrase(
                "The partition '{partition}' has no published account list Region; "
                "use aws, aws-cn or aws-us-gov.",
                partition=partition,
            )
        ) from None


def parameter_name(part: int) -> str:
    """The SSM parameter name of a 1-based part: /elevate-tray/organization/accounts-001."""
    return f"{PATH}{PREFIX}{part:03d}"


def parameter_names(n: int) -> list[str]:
    """The names of the first n parts, in order."""
    return [parameter_name(i) for i in range(1, n + 1)]


def is_part_name(name: str) -> bool:
    """True for a parameter name of the list (so a reader ignores anything else under PATH)."""
    return re.fullmatch(re.escape(PATH + PREFIX) + r"\d{3,}", name) is not None


def _header(lst: PublishedList, part: int, parts: int) -> dict[str, Any]:
    return {
        "version": VERSION,
        "organization": lst.organization,
        "identity_account": lst.identity_account,
        "admin_role": lst.admin_role,
        "readonly_role": lst.readonly_role,
        "part": part,
        "parts": parts,
        "published": lst.published,
    }


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, separators=(",", ":"))  # ASCII: characters are bytes


def _value(lst: PublishedList, part: int, parts: int, accounts: Sequence[OrgAccount]) -> str:
    body = _header(lst, part, parts)
    if part == 1:  # the OUs and the filter once, in the first part
        body["ous"] = [{"id": u.id, "name": u.name} for u in lst.ous]
        body["account_filter"] = list(lst.account_filter)
    body["accounts"] = [
        {"id": a.id, "name": a.name, "ou": a.ou, "ou_name": a.ou_name} for a in accounts
    ]
    return _dump(body)


def encode(lst: PublishedList) -> list[str]:
    """The parameter values, in part order (part 1 first), each at most MAX_VALUE characters.

    An empty list is one part with no accounts. Values are written in order to
    parameter_names(len(values)); a writer deletes any higher-numbered part left over.
    """
    # the part numbers' width changes the size: pack with a generous parts count, then renumber
    # (part 1 is measured as part 1, as it alone carries the OUs and the filter)
    if len(_value(lst, 1, 999, [])) > MAX_VALUE:
        raise ConfigError(
            "The chosen OUs and the account filter are too long to publish; choose fewer."
        )
    chunks: list[list[OrgAccount]] = [[]]
    for account in lst.accounts:
        part = 1 if len(chunks) == 1 else 999
        candidate = [*chunks[-1], account]
        if len(_value(lst, part, 999, candidate)) <= MAX_VALUE:
            chunks[-1] = candidate
            continue
        if len(_value(lst, 999, 999, [account])) > MAX_VALUE:
            raise ConfigError(
                Phrase(
                    "The account {account} has a name too long to publish; shorten it.",
                    account=account.id,
                )
            )
        chunks.append([account])
    n = len(chunks)
    return [_value(lst, i + 1, n, chunk) for i, chunk in enumerate(chunks)]


def _malformed(part: str, why: Phrase) -> ConfigError:
    return ConfigError(
        Phrase(
            "The published account list is not valid (part {part}: {why}); "
            "ask your admin to run `elevate-tray setup org publish`.",
            part=part,
            why=why,
        )
    )


def _text(obj: dict[str, Any], key: str, part: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise _malformed(part, Phrase("the field {field} is missing or not text", field=key))
    return value


def _int(obj: dict[str, Any], key: str, part: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise _malformed(
            part, Phrase("the field {field} is missing or not a positive number", field=key)
        )
    return value


def _account(raw: Any, part: str) -> OrgAccount:
    if not isinstance(raw, dict):
        raise _malformed(part, Phrase("an account is not a JSON object"))
    account = OrgAccount(
        id=_text(raw, "id", part),
        name=_text(raw, "name", part),
        ou=raw.get("ou") or "",
        ou_name=raw.get("ou_name") or "",
    )
    if not isinstance(account.ou, str) or not isinstance(account.ou_name, str):
        raise _malformed(part, Phrase("the field {field} is missing or not text", field="ou"))
    if not _ACCOUNT_ID.match(account.id):
        raise _malformed(part, Phrase("the account ID {id} is not 12 digits", id=account.id))
    return account


_COMMON = ("organization", "identity_account", "admin_role", "readonly_role", "published")


def decode(values: Sequence[str]) -> PublishedList:
    """The list from its parameter values (any order); ConfigError if malformed,
    of another version, or incomplete (a part missing, or parts that disagree)."""
    if not values:
        raise ConfigError(
            "The published account list has no parts; "
            "ask your admin to run `elevate-tray setup org publish`."
        )
    parts: dict[int, dict[str, Any]] = {}
    count: int | None = None
    for index, value in enumerate(values, 1):
        where = str(index)
        try:
            obj = json.loads(value)
        except ValueError:
            raise _malformed(where, Phrase("the value is not JSON")) from None
        if not isinstance(obj, dict):
            raise _malformed(where, Phrase("the value is not a JSON object"))
        version = obj.get("version")
        if version != VERSION:
            raise ConfigError(
                Phrase(
                    "The published account list has version {version}, which this "
                    "elevate-tray cannot read; update elevate-tray.",
                    version=str(version),
                )
            )
        number = _int(obj, "part", where)
        where = str(number)
        total = _int(obj, "parts", where)
        if count is None:
            count = total
        if total != count or number > total or number in parts:
            raise _incomplete(where, str(count))
        parts[number] = obj
    assert count is not None
    missing = [i for i in range(1, count + 1) if i not in parts]
    if missing:
        raise _incomplete(str(missing[0]), str(count))
    first = parts[1]
    common = {key: _text(first, key, "1") for key in _COMMON}
    accounts: list[OrgAccount] = []
    for number in range(1, count + 1):
        obj = parts[number]
        for key in _COMMON:
            if _text(obj, key, str(number)) != common[key]:
                raise _incomplete(str(number), str(count))
        raw = obj.get("accounts")
        if not isinstance(raw, list):
            raise _malformed(
                str(number), Phrase("the field {field} is missing or not a list", field="accounts")
            )
        accounts.extend(_account(a, str(number)) for a in raw)
    ous, account_filter = _scope(first)
    if not _ACCOUNT_ID.match(common["identity_account"]):
        raise _malformed(
            "1", Phrase("the account ID {id} is not 12 digits", id=common["identity_account"])
        )
    return PublishedList(
        organization=common["organization"],
        identity_account=common["identity_account"],
        admin_role=common["admin_role"],
        readonly_role=common["readonly_role"],
        published=common["published"],
        accounts=tuple(accounts),
        ous=ous,
        account_filter=account_filter,
    )


def _scope(first: dict[str, Any]) -> tuple[tuple[OrgUnit, ...], tuple[str, ...]]:
    """The chosen OUs and the account filter of part 1 (absent: none, as in round 1)."""
    raw_ous = first.get("ous")
    raw_filter = first.get("account_filter")
    if raw_ous is None:
        raw_ous = []
    if raw_filter is None:
        raw_filter = []
    if not isinstance(raw_ous, list):
        raise _malformed("1", Phrase("the field {field} is missing or not a list", field="ous"))
    if not isinstance(raw_filter, list):
        raise _malformed(
            "1", Phrase("the field {field} is missing or not a list", field="account_filter")
        )
    ous: list[OrgUnit] = []
    for raw in raw_ous:
        if not isinstance(raw, dict):
            raise _malformed("1", Phrase("an OU is not a JSON object"))
        ous.append(OrgUnit(id=_text(raw, "id", "1"), name=_text(raw, "name", "1")))
    for account in raw_filter:
        if not isinstance(account, str) or not _ACCOUNT_ID.match(account):
            raise _malformed("1", Phrase("the account ID {id} is not 12 digits", id=str(account)))
    return tuple(ous), tuple(raw_filter)


def _incomplete(part: str, parts: str) -> ConfigError:
    return ConfigError(
        Phrase(
            "The published account list is incomplete (part {part} of {parts} is missing or "
            "from another publication); ask your admin to run `elevate-tray setup org publish`.",
            part=part,
            parts=parts,
        )
    )
