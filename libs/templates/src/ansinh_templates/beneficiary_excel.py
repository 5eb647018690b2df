"""The commune Excel file of social-assistance beneficiaries (danh sách đối tượng BTXH).

One template, defined once, for everything that writes or reads the file: the synthetic
population generator, the registry's import (Circular 11/2019/TT-BLĐTBXH Art. 4.2: where a
province is not connected, the commune updates records in the Excel tool exported from the
system and re-imports it) and the registry's export.

Modelled on the ministry's beneficiary list used in the 2022 data-cleaning campaign (the
district downloads the template per commune; communes and commune police fill in the personal
ID number, gender, ethnicity and disability type; the district records the changes — new,
death, stop, information change, coefficient change — and imports the file). The ministry's own
file could not be consulted here: the columns are the ones that campaign asks for (see
docs/synthpop.md, "Excel template"), with the Art. 5 group of Decree 20/2021/NĐ-CP as a code.

Layout (final; dropdowns and sheet protection may be added by the registry, not moved):

* rows 1–2: issuing body on the left (province, commune), national motto on the right;
* row 4: title; row 5: period and commune; row 6: machine-readable tag
  ``Mã xã: <code> | Mẫu: <TEMPLATE_ID> v<TEMPLATE_VERSION> | Kỳ: MM/YYYY``;
* row ``HEADER_ROW`` (8): the Vietnamese column headers of :data:`COLUMNS`;
* row ``NUMBER_ROW`` (9): column numbers "(1)" … "(n)";
* from ``FIRST_DATA_ROW`` (10): one beneficiary per row; after the last row, one empty row
  and the signature block (``FOOTER_*``). A reader stops at the first row without "STT".

The sheet carries a correct ``<dimension>`` (its used range), which openpyxl's write-only mode
does not write: without it, openpyxl's read-only mode reads the whole sheet once just to size
it before the rows are read. The readers do not rely on it either (``reset_dimensions``), so a
file whose dimension is wrong is read whole.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter

from ansinh_templates.beneficiary_spec import (
    CHANGE_TYPE_LABELS,
    COLUMN_BY_KEY,
    COLUMN_KEYS,
    COLUMNS,
    DATE_FORMAT,
    FIRST_DATA_ROW,
    FOOTER_LEFT,
    FOOTER_RIGHT,
    GENDER_LABELS,
    HEADER_ROW,
    MOTTO,
    MOTTO_COLUMN,
    NUMBER_ROW,
    PAYMENT_METHOD_LABELS,
    PRINT_SCALE,
    PRINT_TITLE_COLUMNS,
    SHEET_TITLE,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    TEXT_FORMAT,
    TITLE,
    TITLE_LAST_COLUMN,
    Catalog,
    Column,
    DataType,
    TitleBlock,
    catalog_values,
)
from ansinh_templates.xlsx import DEFAULT_TIMESTAMP, make_deterministic

# the spec (ansinh_templates.beneficiary_spec) is re-exported with the writer and reader
__all__ = [
    "CHANGE_TYPE_LABELS",
    "COLUMNS",
    "COLUMN_BY_KEY",
    "COLUMN_KEYS",
    "DATE_FORMAT",
    "FIRST_DATA_ROW",
    "FOOTER_LEFT",
    "FOOTER_RIGHT",
    "GENDER_LABELS",
    "HEADER_ROW",
    "MOTTO",
    "MOTTO_COLUMN",
    "NUMBER_ROW",
    "PAYMENT_METHOD_LABELS",
    "PRINT_SCALE",
    "PRINT_TITLE_COLUMNS",
    "SHEET_TITLE",
    "TEMPLATE_ID",
    "TEMPLATE_VERSION",
    "TEXT_FORMAT",
    "TITLE",
    "TITLE_LAST_COLUMN",
    "BeneficiaryWorkbookWriter",
    "Catalog",
    "Column",
    "DataType",
    "TemplateMismatchError",
    "TitleBlock",
    "catalog_values",
    "read_rows",
    "read_tag",
    "write_workbook",
]

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(name="Times New Roman", bold=True, size=11)
_NORMAL = Font(name="Times New Roman", size=11)
_ITALIC = Font(name="Times New Roman", italic=True, size=11)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center")
_FAULT = PatternFill(fill_type="solid", start_color="FFC7CE", end_color="FFC7CE")
_FAULT_FONT = Font(name="Times New Roman", size=11, color="9C0006")


def _empty_format(col: Column) -> str | None:
    """The number format of an empty input cell: IDs, codes and accounts stay text."""
    if col.data_type in (DataType.TEXT, DataType.MONTH):
        return TEXT_FORMAT
    if col.data_type is DataType.DATE:
        return DATE_FORMAT
    return None


def _month_text(value: tuple[int, int]) -> str:
    y, m = value
    return f"{m:02d}/{y}"


class BeneficiaryWorkbookWriter:
    """Streams rows into a new file in the template (openpyxl write-only mode).

    Use as a context manager, or call :meth:`close`. Rows are mappings from column key to a
    Python value (``date`` for DATE, ``(year, month)`` for MONTH, ``Decimal``/``float`` for
    DECIMAL, ``str`` for TEXT; ``None`` or "" for empty). ``stt`` is filled in when absent.
    The saved file is byte-reproducible (:func:`~ansinh_templates.xlsx.make_deterministic`
    with ``timestamp``) and carries its ``<dimension>``. ``worksheet`` is exposed so that data
    validations (dropdowns) and sheet protection can be added before :meth:`close`; rows are
    written through :meth:`write_row` only (the writer counts them for the dimension).

    Hooks for the services that hand the file out:

    * ``data_protection``: the protection of every data cell (e.g. ``Protection(locked=False)``
      so that officers can fill in a protected sheet);
    * ``extra_columns``: columns after the template's ones (header, number, data cells, same
      styles); their keys are accepted by :meth:`write_row`. Readers ignore unknown headers.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        title: TitleBlock,
        *,
        timestamp: datetime = DEFAULT_TIMESTAMP,
        creator: str = "An Sinh",
        data_protection: Protection | None = None,
        extra_columns: Sequence[Column] = (),
    ) -> None:
        clash = {c.key for c in extra_columns} & COLUMN_BY_KEY.keys()
        if clash or len({c.key for c in extra_columns}) != len(extra_columns):
            raise ValueError(f"extra column keys must be new and distinct: {sorted(clash)}")
        self.path = path
        self.title = title
        self.timestamp = timestamp
        self.rows_written = 0
        self.columns: tuple[Column, ...] = (*COLUMNS, *extra_columns)
        self._keys = frozenset(c.key for c in self.columns)
        self._data_protection = data_protection
        self._sheet_rows = 0  # rows appended to the sheet so far (the last row's number)
        self._sheet_columns = 0  # the rightmost column holding a cell
        self._wb = Workbook(write_only=True)
        self._wb.properties.creator = creator
        self._wb.properties.created = timestamp
        self._wb.properties.modified = timestamp
        self._wb.properties.title = TITLE
        self.worksheet = self._wb.create_sheet(SHEET_TITLE)
        self._closed = False
        self._write_top()

    # -- layout ---------------------------------------------------------------------------
    def _cell(self, value: Any, font: Font = _NORMAL, align: Alignment | None = None,
              border: bool = False, number_format: str | None = None) -> WriteOnlyCell:  # fmt: skip
        c = WriteOnlyCell(self.worksheet, value=value)
        c.font = font
        if align is not None:
            c.alignment = align
        if border:
            c.border = _BORDER
        if number_format is not None:
            c.number_format = number_format
        return c

    def _append(self, cells: list[Any]) -> None:
        """Append one sheet row, keeping track of the used range for ``<dimension>``."""
        self.worksheet.append(cells)
        self._sheet_rows += 1
        for i in range(len(cells), self._sheet_columns, -1):
            if cells[i - 1] is not None:
                self._sheet_columns = i
                break

    @property
    def dimension(self) -> str:
        """The used range of the sheet so far ("A1:Y112"); the title block starts at A1."""
        return f"A1:{get_column_letter(max(1, self._sheet_columns))}{max(1, self._sheet_rows)}"

    def _write_top(self) -> None:
        ws = self.worksheet
        n = len(COLUMNS)
        for i, col in enumerate(self.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
            fmt = _empty_format(col)
            if fmt is not None:  # cells typed below the written rows take the column's format
                ws.column_dimensions[get_column_letter(i)].number_format = fmt
        ws.freeze_panes = f"D{FIRST_DATA_ROW}"
        ws.row_dimensions[HEADER_ROW].height = 48  # before the row is streamed
        # print: A4 landscape at a readable fixed scale, as many pages across and down as
        # needed (page by page along each band of rows); header rows and STT on every page;
        # the print area (set on close) ends with the signatures
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.scale = PRINT_SCALE
        ws.page_setup.pageOrder = "overThenDown"
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.print_title_rows = f"{HEADER_ROW}:{NUMBER_ROW}"
        ws.print_title_cols = PRINT_TITLE_COLUMNS
        right = MOTTO_COLUMN
        t = self.title
        blank: list[Any] = [None] * n

        def row(left: Any, right_val: Any, lfont: Font = _BOLD) -> list[Any]:
            r = list(blank)
            r[0] = self._cell(left, lfont, _CENTER) if left else None
            r[right] = self._cell(right_val, _BOLD, _CENTER) if right_val else None
            return r

        self._append(row(f"UBND {t.province_name.upper()}", MOTTO[0], _NORMAL))
        self._append(row(f"UBND {t.commune_name.upper()}", MOTTO[1]))
        self._append([])
        self._append([self._cell(TITLE, _BOLD, _CENTER)])
        y, m = t.period
        sub = f"(Kỳ dữ liệu tháng {m:02d}/{y} — {t.commune_name}, {t.province_name})"
        self._append([self._cell(sub, _ITALIC, _CENTER)])
        self._append([self._cell(t.tag, _NORMAL, _LEFT)])
        self._append([])
        self._append([self._cell(c.header, _BOLD, _CENTER, border=True) for c in self.columns])
        width = len(self.columns)
        self._append(
            [self._cell(f"({i})", _ITALIC, _CENTER, border=True) for i in range(1, width + 1)]
        )
        # the title block spans the columns of the first printed page (A:J), so that the
        # first page shows the issuer, the motto and the title
        for r in (1, 2):
            ws.merged_cells.add(f"A{r}:{get_column_letter(right)}{r}")
            ws.merged_cells.add(f"{get_column_letter(right + 1)}{r}:{TITLE_LAST_COLUMN}{r}")
        for r in (4, 5, 6):
            ws.merged_cells.add(f"A{r}:{TITLE_LAST_COLUMN}{r}")

    def _value_cell(self, col: Column, value: Any, note: str | None = None) -> WriteOnlyCell:
        try:
            cell = self._typed_cell(col, value)
        except (ValueError, TypeError, ArithmeticError):  # a value as read from a faulty row
            cell = self._cell(str(value), border=True, number_format=TEXT_FORMAT)
        if self._data_protection is not None:
            cell.protection = self._data_protection
        if note:
            cell.fill = _FAULT
            cell.font = _FAULT_FONT
            cell.comment = Comment(note, "An Sinh", width=300, height=120)
        return cell

    def _typed_cell(self, col: Column, value: Any) -> WriteOnlyCell:
        if value is None or value == "":
            return self._cell(None, border=True, number_format=_empty_format(col))
        if col.data_type is DataType.DATE:
            if isinstance(value, datetime):
                value = value.date()
            if not isinstance(value, date):
                return self._cell(str(value), border=True, number_format=TEXT_FORMAT)
            return self._cell(value, border=True, number_format=DATE_FORMAT)
        if col.data_type is DataType.MONTH:
            text = _month_text(value) if isinstance(value, tuple) else str(value)
            return self._cell(text, border=True, number_format=TEXT_FORMAT)
        if col.data_type is DataType.TEXT:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return self._cell(str(value), border=True, number_format=TEXT_FORMAT)
        if col.data_type is DataType.DECIMAL:
            return self._cell(float(Decimal(str(value))), border=True, number_format="0.0#")
        return self._cell(int(value), border=True, number_format="#,##0")

    # -- rows -----------------------------------------------------------------------------
    def write_row(self, row: Mapping[str, Any], *, notes: Mapping[str, str] | None = None) -> None:
        """Append one beneficiary (keys of :data:`COLUMN_KEYS` and of the extra columns;
        unknown keys are an error). ``notes``: column key → message; those cells are
        highlighted and carry the message as a comment (the error file). A value that does
        not fit its column's type (as read from a faulty row) is written as text."""
        unknown = row.keys() - self._keys
        if unknown:
            raise KeyError(f"unknown template columns: {sorted(unknown)}")
        self.rows_written += 1
        values = dict(row)
        values.setdefault("stt", self.rows_written)
        notes = notes or {}
        self._append(
            [self._value_cell(c, values.get(c.key), notes.get(c.key)) for c in self.columns]
        )

    def write_rows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for r in rows:
            self.write_row(r)

    def close(self, *, signatures: bool = True) -> None:
        """Write the place-and-date line and the signature block (unless ``signatures`` is
        false), set the print area, save and make the file byte-reproducible."""
        if self._closed:
            return
        self._closed = True
        if signatures:
            self._write_signatures()
        ws = self.worksheet
        ws.print_area = f"A1:{get_column_letter(len(self.columns))}{self._sheet_rows}"
        self._wb.save(self.path)
        sheet = ws.path.lstrip("/")  # numbered by openpyxl when saving
        make_deterministic(self.path, self.timestamp, dimensions={sheet: self.dimension})

    def _write_signatures(self) -> None:
        """The place-and-date line and the signatures, under the first columns (B:C on the
        left, D:J on the right): printed on the first page of the last band of rows."""
        ws = self.worksheet
        n = len(COLUMNS)
        right = MOTTO_COLUMN
        y = self.title.period[0]
        place_date: list[Any] = [None] * n
        place_date[right] = self._cell(
            f"{self.title.commune_name}, ngày ..... tháng ..... năm {y}", _ITALIC, _CENTER
        )
        self._append(place_date)  # the place-and-date line, above the signatures
        sig: list[Any] = [None] * n
        sig[1] = self._cell(FOOTER_LEFT, _BOLD, _CENTER)
        sig[right] = self._cell(FOOTER_RIGHT[0], _BOLD, _CENTER)
        self._append(sig)
        sig2: list[Any] = [None] * n
        sig2[right] = self._cell(FOOTER_RIGHT[1], _BOLD, _CENTER)
        self._append(sig2)
        first = FIRST_DATA_ROW + self.rows_written + 1
        for r in (first - 1, first, first + 1):
            ws.merged_cells.add(f"{get_column_letter(right + 1)}{r}:{TITLE_LAST_COLUMN}{r}")
        ws.merged_cells.add(f"B{first}:C{first}")

    def __enter__(self) -> BeneficiaryWorkbookWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_workbook(
    path: str | os.PathLike[str],
    title: TitleBlock,
    rows: Iterable[Mapping[str, Any]],
    *,
    timestamp: datetime = DEFAULT_TIMESTAMP,
) -> int:
    """Write a whole file from an iterable of rows; returns the number of rows."""
    with BeneficiaryWorkbookWriter(path, title, timestamp=timestamp) as w:
        w.write_rows(rows)
        return w.rows_written


# -- reading ------------------------------------------------------------------------------


class TemplateMismatchError(ValueError):
    """The file's header row is not this template's."""


def _norm(text: Any) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()


_KEY_BY_HEADER = {_norm(c.header): c.key for c in COLUMNS}


def _py_value(col: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if col.data_type is DataType.DATE:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        d, m, y = str(value).strip().split("/")
        return date(int(y), int(m), int(d))
    if col.data_type is DataType.MONTH:
        if isinstance(value, datetime | date):
            return (value.year, value.month)
        m, y = str(value).strip().split("/")
        return (int(y), int(m))
    if col.data_type is DataType.TEXT:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()
    if col.data_type is DataType.DECIMAL:
        return Decimal(str(value))
    return int(value)


def read_rows(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Yield the data rows of a file in this template as ``{key: value}`` (typed as written).

    Raises :class:`TemplateMismatchError` if a required column is missing. Columns are found
    by header text (case, spacing and Unicode normalisation ignored), so reordered columns
    still read. Stops at the first row whose "STT" cell is empty.
    """
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
        ws.reset_dimensions()  # read every row as stored, whatever <dimension> says
        rows = ws.iter_rows(values_only=True)
        header: tuple[Any, ...] = ()
        for i, r in enumerate(rows, start=1):
            if i == HEADER_ROW:
                header = r
                break
        keys = tuple(_KEY_BY_HEADER.get(_norm(h)) for h in header)
        missing = [c.header for c in COLUMNS if c.required and c.key not in keys]
        if missing:
            raise TemplateMismatchError(f"missing columns: {missing}")
        next(rows, None)  # column numbers
        stt_pos = keys.index("stt")
        for r in rows:
            if stt_pos >= len(r) or r[stt_pos] in (None, ""):
                break
            yield {
                k: _py_value(COLUMN_BY_KEY[k], v)
                for k, v in zip(keys, r, strict=False)
                if k is not None
            }
    finally:
        wb.close()


def read_tag(path: str | os.PathLike[str]) -> str | None:
    """The machine-readable tag of row 6 (commune code, template id/version, period)."""
    wb = load_workbook(path, read_only=True)
    try:
        ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
        for r in ws.iter_rows(min_row=6, max_row=6, max_col=1, values_only=True):
            return None if r[0] is None else str(r[0])
        return None
    finally:
        wb.close()
