"""The poverty, procedures and budget Excel forms open in LibreOffice headless and print on one A4
page each, in Vietnamese (converted to PDF and read back with poppler)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from reporting.adapters.excel_more_forms import budget_form, poverty_form, procedures_form
from reporting.domain.budget import BudgetLine, BudgetReport
from reporting.domain.poverty import PovertyReport, poverty_scope
from reporting.domain.procedures import ProcedureLine, ProceduresReport, ProcedureStepTime
from reporting.domain.reports import unit_scope

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
