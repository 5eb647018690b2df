"""Certificate numbers and content."""

from __future__ import annotations

import datetime as dt

import pytest

from poverty.domain.certificate import (
    format_certificate_number,
    issue_certificate,
    parse_certificate_number,
)
from poverty.domain.errors import InvalidCertificateNumber, ReviewOutOfOrder
from poverty.domain.model import HouseholdStatus, StatusChange, StatusHistory

from .poverty_builders import household


def test_number_format_and_parse() -> None:
    assert format_certificate_number(15) == "Số 15/GCN-HN.HCN"
    assert parse_certificate_number(" Số 15/GCN-HN.HCN ") == 15
    for bad in (
        "15/GCN-HN.HCN",
        "Số 0/GCN-HN.HCN",
        "Số 15/GCN-HN",
        "So 15/GCN-HN.HCN",
        "Số x/GCN-HN.HCN",
    ):
        with pytest.raises(InvalidCertificateNumber) as err:
            parse_certificate_number(bad)
        assert err.value.http_status == 422
    with pytest.raises(InvalidCertificateNumber):
        format_certificate_number(0)


def _history() -> StatusHistory:
    h = StatusHistory("H1")
    h.record(
        StatusChange(
            2024,
            HouseholdStatus.POOR,
            dt.date(2024, 12, 10),
            "15/QĐ-UBND",
            "chair-1",
            "2022-2025",
            ("sanitation", "telecom_use", "housing_area"),
        )
    )
    h.record(
        StatusChange(
            2025,
            HouseholdStatus.NEAR_POOR,
            dt.date(2025, 12, 5),
            "20/QĐ-UBND",
            "chair-1",
            "2022-2025",
            ("sanitation",),
        )
    )
    return h


def test_content_lists_head_members_and_status_by_year() -> None:
    content, event = issue_certificate(7, household(), _history(), dt.date(2025, 12, 6), "chair-1")
    assert content.number == "Số 7/GCN-HN.HCN"
    assert (content.head_name, content.head_ethnicity) == ("Lò Văn Páo", "Thái")
    assert [(m.relation, m.birth_year, m.gender) for m in content.members] == [
        ("Chủ hộ", 1980, "Nam"),
        ("Vợ/chồng", 1982, "Nữ"),
    ]
    assert [(y.review_year, y.status) for y in content.years] == [
        (2024, "Hộ nghèo"),
        (2025, "Hộ cận nghèo"),
    ]
    assert content.years[0].deprivations == (
        "Nhà tiêu hợp vệ sinh",
        "Sử dụng dịch vụ viễn thông",
        "Diện tích nhà ở bình quân đầu người",
    )
    assert (event.certificate_number, event.status, event.review_year) == (
        "Số 7/GCN-HN.HCN",
        HouseholdStatus.NEAR_POOR,
        2025,
    )


def test_no_certificate_for_a_household_not_poor_or_near_poor() -> None:
    h = _history()
    h.record(
        StatusChange(
            2026,
            HouseholdStatus.LEFT_NEAR_POVERTY,
            dt.date(2026, 12, 1),
            "3/QĐ-UBND",
            "chair-1",
            "2022-2025",
        )
    )
    with pytest.raises(ReviewOutOfOrder):
        issue_certificate(8, household(), h, dt.date(2026, 12, 2), "chair-1")
    content, _ = issue_certificate(8, household(), h, dt.date(2025, 12, 6), "chair-1")  # as of then
    assert [y.review_year for y in content.years] == [2024, 2025]
