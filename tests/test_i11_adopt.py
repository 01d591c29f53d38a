"""Issue 11, items 1 and 2: setup adopts nothing silently and names every widening.

Against the sandbox, through the command line: an account admin's look-alike resources (a
policy, a role, a group with the setup's names, not made by it) are refused without
--adopt, their widenings need --accept-widening, and teardown puts them back as they were.
"""

from __future__ import annotations

import json
import os
import stat
from typing import Any
from urllib.parse import unquote

import pytest

from elevate_tray.core.paths import app_dirs
from elevate_tray.setup.engine import SetupEngine, options_from
from tests.sandbox_fixtures import client, keys
from tests.test_setup_support import (  # noqa: F401  (fixtures)
    ADMIN,
    FreshAccount,
    fresh_account_fixture,
    run_cli,
)

POLICY = "AssumeAdminRolePolicy"
SOMEONE_ELSES = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}],
}


def _doc(raw: Any) -> Any:
    return raw if isinstance(raw, dict) else json.loads(unquote(raw))


def setup(fa: FreshAccount, *argv: str) -> tuple[int, str, str]:
    return run_cli(fa.env, fa.sandbox.clock, "setup", *argv, "--profile", ADMIN, "--no-target")


def policy_snapshot(iam: Any, arn: str) -> dict[str, Any]:
    """A policy document by document: its default, each version's JSON, its tags."""
    p = iam.get_policy(PolicyArn=arn)["Policy"]
    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    return {
        "default": p["DefaultVersionId"],
        "versions": {
            v["VersionId"]: _doc(
                iam.get_policy_version(PolicyArn=arn, VersionId=v["VersionId"])["PolicyVersion"][
                    "Document"
                ]
            )
            for v in versions
        },
        "tags": iam.list_policy_tags(PolicyArn=arn).get("Tags", []),
        "users": [
            u["UserName"] for u in iam.list_entities_for_policy(PolicyArn=arn)["PolicyUsers"]
        ],
    }


def role_snapshot(iam: Any, name: str) -> dict[str, Any]:
    role = iam.get_role(RoleName=name)["Role"]
    return {
        "trust": _doc(role["AssumeRolePolicyDocument"]),
        "max": role["MaxSessionDuration"],
        "attached": sorted(
            p["PolicyArn"]
            for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
        ),
        "inline": iam.list_role_policies(RoleName=name)["PolicyNames"],
        "tags": sorted(
            (t["Key"], t["Value"]) for t in iam.list_role_tags(RoleName=name).get("Tags", [])
        ),
    }


def someone_elses_policy(fa: FreshAccount, versions: int = 2) -> tuple[str, Any]:
    """An untagged AssumeAdminRolePolicy attached to dave, a user with an MFA device."""
    iam = fa.iam
    arn = iam.create_policy(PolicyName=POLICY, PolicyDocument=json.dumps(SOMEONE_ELSES))["Policy"][
        "Arn"
    ]
    for n in range(versions - 1):
        doc = json.loads(json.dumps(SOMEONE_ELSES))
        doc["Statement"][0]["Sid"] = f"Edit{n}"
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(doc), SetAsDefault=True)
    dave = fa.add_user("dave", mfa=True)
    iam.attach_user_policy(UserName="dave", PolicyArn=arn)
    return arn, dave


def assume_admin_role(fa: FreshAccount, user: Any) -> str:
    """'ok' when the user can assume AdminRole with MFA, else AWS's error code."""
    from botocore.exceptions import ClientError

    fa.sandbox.clock.advance(30)  # a fresh code window each time
    sts = client(fa.sandbox, "sts", keys(user))
    try:
        sts.assume_role(
            RoleArn=f"arn:aws:iam::{fa.account_id}:role/AdminRole",
            RoleSessionName="try",
            SerialNumber=user.mfa_serial,
            TokenCode=fa.sandbox.totp(user.mfa_secret),
        )
    except ClientError as exc:
        return str(exc.response["Error"]["Code"])
    return "ok"


