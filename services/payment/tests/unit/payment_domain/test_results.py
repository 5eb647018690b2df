"""Payment results and reconciliation (issue 13 "Results and reconciliation"; Decree
20/2021/NĐ-CP Art. 34): paid, failed and returned lines reconcile exactly; failed lines come
back next month as lines of their own; months not collected feed the suspension proposal."""

from __future__ import annotations

from datetime import date

from payment.domain import results as results_module
from payment.domain.lines import LineRef, PaymentLine, carried_over_line
from payment.domain.months import Month
from payment.domain.results import (
    Outcome,
    PaymentResult,
    Reconciliation,
    collection_history,
    reconcile,
    result_errors,
)
from payment.domain.rules.suspension import Collection, propose_suspension

from .builders import COMMUNE, lines_for

AUG = Month(2025, 8)


def ref(line_id: str, month: Month = AUG) -> LineRef:
    return LineRef(COMMUNE, month, line_id)


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert results_module.LEGAL_BASIS.startswith("Decree 20/2021/NĐ-CP Art. 34")


def test_paid_failed_and_returned_lines_reconcile_exactly() -> None:
    b1, b2 = lines_for(AUG)  # 1,000,000 and 750,000
    third = PaymentLine("b-3", "b-3", b1.kind, b1.parts)  # 1,000,000, cash
    fourth = PaymentLine("b-4", "b-4", b2.kind, b2.parts)  # 750,000, cash, no result yet
    lines = [(b1, "VBSP"), (b2, "VBSP"), (third, "VNPOST"), (fourth, "VNPOST")]
    results = {
        "b-1": PaymentResult(ref("b-1"), "VBSP", Outcome.PAID, 1_000_000),
        "b-2": PaymentResult(ref("b-2"), "VBSP", Outcome.RETURNED, 750_000, "R03"),
        "b-3": PaymentResult(ref("b-3"), "VNPOST", Outcome.FAILED, 1_000_000, "F01"),
    }
    rows = reconcile(COMMUNE, AUG, lines, results)
    assert rows == (
        Reconciliation(COMMUNE, "VBSP", AUG, 2, 1_750_000, 1, 1_000_000, 1, 750_000),
        Reconciliation(COMMUNE, "VNPOST", AUG, 2, 1_750_000, 0, 0, 1, 1_000_000),
    )
    assert [(r.outstanding_count, r.outstanding_vnd) for r in rows] == [(0, 0), (1, 750_000)]
    total_expected = sum(r.expected_vnd for r in rows)
    accounted = sum(r.paid_vnd + r.failed_vnd + r.outstanding_vnd for r in rows)
    assert total_expected == accounted == 3_500_000


def test_a_failed_line_appears_in_the_next_month_as_its_own_line() -> None:
    (b1, _) = lines_for(AUG)
    carried = carried_over_line(b1, ref("b-1"), "F01: tài khoản bị phong tỏa")
    assert (carried.line_id, carried.amount, carried.corrects) == (
        "carry:2025-08:b-1", 1_000_000, ref("b-1"),
    )  # fmt: skip
    assert carried.parts[0].description.startswith("Chi trả lại khoản tháng 2025-08")


def test_result_rows_are_checked_field_by_field() -> None:
    (b1, _) = lines_for(AUG)
    bad = PaymentResult(ref("b-1"), "VNPOST", Outcome.PAID, 999_000)
    errors = result_errors(bad, b1, cash=True, prefix="rows[12]")
    assert [e.field for e in errors] == [
        "rows[12].amount", "rows[12].collected_on", "rows[12].point_code",
    ]  # fmt: skip
    failed = PaymentResult(ref("b-1"), "VBSP", Outcome.FAILED, 1_000_000)
    assert [e.field for e in result_errors(failed, b1, cash=False)] == ["reason_code"]
    unknown = result_errors(failed, None, cash=False)
    assert unknown[0].message == "Không có dòng b-1 trong danh sách tháng 2025-08 của xã 00004."
    good = PaymentResult(
        ref("b-1"), "VNPOST", Outcome.PAID, 1_000_000, collected_on=date(2025, 8, 6),
        point_code="BD-00004-01",
    )  # fmt: skip
    assert result_errors(good, b1, cash=True) == []


def test_three_months_not_collected_lead_to_a_suspension_proposal() -> None:
    months = [Month(2025, m) for m in (6, 7, 8)]
    results = [PaymentResult(ref("b-1", m), "VNPOST", Outcome.FAILED, 1, "N01") for m in months]
    results.append(PaymentResult(ref("b-1", Month(2025, 5)), "VNPOST", Outcome.PAID, 1))
    history = collection_history(results, {"b-1": "b-1"}, "b-1")
    assert history[Month(2025, 5)] is Collection.COLLECTED
    proposal = propose_suspension("b-1", history, AUG)
    assert proposal is not None and proposal.months_not_collected == tuple(months)
