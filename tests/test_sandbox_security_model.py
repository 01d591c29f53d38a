"""The seed article's security model, line by line, over real HTTP against the sandbox."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.sandbox_fixtures import client, keys, long_term, policy, temp

MFA_INVALID = "MultiFactorAuthentication failed with invalid MFA one time pass code."
MFA_NOT_YOURS = (
    "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA "
    "serial number is valid and associated with this user."
)


def error_of(call, *args, **kwargs) -> tuple[str, str]:
    with pytest.raises(ClientError) as info:
        call(*args, **kwargs)
    err = info.value.response["Error"]
    return err["Code"], err["Message"]


def assume(sb, creds=None, code=None, **extra):
    sts = client(sb, "sts", creds or long_term(sb))
    kwargs = {"RoleArn": sb.account.role_arn, "RoleSessionName": sb.account.user_name, **extra}
    if code is not None:
        kwargs.update(SerialNumber=sb.account.mfa_serial, TokenCode=code)
    return sts.assume_role(**kwargs)


def next_window(sb) -> None:
    """Move the sandbox clock to the next 30 s TOTP window, so a fresh code is not a reuse."""
    sb.clock.advance(30)


# -- long-term keys without MFA: the group's DenyAllExceptListedIfNoMFA ------------------------


def test_long_term_keys_without_mfa_cannot_read(sandbox):
    iam = client(sandbox, "iam", long_term(sandbox))
    code, message = error_of(iam.list_users)
    assert code == "AccessDenied"
    assert message == (
        "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: "
        "iam:ListUsers on resource: * with an explicit deny in an identity-based policy"
    )
    s3 = client(sandbox, "s3", long_term(sandbox))
    assert error_of(s3.list_buckets)[0] == "AccessDenied"


def test_long_term_keys_without_mfa_cannot_write(sandbox):
    iam = client(sandbox, "iam", long_term(sandbox))
    code, message = error_of(iam.create_user, UserName="mallory")
    assert code == "AccessDenied"
    assert "iam:CreateUser on resource: arn:aws:iam::111122223333:user/mallory" in message
    assert message.endswith("with an explicit deny in an identity-based policy")
    admin = client(sandbox, "iam", temp(assume(sandbox, code=sandbox.totp())))
    assert "mallory" not in [u["UserName"] for u in admin.list_users()["Users"]]


def test_without_mfa_the_listed_self_service_calls_still_work(sandbox):
    iam = client(sandbox, "iam", long_term(sandbox))
    devices = iam.list_mfa_devices()["MFADevices"]  # no UserName: the caller's own
    assert [d["SerialNumber"] for d in devices] == [sandbox.account.mfa_serial]
    assert iam.get_user()["User"]["UserName"] == "alice"
    who = client(sandbox, "sts", long_term(sandbox)).get_caller_identity()
    assert who["Arn"] == "arn:aws:iam::111122223333:user/alice"
    assert who["Account"] == "111122223333"


def test_self_service_stays_limited_to_the_own_user(sandbox):
    # With MFA, ManageOwnCredentialsWithMFAPolicy lets alice manage her own keys only:
    # its Resource is arn:aws:iam::*:user/${aws:username}.
    sandbox.create_user("bob")
    session = temp(
        client(sandbox, "sts", long_term(sandbox)).get_session_token(
            SerialNumber=sandbox.account.mfa_serial, TokenCode=sandbox.totp()
        )
    )
    iam = client(sandbox, "iam", session)
    own = iam.create_access_key()["AccessKey"]  # no UserName: the caller's own user
    assert own["UserName"] == "alice"
    code, message = error_of(iam.create_access_key, UserName="bob")
    assert code == "AccessDenied"
    assert "iam:CreateAccessKey on resource: arn:aws:iam::111122223333:user/bob" in message
    assert message.endswith("no identity-based policy allows the iam:CreateAccessKey action")


# -- elevation: sts:AssumeRole with MFA ---------------------------------------------------------


def test_cannot_assume_the_role_without_mfa(sandbox):
    code, message = error_of(assume, sandbox)
    assert code == "AccessDenied"
    assert message == (
        "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: "
        "sts:AssumeRole on resource: arn:aws:iam::111122223333:role/AdminRole with an "
        "explicit deny in an identity-based policy"
    )


def test_cannot_assume_with_a_wrong_code(sandbox):
    right = sandbox.totp()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    assert error_of(assume, sandbox, code=wrong) == ("AccessDenied", MFA_INVALID)


def test_cannot_assume_with_a_code_of_an_old_window(sandbox):
    stale = sandbox.totp(for_time=sandbox.clock.now().timestamp() - 120)
    if stale == sandbox.totp():
        pytest.skip("the old window's code happens to equal the current one")
    assert error_of(assume, sandbox, code=stale) == ("AccessDenied", MFA_INVALID)


def test_a_code_cannot_be_used_twice(sandbox):
    code = sandbox.totp()
    assume(sandbox, code=code)
    assert error_of(assume, sandbox, code=code) == ("AccessDenied", MFA_INVALID)
    next_window(sandbox)
    assert assume(sandbox, code=sandbox.totp())["AssumedRoleUser"]


def test_the_mfa_serial_must_be_a_device_of_the_caller(sandbox):
    bob = sandbox.create_user("bob", groups=[sandbox.account.group_name])
    code = sandbox.totp(bob.mfa_secret)
    assert error_of(
        client(sandbox, "sts", long_term(sandbox)).assume_role,
        RoleArn=sandbox.account.role_arn,
        RoleSessionName="alice",
        SerialNumber=bob.mfa_serial,
        TokenCode=code,
    ) == ("AccessDenied", MFA_NOT_YOURS)


def test_with_the_right_code_alice_becomes_admin(sandbox):
    before = sandbox.clock.now()
    response = assume(sandbox, code=sandbox.totp())
    user = response["AssumedRoleUser"]
    assert user["Arn"] == "arn:aws:sts::111122223333:assumed-role/AdminRole/alice"
    assert user["AssumedRoleId"].startswith("AROA") and user["AssumedRoleId"].endswith(":alice")
    lifetime = (response["Credentials"]["Expiration"] - before).total_seconds()
    assert lifetime == 3600  # the default 1 h, by the sandbox clock
    admin = temp(response)
    assert client(sandbox, "sts", admin).get_caller_identity()["Arn"] == user["Arn"]


def test_the_read_only_user_cannot_create_a_user_but_the_admin_session_can(sandbox):
    # Read-only with MFA (the CLI's read-only session): reads work, writes do not.
    readonly = temp(
        client(sandbox, "sts", long_term(sandbox)).get_session_token(
            SerialNumber=sandbox.account.mfa_serial, TokenCode=sandbox.totp()
        )
    )
    ro_iam = client(sandbox, "iam", readonly)
    assert "alice" in [u["UserName"] for u in ro_iam.list_users()["Users"]]
    code, message = error_of(ro_iam.create_user, UserName="carol")
    assert code == "AccessDenied"
    assert message.endswith("because no identity-based policy allows the iam:CreateUser action")

    next_window(sandbox)
    admin_iam = client(sandbox, "iam", temp(assume(sandbox, code=sandbox.totp())))
    created = admin_iam.create_user(UserName="carol")["User"]
    assert created["Arn"] == "arn:aws:iam::111122223333:user/carol"


def test_the_role_session_carries_no_mfa_into_later_calls(sandbox):
    # aws-facts: the admin role's own policies must not test aws:MultiFactorAuthPresent.
    admin = temp(assume(sandbox, code=sandbox.totp()))
    iam = client(sandbox, "iam", admin)
    iam.put_role_policy(
        RoleName="AdminRole",
        PolicyName="needs-mfa",
        PolicyDocument=policy(
            {
                "Effect": "Deny",
                "Action": "iam:ListUsers",
                "Resource": "*",
                "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
            }
        ),
    )
    assert error_of(iam.list_users)[0] == "AccessDenied"
    assert iam.list_roles()["Roles"]


# -- durations, chaining, trust ------------------------------------------------------------------


def test_duration_within_the_roles_maximum(sandbox):
    code, message = error_of(assume, sandbox, code=sandbox.totp(), DurationSeconds=7200)
    assert (code, message) == (
        "ValidationError",
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    )
    next_window(sandbox)  # the refused call used up this window's code
    admin = client(sandbox, "iam", temp(assume(sandbox, code=sandbox.totp())))
    admin.update_role(RoleName="AdminRole", MaxSessionDuration=43200)
    next_window(sandbox)
    now = sandbox.clock.now()
    long = assume(sandbox, code=sandbox.totp(), DurationSeconds=7200)
    assert (long["Credentials"]["Expiration"] - now).total_seconds() == 7200


def test_get_session_token_credentials_are_their_own_and_carry_mfa(sandbox):
    sts = client(sandbox, "sts", long_term(sandbox))
    first = sts.get_session_token(SerialNumber=sandbox.account.mfa_serial, TokenCode=sandbox.totp())
    second = sts.get_session_token()  # without MFA
    keys = {first["Credentials"]["AccessKeyId"], second["Credentials"]["AccessKeyId"]}
    assert len(keys) == 2 and "AKIAIOSFODNN7EXAMPLE" not in keys
    assert all(k.startswith("ASIA") for k in keys)
    assert client(sandbox, "iam", temp(first)).list_users()["Users"]  # MFA: the deny is lifted
    assert error_of(client(sandbox, "iam", temp(second)).list_users)[0] == "AccessDenied"
    who = client(sandbox, "sts", temp(first)).get_caller_identity()
    assert who["Arn"] == "arn:aws:iam::111122223333:user/alice"
    assert error_of(client(sandbox, "sts", temp(first)).get_session_token) == (
        "AccessDenied",
        "Cannot call GetSessionToken with session credentials",
    )


def test_assume_role_from_session_credentials_is_role_chaining_capped_at_one_hour(sandbox):
    session = temp(
        client(sandbox, "sts", long_term(sandbox)).get_session_token(
            SerialNumber=sandbox.account.mfa_serial, TokenCode=sandbox.totp()
        )
    )
    admin = client(sandbox, "iam", temp(assume(sandbox, session)))
    admin.update_role(RoleName="AdminRole", MaxSessionDuration=43200)
    code, message = error_of(assume, sandbox, session, DurationSeconds=7200)
    assert (code, message) == (
        "ValidationError",
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by "
        "role chaining.",
    )
    assert assume(sandbox, session, DurationSeconds=3600)["AssumedRoleUser"]


def test_duration_bounds(sandbox):
    sts = client(sandbox, "sts", long_term(sandbox))
    code, message = error_of(
        sts.assume_role,
        RoleArn=sandbox.account.role_arn,
        RoleSessionName="alice",
        DurationSeconds=43201,
        SerialNumber=sandbox.account.mfa_serial,
        TokenCode=sandbox.totp(),
    )
    assert code == "ValidationError"
    assert "Member must have value less than or equal to 43200" in message


def test_the_role_must_exist(sandbox):
    code, message = error_of(
        assume, sandbox, code=sandbox.totp(), RoleArn="arn:aws:iam::111122223333:role/NoSuchRole"
    )
    assert code == "AccessDenied"
    assert "sts:AssumeRole on resource: arn:aws:iam::111122223333:role/NoSuchRole" in message


def test_the_trust_policy_must_admit_the_caller(sandbox):
    admin = client(sandbox, "iam", temp(assume(sandbox, code=sandbox.totp())))
    admin.update_assume_role_policy(
        RoleName="AdminRole",
        PolicyDocument=policy(
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"},
            }
        ),
    )
    next_window(sandbox)
    assert error_of(assume, sandbox, code=sandbox.totp()) == (
        "AccessDenied",
        "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: "
        "sts:AssumeRole on resource: arn:aws:iam::111122223333:role/AdminRole",
    )


def test_trust_policy_conditions_are_evaluated(sandbox):
    admin = client(sandbox, "iam", temp(assume(sandbox, code=sandbox.totp())))
    admin.update_assume_role_policy(
        RoleName="AdminRole",
        PolicyDocument=policy(
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                "Condition": {
                    "Bool": {"aws:MultiFactorAuthPresent": "true"},
                    "StringEquals": {"sts:RoleSessionName": "${aws:username}"},
                },
            }
        ),
    )
    next_window(sandbox)
    assert error_of(assume, sandbox, code=sandbox.totp(), RoleSessionName="someone-else")[0] == (
        "AccessDenied"
    )
    next_window(sandbox)
    assert assume(sandbox, code=sandbox.totp(), RoleSessionName="alice")["AssumedRoleUser"]


def test_trust_requires_mfa_even_for_an_admin_user(sandbox):
    boss = sandbox.create_user("boss", admin=True)
    sts = client(sandbox, "sts", keys(boss))
    assert (
        error_of(sts.assume_role, RoleArn=sandbox.account.role_arn, RoleSessionName="boss")[0]
        == "AccessDenied"
    )
    ok = sts.assume_role(
        RoleArn=sandbox.account.role_arn,
        RoleSessionName="boss",
        SerialNumber=boss.mfa_serial,
        TokenCode=sandbox.totp(boss.mfa_secret),
    )
    assert ok["AssumedRoleUser"]["Arn"].endswith("assumed-role/AdminRole/boss")


def test_a_user_outside_the_group_is_not_allowed_to_assume(sandbox):
    eve = sandbox.create_user("eve")
    sts = client(sandbox, "sts", keys(eve))
    code, message = error_of(
        sts.assume_role,
        RoleArn=sandbox.account.role_arn,
        RoleSessionName="eve",
        SerialNumber=eve.mfa_serial,
        TokenCode=sandbox.totp(eve.mfa_secret),
    )
    assert code == "AccessDenied"
    assert message.endswith("because no identity-based policy allows the sts:AssumeRole action")
