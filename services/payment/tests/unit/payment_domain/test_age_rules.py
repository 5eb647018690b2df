"""Age-dependent coefficients (Decree 20/2021/NĐ-CP Art. 5, 6.1; Art. 8: from the month the
condition is met, with no manual change) — every age transition of issue 13."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payment.domain.explain import explain
from payment.domain.lines import monthly_line
from payment.domain.model import Child, DisabilityLevel, Membership
from payment.domain.months import Month
from payment.domain.rules import childhood, coefficient
from payment.domain.rules.coefficient import group_coefficient

from .builders import beneficiary, membership


def paid(born: date, month: Month, *ms: Membership) -> tuple[int, list[str]]:
    person = beneficiary(born, *ms)
    e = explain(person, month)
    return e.total, [f"{p.group} {p.coefficient}" for p in e.parts]


def test_legal_basis_is_written_beside_the_rules() -> None:
    assert coefficient.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 5, Art. 6.1"
    assert childhood.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 5.1, Art. 5.2, Art. 8"
    assert childhood.VERIFIED is False  # the last month at 22 is marked for verification


def test_5_1_child_moves_from_2_5_to_1_5_in_the_month_they_turn_4() -> None:
    born, m = date(2021, 5, 20), membership("5.1", Month(2024, 1))
    assert paid(born, Month(2025, 4), m) == (1_250_000, ["5.1 2.5"])
    assert paid(born, Month(2025, 5), m) == (750_000, ["5.1 1.5"])


def test_5_1_childs_allowance_ends_after_the_month_they_turn_16() -> None:
    born, m = date(2009, 3, 2), membership("5.1", Month(2024, 1))
    assert paid(born, Month(2025, 3), m) == (750_000, ["5.1 1.5"])
    assert paid(born, Month(2025, 4), m) == (0, [])


def test_5_1_child_studying_continues_as_5_2_but_never_past_22() -> None:
    born = date(2009, 3, 2)
    m = membership("5.1", Month(2024, 1), studying_through=Month(2032, 6))
    assert paid(born, Month(2025, 4), m) == (750_000, ["5.2 1.5"])
    assert paid(born, Month(2031, 3), m) == (750_000, ["5.2 1.5"])  # the month they turn 22
    assert paid(born, Month(2031, 4), m) == (0, [])  # still studying, but past 22


def test_5_2_student_stops_when_studies_end() -> None:
    m = membership("5.1", Month(2024, 1), studying_through=Month(2027, 6))
    assert paid(date(2009, 3, 2), Month(2027, 6), m)[0] == 750_000
    assert paid(date(2009, 3, 2), Month(2027, 7), m)[0] == 0


def test_5_5a_moves_from_1_5_to_2_0_in_the_month_they_turn_80() -> None:
    born, m = date(1945, 9, 30), membership("5.5a", Month(2024, 1))
    assert paid(born, Month(2025, 8), m) == (750_000, ["5.5a 1.5"])
    assert paid(born, Month(2025, 9), m) == (1_000_000, ["5.5a 2.0"])


def test_5_5b_starts_in_the_month_they_turn_75() -> None:
    born = date(1950, 11, 3)
    m = membership("5.5b", Month(2024, 1))  # decision earlier than the birthday
    assert paid(born, Month(2025, 10), m) == (0, [])
    assert paid(born, Month(2025, 11), m) == (500_000, ["5.5b 1.0"])


def test_5_5b_at_80_is_paid_as_5_5c_and_flagged() -> None:
    born = date(1945, 11, 3)
    m = membership("5.5b", Month(2024, 1))
    assert paid(born, Month(2025, 10), m) == (500_000, ["5.5b 1.0"])
    assert paid(born, Month(2025, 11), m) == (500_000, ["5.5c 1.0"])
    flags = explain(beneficiary(born, m), Month(2025, 11)).transitions
    assert [(f.before, f.after) for f in flags] == [("5.5b default 1.0", "5.5c default 1.0")]


def test_5_5c_starts_in_the_month_they_turn_80() -> None:
    born = date(1945, 2, 14)
    m = membership("5.5c", Month(2024, 1))
    assert paid(born, Month(2025, 1), m) == (0, [])
    assert paid(born, Month(2025, 2), m) == (500_000, ["5.5c 1.0"])


def test_5_6_uses_the_child_coefficient_until_the_month_they_turn_16() -> None:
    born = date(2009, 6, 1)
    m = membership("5.6", Month(2024, 1), level=DisabilityLevel.ESPECIALLY_SEVERE)
    assert paid(born, Month(2025, 5), m) == (1_250_000, ["5.6 2.5"])
    assert paid(born, Month(2025, 6), m) == (1_000_000, ["5.6 2.0"])


def test_5_6_uses_the_elderly_coefficient_from_the_month_they_turn_60() -> None:
    born = date(1965, 8, 1)
    m = membership("5.6", Month(2024, 1), level=DisabilityLevel.SEVERE)
    assert paid(born, Month(2025, 7), m) == (750_000, ["5.6 1.5"])
    assert paid(born, Month(2025, 8), m) == (1_000_000, ["5.6 2.0"])


def test_5_6_mild_disability_is_not_paid() -> None:
    m = membership("5.6", Month(2024, 1), level=DisabilityLevel.MILD)
    assert paid(date(1980, 1, 1), Month(2025, 1), m) == (0, [])


def test_5_3_child_with_hiv_moves_from_2_5_to_2_0_at_4_and_ends_after_16() -> None:
    born, m = date(2021, 7, 7), membership("5.3", Month(2024, 1))
    assert paid(born, Month(2025, 6), m)[1] == ["5.3 2.5"]
    assert paid(born, Month(2025, 7), m)[1] == ["5.3 2.0"]
    assert paid(born, Month(2037, 7), m)[1] == ["5.3 2.0"]
    assert paid(born, Month(2037, 8), m)[1] == []


def test_5_7_ends_after_the_month_they_turn_3() -> None:
    born, m = date(2023, 4, 4), membership("5.7", Month(2024, 1))
    assert paid(born, Month(2026, 4), m)[1] == ["5.7 1.5"]
    assert paid(born, Month(2026, 5), m)[1] == []


def test_5_4_counts_each_child_under_16_or_studying_to_22() -> None:
    kids = (Child(date(2012, 1, 5)), Child(date(2009, 2, 1), studying_through=Month(2030, 6)))
    m = membership("5.4", Month(2024, 1), children=kids)
    g = group_coefficient(m, date(1985, 1, 1), Month(2025, 3))
    assert g is not None and (g.coefficient, g.children) == (Decimal("2.0"), 2)
    g = group_coefficient(m, date(1985, 1, 1), Month(2028, 2))  # first child turned 16 in Jan
    assert g is not None and (g.coefficient, g.children) == (Decimal("1.0"), 1)
    assert group_coefficient(m, date(1985, 1, 1), Month(2030, 7)) is None


def test_5_4_children_without_a_birth_date_are_counted_as_the_decision_says() -> None:
    m = membership("5.4", Month(2024, 1), children=(Child(None), Child(None)))
    g = group_coefficient(m, date(1985, 1, 1), Month(2040, 3))  # no age rule can end them
    assert g is not None and (g.coefficient, g.children) == (Decimal("2.0"), 2)


def test_the_5_1_change_at_4_is_flagged_for_review_in_that_month_only() -> None:
    person = beneficiary(date(2021, 5, 20), membership("5.1", Month(2024, 1)))
    (flag,) = explain(person, Month(2025, 5)).transitions
    assert (flag.before, flag.after, flag.age) == ("5.1 under_4 2.5", "5.1 from_4 1.5", 4)
    assert "rà soát" in flag.message
    assert explain(person, Month(2025, 6)).transitions == ()


def test_the_last_month_at_16_and_the_stop_after_it_are_both_flagged() -> None:
    person = beneficiary(date(2009, 3, 2), membership("5.1", Month(2024, 1)))
    (last,) = explain(person, Month(2025, 3)).transitions
    assert last.after is None and "tháng cuối" in last.message
    (stop,) = explain(person, Month(2025, 4)).transitions
    assert (stop.before, stop.after) == ("5.1 from_4 1.5", None)
    assert "thôi hưởng" in stop.message
    line = monthly_line(person, Month(2025, 4), first_paid=Month(2024, 1))
    assert line is not None and (line.amount, line.transitions) == (0, (stop,))
    assert monthly_line(person, Month(2025, 5), first_paid=Month(2024, 1)) is None


@pytest.mark.parametrize(("group", "age"), [("5.5b", 75), ("5.5c", 80)])
def test_a_start_at_75_or_80_is_flagged_in_the_birthday_month(group: str, age: int) -> None:
    """Decree 20/2021/NĐ-CP Art. 8: 5.5b from turning 75, 5.5c from turning 80."""
    born = date(2025 - age, 11, 3)
    person = beneficiary(born, membership(group, Month(2025, 11)))  # the registry's start
    (flag,) = explain(person, Month(2025, 11)).transitions
    assert (flag.before, flag.after, flag.age) == (None, f"{group} default 1.0", age)
    assert f"đủ {age} tuổi" in flag.message
    assert explain(person, Month(2025, 12)).transitions == ()


def test_a_5_2_record_pays_1_5_while_studying_and_never_past_22() -> None:
    """Decree 20/2021/NĐ-CP Art. 5.2: from 16 to 22 while studying."""
    born = date(2005, 9, 1)
    open_ended = membership("5.2", Month(2024, 1))
    assert paid(born, Month(2025, 1), open_ended) == (750_000, ["5.2 1.5"])
    assert paid(born, Month(2027, 9), open_ended)[0] == 750_000  # the month they turn 22
    assert paid(born, Month(2027, 10), open_ended)[0] == 0
    finished = membership("5.2", Month(2024, 1), studying_through=Month(2025, 6))
    assert paid(born, Month(2025, 6), finished)[0] == 750_000
    assert paid(born, Month(2025, 7), finished)[0] == 0
