"""The review list and survey results as Excel, through PovertyService on real PostgreSQL:
export → the officer fills it in → import checks every row, applies the valid ones through the
review's steps (each row whole or not at all) and returns errors by sheet, row and column in
Vietnamese with an error file."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from ansinh.poverty.v1 import poverty_pb2 as pb
from ansinh.poverty.v1 import poverty_pb2_grpc
from ansinh_common.auth.principal import use_principal
from ansinh_common.testing_keycloak import KeycloakTestUsers
from poverty.adapters.review_excel import HOUSEHOLD_SHEET, MEMBER_SHEET

from .poverty_support import BA_DINH, COMMUNE_CHAIR, COMMUNE_OFFICER, change, household, pb_date

pytestmark = pytest.mark.integration
Stub = poverty_pb2_grpc.PovertyServiceStub
FIRST = 4  # first data row under the title and header rows


def _fill(
    content: bytes,
    household_rows: Mapping[str, Mapping[str, object]],
    member_values: Mapping[str, object],
    skip_member: str | None = None,
) -> bytes:
    """Fill cells by header (household rows by household id; member facts for every member)."""
    book = load_workbook(io.BytesIO(content))
    sheet = book[HOUSEHOLD_SHEET]
    headers = {c.value: c.column for c in sheet[3]}
    rows = {sheet.cell(r, 1).value: r for r in range(FIRST, sheet.max_row + 1)}
    for hid, values in household_rows.items():
        row = rows.get(hid) or sheet.max_row + 1
        sheet.cell(row, 1, hid)
        for header, value in values.items():
            sheet.cell(row, headers[header], value)
    members = book[MEMBER_SHEET]
    mheaders = {c.value: c.column for c in members[3]}
    for r in range(FIRST, members.max_row + 1):
        if members.cell(r, 1).value in household_rows and members.cell(r, 2).value != skip_member:
            for header, value in member_values.items():
                members.cell(r, mheaders[header], value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_export_fill_import_with_row_errors(stub: Stub, signed_in: KeycloakTestUsers) -> None:
    officer, chair = signed_in(COMMUNE_OFFICER), signed_in(COMMUNE_CHAIR)
    with use_principal(officer):
        rich, poor, bad, asking = (
            stub.RegisterHousehold(pb.RegisterHouseholdRequest(household=household(n))).household_id
            for n in ("Vi Văn Giàu", "Hoàng Thị Khó", "Lý Văn Sai", "Âu Thị Hỏi")
        )
    with use_principal(chair):
        for hid in (rich, poor, bad):
            stub.RecordStatus(
                pb.RecordStatusRequest(province_code="01", household_id=hid,
                                       change=change("poor", dt.date(2024, 12, 10), 2024, "97/QĐ"))
            )  # fmt: skip
    with use_principal(officer):
        review_id = stub.StartReview(
            pb.StartReviewRequest(province_code="01", commune_code=BA_DINH, kind="annual",
                                  started_on=pb_date(dt.date(2025, 9, 3)))
        ).review_id  # fmt: skip
        for hid in (rich, poor, bad):
            stub.AddReviewHousehold(
                pb.AddReviewHouseholdRequest(province_code="01", review_id=review_id,
                                             household_id=hid)
            )  # fmt: skip
        ids = {"province_code": "01", "review_id": review_id}
        listing = stub.ExportReviewList(pb.ExportReviewListRequest(**ids))
        assert listing.rows == 3 and listing.file_name.endswith(".xlsx")
        request = {
            "Giấy đề nghị (mau_01, mau_04)": "mau_01",
            "Ngày nhận giấy đề nghị": "02/09/2025",
        }
        step1 = stub.ImportReviewList(
            pb.ImportReviewListRequest(**ids, content=_fill(listing.content, {asking: request}, {}))
        )
        assert (step1.rows, step1.applied, step1.rejected) == (1, 1, 0)
        stub.ActOnReview(pb.ActOnReviewRequest(**ids, close_list_on=pb_date(dt.date(2025, 9, 5))))
        exported = stub.ExportReviewList(pb.ExportReviewListRequest(**ids))
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(exported.content))
        listed = sheet.get_sheet_by_name(HOUSEHOLD_SHEET).to_python()
        assert listed[2][0] == "Mã hộ" and {r[0] for r in listed[3:]} == {rich, poor, bad, asking}
        survey = {
            "Ngày nhận diện (Phiếu A)": "10/09/2025", "Ngày khảo sát": "12/09/2025",
            "Thu nhập bình quân (đồng/người/tháng)": 1_500_000,
            "Số kết cấu chính không bền chắc (0-3) [non_durable_main_parts]": 0,
            "Diện tích nhà ở (m²) [floor_area_m2]": 60,
            "Nước sinh hoạt an toàn [safe_water]": "Không",
            "Nhà tiêu hợp vệ sinh [hygienic_latrine]": "Không",
            "Sử dụng dịch vụ viễn thông [uses_telecom]": "Không",
            "Có phương tiện tiếp cận thông tin [has_information_means]": "Có",
        }  # fmt: skip
        member = {
            "Có bảo hiểm y tế [has_health_insurance]": "Có",
            "Trẻ suy dinh dưỡng thấp còi hoặc nhẹ cân [stunted_or_underweight]": "Không",
            "Đạt trình độ giáo dục hoặc đang đi học, học nghề "
            "[expected_education_or_in_training]": "Có",
            "Đi học đúng độ tuổi [in_grade_for_age]": "Có",
            "Không có việc làm hoặc làm công không hợp đồng "
            "[unemployed_or_uncontracted_wage_job]": "Không",
            "Người phụ thuộc [dependant]": "Không",
            "Đang làm việc [works]": "Có",
        }  # fmt: skip
        filled = _fill(
            exported.content,
            {
                rich: {"Ngày nhận diện (Phiếu A)": "10/09/2025",
                       "Tiêu chí Phiếu A đạt (mã, cách nhau dấu phẩy)": "owns_car"},
                poor: survey,
                bad: {**survey, "Ngày khảo sát": "31/02/2025"},
                asking: {**survey, "Thu nhập bình quân (đồng/người/tháng)": 3_000_000},
            },
            member,
            skip_member="m1",  # m1 of every filled household left blank: only `asking` needs it
        )  # fmt: skip
        result = stub.ImportReviewList(pb.ImportReviewListRequest(**ids, content=filled))
    assert (result.rows, result.applied, result.rejected) == (4, 1, 3)
    errors = {(e.sheet, e.column) for e in result.errors}
    assert (HOUSEHOLD_SHEET, "Ngày khảo sát") in errors  # 31/02: not a date
    assert all(e.row >= FIRST and e.message for e in result.errors)
    missing = [e for e in result.errors if e.sheet == MEMBER_SHEET]
    assert missing and all("thành viên m1" in e.message for e in missing)
    back = CalamineWorkbook.from_filelike(io.BytesIO(result.error_file))
    rejected = back.get_sheet_by_name(HOUSEHOLD_SHEET).to_python()
    assert rejected[2][-2:] == ["Dòng gốc", "Lỗi"]
    assert rich not in {r[0] for r in rejected[3:]} and len(rejected) == 3 + 3
    with use_principal(officer):
        view = stub.GetReview(pb.GetReviewRequest(**ids))
    states = {c.household_id: c.state for c in view.cases}
    assert states == {rich: "ready", poor: "listed", bad: "listed", asking: "listed"}
