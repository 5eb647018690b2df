"""Read a channel's results file (CSV in UTF-8, with or without BOM, or Excel .xlsx) into rows.

The header row is the first row that has the ``Mã dòng`` header (a title above it, as in the
exported file, is skipped); rows after it until the first empty row or a total/checksum row are
data rows. Row numbers are those of the file (sheet rows, CSV lines), for the error messages.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from openpyxl import load_workbook

from payment.domain.result_rows import COLUMNS, RowError, column_keys

_STOP = ("cộng", "tổng", "mã kiểm tra")


@dataclass(frozen=True, slots=True)
class RawRows:
    columns: dict[str, int]  # column key → index
    rows: list[tuple[int, dict[str, object]]]  # (row number in the file, column key → value)


class UnreadableFileError(ValueError):
    """Not a CSV or .xlsx file, or no header row: one error for the whole file."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.message)
        self.error = error


def read_results(content: bytes, file_name: str) -> RawRows:
    if file_name.lower().endswith(".xlsx") or content[:2] == b"PK":
        table = _xlsx_rows(content)
    else:
        table = _csv_rows(content)
    return _raw_rows(table)


def _csv_rows(content: bytes) -> Iterator[tuple[int, Sequence[object]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(RowError(0, None, "Tệp CSV không phải mã UTF-8.")) from exc
    yield from enumerate(csv.reader(io.StringIO(text)), start=1)


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, Sequence[object]]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFileError(RowError(0, None, "Không đọc được tệp Excel (.xlsx).")) from exc
    try:
        sheet = book.worksheets[0]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    finally:
        book.close()


def _raw_rows(table: Iterator[tuple[int, Sequence[object]]]) -> RawRows:
    columns: dict[str, int] | None = None
    rows: list[tuple[int, dict[str, object]]] = []
    for n, values in table:
        if columns is None:
            found, missing = column_keys(values)
            if "line_id" in found:
                if missing:
                    raise UnreadableFileError(
                        RowError(n, ", ".join(missing), "Thiếu cột bắt buộc trong dòng tiêu đề.")
                    )
                columns = found
            continue
        cells = {k: values[i] if i < len(values) else None for k, i in columns.items()}
        if all(v is None or str(v).strip() == "" for v in values):
            break
        first = str(values[0] or "").strip().lower() if values else ""
        if first.startswith(_STOP):
            break
        rows.append((n, cells))
    if columns is None:
        raise UnreadableFileError(
            RowError(0, COLUMNS["line_id"], "Không tìm thấy dòng tiêu đề có cột 'Mã dòng'.")
        )
    return RawRows(columns, rows)
