"""What a new record must contain: catalog codes and coefficients, units, care support."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.domain.benefit import CaregiverKind, CareSupportLink, Disability, PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.errors import InvalidRecord
from registry.domain.model import BeneficiaryRecord
from registry.domain.person import Residence
from registry.domain.rules import coefficient

from .builders import World, disabled, new_change, person, record, register


def fields_of(exc: pytest.ExceptionInfo[InvalidRecord]) -> list[str]:
    return [e.field for e in exc.value.errors]


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert "Art. 6.1" in coefficient.LEGAL_BASIS


@pytest.mark.parametrize(
    ("category", "coef", "field"),
    [
        (CategoryRef("5.5a", "from_80"), "1.5", "coefficient"),
        (CategoryRef("9.9"), "1.0", "category.code"),
        (CategoryRef("C1", "child_under_4"), "2.5", "category.code"),  # care support
        (CategoryRef("5.1", "teenager"), "1.5", "category.condition"),
        (CategoryRef("5.4", "per_child"), "1.0", "category.children"),
    ],
)
def test_category_and_coefficient_come_from_the_catalog(
    category: CategoryRef, coef: str, field: str
) -> None:
    with pytest.raises(InvalidRecord) as exc:
        World().handle(register(category=category, coefficient=Decimal(coef)))
    assert fields_of(exc) == [field]


@pytest.mark.parametrize(
    ("residence", "field"),
    [
        (Residence("01", "01273"), "person.residence.commune_code"),  # a Cao Bằng commune
        (Residence("01", "99999"), "person.residence.commune_code"),
        (Residence("01", "00004", "001"), "person.residence.district_code"),  # none in 2025
        (Residence("01", "00001", None, "pre2025"), "person.residence.district_code"),
    ],
)
def test_units_must_exist_and_nest(residence: Residence, field: str) -> None:
    with pytest.raises(InvalidRecord) as exc:
        record(person=person(residence=residence))
    assert fields_of(exc) == [field]


def test_a_record_lives_in_the_province_of_its_residence() -> None:
    with pytest.raises(InvalidRecord) as exc:
        BeneficiaryRecord.register("r", "04", new_change())
    assert fields_of(exc) == ["person.residence.province_code"]


def test_disability_level_must_match_the_coefficient() -> None:
    with pytest.raises(InvalidRecord) as exc:
        World().handle(disabled(disability=Disability("1", "1", date(2025, 6, 3))))
    assert fields_of(exc) == ["disability.level_code"]


def test_unknown_payment_channel_and_ethnicity() -> None:
    with pytest.raises(InvalidRecord) as exc:
        World().handle(register(payment=PaymentInfo("NOPE"), person=person(ethnicity_code="77")))
    assert sorted(fields_of(exc)) == ["payment.channel_code", "person.ethnicity_code"]


def test_care_support_links_use_care_support_coefficients() -> None:
    link = CareSupportLink(
        CaregiverKind.HOUSEHOLD, "HH-0001", "Hộ bà Lê Thị C", "C3", "default", Decimal("1.0")
    )
    world = World()
    rid = world.handle(
        disabled(
            category=CategoryRef("5.6", "especially_severe"), coefficient=Decimal("2.0"),
            disability=Disability("5", "1", date(2025, 6, 3)), care_support=(link,),
        )
    )  # fmt: skip
    assert world.stored("01", rid).state.care_support == (link,)
    wrong = CareSupportLink(
        CaregiverKind.PERSON, "001150000777", "Lê Văn D", "C4", "adult", Decimal("2.5")
    )
    with pytest.raises(InvalidRecord) as exc:
        world.handle(disabled(care_support=(wrong,)))
    assert fields_of(exc) == ["care_support[0].coefficient"]
