"""Streaming reader of a filled commune file (openpyxl read-only mode, constant memory).

Yields the raw cells of each data row by template column key (the domain's row validator
parses them), finds the columns by header text as ``ansinh_templates`` does, and
counts the rows beforehand from the sheet's XML so that progress can be told in percent.

The sheet's ``<dimension>`` (its used range) is not trusted: openpyxl's read-only mode pads
or cuts every row to it, so a wrong one (some tools write "A1" or a stale range) would lose
rows or cells; ``reset_dimensions()`` (openpyxl's advice for that case) makes it read the rows
as stored. The dimension still matters when the file is opened: without one, openpyxl reads
the whole sheet once just to size it. The template's writer writes a correct one.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import load_workbook

from ansinh_common.errors import FieldError, InvalidInput
from ansinh_templates.beneficiary_excel import (
    COLUMNS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    SHEET_TITLE,
    TEMPLATE_ID,
)

_TAG = re.compile(r"Mã xã:\s*(?P<commune>\w+)\s*\|\s*Mẫu:\s*(?P<template>[\w-]+)")
_ROW_TAG = b"<row "
FOOTER_ROWS = 3  # one empty row and the two signature rows


def _norm(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()


_KEY_BY_HEADER = {_norm(c.header): c.key for c in COLUMNS}


@dataclass(frozen=True, slots=True)
class RawRow:
    number: int  # Excel row number (data starts at FIRST_DATA_ROW)
    cells: dict[str, Any]  # template column key → raw cell value
    values: tuple[Any, ...]  # the row as read, for the error workbook


class TemplateError(InvalidInput):
    """The file is not a filled copy of the template."""


class TemplateFile:
    """One .xlsx in the template: ``rows()`` streams it; ``commune_code`` is the tag's."""

    def __init__(self, source: bytes | IO[bytes]) -> None:
        self._data = source if isinstance(source, bytes) else source.read()
        try:
            self._wb = load_workbook(io.BytesIO(self._data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise TemplateError(
                "Tệp không phải là tệp Excel (.xlsx) hợp lệ.", title="Tệp không hợp lệ"
            ) from exc
        names = self._wb.sheetnames
        self._ws = self._wb[SHEET_TITLE] if SHEET_TITLE in names else self._wb.worksheets[0]
        self._ws.reset_dimensions()  # see the module docstring
        self.commune_code: str | None = None
        self.template_id: str | None = None
        self.header: tuple[Any, ...] = ()
        self.keys: tuple[str | None, ...] = ()
        self.rows_estimate = self._count_rows()
        self._read_top()

    def close(self) -> None:
        self._wb.close()

    def _count_rows(self) -> int:
        """Data rows, estimated from the number of ``<row`` elements of the first sheet."""
        try:
            with zipfile.ZipFile(io.BytesIO(self._data)) as zf:
                sheets = sorted(n for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
                if not sheets:
                    return 0
                count, tail = 0, b""
                with zf.open(sheets[0]) as fh:
                    while chunk := fh.read(1 << 20):
                        count += (tail + chunk).count(_ROW_TAG)  # tail is too short to hold one
                        tail = chunk[-(len(_ROW_TAG) - 1) :]
        except (zipfile.BadZipFile, KeyError):
            return 0
        return max(0, count - (FIRST_DATA_ROW - 1) - FOOTER_ROWS)

    def _read_top(self) -> None:
        for number, row in enumerate(
            self._ws.iter_rows(min_row=1, max_row=HEADER_ROW, values_only=True), start=1
        ):
            first = row[0] if row else None
            match = _TAG.search(str(first)) if first is not None else None
            if match:
                self.commune_code = match.group("commune")
                self.template_id = match.group("template")
            if number == HEADER_ROW:
                self.header = tuple(row)
        self.keys = tuple(_KEY_BY_HEADER.get(_norm(h)) for h in self.header)
        missing = [c.header for c in COLUMNS if c.required and c.key not in self.keys]
        if missing:
            raise TemplateError(
                f"Tệp không đúng mẫu {TEMPLATE_ID}: dòng {HEADER_ROW} thiếu cột "
                + ", ".join(f"'{h}'" for h in missing)
                + ".",
                title="Tệp không đúng mẫu",
                errors=[FieldError(f"header.{h}", "Thiếu cột.", "missing_column") for h in missing],
            )

    def rows(self) -> Iterator[RawRow]:
        """Data rows, from FIRST_DATA_ROW to the first row whose "STT" is empty."""
        stt = self.keys.index("stt")
        pairs = [(i, k) for i, k in enumerate(self.keys) if k is not None]
        for number, row in enumerate(
            self._ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True), start=FIRST_DATA_ROW
        ):
            if stt >= len(row) or row[stt] is None or row[stt] == "":
                return
            cells = {k: (row[i] if i < len(row) else None) for i, k in pairs}
            yield RawRow(number, cells, tuple(row))
