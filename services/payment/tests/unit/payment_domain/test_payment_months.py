"""Start and end months (Decree 20/2021/NĐ-CP Art. 8): owed from the start month; nothing for
months after the month of death or stop."""

from __future__ import annotations

from datetime import date

from payment.domain.explain import explain
from payment.domain.lines import monthly_line
from payment.domain.months import Month
from payment.domain.rules import payment_months
from payment.domain.rules.payment_months import last_month_owed

from .builders import beneficiary, membership

BORN = date(1940, 1, 1)  # 5.5a 2.0


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert payment_months.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 8"


def test_a_death_in_the_middle_of_a_month_pays_that_month_and_nothing_after() -> None:
    person = beneficiary(BORN, membership("5.5a"), died_on=date(2025, 3, 15))
    assert explain(person, Month(2025, 3)).total == 1_000_000
    assert explain(person, Month(2025, 4)).total == 0
    assert monthly_line(person, Month(2025, 4), Month(2024, 1)) is None
    assert last_month_owed(person) == Month(2025, 3)


def test_a_stop_pays_up_to_its_last_month() -> None:
    person = beneficiary(BORN, membership("5.5a", end=Month(2025, 5)))
    assert explain(person, Month(2025, 5)).total == 1_000_000
    assert explain(person, Month(2025, 6)).total == 0
    assert last_month_owed(person) == Month(2025, 5)


def test_nothing_is_owed_before_the_start_month() -> None:
    person = beneficiary(BORN, membership("5.5a", Month(2025, 8)))
    assert explain(person, Month(2025, 7)).total == 0
    assert explain(person, Month(2025, 8)).total == 1_000_000
    assert last_month_owed(person) is None


def test_death_before_the_stop_month_wins() -> None:
    person = beneficiary(BORN, membership("5.5a", end=Month(2025, 12)), died_on=date(2025, 9, 1))
    assert last_month_owed(person) == Month(2025, 9)
