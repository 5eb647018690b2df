"""Reader of a filled commune file: python-calamine (Rust) for the values.

calamine parses the sheet ≈ 8× faster than openpyxl (docs/registry.md, "Import speed") and
keeps what the checks need: numbers as numbers, text as text, date-formatted cells as dates
(a bare year typed in a date cell comes back as a 1905 date; the domain reads it as a year).

What is checked on the file as a whole, before any row (each a :class:`TemplateError`, a
422 ``invalid_input`` with a Vietnamese message that says what to do):

* its size against the service's limit (the limit is stated);
* an old binary ``.xls`` (OLE2) file: save it as ``.xlsx``;
* the header row: looked for in the first rows; one shifted from row ``HEADER_ROW`` is told
  as such (not as every column missing).

Rows are read to the **last used row** of the sheet: a blank row in the middle is skipped and
counted (``blank_rows``), never the end of the list; the rows of the signature block (only
the footer's texts) are skipped, and rows typed below it are read. Headers the template does
not know are reported (``unknown_columns``) so that the import can warn about them.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from python_calamine import CalamineError, CalamineWorkbook

from ansinh_common.errors import FieldError, InvalidInput
from ansinh_templates.beneficiary_excel import (
    COLUMNS,
    FIRST_DATA_ROW,
    FOOTER_LEFT,
    FOOTER_RIGHT,
    HEADER_ROW,
    NUMBER_ROW,
    SHEET_TITLE,
    TEMPLATE_ID,
)
from registry.excel.workbook import ERROR_HEADER, ORIGINAL_ROW_HEADER

_TAG = re.compile(r"Mã xã:\s*(?P<commune>\w+)\s*\|\s*Mẫu:\s*(?P<template>[\w-]+)")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls (and other OLE2 files)
_ZIP = b"PK\x03\x04"
_HEADER_SEARCH_ROWS = 20
# Columns the registry itself adds to files it hands out (error file): not unknown.
ERROR_FILE_HEADERS = (ERROR_HEADER, ORIGINAL_ROW_HEADER)
_PLACE_DATE = re.compile(r"^.{0,60},\s*ngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE)


def _norm(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()


_KEY_BY_HEADER = {_norm(c.header): c.key for c in COLUMNS}
_FOOTER_TEXTS = {_norm(t) for t in (FOOTER_LEFT, *FOOTER_RIGHT)}
_KNOWN_EXTRA = {_norm(h) for h in ERROR_FILE_HEADERS}


@dataclass(frozen=True, slots=True)
class RawRow:
    number: int  # Excel row number (data starts at FIRST_DATA_ROW)
    cells: dict[str, Any]  # template column key → raw cell value (None when empty)
    values: tuple[Any, ...]  # the row as read, for the error workbook


class TemplateError(InvalidInput):
    """The file is not a filled copy of the template."""


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_footer(values: tuple[Any, ...]) -> bool:
    texts = [v for v in values if not _blank(v)]
    return bool(texts) and all(
        isinstance(v, str) and (_norm(v) in _FOOTER_TEXTS or _PLACE_DATE.match(v.strip()))
        for v in texts
    )


class TemplateFile:
    """One .xlsx in the template: ``rows()`` yields its data rows; ``commune_code`` is the
    tag's. ``max_bytes``: the service's size limit (checked first)."""

    def __init__(self, source: bytes | IO[bytes], *, max_bytes: int | None = None) -> None:
        data = source if isinstance(source, bytes) else source.read()
        _check_container(data, max_bytes)
        self._first_row = self._first_col = 0  # 0-based position of the first cell read
        self._rows: list[list[Any]] = []
        try:
            self._load(data)
        except (CalamineError, IndexError, ValueError) as exc:
            raise TemplateError(
                "Tệp không phải là tệp Excel (.xlsx) hợp lệ.", title="Tệp không hợp lệ"
            ) from exc
        self.commune_code: str | None = None
        self.template_id: str | None = None
        self.header: tuple[Any, ...] = ()
        self.keys: tuple[str | None, ...] = ()
        self.unknown_columns: tuple[str, ...] = ()
        self.blank_rows = 0  # blank rows between data rows (known once rows() is consumed)
        self.rows_read = 0  # data rows yielded
        self._read_top()
        self.rows_estimate = max(0, self._last_data_row() - FIRST_DATA_ROW + 1)

    def _load(self, data: bytes) -> None:
        """The sheet's cells as rows of values ("" for an empty cell)."""
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            names = wb.sheet_names
            sheet = wb.get_sheet_by_name(SHEET_TITLE if SHEET_TITLE in names else names[0])
            if sheet.start:
                self._first_row, self._first_col = sheet.start
            self._rows = sheet.to_python(skip_empty_area=False)
        finally:
            wb.close()

    def close(self) -> None:
        self._rows = []

    # -- sheet access (1-based row numbers, columns from A) -------------------------------
    def _row(self, number: int) -> tuple[Any, ...]:
        i = number - 1 - self._first_row
        if i < 0 or i >= len(self._rows):
            return ()
        pad: list[Any] = [None] * self._first_col
        return tuple(pad + [None if v == "" else v for v in self._rows[i]])

    def _last_row(self) -> int:
        return self._first_row + len(self._rows)

    def _last_data_row(self) -> int:
        """The last row before the signature block (blank rows and the footer skipped)."""
        last = self._last_row()
        while last >= FIRST_DATA_ROW:
            row = self._row(last)
            if not (all(_blank(v) for v in row) or _is_footer(row)):
                break
            last -= 1
        return last

    def _read_top(self) -> None:
        found: tuple[int, int] | None = None  # (known headers, row number)
        for number in range(1, min(self._last_row(), _HEADER_SEARCH_ROWS) + 1):
            row = self._row(number)
            first = row[0] if row else None
            match = _TAG.search(str(first)) if first is not None else None
            if match:
                self.commune_code = match.group("commune")
                self.template_id = match.group("template")
            known = sum(1 for h in row if _norm(h) in _KEY_BY_HEADER)
            if known and (found is None or known > found[0]):
                found = (known, number)
        self.header = self._row(HEADER_ROW)
        self.keys = tuple(_KEY_BY_HEADER.get(_norm(h)) for h in self.header)
        missing = [c.header for c in COLUMNS if c.required and c.key not in self.keys]
        if missing and found is not None and found[1] != HEADER_ROW:
            at = found[1]
            move = "lên" if at > HEADER_ROW else "xuống"
            raise TemplateError(
                f"Dòng tiêu đề cột của tệp đang ở dòng {at}, mẫu {TEMPLATE_ID} đặt ở dòng "
                f"{HEADER_ROW}: hãy xóa hoặc chèn dòng phía trên để dòng tiêu đề trở lại dòng "
                f"{HEADER_ROW} ({move} {abs(at - HEADER_ROW)} dòng), không sửa tên cột.",
                title="Dòng tiêu đề bị lệch",
                errors=[FieldError("header", f"Tiêu đề ở dòng {at}.", "header_shifted")],
            )
        if missing:
            raise TemplateError(
                f"Tệp không đúng mẫu {TEMPLATE_ID}: dòng {HEADER_ROW} thiếu cột "
                + ", ".join(f"'{h}'" for h in missing)
                + ".",
                title="Tệp không đúng mẫu",
                errors=[FieldError(f"header.{h}", "Thiếu cột.", "missing_column") for h in missing],
            )
        self.unknown_columns = tuple(
            str(h).strip()
            for h, k in zip(self.header, self.keys, strict=True)
            if k is None and not _blank(h) and _norm(h) not in _KNOWN_EXTRA
        )

    def rows(self) -> Iterator[RawRow]:
        """Every non-blank data row, from FIRST_DATA_ROW to the last used row."""
        pairs = [(i, k) for i, k in enumerate(self.keys) if k is not None]
        pending_blank = 0
        start = max(FIRST_DATA_ROW, NUMBER_ROW + 1)
        for number in range(start, self._last_row() + 1):
            row = self._row(number)
            if all(_blank(v) for v in row):
                pending_blank += 1
                continue
            if _is_footer(row):  # the signatures; rows typed below them are read too
                pending_blank = 0
                continue
            self.blank_rows += pending_blank
            pending_blank = 0
            self.rows_read += 1
            cells = {k: (row[i] if i < len(row) else None) for i, k in pairs}
            yield RawRow(number, cells, row)


