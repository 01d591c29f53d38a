"""Issue 16 point 3, round 2: an account that joins a chosen OU needs nothing more than
`targets sync` (org-contract.md "Round 2"). The published list carries the chosen OUs and the
account filter; the sandbox's Organizations has a resource policy that lets the identity
account read them; `targets sync` reads the OUs' current accounts live with the user's
read-only MFA session and falls back to the published accounts when it may not."""

from __future__ import annotations

import json

import pytest

from elevate_tray.core import org_accounts as oa
from elevate_tray.core.errors import ConfigError

ORG = "o-sbx0example"
IDENTITY = "111122223333"
PRODUCTION = oa.OrgUnit("ou-sbx0-prod0001", "Production")
DEVELOPMENT = oa.OrgUnit("ou-sbx0-dev00001", "Development")
PROD_WEB = oa.OrgAccount("222222222222", "prod-web", PRODUCTION.id, PRODUCTION.name)
PROD_DATA = oa.OrgAccount("333333333333", "prod-data", PRODUCTION.id, PRODUCTION.name)


def _list(accounts=(PROD_WEB, PROD_DATA), ous=(PRODUCTION,), account_filter=()):  # type: ignore[no-untyped-def]
    return oa.PublishedList(
        ORG,
        IDENTITY,
        "AdminRole",
        "ReadOnlyRole",
        "2026-12-01T20:00:00Z",
        tuple(accounts),
        ous=tuple(ous),
        account_filter=tuple(account_filter),
    )


# -- the list format: the chosen OUs and the account filter ------------------------------
def test_the_list_carries_the_chosen_ous_and_the_account_filter() -> None:
    lst = _list(ous=(PRODUCTION, DEVELOPMENT), account_filter=("222222222222",))
    values = oa.encode(lst)
    assert len(values) == 1
    first = json.loads(values[0])
    assert first["version"] == 1
    assert first["ous"] == [
        {"id": "ou-sbx0-prod0001", "name": "Production"},
        {"id": "ou-sbx0-dev00001", "name": "Development"},
    ]
    assert first["account_filter"] == ["222222222222"]
    assert oa.decode(values) == lst


def test_a_list_without_ous_or_filter_still_decodes() -> None:
    """A list published by round 1's setup has neither field: no OUs, no filter."""
    value = json.loads(oa.encode(_list())[0])
    del value["ous"], value["account_filter"]
    lst = oa.decode([json.dumps(value)])
    assert lst.ous == () and lst.account_filter == ()
    assert lst.accounts == (PROD_WEB, PROD_DATA)


def test_a_long_list_with_many_ous_splits_into_parts_that_decode_whole() -> None:
    ous = tuple(oa.OrgUnit(f"ou-sbx0-{i:08d}", f"Unit number {i}") for i in range(20))
    accounts = tuple(
        oa.OrgAccount(
            f"{i:012d}", f"account-with-a-longish-name-{i}", ous[i % 20].id, ous[i % 20].name
        )
        for i in range(1, 200)
    )
    flt = tuple(a.id for a in accounts[::10])
    lst = _list(accounts=accounts, ous=ous, account_filter=flt)
    values = oa.encode(lst)
    assert len(values) > 2
    assert all(len(v) <= oa.MAX_VALUE for v in values)
    assert [json.loads(v)["part"] for v in values] == list(range(1, len(values) + 1))
    assert oa.decode(list(reversed(values))) == lst  # any order


def test_ous_that_fill_the_first_part_leave_the_accounts_to_the_next() -> None:
    """The OUs alone nearly fill part 1: the first account goes to part 2, none is lost."""
    name = "x" * 100
    ous: list[oa.OrgUnit] = []
    while len(oa.encode(_list(accounts=(), ous=ous))[0]) < oa.MAX_VALUE - 120:
        ous.append(oa.OrgUnit(f"ou-sbx0-{len(ous):08d}", name[:60]))
    lst = _list(accounts=(PROD_WEB, PROD_DATA), ous=ous)
    values = oa.encode(lst)
    assert all(len(v) <= oa.MAX_VALUE for v in values)
    assert oa.decode(values) == lst


def test_ous_too_long_for_one_part_are_refused_in_one_sentence() -> None:
    ous = tuple(oa.OrgUnit(f"ou-sbx0-{i:08d}", "y" * 120) for i in range(40))
    with pytest.raises(ConfigError, match="too long to publish"):
        oa.encode(_list(ous=ous))


@pytest.mark.parametrize(
    ("field", "bad"),
    [("ous", "ou-1"), ("ous", [{"id": "ou-1"}]), ("ous", ["ou-1"]), ("account_filter", ["12"])],
)
def test_a_malformed_ous_or_filter_is_a_config_error(field: str, bad: object) -> None:
    value = json.loads(oa.encode(_list())[0])
    value[field] = bad
    with pytest.raises(ConfigError, match="not valid"):
        oa.decode([json.dumps(value)])