# -- item 1: someone else's policy ------------------------------------------------------------
def test_someone_elses_policy_is_refused_without_adopt(fresh_account: FreshAccount) -> None:
    fa = fresh_account
    arn, dave = someone_elses_policy(fa)
    before = policy_snapshot(fa.iam, arn)

    code, out, err = setup(fa, "plan")
    assert code == 0
    line = next(x for x in out.splitlines() if POLICY in x and "default version" in x)
    assert f"[exists, not managed by this setup: --adopt {POLICY} to change it]" in line
    assert "apply would refuse" in out

    code, out, err = setup(fa, "apply", "--yes")
    assert code == 2, out
    sentence = err.strip().splitlines()[-1]
    assert POLICY in sentence and f"--adopt {POLICY}" in sentence
    assert len(err.strip().splitlines()) == 1  # one sentence, no traceback
    assert policy_snapshot(fa.iam, arn) == before  # nothing touched
    assert fa.iam.list_roles()["Roles"] == []
    assert assume_admin_role(fa, dave) != "ok"


def test_an_adopted_policy_is_rewritten_then_restored_document_by_document(
    fresh_account: FreshAccount,
) -> None:
    fa = fresh_account
    arn, dave = someone_elses_policy(fa, versions=3)
    before = policy_snapshot(fa.iam, arn)

    code, out, _ = setup(fa, "plan", "--adopt", POLICY)
    assert code == 0
    assert (
        f"widens: the policy {POLICY} is attached to user dave, who will be able to assume "
        "AdminRole" in out
    )
    # a widening of an adopted resource needs --accept-widening
    code, _, err = setup(fa, "apply", "--adopt", POLICY, "--yes")
    assert code == 2 and "--accept-widening" in err and "user dave" in err
    assert policy_snapshot(fa.iam, arn) == before

    code, out, err = setup(fa, "apply", "--adopt", POLICY, "--yes", "--accept-widening")
    assert code == 0, err
    during = policy_snapshot(fa.iam, arn)
    assert during["default"] == "v4" and set(before["versions"]) < set(during["versions"])
    assert assume_admin_role(fa, dave) == "ok"  # what the admin accepted, by name
    # a second run: the policy is now this setup's, no --adopt needed
    assert setup(fa, "plan")[1].splitlines()[-1].startswith("plan: no changes")

    code, out, err = setup(fa, "teardown", "--yes")
    assert code == 0, err
    assert policy_snapshot(fa.iam, arn) == before
    assert assume_admin_role(fa, dave) != "ok"


def test_a_policy_with_five_versions_cannot_be_adopted(fresh_account: FreshAccount) -> None:
    fa = fresh_account
    arn, _ = someone_elses_policy(fa, versions=5)
    before = policy_snapshot(fa.iam, arn)
    code, out, _ = setup(fa, "plan", "--adopt", POLICY)
    assert code == 0 and "already has 5 versions" in out
    code, _, err = setup(fa, "apply", "--adopt", POLICY, "--yes", "--accept-widening")
    assert code == 2 and "already has 5 versions" in err
    assert policy_snapshot(fa.iam, arn) == before


# -- item 1 and 2: a pre-existing narrow role ---------------------------------------------------
def narrow_role(fa: FreshAccount) -> dict[str, Any]:
    fa.add_user("erin")
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{fa.account_id}:user/erin"},
                "Action": "sts:AssumeRole",
                "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
            }
        ],
    }
    fa.iam.create_role(
        RoleName="AdminRole",
        AssumeRolePolicyDocument=json.dumps(trust),
        MaxSessionDuration=3600,
        Tags=[{"Key": "team", "Value": "ops"}],
    )
    fa.iam.attach_role_policy(
        RoleName="AdminRole", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess"
    )
    return role_snapshot(fa.iam, "AdminRole")


