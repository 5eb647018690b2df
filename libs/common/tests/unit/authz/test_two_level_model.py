"""Scope in the 2025 two-level model (ministry → province → commune, no districts).

In this model a province's "grandchild" does not exist (communes are its children); only the
ministry has grandchildren. District roles have no unit in the 2025 catalog.
"""

from __future__ import annotations

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, ReasonCode, Resource, UnitTree, decide

RELATIONS = ("same", "child", "grandchild", "sibling", "parent", "other_province")
UNIT_OF_ROLE = {
    "ministry_leader": "VN",
    "ministry_officer": "VN",
    "province_leader": "01",
    "province_officer": "01",
    "commune_leader": "00004",
    "commune_officer": "00004",
}
RESOURCE_UNIT = {
    "VN": ("VN", "01", "00004", None, None, None),
    "01": ("01", "00004", None, "04", "VN", "01000"),
    "00004": ("00004", None, None, "00008", "01", "01000"),
}
#                     same   child  grandchild sibling parent other_province
EXPECTED: dict[str, tuple[str | None, ...]] = {
    "ministry_leader": ("rwd", "rwd", "rwd", None, None, None),
    "ministry_officer": ("rw", "rw", "rw", None, None, None),
    "province_leader": ("rwd", "rwd", None, "", "", ""),
    "province_officer": ("rw", "rw", None, "", "", ""),
    "commune_leader": ("rwd", None, None, "", "", ""),
    "commune_officer": ("rw", None, None, "", "", ""),
}
LETTER = {Action.READ: "r", Action.WRITE: "w", Action.DECIDE: "d"}
CELLS = [(role, rel, act) for role in EXPECTED for rel in RELATIONS for act in Action]


@pytest.mark.parametrize(("role", "relation", "action"), CELLS, ids=lambda v: str(v))
def test_cell(units: UnitTree, role: str, relation: str, action: Action) -> None:
    index = RELATIONS.index(relation)
    expected = EXPECTED[role][index]
    resource_unit = RESOURCE_UNIT[UNIT_OF_ROLE[role]][index]
    assert (expected is None) == (resource_unit is None)
    if expected is None or resource_unit is None:
        return
    principal = Principal("sub", "user", frozenset({role}), UNIT_OF_ROLE[role])
    decision = decide(principal, action, Resource(resource_unit, "2025"), units=units)
    assert decision.allowed is (LETTER[action] in expected), decision


@pytest.mark.parametrize("role", ["district_officer", "district_leader"])
@pytest.mark.parametrize("resource_unit", ["01", "00004", "00008"])
def test_district_accounts_reach_nothing_in_the_2025_catalog(
    units: UnitTree, role: str, resource_unit: str
) -> None:
    principal = Principal("sub", "user", frozenset({role}), "001")
    decision = decide(principal, Action.READ, Resource(resource_unit, "2025"), units=units)
    assert not decision.allowed
    assert decision.code is ReasonCode.OUT_OF_SCOPE


def test_records_of_another_catalog_version_must_be_mapped_first(units: UnitTree) -> None:
    # "00004" is under district 001 before 2025 and directly under province 01 from 2025:
    # the same code, another unit. A 2025 account is not checked against pre-2025 codes.
    officer = Principal("sub", "user", frozenset({"commune_officer"}), "00004")
    assert decide(officer, Action.READ, Resource("00004", "2025"), units=units).allowed
    decision = decide(officer, Action.READ, Resource("00004", "pre2025"), units=units)
    assert not decision.allowed
    assert decision.code is ReasonCode.CATALOG_VERSION_MISMATCH
    assert "pre2025" in decision.reason


def test_the_ministry_reaches_records_of_every_version(units: UnitTree) -> None:
    minister = Principal("sub", "user", frozenset({"ministry_officer"}), "VN")
    assert decide(minister, Action.READ, Resource("00001", "pre2025"), units=units).allowed


def test_unknown_resource_unit_or_version_is_refused(units: UnitTree) -> None:
    officer = Principal("sub", "user", frozenset({"province_officer"}), "01")
    for resource, accounts in (
        (Resource("99999", "2025"), "2025"),
        (Resource("00004", "2030"), "2030"),
    ):
        decision = decide(officer, Action.READ, resource, units=units, accounts_version=accounts)
        assert not decision.allowed
        assert decision.code is ReasonCode.UNKNOWN_UNIT
