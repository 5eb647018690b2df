"""Citizens change personal fields only, never policy fields (Circular 11/2019 Art. 4.1)."""

from __future__ import annotations

from datetime import date

import pytest

from ansinh_common.errors import PermissionDenied
from registry.domain.benefit import PaymentInfo
from registry.domain.commands import ChangeInformation, RecordDeath
from registry.domain.information import InformationUpdate
from registry.domain.rules import field_policy
from registry.domain.rules.field_policy import PERSONAL_FIELDS, POLICY_FIELDS

from .builders import (
    CAO_BANG_OFFICER,
    COMMUNE_OFFICER,
    HANOI_OFFICER,
    World,
    citizen,
    decision,
    person,
    register,
)


def change(principal: object, rid: str, update: InformationUpdate) -> ChangeInformation:
    return ChangeInformation(
        principal=principal,  # type: ignore[arg-type]
        record_id=rid, province_code="01", update=update, effective_on=date(2025, 9, 12),
    )  # fmt: skip


@pytest.fixture
def world_and_record() -> tuple[World, str, str]:
    world = World()
    someone = person()
    assert someone.personal_id is not None
    return world, world.handle(register(person=someone)), someone.personal_id


def test_legal_basis_and_field_sets() -> None:
    assert field_policy.LEGAL_BASIS.startswith("Circular 11/2019/TT-BLĐTBXH Art. 4.1")
    assert {"category", "coefficient", "decision", "payment"} <= POLICY_FIELDS
    assert not PERSONAL_FIELDS & POLICY_FIELDS


def test_citizen_updates_their_own_personal_fields(
    world_and_record: tuple[World, str, str],
) -> None:
    world, rid, own_id = world_and_record
    world.handle(change(citizen(own_id), rid, InformationUpdate(phone="0900000001")))
    stored = world.stored("01", rid)
    assert stored.state.person.contact.phone == "0900000001"
    assert stored.history[-1].actor.on_behalf_of == "citizen"


@pytest.mark.parametrize(
    ("update", "field"),
    [
        (InformationUpdate(payment=PaymentInfo("VBSP", "1234567890")), "payment"),
        (InformationUpdate(disability_level_code="1"), "disability.level_code"),
    ],
)
def test_citizen_may_not_change_policy_fields(
    world_and_record: tuple[World, str, str], update: InformationUpdate, field: str
) -> None:
    world, rid, own_id = world_and_record
    with pytest.raises(PermissionDenied) as exc:
        world.handle(change(citizen(own_id), rid, update))
    assert [e.field for e in exc.value.errors] == [field]
    assert len(world.stored("01", rid).history) == 1


def test_citizen_may_not_touch_someone_elses_record(
    world_and_record: tuple[World, str, str],
) -> None:
    world, rid, _ = world_and_record
    with pytest.raises(PermissionDenied):
        world.handle(change(citizen("001150999999"), rid, InformationUpdate(phone="0900")))


def test_citizen_may_neither_register_nor_record_a_death(
    world_and_record: tuple[World, str, str],
) -> None:
    world, rid, own_id = world_and_record
    with pytest.raises(PermissionDenied):
        world.handle(register(principal=citizen(own_id)))
    with pytest.raises(PermissionDenied):
        world.handle(
            RecordDeath(
                principal=citizen(own_id), record_id=rid, province_code="01",
                died_on=date(2025, 9, 1), decision=decision(),
            )
        )  # fmt: skip


def test_officer_in_scope_may_change_policy_fields(
    world_and_record: tuple[World, str, str],
) -> None:
    world, rid, _ = world_and_record
    update = InformationUpdate(payment=PaymentInfo("VBSP", "1234567890"))
    world.handle(change(COMMUNE_OFFICER, rid, update))
    assert world.stored("01", rid).state.payment == PaymentInfo("VBSP", "1234567890")
    world.handle(change(HANOI_OFFICER, rid, InformationUpdate(ethnicity_code="02")))
    assert world.stored("01", rid).state.person.ethnicity_code == "02"


def test_officer_of_another_province_is_out_of_scope(
    world_and_record: tuple[World, str, str],
) -> None:
    world, rid, _ = world_and_record
    with pytest.raises(PermissionDenied):
        world.handle(change(CAO_BANG_OFFICER, rid, InformationUpdate(phone="0900")))


def test_a_pre2025_record_is_scoped_through_its_2025_commune() -> None:
    from registry.domain.person import Residence

    world = World()
    old_unit = Residence("01", "00001", "001", "pre2025")  # Phúc Xá, Ba Đình (pre-2025)
    rid = world.handle(register(person=person(residence=old_unit)))
    world.handle(change(HANOI_OFFICER, rid, InformationUpdate(phone="0900000009")))
    with pytest.raises(PermissionDenied):
        world.handle(change(CAO_BANG_OFFICER, rid, InformationUpdate(phone="0900000010")))