def test_a_narrow_role_is_widened_only_by_name_and_teardown_puts_it_back(
    fresh_account: FreshAccount,
) -> None:
    fa = fresh_account
    before = narrow_role(fa)

    code, _, err = setup(fa, "apply", "--yes", "--max-session-duration", "7200")
    assert code == 2 and "--adopt AdminRole" in err
    assert role_snapshot(fa.iam, "AdminRole") == before

    code, out, _ = setup(fa, "plan", "--adopt", "AdminRole", "--max-session-duration", "7200")
    root = f"arn:aws:iam::{fa.account_id}:root"
    assert f"widens: the trust policy of AdminRole admits AWS: {root}" in out
    assert "widens: the trust policy of AdminRole no longer requires IpAddress aws:SourceIp" in out
    assert "widens: AdministratorAccess is attached to the role AdminRole" in out
    assert "widens: sessions of AdminRole may last 7200 s instead of 3600 s" in out
    assert "A teardown from another machine could not restore the trust policy" in out

    args = ("--adopt", "AdminRole", "--max-session-duration", "7200", "--yes")
    code, _, err = setup(fa, "apply", *args)
    assert code == 2 and "--accept-widening" in err and "SourceIp" in err
    assert role_snapshot(fa.iam, "AdminRole") == before

    code, _, err = setup(fa, "apply", *args, "--accept-widening")
    assert code == 0, err
    during = role_snapshot(fa.iam, "AdminRole")
    assert during["max"] == 7200 and during["trust"] != before["trust"]
    record = app_dirs(fa.env).state / "setup-records" / f"{fa.account_id}-AdminRole.json"
    assert stat.S_IMODE(os.stat(record).st_mode) == 0o600
    assert json.loads(record.read_text())["role"]["AdminRole"]["trust"] == before["trust"]

    code, out, err = setup(fa, "teardown", "--yes", "--max-session-duration", "7200")
    assert code == 0, err
    assert out.splitlines()[-1] == (
        "teardown: 3 resource(s) removed, 1 adopted resource(s) put back as they were."
    )
    assert role_snapshot(fa.iam, "AdminRole") == before
    assert "AdminRole" not in json.loads(record.read_text()).get("role", {})


# -- item 1 and 2: a pre-existing group's members ------------------------------------------------
def test_existing_group_members_gain_elevation_only_when_named(
    fresh_account: FreshAccount,
) -> None:
    fa = fresh_account
    iam = fa.iam
    iam.create_group(GroupName="ReadOnlyUsers")
    fa.add_user("carol")
    fa.add_user("frank")
    iam.add_user_to_group(GroupName="ReadOnlyUsers", UserName="carol")

    def group() -> tuple[list[str], list[str]]:
        g = iam.get_group(GroupName="ReadOnlyUsers")
        attached = iam.list_attached_group_policies(GroupName="ReadOnlyUsers")
        return (
            sorted(u["UserName"] for u in g["Users"]),
            sorted(p["PolicyArn"] for p in attached["AttachedPolicies"]),
        )

    before = group()
    code, _, err = setup(fa, "apply", "--yes", "--member", "frank")
    assert code == 2 and "--adopt ReadOnlyUsers" in err
    assert group() == before

    code, out, _ = setup(fa, "plan", "--adopt", "ReadOnlyUsers", "--member", "frank")
    assert (
        "widens: existing members of ReadOnlyUsers who will be able to assume AdminRole: carol"
        in out
    )
    assert "widens: frank joins ReadOnlyUsers and will be able to assume AdminRole" in out
    args = ("--adopt", "ReadOnlyUsers", "--member", "frank", "--yes")
    code, _, err = setup(fa, "apply", *args)
    assert code == 2 and "carol" in err
    assert setup(fa, "apply", *args, "--accept-widening")[0] == 0
    assert group()[0] == ["carol", "frank"]

    code, _, err = setup(fa, "teardown", "--yes")
    assert code == 0, err
    assert group() == before


# -- item 2: the setup's own widenings are listed and apply with --yes ------------------------
def test_widenings_of_what_the_setup_owns_are_listed_and_apply_with_yes(
    fresh_account: FreshAccount,
) -> None:
    fa = fresh_account
    fa.add_user("alice")
    code, out, _ = setup(fa, "apply", "--member", "alice", "--yes")
    assert code == 0
    assert "widens: alice joins ReadOnlyUsers and will be able to assume AdminRole" in out
    code, out, _ = setup(
        fa, "apply", "--member", "alice", "--yes", "--max-session-duration", "7200"
    )
    assert code == 0 and "widens: sessions of AdminRole may last 7200 s instead of 3600 s" in out


