from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ansinh_synthpop import Config
from ansinh_templates import beneficiary_excel as tpl


def test_excel_files_open_and_have_the_template_headers(
    generated: tuple[Config, Path, dict[str, Any]], read_rows: Any
) -> None:
    _, out, _ = generated
    files = sorted((out / "excel").rglob("*.xlsx"))
    assert len(files) == 2
    ben = list(read_rows(out / "beneficiaries.csv"))
    for f in files:
        commune = f.stem
        wb = load_workbook(f)
        ws = wb[tpl.SHEET_TITLE]
        headers = [c.value for c in ws[tpl.HEADER_ROW]]
        assert headers == [c.header for c in tpl.COLUMNS]
        assert commune in str(ws["A6"].value)
        got = list(tpl.read_rows(f))
        expected = [b for b in ben if b["commune_code"] == commune]
        assert len(got) == len(expected)
        assert all(r["beneficiary_code"] is None for r in got)  # codes come from the registry
        for r, b in zip(got, expected, strict=True):
            assert r["category"] == b["category_code"]
            assert r["coefficient"] == Decimal(b["coefficient"])
            assert r["monthly_amount"] == int(b["monthly_amount"])
            assert r["decision_number"] == b["decision_number"]
            assert r["commune_code"] == commune
