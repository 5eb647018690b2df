"""The beneficiaries report's Excel form opens in LibreOffice headless and prints on one A4
page, in Vietnamese (converted to PDF and read back with poppler)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from reporting.adapters.excel_forms import beneficiaries_form
from reporting.domain.reports import BeneficiariesReport, unit_scope

pytestmark = pytest.mark.integration
EXPECTED = (
    "BÁO CÁO ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI", "Thành phố Hà Nội", "tháng 10/2025", "Nữ", "Kinh",
    "Chưa có thông tin", "Tăng mới", "THỦ TRƯỞNG ĐƠN VỊ",
)  # fmt: skip


def test_the_beneficiaries_form_prints_on_one_a4_page(tmp_path: Path) -> None:
    month = date(2025, 10, 1)
    report = BeneficiariesReport(
        unit_scope("province", "01", month), month, 1234,
        by_category={"5.5a": 800, "5.6": 434}, by_gender={"female": 700, "male": 534},
        by_age_band={"0-15": 34, "16-59": 200, "60-79": 400, "80+": 600},
        by_ethnicity={"01": 1200, "": 34}, by_disability_level={"2": 300, "3": 134},
        care_support_households=12, changes={"new": 20, "death": 7, "move_in": 1},
    )  # fmt: skip
    xlsx = tmp_path / "bao-cao.xlsx"
    xlsx.write_bytes(beneficiaries_form(report, "Thành phố Hà Nội", date(2025, 11, 3)))
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(xlsx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = xlsx.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.MULTILINE), info.stdout
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout, re.MULTILINE)
    assert size is not None and (round(float(size[1])), round(float(size[2]))) == (595, 842)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for expected in EXPECTED:
        assert expected in text, expected
