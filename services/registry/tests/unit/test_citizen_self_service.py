"""A citizen changes the contact details of their own record, not its identity data."""

from __future__ import annotations

from datetime import date

import pytest

from ansinh_common.errors import PermissionDenied
from registry.domain.commands import ChangeInformation
from registry.domain.information import FIELD_PATHS, InformationUpdate
from registry.domain.person import Gender
from registry.domain.rules import citizen_self_service
from registry.domain.rules.citizen_self_service import (
    CITIZEN_EDITABLE,
    IDENTITY_FIELDS,
    identity_fields_among,
    require_citizen_editable,
)
from registry.domain.rules.field_policy import PERSONAL_FIELDS

from .builders import COMMUNE_OFFICER, World, citizen, person, register


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


def test_legal_basis_and_the_personal_fields_split_in_two() -> None:
    assert "Circular 11/2019/TT-BLĐTBXH Art. 4.1" in citizen_self_service.LEGAL_BASIS
    assert "docs/adr/0039" in citizen_self_service.LEGAL_BASIS
    # every personal field is either the citizen's to edit or identity data
    personal = {FIELD_PATHS[a] for a in FIELD_PATHS} - {"payment"}
    personal -= {p for p in personal if p.startswith("disability.")}
    assert personal == CITIZEN_EDITABLE | IDENTITY_FIELDS
    assert not CITIZEN_EDITABLE & IDENTITY_FIELDS
    assert IDENTITY_FIELDS <= PERSONAL_FIELDS


def test_the_rule_names_each_identity_field() -> None:
    require_citizen_editable({"contact.phone", "contact.address"})
    assert identity_fields_among({"personal_id", "contact.phone", "full_name"}) == (
        "full_name",
        "personal_id",
    )
    with pytest.raises(PermissionDenied) as exc:
        require_citizen_editable({"contact.phone", "birth_date", "gender"})
    assert [(e.field, e.code) for e in exc.value.errors] == [
        ("birth_date", "identity_field"),
        ("gender", "identity_field"),
    ]
    assert "Cơ sở dữ liệu quốc gia về dân cư" in exc.value.detail


def test_citizen_updates_phone_and_address_of_their_own_record(
    world_and_record: tuple[World, str, str],
) -> None:
    world, rid, own_id = world_and_record
    update = InformationUpdate(phone="0900000002", address="Số 7 ngõ 3")
    world.handle(change(citizen(own_id), rid, update))
    contact = world.stored("01", rid).state.person.contact
    assert (contact.phone, contact.address) == ("0900000002", "Số 7 ngõ 3")


@pytest.mark.parametrize(
    ("update", "field"),
    [
        (InformationUpdate(full_name="Tên Khác"), "full_name"),
        (InformationUpdate(birth_date=date(1951, 1, 1)), "birth_date"),
        (InformationUpdate(gender=Gender.MALE), "gender"),
        (InformationUpdate(personal_id="001150999999", phone="0900000003"), "personal_id"),
        (InformationUpdate(ethnicity_code="02"), "ethnicity_code"),
    ],
)
def test_citizen_may_not_change_identity_data(
    world_and_record: tuple[World, str, str], update: InformationUpdate, field: str
) -> None:
    world, rid, own_id = world_and_record
    with pytest.raises(PermissionDenied) as exc:
        world.handle(change(citizen(own_id), rid, update))
    assert [e.field for e in exc.value.errors] == [field]
    assert len(world.stored("01", rid).history) == 1  # nothing applied, not even the phone


def test_the_commune_officer_still_corrects_identity_data(
    world_and_record: tuple[World, str, str],
) -> None:
    world, rid, _ = world_and_record
    world.handle(change(COMMUNE_OFFICER, rid, InformationUpdate(full_name="Tên Đã Sửa")))
    assert world.stored("01", rid).state.person.full_name == "Tên Đã Sửa"
