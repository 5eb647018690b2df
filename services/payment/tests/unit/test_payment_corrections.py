"""Issue 13 "Closing a month": a closed month is corrected only by an adjustment line in a later
draft of the same commune, with its reason and a link (Decree 20/2021/NĐ-CP Art. 34)."""

from __future__ import annotations

import pytest

from payment.domain import corrections
from payment.domain.corrections import CorrectedLine, ListFacts, correction
from payment.domain.errors import InvalidAdjustment, MonthLocked, WrongListState
from payment.domain.months import Month

AUG, OCT = Month(2025, 8), Month(2025, 10)
CLOSED_AUG = ListFacts("00004:2025-08", "00004", AUG, "closed")
LINE = CorrectedLine("l-a", CLOSED_AUG, 1_000_000)


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert corrections.LEGAL_BASIS.startswith("Decree 20/2021/NĐ-CP Art. 34")


def test_the_adjustment_carries_the_difference_the_reason_and_the_link() -> None:
    made = correction(ListFacts("00004:2025-10", "00004", OCT, "draft"), LINE, 750_000, " Sai ")
    assert (made.line_id, made.corrects_line_id, made.amount, made.month_for, made.reason) == (
        "adj:2025-08:l-a",
        "l-a",
        -250_000,
        AUG,
        "Sai",
    )


@pytest.mark.parametrize(
    ("target", "line", "error"),
    [
        (CLOSED_AUG, LINE, MonthLocked),  # the closed list itself: no edit
        (ListFacts("x", "00004", OCT, "approved"), LINE, WrongListState),  # only into a draft
        (ListFacts("x", "00004", OCT, "draft"),
         CorrectedLine("l-a", ListFacts("y", "00004", AUG, "exported"), 1), InvalidAdjustment),
        (ListFacts("x", "00004", AUG, "draft"), LINE, InvalidAdjustment),  # not a later month
        (ListFacts("x", "00007", OCT, "draft"), LINE, InvalidAdjustment),  # another commune
    ],
)  # fmt: skip
def test_what_cannot_be_corrected_is_refused(
    target: ListFacts, line: CorrectedLine, error: type[Exception]
) -> None:
    with pytest.raises(error):
        correction(target, line, 750_000, "Sai hệ số")


def test_a_correction_needs_a_reason_and_a_difference() -> None:
    draft = ListFacts("x", "00004", OCT, "draft")
    with pytest.raises(InvalidAdjustment, match="Phải ghi lý do"):
        correction(draft, LINE, 750_000, "  ")
    with pytest.raises(InvalidAdjustment, match="bằng số đã chi"):
        correction(draft, LINE, 1_000_000, "Sai")
