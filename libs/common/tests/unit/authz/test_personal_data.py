"""Masking of personal ID and account numbers, and search, by role (issue 9; Decree 13/2023).

Expectations are written by hand, per role, on the fake tree of conftest.py (2025 catalog:
VN ─ 01 ─ 00004, 00008; VN ─ 04 ─ 01000)."""

from __future__ import annotations

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import (
    AccessDenied,
    Domain,
    ReasonCode,
    Resource,
    UnitTree,
    mask_identifier,
    require_search,
    sees_identifiers,
)

OWNER = "001090012345"
RECORD = Resource("00004", "2025", OWNER, Domain.SOCIAL_ASSISTANCE)


def who(role: str, unit: str | None, national_id: str | None = None, *extra: str) -> Principal:
    return Principal("sub", "user", frozenset({role, *extra}), unit, national_id)


def test_mask_keeps_four_then_two() -> None:
    assert mask_identifier("001090012345") == "0010******45"
    assert mask_identifier("0123456789012") == "0123*******12"
    assert mask_identifier("12345") == "*****"
    assert mask_identifier("") == "" and mask_identifier(None) is None


# (principal, sees in full) — one line per role
ROLES = [
    (who("commune_officer", "00004"), True),  # the record's commune
    (who("commune_leader", "00004"), True),
    (who("province_officer", "01"), True),  # the record's province
    (who("province_leader", "01"), True),
    (who("commune_officer", "00008"), False),  # a sibling commune: cannot even read
    (who("province_officer", "04"), False),  # another province
    (who("ministry_officer", "VN", None, "domain_social_assistance"), False),  # reads, masked
    (who("ministry_leader", "VN", None, "domain_social_assistance"), False),
    (who("system_admin", "VN"), False),
    (who("citizen", None, OWNER), True),  # the person themself
    (who("citizen", None, "079185000002"), False),
    (who("commune_officer", "00008", OWNER), True),  # an official who is the person
]


@pytest.mark.parametrize(("principal", "full"), ROLES)
def test_who_sees_identifiers_in_full(units: UnitTree, principal: Principal, full: bool) -> None:
    assert sees_identifiers(principal, RECORD, units=units) is full


def test_search_is_reading(units: UnitTree) -> None:
    unit = Resource("01", "2025", None, Domain.SOCIAL_ASSISTANCE)
    assert require_search(who("province_officer", "01"), unit, personal_id=None, units=units)
    with pytest.raises(AccessDenied) as refused:
        require_search(who("system_admin", "VN"), unit, personal_id=None, units=units)
    assert refused.value.decision.code is ReasonCode.ADMIN_NO_BENEFIT_ACCESS
    with pytest.raises(AccessDenied):  # by ID number too: nationwide search refused
        require_search(who("system_admin", "VN"), unit, personal_id=OWNER, units=units)
    own = require_search(who("citizen", None, OWNER), unit, personal_id=OWNER, units=units)
    assert own.code is ReasonCode.OWN_RECORD
    with pytest.raises(AccessDenied):
        require_search(who("citizen", None, OWNER), unit, personal_id="079185000002", units=units)
    with pytest.raises(AccessDenied) as other:
        require_search(who("commune_officer", "00004"), unit, personal_id=None, units=units)
    assert other.value.decision.code is ReasonCode.SUPERIOR_UNIT


def test_an_empty_unit_code_is_never_a_blank_in_a_message() -> None:
    from ansinh_common.authz.reasons import message

    text = message(ReasonCode.UNKNOWN_UNIT, unit="")
    assert "(trống)" in text and "  " not in text
    assert "00004" in message(ReasonCode.UNKNOWN_UNIT, unit="00004")
