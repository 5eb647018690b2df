from datetime import date

import pytest

from ansinh_common.authz import Level, UnitModel
from identity.domain.commands import CreateAccount
from identity.domain.errors import InvalidAccount
from identity.domain.periods import ModelPeriod, catalog_version_of, model_on
from identity.domain.rules import assignable_roles, validate_new_account


def test_model_per_period() -> None:
    assert model_on(date(2025, 6, 30)) is UnitModel.THREE_LEVEL
    assert model_on(date(2025, 7, 1)) is UnitModel.TWO_LEVEL
    assert catalog_version_of(UnitModel.THREE_LEVEL) == "pre2025"
    only_old = (ModelPeriod(date(1900, 1, 1), UnitModel.THREE_LEVEL),)
    assert model_on(date(2030, 1, 1), only_old) is UnitModel.THREE_LEVEL
    with pytest.raises(ValueError, match="no administrative model"):
        model_on(date(1800, 1, 1))


def test_roles_follow_the_unit_level() -> None:
    assert "commune_officer" in assignable_roles(Level.COMMUNE)
    assert "district_leader" not in assignable_roles(Level.COMMUNE)
    assert {"domain_poverty", "system_admin"} <= assignable_roles(Level.PROVINCE)


def command(**changes: object) -> CreateAccount:
    base: dict[str, object] = {
        "username": "Xa.NgocHa",
        "first_name": "Hoa",
        "last_name": "Nguyễn Thị",
        "email": "Hoa@Example.vn",
        "unit_code": "00008",
        "roles": ("commune_officer", "domain_poverty"),
    }
    base.update(changes)
    return CreateAccount(**base)  # type: ignore[arg-type]


def test_valid_account_is_normalised() -> None:
    new = validate_new_account(command(), catalog_version="2025", password="secret-123")
    assert new.username == "xa.ngocha" and new.email == "hoa@example.vn"
    assert new.roles == frozenset({"commune_officer", "domain_poverty"})


def test_every_bad_field_is_reported() -> None:
    bad = command(
        username="x!",
        first_name=" ",
        email="not-mail",
        roles=("province_officer", "commune_leader"),
    )
    with pytest.raises(InvalidAccount) as caught:
        validate_new_account(bad, catalog_version="2025", password="short")
    fields = {e.field for e in caught.value.errors}
    assert fields == {"username", "first_name", "email", "roles[0]", "password"}


def test_domain_roles_alone_are_not_enough() -> None:
    with pytest.raises(InvalidAccount) as caught:
        validate_new_account(
            command(roles=("domain_poverty",)), catalog_version="2025", password="secret-123"
        )
    assert [e.code for e in caught.value.errors] == ["required"]


def test_weak_passwords_are_refused_in_vietnamese() -> None:
    from identity.domain.rules import check_password, password_errors

    with pytest.raises(InvalidAccount) as caught:
        check_password("aaaaaaaa", username="xa.ngocha")
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("password", "too_short"),
        ("password", "too_simple"),
    ]
    assert caught.value.errors[0].message == "Mật khẩu cần ít nhất 10 ký tự."
    assert [e.code for e in password_errors("aaaaaaaaaaaa")] == ["too_simple"]
    assert [e.code for e in password_errors("Xa.NgocHa-2026", username="xa.ngocha")] == [
        "contains_username"
    ]
    assert password_errors("Hoa-pass-2026", username="xa.ngocha") == []
    check_password("Hoa-pass-2026", username="xa.ngocha")


def test_officers_enrol_otp_only_when_required() -> None:
    from identity.domain.rules import first_login_actions

    officer = command(roles=("commune_officer",))
    required = validate_new_account(
        officer, catalog_version="2025", password="secret-123", require_officer_otp=True
    )
    assert required.required_actions == ("CONFIGURE_TOTP",)
    demo = validate_new_account(officer, catalog_version="2025", password="secret-123")
    assert demo.required_actions == ()
    assert first_login_actions(frozenset({"citizen"}), require_officer_otp=True) == ()
    assert first_login_actions(frozenset({"province_leader"}), require_officer_otp=True) == (
        "CONFIGURE_TOTP",
    )
