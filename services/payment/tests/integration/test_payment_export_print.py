"""Issue 13 "Channels": the Excel payment file prints legibly on A4 (LibreOffice headless → PDF,
read back with poppler): A4 landscape, every column on the page width (the amount column is on
each page, none spills onto a page of its own), the header row on every page, the totals and
the checksum on the last page, body text at 8 pt or more (reference converted in the same run).
"""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from payment.adapters.export_files import to_xlsx
from payment.domain.export_sheet import ExportRow, build_export
from payment.domain.months import Month

pytestmark = pytest.mark.integration
ROWS = 120
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def to_pdf(xlsx: Path) -> Path:
    profile = xlsx.parent / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(xlsx.parent),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return xlsx.with_suffix(".pdf")


def pdf_info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def word_heights(pdf: Path, word: str) -> list[float]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [float(m[3]) - float(m[1]) for m in _WORD.findall(out) if m[4] == word]


def reference_8pt(tmp: Path) -> float:
    book = Workbook()
    for row in range(1, 4):
        book.active.cell(row, 1, "Nguyễn Thị Hằng").font = Font(name="Times New Roman", size=8)
    path = tmp / "reference.xlsx"
    book.save(path)
    return statistics.median(word_heights(to_pdf(path), "Nguy"))


def test_the_excel_payment_file_prints_legibly_on_a4(tmp_path: Path) -> None:
    rows = [
        ExportRow(
            f"0000{n % 2 + 4}",
            f"line-{n:04d}",
            f"ben-{n:04d}",
            "monthly",
            500_000 + n * 1_000,
            "VBSP",
            None,
            f"12000000{n:04d}",
            "Nguyễn Thị Hằng",
        )
        for n in range(1, ROWS + 1)
    ]
    sheet = build_export(Month(2025, 8), "VBSP", rows)
    xlsx = tmp_path / "chi-tra-VBSP-2025-08.xlsx"
    xlsx.write_bytes(to_xlsx(sheet))
    pdf = to_pdf(xlsx)

    info = pdf_info(pdf)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size is not None and (round(float(size[1])), round(float(size[2]))) == (842, 595)
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])  # type: ignore[index]
    texts = [page_text(pdf, p) for p in range(1, count + 1)]
    assert 2 <= count <= 6  # fitted to the width: pages go down only
    for text in texts:  # every page has the header row and the amount column
        assert "Mã đối tượng" in text and "Số tiền" in text and "Chủ tài khoản" in text
        assert re.search(r"^\s*\d+\s+0000[45]\s+line-\d{4}.*\d{3},\d{3}\s*$", text, re.M)
    printed = set(re.findall(r"line-(\d{4})", "\n".join(texts)))
    assert printed == {f"{n:04d}" for n in range(1, ROWS + 1)}
    last = texts[-1]
    assert "Tổng cộng" in last and "67,260,000" in last
    assert "Mã kiểm tra (SHA-256)" in last and sheet.checksum in last  # printed whole
    body = statistics.median(word_heights(pdf, "Nguy"))
    assert body >= reference_8pt(tmp_path), body
