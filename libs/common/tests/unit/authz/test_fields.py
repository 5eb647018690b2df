"""Circular 11/2019/TT-BLĐTBXH Art. 4.1: citizens and representatives change personal fields
only; policy fields (category, coefficient, amounts, decision) only by the competent agency."""

from __future__ import annotations

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import (
    AccessDenied,
    ReasonCode,
    Resource,
    check_field_change,
    locked_fields,
    require_field_change,
)

POLICY = ("category", "coefficient", "monthly_amount", "decision")
ME = "001090000001"


def who(*roles: str, unit: str | None = None) -> Principal:
    return Principal("s", "u", frozenset(roles), unit, ME)


# (roles, changed fields, allowed, code)
CASES = [
    (("citizen",), ["phone", "address"], True, ReasonCode.PERSONAL_FIELDS_ONLY),
    (("citizen",), [], True, ReasonCode.PERSONAL_FIELDS_ONLY),
    (("citizen",), ["phone", "coefficient"], False, ReasonCode.POLICY_FIELDS_LOCKED),
    (("citizen",), ["category"], False, ReasonCode.POLICY_FIELDS_LOCKED),
    (("commune_officer",), ["coefficient"], True, ReasonCode.COMPETENT_AGENCY),
    (("district_leader",), ["decision", "monthly_amount"], True, ReasonCode.COMPETENT_AGENCY),
    (("commune_officer",), ["phone"], True, ReasonCode.PERSONAL_FIELDS_ONLY),
    (("system_admin",), ["coefficient"], False, ReasonCode.POLICY_FIELDS_LOCKED),
    ((), ["coefficient"], False, ReasonCode.POLICY_FIELDS_LOCKED),
    (("citizen", "commune_officer"), ["coefficient"], True, ReasonCode.COMPETENT_AGENCY),
]


@pytest.mark.parametrize(("roles", "changed", "allowed", "code"), CASES)
def test_field_rule(
    roles: tuple[str, ...], changed: list[str], allowed: bool, code: ReasonCode
) -> None:
    decision = check_field_change(who(*roles), changed, POLICY)
    assert (decision.allowed, decision.code) == (allowed, code)


def test_an_official_on_their_own_record_is_an_owner() -> None:
    officer = who("commune_officer", unit="00004")
    own, others = Resource("00004", "2025", ME), Resource("00004", "2025", "079185000002")
    assert check_field_change(officer, ["coefficient"], POLICY, resource=others).allowed
    refused = check_field_change(officer, ["coefficient"], POLICY, resource=own)
    assert (refused.allowed, refused.code) == (False, ReasonCode.POLICY_FIELDS_LOCKED)
    assert check_field_change(officer, ["phone"], POLICY, resource=own).allowed


def test_nested_paths_and_prefixes() -> None:
    policy = ["benefit", "decision"]
    changed = ["benefit.coefficient", "benefit[0]", "beneficiary_name", "decision", "decisions"]
    assert locked_fields(changed, policy) == ["benefit.coefficient", "benefit[0]", "decision"]


def test_require_raises_with_one_field_error_per_locked_field() -> None:
    with pytest.raises(AccessDenied) as caught:
        require_field_change(who("citizen"), iter(["phone", "decision", "category"]), POLICY)
    err = caught.value
    assert err.decision.code is ReasonCode.POLICY_FIELDS_LOCKED
    assert "category, decision" in err.detail
    assert "Điều 4 Thông tư 11/2019/TT-BLĐTBXH" in err.detail
    assert [(e.field, e.code) for e in err.errors] == [
        ("category", "policy_field_locked"),
        ("decision", "policy_field_locked"),
    ]
    assert require_field_change(who("citizen"), ["phone"], POLICY).allowed
