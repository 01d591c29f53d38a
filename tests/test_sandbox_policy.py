"""The sandbox's policy engine on its own: wildcards, conditions, variables, precedence, trust;
and the seeded policy documents against the seed article."""

from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from elevate_tray.sandbox.conditions import conditions_hold, substituter
from elevate_tray.sandbox.globs import ActionMatcher, arn_like, glob_match
from elevate_tray.sandbox.policy import (
    Decision,
    Principal,
    Request,
    TrustMatch,
    evaluate,
    evaluate_trust,
)

# fnmatch is an independent oracle as long as patterns contain no [ ].
PATTERN = st.text(alphabet="ab/*?:-", max_size=12)
VALUE = st.text(alphabet="ab/:-", max_size=12)


@given(PATTERN, VALUE)
def test_glob_matches_like_fnmatch(pattern, value):
    assert glob_match(pattern, value) == fnmatchcase(value, pattern)


@given(
    st.lists(st.text(alphabet="abc/.", max_size=4), min_size=1, max_size=4),
    st.lists(st.text(alphabet="xyz:/", max_size=5), max_size=4),
)
def test_a_star_matches_whatever_it_stands_for(pieces, fillers):
    pattern = "*".join(pieces)
    between = [fillers[i] if i < len(fillers) else "" for i in range(len(pieces) - 1)] + [""]
    value = "".join(p + f for p, f in zip(pieces, between, strict=True))
    assert glob_match(pattern, value)


@given(st.text(alphabet="abAB:*?", max_size=10), st.text(alphabet="abAB:", max_size=10))
def test_actions_match_without_regard_to_case(pattern, action):
    assert ActionMatcher([pattern])(action) == fnmatchcase(action.lower(), pattern.lower())


@given(
    st.lists(st.text(alphabet="ab*?", max_size=4), min_size=5, max_size=5),
    st.lists(st.text(alphabet="ab", max_size=4), min_size=4, max_size=4),
    st.text(alphabet="ab:/", max_size=6),
)
def test_arns_match_component_by_component(pattern_parts, arn_parts, last):
    # The resource part (the last) may itself contain colons; a wildcard of an earlier
    # component never reaches into the next one.
    pattern, arn = "arn:" + ":".join(pattern_parts), "arn:" + ":".join([*arn_parts, last])
    expected = all(
        fnmatchcase(a, p) for p, a in zip(pattern_parts, [*arn_parts, last], strict=True)
    )
    assert arn_like(pattern, arn) == expected


def test_a_wildcard_does_not_span_arn_components():
    assert arn_like("arn:aws:iam::*:user/alice", "arn:aws:iam::111122223333:user/alice")
    assert not arn_like("arn:aws:iam::*", "arn:aws:iam::111122223333:user/alice")
    assert arn_like("arn:aws:s3:::logs/*", "arn:aws:s3:::logs/a:b/c")
    assert arn_like("*", "anything at all")


def stmt(effect="Allow", action="*", resource="*", **more):
    return {"Effect": effect, "Action": action, "Resource": resource, **more}


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


@given(st.permutations([stmt("Allow"), stmt("Deny", "iam:Create*"), stmt("Allow", "iam:*")]))
def test_an_explicit_deny_wins_whatever_the_order(statements):
    documents = [doc(s) for s in statements]
    assert evaluate(documents, Request("iam:CreateUser", "*")) is Decision.EXPLICIT_DENY
    assert evaluate(documents, Request("iam:ListUsers", "*")) is Decision.ALLOW


def test_nothing_allowed_is_an_implicit_deny():
    assert evaluate([doc(stmt("Allow", "s3:*"))], Request("iam:ListUsers", "*")) is (
        Decision.IMPLICIT_DENY
    )
    assert evaluate([], Request("iam:ListUsers", "*")) is Decision.IMPLICIT_DENY


def test_not_action_and_not_resource():
    d = doc({"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::secret*"})
    assert evaluate([d], Request("s3:GetObject", "arn:aws:s3:::public/x")) is Decision.ALLOW
    assert evaluate([d], Request("s3:GetObject", "arn:aws:s3:::secret/x")) is (
        Decision.IMPLICIT_DENY
    )
    assert evaluate([d], Request("iam:GetUser", "*")) is Decision.IMPLICIT_DENY


SEED_DENY = {
    "Effect": "Deny",
    "NotAction": ["iam:ListMFADevices", "sts:GetSessionToken"],
    "Resource": "*",
    "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
}


