"""The list for month M is due before the 25th of M−1 (Decree 20/2021/NĐ-CP Art. 34, marked
for verification); dates in Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from payment.domain.months import Month
from payment.domain.rules import list_deadline
from payment.domain.rules.list_deadline import due_before, late_communes, local_date


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert list_deadline.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 34"
    assert list_deadline.VERIFIED is False


def test_the_list_for_january_is_due_before_25_december() -> None:
    assert due_before(Month(2026, 1)) == date(2025, 12, 25)
    assert due_before(Month(2025, 8)) == date(2025, 7, 25)


def test_late_communes_are_those_approved_on_or_after_the_25th_or_not_yet_approved() -> None:
    approved = {
        "00004": date(2025, 7, 24),  # on time
        "00007": date(2025, 7, 25),  # late
        "00001": None,  # not approved yet
    }
    before = late_communes(Month(2025, 8), approved, today=date(2025, 7, 24))
    assert [x.commune_code for x in before] == ["00007"]
    after = late_communes(Month(2025, 8), approved, today=date(2025, 7, 25))
    assert [x.commune_code for x in after] == ["00001", "00007"]
    assert after[0].message == (
        "Danh sách chi trả tháng 2025-08 của xã 00001 phải chuyển trước ngày 25/07/2025 "
        "(chưa duyệt)."
    )


def test_dates_are_taken_in_vietnam_time() -> None:
    # 17:30 UTC on 24 July is 00:30 on 25 July in Hà Nội: already late
    assert local_date(datetime(2025, 7, 24, 17, 30, tzinfo=UTC)) == date(2025, 7, 25)
    with pytest.raises(ValueError, match="aware"):
        local_date(datetime(2025, 7, 24, 17, 30))
