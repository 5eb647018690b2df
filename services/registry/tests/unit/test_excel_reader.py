"""The import's streaming reader: whatever the sheet's <dimension> says, every row is read."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ansinh_templates.beneficiary_excel import TitleBlock, write_workbook
from registry.excel.reader import TemplateFile

TITLE = TitleBlock("Thành phố Hà Nội", "Phường Ba Đình", "00004", (2025, 10))


def _file(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "xa.xlsx"
    write_workbook(
        path,
        TITLE,
        (
            {"full_name": f"Người {i}", "birth_date": date(1940, 1, i), "category": "5.5c",
             "commune_code": "00004", "note": f"ghi chú {i}"}
            for i in range(1, rows + 1)
        ),
    )  # fmt: skip
    return path


def _with_sheet(path: Path, change: Callable[[bytes], bytes]) -> bytes:
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    out = path.with_name("changed.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            z.writestr(info, change(data) if info.filename.endswith("sheet1.xml") else data)
    return out.read_bytes()


@pytest.mark.parametrize(
    "dimension",
    [None, b'<dimension ref="A1"/>', b'<dimension ref="A1:C12"/>', b'<dimension ref="A1:Y9999"/>'],
)
def test_every_row_and_cell_is_read_whatever_the_dimension(
    tmp_path: Path, dimension: bytes | None
) -> None:
    path = _file(tmp_path, 25)
    content = _with_sheet(
        path, lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', dimension or b"", xml)
    )
    template = TemplateFile(content)
    try:
        rows = list(template.rows())
    finally:
        template.close()
    assert template.commune_code == "00004" and template.rows_estimate == 25
    assert [r.number for r in rows] == list(range(10, 35))
    assert rows[-1].cells["full_name"] == "Người 25" and rows[-1].cells["note"] == "ghi chú 25"
