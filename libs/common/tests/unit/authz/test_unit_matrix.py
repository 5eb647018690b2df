"""Every cell of role × relation × action, three-level model (pre-2025 catalog).

The expected values are written out here by hand from DESIGN.md ("Identity and access") and
the brief, not derived from ``ansinh_common.authz.tables``.
"""

from __future__ import annotations

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, ReasonCode, Resource, UnitTree, decide

RELATIONS = ("same", "child", "grandchild", "sibling", "parent", "other_province")

# The principal's unit per role, and the resource unit reached by each relation from it.
# None: the relation does not exist for that unit in the three-level model.
UNIT_OF_ROLE = {
    "ministry_leader": "VN",
    "ministry_officer": "VN",
    "province_leader": "01",
    "province_officer": "01",
    "district_leader": "001",
    "district_officer": "001",
    "commune_leader": "00001",
    "commune_officer": "00001",
    "system_admin": "01",
    "citizen": "01",
}
RESOURCE_UNIT = {
    "VN": ("VN", "01", "001", None, None, None),
    "01": ("01", "001", "00001", "02", "VN", "00700"),
    "001": ("001", "00001", None, "002", "01", "026"),
    "00001": ("00001", None, None, "00004", "001", "00700"),
}

# r = read, w = write, d = decide; "" = nothing; None = the cell does not exist.
#                     same   child  grandchild sibling parent other_province
EXPECTED: dict[str, tuple[str | None, ...]] = {
    "ministry_leader": ("rwd", "rwd", "rwd", None, None, None),
    "ministry_officer": ("rw", "rw", "rw", None, None, None),
    "province_leader": ("rwd", "rwd", "rwd", "", "", ""),
    "province_officer": ("rw", "rw", "rw", "", "", ""),
    "district_leader": ("rwd", "rwd", None, "", "", ""),
    "district_officer": ("rw", "rw", None, "", "", ""),
    "commune_leader": ("rwd", None, None, "", "", ""),
    "commune_officer": ("rw", None, None, "", "", ""),
    "system_admin": ("", "", "", "", "", ""),
    "citizen": ("", "", "", "", "", ""),  # records of other people; own records: test_citizens
}
LETTER = {Action.READ: "r", Action.WRITE: "w", Action.DECIDE: "d"}

CELLS = [
    (role, relation, action) for role in EXPECTED for relation in RELATIONS for action in Action
]


def test_the_table_covers_every_role_and_relation() -> None:
    assert len(CELLS) == 10 * 6 * 3
    for role, row in EXPECTED.items():
        unit = UNIT_OF_ROLE[role]
        for expected, resource_unit in zip(row, RESOURCE_UNIT[unit], strict=True):
            assert (expected is None) == (resource_unit is None), (role, unit)


@pytest.mark.parametrize(("role", "relation", "action"), CELLS, ids=lambda v: str(v))
def test_cell(units: UnitTree, role: str, relation: str, action: Action) -> None:
    index = RELATIONS.index(relation)
    expected = EXPECTED[role][index]
    resource_unit = RESOURCE_UNIT[UNIT_OF_ROLE[role]][index]
    if expected is None:
        assert resource_unit is None
        return
    assert resource_unit is not None
    principal = Principal(
        "sub", "user", frozenset({role}), UNIT_OF_ROLE[role], national_id="001090000001"
    )
    resource = Resource(resource_unit, "pre2025", owner_national_id="001090000999")
    decision = decide(principal, action, resource, units=units, accounts_version="pre2025")
    assert decision.allowed is (LETTER[action] in expected), decision
    assert decision.reason  # always a Vietnamese explanation
    if decision.allowed:
        assert decision.code is ReasonCode.IN_SCOPE
        assert decision.role == role


@pytest.mark.parametrize(
    ("role", "action", "resource_unit", "code"),
    [
        ("province_officer", Action.READ, "VN", ReasonCode.SUPERIOR_UNIT),
        ("commune_officer", Action.WRITE, "001", ReasonCode.SUPERIOR_UNIT),
        ("district_leader", Action.DECIDE, "002", ReasonCode.OUT_OF_SCOPE),
        ("province_leader", Action.READ, "00700", ReasonCode.OUT_OF_SCOPE),
        ("province_officer", Action.DECIDE, "001", ReasonCode.ACTION_NOT_PERMITTED),
        ("system_admin", Action.READ, "01", ReasonCode.ADMIN_NO_BENEFIT_ACCESS),
        ("citizen", Action.READ, "01", ReasonCode.NOT_OWNER),
    ],
)
def test_refusal_reasons(
    units: UnitTree, role: str, action: Action, resource_unit: str, code: ReasonCode
) -> None:
    principal = Principal("sub", "user", frozenset({role}), UNIT_OF_ROLE[role], "001090000001")
    resource = Resource(resource_unit, "pre2025", owner_national_id="001090000999")
    decision = decide(principal, action, resource, units=units, accounts_version="pre2025")
    assert not decision.allowed
    assert decision.code is code