@pytest.mark.parametrize(
    ("mfa", "decision"),
    [
        (None, Decision.EXPLICIT_DENY),  # long-term keys: the key is absent
        (["false"], Decision.EXPLICIT_DENY),
        (["true"], Decision.ALLOW),
    ],
)
def test_the_seeds_bool_if_exists_deny(mfa, decision):
    context = {} if mfa is None else {"aws:multifactorauthpresent": mfa}
    documents = [doc(stmt("Allow", "iam:List*")), doc(SEED_DENY)]
    assert evaluate(documents, Request("iam:ListUsers", "*", context)) is decision
    assert evaluate(documents, Request("iam:ListMFADevices", "*", context)) is Decision.ALLOW


def holds(condition, context):
    return conditions_hold(condition, context, substituter(context))


def test_bool_without_if_exists_needs_the_key():
    assert not holds({"Bool": {"aws:MultiFactorAuthPresent": "true"}}, {})
    assert holds(
        {"Bool": {"aws:MultiFactorAuthPresent": "true"}}, {"aws:multifactorauthpresent": ["true"]}
    )
    assert holds(
        {"Bool": {"aws:MultiFactorAuthPresent": True}}, {"aws:multifactorauthpresent": ["TRUE"]}
    )


def test_string_operators():
    ctx = {"aws:userid": ["AROAEXAMPLE:alice"], "aws:username": ["alice"]}
    assert holds({"StringEquals": {"aws:username": ["bob", "alice"]}}, ctx)
    assert not holds({"StringEquals": {"aws:username": "Alice"}}, ctx)
    assert holds({"StringEqualsIgnoreCase": {"aws:username": "Alice"}}, ctx)
    assert holds({"StringLike": {"aws:userid": "AROA*:alice"}}, ctx)
    assert not holds({"StringLike": {"aws:userid": "AROA*:bob"}}, ctx)
    assert holds({"StringNotEquals": {"aws:username": "bob"}}, ctx)
    assert holds({"StringNotEquals": {"aws:sourceidentity": "bob"}}, ctx)  # absent: holds
    assert not holds({"StringEquals": {"aws:sourceidentity": "bob"}}, ctx)
    assert holds({"StringEqualsIfExists": {"aws:sourceidentity": "bob"}}, ctx)
    assert holds({"StringLikeIfExists": {"aws:userid": "*:alice"}}, ctx)


def test_date_operators_and_the_revocation_condition():
    ctx = {"aws:tokenissuetime": ["2026-01-01T10:00:00Z"], "aws:userid": ["AROAX:alice"]}
    revoke = {
        "StringLike": {"aws:userid": "AROAX:alice"},
        "DateLessThan": {"aws:TokenIssueTime": "2026-01-01T10:00:01Z"},
    }
    assert holds(revoke, ctx)
    later = {"aws:tokenissuetime": ["2026-01-01T10:00:02Z"], "aws:userid": ["AROAX:alice"]}
    assert not holds(revoke, later)
    assert not holds(revoke, {"aws:userid": ["AROAX:alice"]})  # long-term keys: no issue time
    assert holds({"DateLessThanIfExists": {"aws:TokenIssueTime": "2026-01-01T10:00:01Z"}}, {})
    assert holds(
        {"DateGreaterThan": {"aws:CurrentTime": "1700000000"}},
        {"aws:currenttime": ["2026-01-01T00:00:00Z"]},
    )
    assert not holds(
        {"DateLessThan": {"aws:CurrentTime": "not a date"}},
        {"aws:currenttime": ["2026-01-01T00:00:00Z"]},
    )


def test_null_numeric_and_set_operators():
    ctx = {"aws:tagkeys": ["reason", "ticket"], "aws:multifactorauthage": ["30"]}
    assert holds({"Null": {"aws:SourceIdentity": "true"}}, ctx)
    assert not holds({"Null": {"aws:TagKeys": "true"}}, ctx)
    assert holds({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}, ctx)
    assert holds({"ForAllValues:StringEquals": {"aws:TagKeys": ["reason", "ticket", "x"]}}, ctx)
    assert not holds({"ForAllValues:StringEquals": {"aws:TagKeys": ["reason"]}}, ctx)
    assert holds({"ForAnyValue:StringEquals": {"aws:TagKeys": ["ticket"]}}, ctx)
    assert not holds({"ForAnyValue:StringEquals": {"aws:TagKeys": ["nope"]}}, ctx)


@pytest.mark.expect_log("is not supported; it never matches")
def test_an_unknown_operator_never_holds():
    assert not holds({"StringFuzzy": {"aws:username": "alice"}}, {"aws:username": ["alice"]})