def _check_container(data: bytes, max_bytes: int | None) -> None:
    if max_bytes is not None and len(data) > max_bytes:
        raise FileTooLarge(len(data), max_bytes)
    if data.startswith(_OLE2):
        raise TemplateError(
            "Tệp là định dạng Excel cũ (.xls). Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) "
            "> 'Excel Workbook (*.xlsx)' rồi nhập lại tệp .xlsx.",
            title="Định dạng tệp .xls không được hỗ trợ",
            errors=[FieldError("file", "Lưu lại dưới dạng .xlsx.", "xls_format")],
        )
    if not data.startswith(_ZIP):
        raise TemplateError("Tệp không phải là tệp Excel (.xlsx) hợp lệ.", title="Tệp không hợp lệ")


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"


class FileTooLarge(InvalidInput):
    """The file is over the service's size limit (the limit is stated). The problem code stays
    ``invalid_input`` (the gateway rebuilds errors by code); the field error says
    ``file_too_large``."""

    default_title = "Tệp quá lớn"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"Tệp có dung lượng {_mib(size)}, vượt giới hạn {_mib(limit)} cho một lần nhập. "
            "Hãy chia danh sách thành nhiều tệp nhỏ hơn.",
            errors=[FieldError("file", f"Tối đa {_mib(limit)}.", "file_too_large")],
        )
        self.size = size
        self.limit = limit
