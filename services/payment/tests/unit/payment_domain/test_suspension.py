"""Not collected for 3 consecutive months → suspension proposal (Circular 02/2021/TT-BLĐTBXH
Art. 2.3, marked for verification)."""

from __future__ import annotations

from payment.domain.events import SuspensionProposed
from payment.domain.months import Month
from payment.domain.rules import suspension
from payment.domain.rules.suspension import Collection, propose_stop, propose_suspension

C, N = Collection.COLLECTED, Collection.NOT_COLLECTED


def history(*statuses: Collection) -> dict[Month, Collection]:
    """Results from January 2025 on, one a month."""
    return {Month(2025, 1).plus(i): s for i, s in enumerate(statuses)}


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert suspension.LEGAL_BASIS == "Circular 02/2021/TT-BLĐTBXH Art. 2.3"
    assert suspension.VERIFIED is False


def test_three_consecutive_months_not_collected_are_proposed_once() -> None:
    results = history(C, N, N, N, N)
    assert propose_suspension("b-1", results, Month(2025, 3)) is None  # only 2 so far
    proposal = propose_suspension("b-1", results, Month(2025, 4))
    assert proposal is not None
    assert proposal.months_not_collected == (Month(2025, 2), Month(2025, 3), Month(2025, 4))
    assert "Thông tư 02/2021/TT-BLĐTBXH" in proposal.message
    assert proposal.event("01") == SuspensionProposed(
        province_code="01", beneficiary_id="b-1", months_not_collected=proposal.months_not_collected
    )
    assert propose_suspension("b-1", results, Month(2025, 5)) is None  # already proposed


def test_a_month_collected_breaks_the_run() -> None:
    assert propose_suspension("b-1", history(N, N, C, N, N), Month(2025, 5)) is None


def test_a_month_with_no_line_neither_counts_nor_breaks() -> None:
    results = {Month(2025, 1): N, Month(2025, 2): N, Month(2025, 4): N}
    assert propose_suspension("b-1", results, Month(2025, 4)) is not None
    assert propose_suspension("b-1", results, Month(2025, 3)) is None  # no line in March


def test_still_absent_three_months_after_the_suspension_is_proposed_for_stop() -> None:
    assert not propose_stop(Month(2025, 5), collected_since=False, month=Month(2025, 7))
    assert propose_stop(Month(2025, 5), collected_since=False, month=Month(2025, 8))
    assert not propose_stop(Month(2025, 5), collected_since=True, month=Month(2025, 8))
