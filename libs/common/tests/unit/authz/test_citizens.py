"""Citizens reach their own records and dossiers only (personal ID number match)."""

from __future__ import annotations

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, ReasonCode, Resource, UnitTree, decide

ME = "001090000001"
OTHER = "079185000002"


def citizen(national_id: str | None = ME, unit: str | None = None) -> Principal:
    return Principal("sub", "user", frozenset({"citizen"}), unit, national_id)


# (owner of the record, action, allowed, reason)
CASES = [
    (ME, Action.READ, True, ReasonCode.OWN_RECORD),
    (ME, Action.WRITE, True, ReasonCode.OWN_RECORD),
    (ME, Action.DECIDE, False, ReasonCode.ACTION_NOT_PERMITTED),
    (OTHER, Action.READ, False, ReasonCode.NOT_OWNER),
    (OTHER, Action.WRITE, False, ReasonCode.NOT_OWNER),
    (OTHER, Action.DECIDE, False, ReasonCode.ACTION_NOT_PERMITTED),
    (None, Action.READ, False, ReasonCode.NOT_OWNER),
    (None, Action.WRITE, False, ReasonCode.NOT_OWNER),
]


@pytest.mark.parametrize(("owner", "action", "allowed", "code"), CASES)
def test_own_versus_other(
    units: UnitTree, owner: str | None, action: Action, allowed: bool, code: ReasonCode
) -> None:
    decision = decide(citizen(), action, Resource("00004", "2025", owner), units=units)
    assert (decision.allowed, decision.code) == (allowed, code)
    assert decision.role == "citizen"


def test_the_unit_does_not_matter_for_own_records(units: UnitTree) -> None:
    moved = citizen(unit="00004")
    assert decide(moved, Action.READ, Resource("01000", "2025", ME), units=units).allowed
    assert decide(moved, Action.READ, Resource("00001", "pre2025", ME), units=units).allowed
    assert not decide(moved, Action.READ, Resource("00004", "2025", OTHER), units=units).allowed


@pytest.mark.parametrize("national_id", [None, ""])
def test_a_citizen_without_national_id_owns_nothing(
    units: UnitTree, national_id: str | None
) -> None:
    for owner in (None, ""):
        resource = Resource("00004", "2025", owner)
        decision = decide(citizen(national_id), Action.READ, resource, units=units)
        assert not decision.allowed
        assert decision.code is ReasonCode.MISSING_NATIONAL_ID


def test_an_officer_who_is_also_a_citizen(units: UnitTree) -> None:
    both = Principal("s", "u", frozenset({"commune_officer", "citizen"}), "00004", ME)
    own_elsewhere = Resource("01000", "2025", ME)
    own_here = Resource("00004", "2025", ME)
    # as a citizen: own record anywhere
    assert decide(both, Action.WRITE, own_elsewhere, units=units).code is ReasonCode.OWN_RECORD
    assert decide(both, Action.WRITE, own_here, units=units).code is ReasonCode.OWN_RECORD
    # as an officer: others' records in scope; the officer's refusal is reported otherwise
    assert decide(both, Action.WRITE, Resource("00004", "2025", OTHER), units=units).allowed
    refused = decide(both, Action.READ, Resource("01000", "2025", OTHER), units=units)
    assert (refused.allowed, refused.code, refused.role) == (
        False,
        ReasonCode.OUT_OF_SCOPE,
        "commune_officer",
    )


def test_officials_may_not_write_or_decide_on_their_own_record(units: UnitTree) -> None:
    leader = Principal("s", "u", frozenset({"province_leader"}), "01", ME)
    own = Resource("00004", "2025", ME)
    assert decide(leader, Action.READ, own, units=units).allowed
    for action in (Action.WRITE, Action.DECIDE):
        decision = decide(leader, action, own, units=units)
        assert (decision.allowed, decision.code) == (False, ReasonCode.CONFLICT_OF_INTEREST)
    # holding the citizen role too gives back personal writes, never the decision
    both = Principal("s", "u", frozenset({"province_leader", "citizen"}), "01", ME)
    assert decide(both, Action.WRITE, own, units=units).code is ReasonCode.OWN_RECORD
    decision = decide(both, Action.DECIDE, own, units=units)
    assert (decision.allowed, decision.code) == (False, ReasonCode.CONFLICT_OF_INTEREST)
