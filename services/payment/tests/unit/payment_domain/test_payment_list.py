"""The payment list of a commune and month: draft → approved → exported → closed, maker–checker,
idempotent generation, closed months locked, corrections as linked adjustment lines."""

from __future__ import annotations

import pytest

from payment.domain import payment_list
from payment.domain.errors import (
    InvalidAdjustment,
    MonthLocked,
    SameMakerAndChecker,
    WrongListState,
)
from payment.domain.events import ListApproved, ListExported, ListGenerated, MonthClosed
from payment.domain.explain import PartKind
from payment.domain.lines import LineKind, carried_over_line
from payment.domain.months import Month
from payment.domain.payment_list import ListState, PaymentList

from .builders import COMMUNE, HANOI, lines_for

OFFICER, LEADER = "officer-1", "leader-1"
AUG, SEP = Month(2025, 8), Month(2025, 9)


def draft(month: Month = AUG) -> PaymentList:
    plist = PaymentList(HANOI, COMMUNE, month, OFFICER)
    plist.generate(lines_for(month), OFFICER)
    return plist


def closed(month: Month = AUG) -> PaymentList:
    plist = draft(month)
    plist.approve(LEADER)
    plist.export(OFFICER)
    plist.close(LEADER)
    return plist


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert payment_list.LEGAL_BASIS.startswith("Decree 20/2021/NĐ-CP Art. 34")


def test_generation_computes_each_line_and_the_total() -> None:
    plist = draft()
    assert {k: v.amount for k, v in plist.lines.items()} == {"b-1": 1_000_000, "b-2": 750_000}
    assert plist.total == 1_750_000
    assert plist.events == [
        ListGenerated(province_code=HANOI, commune_code=COMMUNE, month=AUG, lines=2,
                      total=1_750_000, prepared_by=OFFICER)
    ]  # fmt: skip


def test_generating_the_same_month_twice_changes_nothing() -> None:
    plist = draft()
    before = (dict(plist.lines), plist.total, plist.version, list(plist.events))
    assert plist.generate(lines_for(AUG), OFFICER) is False
    assert (dict(plist.lines), plist.total, plist.version, list(plist.events)) == before


def test_the_full_path_and_its_events() -> None:
    plist = closed()
    assert plist.state is ListState.CLOSED
    assert [type(e) for e in plist.events] == [
        ListGenerated,
        ListApproved,
        ListExported,
        MonthClosed,
    ]
    approved = plist.events[1]
    assert isinstance(approved, ListApproved)
    assert (approved.approved_by, approved.total) == (LEADER, 1_750_000)
    assert approved.setting_keys == frozenset()  # national level only, no province setting


def test_the_preparer_cannot_approve_their_own_list() -> None:
    plist = draft()
    with pytest.raises(SameMakerAndChecker) as exc:
        plist.approve(OFFICER)
    assert exc.value.detail == "Người phê duyệt phải khác người lập danh sách chi trả."
    assert plist.state is ListState.DRAFT


def test_a_draft_cannot_be_exported_or_closed() -> None:
    plist = draft()
    with pytest.raises(WrongListState, match="xuất file"):
        plist.export(OFFICER)
    with pytest.raises(WrongListState, match="khóa sổ"):
        plist.close(LEADER)


def test_an_approved_list_is_not_regenerated_nor_approved_again() -> None:
    plist = draft()
    plist.approve(LEADER)
    with pytest.raises(WrongListState, match="đã duyệt"):
        plist.generate(lines_for(AUG), OFFICER)
    with pytest.raises(WrongListState):
        plist.approve("leader-2")


def test_a_closed_month_refuses_regeneration_and_edits() -> None:
    plist = closed()
    with pytest.raises(MonthLocked) as exc:
        plist.generate(lines_for(AUG), OFFICER)
    assert "đã khóa sổ" in exc.value.detail
    for action in (plist.approve, plist.export, plist.close):
        with pytest.raises(MonthLocked):
            action("someone")


def test_a_correction_is_an_adjustment_line_linked_to_the_corrected_line() -> None:
    august = closed()
    september = draft(SEP)
    wrong = august.lines["b-1"]
    line = september.add_adjustment(
        wrong, august, 1_200_000, "Sai hệ số, truy lĩnh chênh lệch", "officer-3"
    )
    assert (line.kind, line.amount, line.corrects) == (
        LineKind.ADJUSTMENT, 200_000, august.ref("b-1"),
    )  # fmt: skip
    assert line.parts[0].kind is PartKind.ADJUSTMENT
    assert line.reason == "Sai hệ số, truy lĩnh chênh lệch"
    assert september.total == 1_750_000 + 200_000
    # regenerating September keeps the adjustment
    assert september.generate(lines_for(SEP), "officer-2") is True
    assert september.lines[line.line_id] == line
    with pytest.raises(SameMakerAndChecker):  # whoever added the adjustment is a maker too
        september.approve("officer-3")
    september.approve(LEADER)


def test_adjustments_need_a_closed_earlier_month_and_a_reason() -> None:
    august_open = draft()
    september = draft(SEP)
    with pytest.raises(InvalidAdjustment, match="đã khóa sổ"):
        september.add_adjustment(august_open.lines["b-1"], august_open, 0, "x", OFFICER)
    august = closed()
    with pytest.raises(InvalidAdjustment, match="lý do"):
        september.add_adjustment(august.lines["b-1"], august, 0, "  ", OFFICER)
    with pytest.raises(InvalidAdjustment, match="bằng số đã chi"):
        september.add_adjustment(august.lines["b-1"], august, 1_000_000, "x", OFFICER)
    september.add_adjustment(august.lines["b-1"], august, 0, "Đã chết từ tháng 7", OFFICER)
    with pytest.raises(InvalidAdjustment, match="Đã có"):
        september.add_adjustment(august.lines["b-1"], august, 0, "lần hai", OFFICER)


def test_a_failed_payment_is_carried_to_a_later_month_as_its_own_line() -> None:
    august = closed()
    carried = carried_over_line(august.lines["b-2"], august.ref("b-2"), "Tài khoản bị khóa")
    assert (carried.kind, carried.amount, carried.corrects) == (
        LineKind.CARRIED_OVER, 750_000, august.ref("b-2"),
    )  # fmt: skip
    september = PaymentList(HANOI, COMMUNE, SEP, OFFICER)
    september.generate([*lines_for(SEP), carried], OFFICER)
    assert september.total == 1_750_000 + 750_000
