"""Account provisioning: an account of unit U manages accounts of units directly under U."""

from __future__ import annotations

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import AccessDenied, CatalogUnitTree, ReasonCode, UnitModel, UnitTree
from ansinh_common.catalogs import admin_units
from ansinh_common.errors import PermissionDenied
from identity.domain.rules.account_provisioning import (
    can_manage_accounts_of,
    require_manage_accounts_of,
)

R = ReasonCode

# (role, own unit, target unit, expected code; allowed iff DIRECT_SUBORDINATE)
THREE_LEVEL = [
    ("system_admin", "VN", "01", R.DIRECT_SUBORDINATE),
    ("system_admin", "VN", "02", R.DIRECT_SUBORDINATE),
    ("system_admin", "VN", "001", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "VN", "00001", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "01", "001", R.DIRECT_SUBORDINATE),
    ("system_admin", "01", "002", R.DIRECT_SUBORDINATE),
    ("system_admin", "01", "00001", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "01", "026", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "01", "02", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "01", "01", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "01", "VN", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "001", "00001", R.DIRECT_SUBORDINATE),
    ("system_admin", "001", "00004", R.DIRECT_SUBORDINATE),
    ("system_admin", "001", "00007", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "001", "002", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "00001", "00004", R.NOT_DIRECT_SUBORDINATE),
    ("ministry_leader", "VN", "01", R.DIRECT_SUBORDINATE),
    ("province_leader", "01", "001", R.DIRECT_SUBORDINATE),
    ("province_leader", "01", "026", R.NOT_DIRECT_SUBORDINATE),
    ("district_leader", "001", "00004", R.DIRECT_SUBORDINATE),
    ("commune_leader", "00001", "00004", R.NOT_DIRECT_SUBORDINATE),
    ("province_officer", "01", "001", R.NOT_ACCOUNT_MANAGER),
    ("ministry_officer", "VN", "01", R.NOT_ACCOUNT_MANAGER),
    ("citizen", "01", "001", R.NOT_ACCOUNT_MANAGER),
    ("province_leader", "001", "00001", R.ROLE_UNIT_MISMATCH),
    ("system_admin", "01", "099", R.UNKNOWN_UNIT),
    ("system_admin", "01", "x1", R.UNKNOWN_UNIT),
]

TWO_LEVEL = [
    ("system_admin", "VN", "01", R.DIRECT_SUBORDINATE),
    ("system_admin", "VN", "04", R.DIRECT_SUBORDINATE),
    ("system_admin", "VN", "00004", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "01", "00004", R.DIRECT_SUBORDINATE),
    ("system_admin", "01", "00008", R.DIRECT_SUBORDINATE),
    ("system_admin", "01", "01000", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "01", "04", R.NOT_DIRECT_SUBORDINATE),
    ("system_admin", "01", "001", R.LEVEL_NOT_IN_MODEL),
    ("system_admin", "001", "00004", R.LEVEL_NOT_IN_MODEL),
    ("system_admin", "00004", "00008", R.NOT_DIRECT_SUBORDINATE),
    ("province_leader", "01", "00004", R.DIRECT_SUBORDINATE),
    ("province_leader", "04", "00004", R.NOT_DIRECT_SUBORDINATE),
    ("district_leader", "001", "00004", R.LEVEL_NOT_IN_MODEL),
    ("province_officer", "01", "00004", R.NOT_ACCOUNT_MANAGER),
    ("system_admin", "01", "99999", R.UNKNOWN_UNIT),
]

CASES = [(UnitModel.THREE_LEVEL, *c) for c in THREE_LEVEL] + [
    (UnitModel.TWO_LEVEL, *c) for c in TWO_LEVEL
]


@pytest.mark.parametrize(("model", "role", "unit", "target", "code"), CASES)
def test_provisioning(
    units: UnitTree, model: UnitModel, role: str, unit: str, target: str, code: ReasonCode
) -> None:
    principal = Principal("s", "u", frozenset({role}), unit)
    decision = can_manage_accounts_of(principal, target, model, units=units)
    assert decision.code is code, decision
    assert decision.allowed is (code is R.DIRECT_SUBORDINATE)
    assert decision.reason


def test_an_account_without_unit_manages_nothing(units: UnitTree) -> None:
    principal = Principal("s", "u", frozenset({"system_admin"}), None)
    decision = can_manage_accounts_of(principal, "01", UnitModel.TWO_LEVEL, units=units)
    assert (decision.allowed, decision.code) == (False, R.MISSING_UNIT)


def test_refusal_raises_permission_denied_in_vietnamese(units: UnitTree) -> None:
    principal = Principal("s", "u", frozenset({"system_admin"}), "01")
    with pytest.raises(PermissionDenied) as caught:
        require_manage_accounts_of(principal, "01000", UnitModel.TWO_LEVEL, units=units)
    assert isinstance(caught.value, AccessDenied)
    assert caught.value.decision.code is R.NOT_DIRECT_SUBORDINATE
    assert "01000" in caught.value.detail
    assert "trực thuộc trực tiếp" in caught.value.detail
    ok = require_manage_accounts_of(principal, "00004", UnitModel.TWO_LEVEL, units=units)
    assert ok.allowed


def test_provisioning_over_the_real_catalog() -> None:
    tree = CatalogUnitTree()
    communes = list(admin_units.units("2025", "commune"))
    here = communes[0]
    elsewhere = next(c for c in communes if c.parent_code != here.parent_code)
    admin = Principal("s", "u", frozenset({"system_admin"}), here.parent_code)
    assert can_manage_accounts_of(admin, here.code, UnitModel.TWO_LEVEL, units=tree).allowed
    assert not can_manage_accounts_of(
        admin, elsewhere.code, UnitModel.TWO_LEVEL, units=tree
    ).allowed