def test_policy_variables():
    ctx = {"aws:username": ["alice"]}
    subst = substituter(ctx)
    assert subst("arn:aws:iam::*:user/${aws:username}") == "arn:aws:iam::*:user/alice"
    assert subst("user/${aws:userid}") is None  # missing: the element matches nothing
    assert subst("user/${aws:userid, 'nobody'}") == "user/nobody"
    pattern = "arn:aws:s3:::bucket/${*}"
    assert arn_like(subst(pattern), "arn:aws:s3:::bucket/*")
    assert not arn_like(subst(pattern), "arn:aws:s3:::bucket/anything")
    d = doc(stmt("Allow", "iam:GetUser", "arn:aws:iam::*:user/${aws:username}"))
    mine = Request("iam:GetUser", "arn:aws:iam::1:user/alice", ctx)
    theirs = Request("iam:GetUser", "arn:aws:iam::1:user/bob", ctx)
    assert evaluate([d], mine) is Decision.ALLOW
    assert evaluate([d], theirs) is Decision.IMPLICIT_DENY


ALICE = Principal("111122223333", "aws", ("arn:aws:iam::111122223333:user/alice",))


def trust(principal, condition=None, effect="Allow", action="sts:AssumeRole"):
    s = {"Effect": effect, "Principal": principal, "Action": action}
    if condition:
        s["Condition"] = condition
    return doc(s)


def test_trust_principals():
    assert (
        evaluate_trust(
            trust({"AWS": "arn:aws:iam::111122223333:root"}), ALICE, "sts:AssumeRole", {}
        )
        is TrustMatch.ACCOUNT
    )
    assert evaluate_trust(trust({"AWS": "111122223333"}), ALICE, "sts:AssumeRole", {}) is (
        TrustMatch.ACCOUNT
    )
    assert (
        evaluate_trust(
            trust({"AWS": ["arn:aws:iam::111122223333:user/alice"]}), ALICE, "sts:AssumeRole", {}
        )
        is TrustMatch.DIRECT
    )
    assert (
        evaluate_trust(
            trust({"AWS": "arn:aws:iam::999999999999:root"}), ALICE, "sts:AssumeRole", {}
        )
        is TrustMatch.NONE
    )
    assert (
        evaluate_trust(trust({"Service": "ec2.amazonaws.com"}), ALICE, "sts:AssumeRole", {})
        is TrustMatch.NONE
    )
    assert (
        evaluate_trust(
            trust({"AWS": "arn:aws:iam::111122223333:root"}), ALICE, "sts:TagSession", {}
        )
        is TrustMatch.NONE
    )


def test_trust_conditions_and_denies():
    mfa = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
    root = {"AWS": "arn:aws:iam::111122223333:root"}
    assert evaluate_trust(trust(root, mfa), ALICE, "sts:AssumeRole", {}) is TrustMatch.NONE
    assert (
        evaluate_trust(
            trust(root, mfa), ALICE, "sts:AssumeRole", {"aws:multifactorauthpresent": ["true"]}
        )
        is TrustMatch.ACCOUNT
    )
    both = json.dumps(
        {
            "Statement": [
                json.loads(trust(root))["Statement"][0],
                json.loads(trust("*", effect="Deny"))["Statement"][0],
            ]
        }
    )
    assert evaluate_trust(both, ALICE, "sts:AssumeRole", {}) is TrustMatch.DENIED


# -- the seeded documents are the article's ------------------------------------------------------

ARTICLE = Path(__file__).resolve().parents[2] / "shared/seed/iam-switch-role-article.ja.txt"


def article_documents() -> dict[str, dict]:
    text = ARTICLE.read_text(encoding="utf-8")
    found = {}
    for title in ("AssumeAdminRolePolicy", "ManageOwnCredentialsWithMFAPolicy", "信頼ポリシー"):
        start = text.index("{", text.index(title + "\n"))
        found[title], _ = json.JSONDecoder().raw_decode(text, start)
    return found


@pytest.mark.skipif(not ARTICLE.exists(), reason="../shared/seed is not checked out here")
def test_the_seeded_policies_are_the_articles():
    from elevate_tray.sandbox import seed_policies as sp

    def ours(document: str, account: str) -> dict:
        return json.loads(
            sp.render(document, partition="aws", account_id=account, role_name="AdminRole")
        )

    article = article_documents()
    assert ours(sp.ASSUME_ADMIN_ROLE_POLICY, "795662168298") == article["AssumeAdminRolePolicy"]
    assert (
        ours(sp.MANAGE_OWN_CREDENTIALS_WITH_MFA_POLICY, "0")
        == (article["ManageOwnCredentialsWithMFAPolicy"])
    )
    assert ours(sp.ADMIN_ROLE_TRUST_POLICY, "123456789012") == article["信頼ポリシー"]
    assert not re.search(r"\d{12}", sp.ASSUME_ADMIN_ROLE_POLICY + sp.ADMIN_ROLE_TRUST_POLICY)
