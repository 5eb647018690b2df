"""Issue 11, defect 11: the exported list prints readably (LibreOffice headless → PDF).

The commune's export is converted to PDF by LibreOffice (``soffice --headless``, installed by
``infra/install.sh``) and read back with poppler (``pdfinfo``, ``pdftotext -bbox``): the page
count follows from the rows (no empty bordered rows printed), the header rows and the STT are
on every page, the record codes are whole, the place-and-date line and the signatures are on
the last band's first page, and the body text is printed at 8 pt or more — measured against a
reference cell set in 8 pt and converted in the same run.
"""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from ansinh_common.authz import CatalogUnitTree
from registry.excel.export import export_commune
from registry.excel.importer import FileImporter, ImportMode, ImportOptions

from .support import HANOI_OFFICER, Cluster, template_row, write_file

pytestmark = pytest.mark.integration
TOPIC = "ansinh.registry.beneficiary.v1"
ROWS = 60
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def to_pdf(xlsx: Path) -> Path:
    profile = xlsx.parent / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(xlsx.parent), str(xlsx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return xlsx.with_suffix(".pdf")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert found is not None
    return int(found.group(1))


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def word_heights(pdf: Path, word: str) -> list[float]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [float(m[3]) - float(m[1]) for m in _WORD.findall(out) if m[4] == word]


def reference_8pt(tmp: Path) -> float:
    """The printed height of "Nam" set in 8 pt Times New Roman at 100 %."""
    book = Workbook()
    sheet = book.active
    for row in range(1, 4):
        sheet.cell(row, 1, "Nam").font = Font(name="Times New Roman", size=8)
    path = tmp / "reference.xlsx"
    book.save(path)
    return statistics.median(word_heights(to_pdf(path), "Nam"))


def test_11_the_export_prints_readably_on_a4_landscape(cluster: Cluster, tmp_path: Path) -> None:
    rows = [template_row(n) for n in range(1, ROWS + 1)]
    importer = FileImporter(cluster.router, TOPIC, CatalogUnitTree())
    applied = importer.run(HANOI_OFFICER, write_file(rows), ImportOptions(ImportMode.APPLY))
    assert applied.rows_applied == ROWS
    exported = export_commune(cluster.router, "00004", (2025, 9))
    xlsx = tmp_path / exported.file_name
    xlsx.write_bytes(exported.content)

    pdf = to_pdf(xlsx)
    count = pages(pdf)
    texts = [page_text(pdf, p) for p in range(1, count + 1)]

    # bands of rows, each printed over the same number of pages across
    band_starts = [i for i, text in enumerate(texts) if "Mã đối tượng" in text]
    across = count // len(band_starts)
    assert band_starts == list(range(0, count, across)) and count == across * len(band_starts)
    # every page: header row numbers and the STT column; every row printed, no empty rows
    for text in texts:
        assert "(1)" in text and "STT" in text
    stt = [int(n) for n in re.findall(r"^\s*(\d+)\s", "\n".join(texts[::across]), re.M)]
    assert sorted(set(stt)) == list(range(1, ROWS + 1))
    assert len(band_starts) == 2  # 60 rows over two bands, nothing for 100 empty rows
    # record codes are printed whole
    codes = set(re.findall(r"[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}", "\n".join(texts)))
    assert len(codes) == ROWS
    # the place-and-date line above the signatures, on the first page of the last band
    last = texts[band_starts[-1]]
    assert "Phường Ba Đình, ngày ..... tháng ..... năm 2025" in last
    assert last.index("năm 2025") < last.index("TM. ỦY BAN NHÂN DÂN") < last.index("CHỦ TỊCH")
    # readable: the body text is at least as tall as 8 pt text at 100 %
    body = statistics.median(word_heights(pdf, "Nam"))
    assert body >= reference_8pt(tmp_path), body
