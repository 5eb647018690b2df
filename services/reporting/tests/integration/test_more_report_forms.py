"""The Excel forms (poverty, procedures, budget, data-quality progress, provincial-sync gap) open
in LibreOffice headless and print on A4, in Vietnamese (converted to PDF, read with poppler)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from ansinh_common.catalogs.admin_units import CatalogVersion, children
from ansinh_common.catalogs.provincial_sync import shipped_sync_modes
from reporting.adapters.excel_gap_forms import provincial_sync_gap_form, quality_progress_form
from reporting.adapters.excel_more_forms import budget_form, poverty_form, procedures_form
from reporting.domain.budget import BudgetLine, BudgetReport
from reporting.domain.poverty import PovertyReport, poverty_scope
from reporting.domain.procedures import ProcedureLine, ProceduresReport, ProcedureStepTime
from reporting.domain.provincial_gap import (
    GapCount,
    PlatformOnly,
    ProvincialOnly,
    ProvincialSyncGap,
    gap_scope,
)
from reporting.domain.quality_progress import progress
from reporting.domain.reports import QUALITY_FIELDS, UnitQuality, unit_scope

pytestmark = pytest.mark.integration
MONTH = date(2025, 12, 1)
EXPECTED = {
    "ho-ngheo": ("BÁO CÁO KẾT QUẢ HỘ NGHÈO, HỘ CẬN NGHÈO", "Thành phố Hà Nội", "tháng 12/2025",
                 "Hộ thoát nghèo", "Bảo hiểm y tế", "12,50", "THỦ TRƯỞNG ĐƠN VỊ"),
    "thu-tuc": ("BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Trực tuyến", "Trễ hạn",
                "Xem xét tại xã", "Tổng cộng", "NGƯỜI LẬP BIỂU"),
    "kinh-phi": ("BÁO CÁO KINH PHÍ CHI TRẢ TRỢ CẤP XÃ HỘI", "Trong đó truy lĩnh",
                 "II. Trong tháng, theo diện và kênh", "III. Truy lĩnh, theo diện và kênh",
                 "Diện 5.5a — Ngân hàng Chính sách xã hội", "Hỗ trợ mai táng", "1540000",
                 "THỦ TRƯỞNG ĐƠN VỊ"),
}  # fmt: skip


def test_the_poverty_procedures_and_budget_forms_print_on_one_a4_page(tmp_path: Path) -> None:
    poverty = PovertyReport(
        poverty_scope("province", "01", MONTH), MONTH, 800, 100, 60,
        moves={"entered_poverty": 5, "left_poverty": 12},
        deprivations={"health_insurance": 70, "housing_area": 20},
    )  # fmt: skip
    lines = tuple(
        ProcedureLine(code, channel, unit, 10 + n, 7, 2, 4)
        for n, (code, channel, unit) in enumerate(
            [("1.001776", 1, "00004"), ("1.001776", 2, "00070"), ("1.001758", 2, "00004")]
        )
    )
    steps = (
        ProcedureStepTime("in_review", 20, 2.5, 4.1),
        ProcedureStepTime("in_appraisal", 9, 6.0, 9.8),
    )
    procedures = ProceduresReport(unit_scope("province", "01", MONTH), MONTH, lines, steps)
    budget_lines = (
        BudgetLine("5.5a", "VBSP", False, 1_000_000, 1_000_000, 1_000_000, 0),
        BudgetLine("5.5a", "VBSP", True, 1_540_000, 1_540_000, 0, 1_540_000),
        BudgetLine("funeral", "CASH_COMMUNE", False, 10_000_000, 10_000_000, 10_000_000, 0),
    )
    budget = BudgetReport(
        unit_scope("province", "01", MONTH), MONTH, 3, 1, 12_540_000, 12_540_000, 11_000_000,
        1_540_000, {"VBSP": 1_000_000, "CASH_COMMUNE": 10_000_000}, budget_lines,
    )  # fmt: skip
    printed = date(2026, 1, 5)
    files = {
        "kinh-phi": budget_form(budget, "Thành phố Hà Nội", printed),
        "ho-ngheo": poverty_form(poverty, "Thành phố Hà Nội", printed),
        "thu-tuc": procedures_form(procedures, "Thành phố Hà Nội", printed),
    }
    paths = []
    for name, content in files.items():
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(content)
        paths.append(str(path))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *paths],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    for name, expected in EXPECTED.items():
        pdf = tmp_path / f"{name}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
        assert re.search(r"^Pages:\s+1$", info.stdout, re.MULTILINE), (name, info.stdout)
        size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout, re.MULTILINE)
        assert size is not None and (round(float(size[1])), round(float(size[2]))) == (595, 842)
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        for phrase in expected:
            assert phrase in text, (name, phrase)


def _pdf(tmp_path: Path, name: str, content: bytes) -> tuple[str, str]:
    """(pdfinfo, pdftotext -layout) of ``content`` converted by LibreOffice headless."""
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(content)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = str(tmp_path / f"{name}.pdf")
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    text = subprocess.run(
        ["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True, text=True
    ).stdout
    return info, text


def _a4(info: str) -> tuple[int, int]:
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    assert size is not None, info
    return round(float(size[1])), round(float(size[2]))


def test_the_data_quality_progress_form_prints_one_a4_page_wide(tmp_path: Path) -> None:
    def unit(code: str, present: int) -> UnitQuality:
        applicable = {f: 100 for f in QUALITY_FIELDS}
        return UnitQuality(code, 100, {f: present for f in QUALITY_FIELDS}, applicable)

    provinces = [u.code for u in children("VN", CatalogVersion.V2025)]
    months = {
        date(2025, m, 1): [unit(code, 30 + m * 5 + n % 7) for n, code in enumerate(provinces)]
        for m in range(7, 13)
    }
    found = progress(unit_scope("country", "VN", date.max), months)
    info, text = _pdf(tmp_path, "tien-do", quality_progress_form(found, "Việt Nam", MONTH))
    assert _a4(info) == (842, 595)  # A4 landscape
    first_page = text.split("\f")[0]
    for phrase in ("BÁO CÁO TIẾN ĐỘ LÀM SẠCH DỮ LIỆU ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI",
                   "từ tháng 07/2025 đến tháng 12/2025", "07/2025", "12/2025",
                   "Tăng/giảm"):  # fmt: skip
        assert phrase in first_page, phrase
    # every column fits the page's width: the ranking's last columns are on a page too
    for phrase in ("Ngày quyết", "Tài khoản", "Điểm", "THỦ TRƯỞNG ĐƠN VỊ", "+25,0", "96,0",
                   "Thành phố Hà Nội (01)"):  # fmt: skip
        assert phrase in text, phrase
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)[1])  # type: ignore[index]
    assert pages <= 3  # 34 provinces twice, legible size


def test_the_provincial_sync_gap_form_prints_on_a4(tmp_path: Path) -> None:
    scope = gap_scope("province", "01", MONTH, shipped_sync_modes(), page=1, page_size=50)
    gap = ProvincialSyncGap(
        scope,
        by_province=(GapCount("01", 2, 1),),
        by_procedure=(GapCount("1.001776", 2, 0), GapCount("2.000286", 0, 1)),
        provincial_only=(
            ProvincialOnly("HN-2025-000017", "01", "1.001776", date(2025, 12, 3)),
            ProvincialOnly("HN-2025-000018", "01", "1.001776", date(2025, 12, 9)),
        ),
        platform_only=(
            PlatformOnly("d-1", "000.00.04.H01-251204-0001", "01", "2.000286", date(2025, 12, 4)),
        ),
    )
    info, text = _pdf(tmp_path, "chenh-lech", provincial_sync_gap_form(gap, MONTH))
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    assert _a4(info) == (595, 842)
    for phrase in ("HỆ THỐNG MỘT CỬA CẤP TỈNH", "Thành phố Hà Nội", "tháng 12/2025",
                   "chưa gửi tỉnh", "HN-2025-000018", "03/12/2025",
                   "000.00.04.H01-251204-0001", "2.000286", "NGƯỜI LẬP BIỂU"):  # fmt: skip
        assert phrase in text, phrase