def test_the_engine_interface_the_wizard_uses(fresh_account: FreshAccount) -> None:
    fa = fresh_account
    someone_elses_policy(fa, versions=1)
    engine = SetupEngine.for_profile(ADMIN, options_from(), fa.env)
    plan = engine.plan()
    [step] = plan.needs_adoption()
    assert (step.unmanaged, step.managed, step.adopt_name, step.refusal) == (
        True,
        False,
        POLICY,
        "",
    )
    data = step.as_dict()
    assert data["current"] == SOMEONE_ELSES and data["widenings"] == step.widenings
    adopted = engine.with_options(options_from(adopt=(POLICY,))).plan()
    assert adopted.needs_adoption() == []
    assert [w for _, w in adopted.widenings()] and adopted.refusal()
    from elevate_tray.core.errors import ConfigError

    with pytest.raises(ConfigError):
        engine.apply()


def test_apply_then_teardown_leaves_every_look_alike_as_it_was(fresh_account: FreshAccount) -> None:
    """The issue's "done when": all four look-alikes adopted, then put back, document by
    document (version IDs and the setup's own tags aside)."""
    fa = fresh_account
    iam = fa.iam
    assume_arn, _ = someone_elses_policy(fa, versions=2)
    creds_arn = iam.create_policy(
        PolicyName="ManageOwnCredentialsWithMFAPolicy", PolicyDocument=json.dumps(SOMEONE_ELSES)
    )["Policy"]["Arn"]
    role_before = narrow_role(fa)
    iam.create_group(GroupName="ReadOnlyUsers")
    fa.add_user("carol")
    iam.add_user_to_group(GroupName="ReadOnlyUsers", UserName="carol")
    iam.attach_group_policy(GroupName="ReadOnlyUsers", PolicyArn=creds_arn)

    def everything() -> dict[str, Any]:
        g = iam.get_group(GroupName="ReadOnlyUsers")
        attached = iam.list_attached_group_policies(GroupName="ReadOnlyUsers")
        return {
            "assume": policy_snapshot(iam, assume_arn),
            "credentials": policy_snapshot(iam, creds_arn),
            "role": role_snapshot(iam, "AdminRole"),
            "members": sorted(u["UserName"] for u in g["Users"]),
            "group policies": sorted(p["PolicyArn"] for p in attached["AttachedPolicies"]),
        }

    before = everything()
    assert before["role"] == role_before
    adopt = [
        *("--adopt", POLICY),
        *("--adopt", "ManageOwnCredentialsWithMFAPolicy"),
        *("--adopt", "ReadOnlyUsers"),
        *("--adopt", "AdminRole"),
    ]
    code, _, err = setup(fa, "apply", *adopt[:-2], "--yes", "--accept-widening")
    assert code == 2 and "--adopt AdminRole" in err and everything() == before
    code, out, err = setup(fa, "apply", *adopt, "--yes", "--accept-widening")
    assert code == 0, err
    assert everything() != before
    assert setup(fa, "plan")[1].splitlines()[-1].startswith("plan: no changes")
    code, _, err = setup(fa, "teardown", "--yes")
    assert code == 0, err
    assert everything() == before


def test_an_adopted_policy_never_loses_a_version_the_setup_did_not_write(
    fresh_account: FreshAccount,
) -> None:
    fa = fresh_account
    arn, _ = someone_elses_policy(fa, versions=4)
    theirs = policy_snapshot(fa.iam, arn)["versions"]
    args = ("--adopt", POLICY, "--yes", "--accept-widening")
    assert setup(fa, "apply", *args)[0] == 0  # their four and the setup's fifth
    # another document for the same policy would need room: only a version of their own
    code, _, err = setup(fa, "apply", *args, "--allow-session-tags")
    assert code == 2, err
    assert f"The policy {POLICY} has 5 versions and none of them can be deleted" in err
    after = policy_snapshot(fa.iam, arn)["versions"]
    assert {v: after[v] for v in theirs} == theirs
    assert setup(fa, "teardown", "--yes")[0] == 0
    assert policy_snapshot(fa.iam, arn)["versions"] == theirs


def test_actions_a_rewritten_trust_policy_adds_are_named(fresh_account: FreshAccount) -> None:
    fa = fresh_account
    assert setup(fa, "apply", "--yes")[0] == 0
    code, out, _ = setup(fa, "plan", "--allow-session-tags")
    assert code == 0
    assert "widens: the trust policy of AdminRole also allows sts:TagSession" in out
    assert f"widens: the policy {POLICY} also allows sts:TagSession" in out
