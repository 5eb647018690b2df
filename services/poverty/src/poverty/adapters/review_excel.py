"""The review list and survey results of a commune's review as an Excel file, and back.

Two sheets, written with openpyxl and read with python-calamine (as the registry does):

* ``Danh sách rà soát`` — one row per household: the household and its previous status
  (information), then what the officer fills in: the request to list a household (step 1),
  Phiếu A (date, criteria met), and the scored survey (date, measured income or Phiếu B
  answers, the household's facts);
* ``Thành viên`` — one row per member of the listed households with the member's facts.

Reading turns each household row into an ``ImportRow`` (errors by row and column when a cell
cannot be read); the domain's field errors on applying (``household_facts.x``,
``members[n].facts.x``) are mapped back to the column, and on the member sheet to the member's
row. The error file holds the rejected rows with the columns "Dòng gốc" and "Lỗi".
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from python_calamine import CalamineError, CalamineWorkbook

from ansinh_common.errors import FieldError, InvalidInput
from poverty.domain import commands as c
from poverty.domain.model import Household
from poverty.domain.review import CaseState, Channel, RequestForm, Review
from poverty.domain.standards import Standard, ThresholdKind
from poverty.domain.survey_form import FACT_LABELS
from poverty.service_layer.review_import import ImportRow

HOUSEHOLD_SHEET = "Danh sách rà soát"
MEMBER_SHEET = "Thành viên"
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
ORIGINAL_ROW = "Dòng gốc"
ERRORS = "Lỗi"
YES, NO = "Có", "Không"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: int = 16
    filled: bool = True  # False: information from the service, not read back


HOUSEHOLD_COLUMNS: tuple[Column, ...] = (
    Column("household_id", "Mã hộ", 38, False),
    Column("village", "Thôn, tổ dân phố", 18, False),
    Column("head", "Chủ hộ", 22, False),
    Column("previous", "Diện hộ trước rà soát", 16, False),
    Column("state", "Tình trạng", 14, False),
    Column("request_form", "Giấy đề nghị (mau_01, mau_04)"),
    Column("request_received_on", "Ngày nhận giấy đề nghị"),
    Column("identified_on", "Ngày nhận diện (Phiếu A)"),
    Column("criteria_met", "Tiêu chí Phiếu A đạt (mã, cách nhau dấu phẩy)", 24),
    Column("surveyed_on", "Ngày khảo sát"),
    Column("income_per_person", "Thu nhập bình quân (đồng/người/tháng)"),
    Column("answers", "Trả lời Phiếu B (câu=phương án; …)", 24),
)
MEMBER_COLUMNS: tuple[Column, ...] = (
    Column("household_id", "Mã hộ", 38, False),
    Column("member_id", "Mã thành viên", 12, False),
    Column("full_name", "Họ và tên", 22, False),
    Column("birth_date", "Ngày sinh", 12, False),
)
STATE_LABELS = {
    CaseState.LISTED: "Chờ nhận diện, khảo sát",
    CaseState.READY: "Chờ họp dân",
    CaseState.APPROVED: "Đã thông qua",
    CaseState.DECIDED: "Đã quyết định",
}


def facts_of(standard: Standard) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(household facts, member facts) the standard's thresholds read, and ``works``."""
    member_kinds = (ThresholdKind.MEMBER_FLAG, ThresholdKind.MEMBER_SHARE_ABOVE)
    member = {i.threshold.fact for i in standard.indicators if i.threshold.kind in member_kinds}
    household = {i.threshold.fact for i in standard.indicators} - member
    return tuple(sorted(household)), (*sorted(member), "works")


def _fact_column(fact: str) -> Column:
    return Column(f"fact:{fact}", f"{FACT_LABELS.get(fact, fact)} [{fact}]", 14)


def _columns(standard: Standard) -> tuple[tuple[Column, ...], tuple[Column, ...]]:
    household, member = facts_of(standard)
    return (
        (*HOUSEHOLD_COLUMNS, *(_fact_column(f) for f in household)),
        (*MEMBER_COLUMNS, *(_fact_column(f) for f in member)),
    )


def _title(review: Review) -> tuple[str, str]:
    return (
        f"DANH SÁCH HỘ RÀ SOÁT VÀ KẾT QUẢ KHẢO SÁT NĂM {review.year} — XÃ {review.commune_code}",
        f"Kỳ rà soát: {review.review_id} | Chuẩn nghèo: {review.standard_code} | "
        "Có/Không cho các thông tin có hoặc không; ngày dạng dd/mm/yyyy",
    )


def _sheet(
    book: Workbook, name: str, columns: Sequence[Column], title: tuple[str, str], extra: int = 0
) -> Any:
    sheet = book.create_sheet(name)
    sheet.cell(1, 1, title[0]).font = Font(bold=True, size=13)
    sheet.cell(2, 1, title[1]).font = Font(italic=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    headers = [c.header for c in columns] + ([ORIGINAL_ROW, ERRORS][:extra])
    for n, header in enumerate(headers, start=1):
        cell = sheet.cell(HEADER_ROW, n, header)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        width = columns[n - 1].width if n <= len(columns) else (10 if n == len(columns) + 1 else 60)
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 2)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    return sheet


def _write_row(sheet: Any, row: int, values: Sequence[Any]) -> None:
    for n, value in enumerate(values, start=1):
        cell = sheet.cell(row, n, value)
        if isinstance(value, dt.date):
            cell.number_format = "DD/MM/YYYY"


def _bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fact_cell(value: object) -> object:
    if isinstance(value, bool):
        return YES if value else NO
    return value


def export_review(review: Review, households: Mapping[str, Household], standard: Standard) -> bytes:
    """The review's households with what is known of their Phiếu A and survey."""
    hcols, mcols = _columns(standard)
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    title = _title(review)
    hsheet, msheet = (
        _sheet(book, HOUSEHOLD_SHEET, hcols, title),
        _sheet(book, MEMBER_SHEET, mcols, title),
    )
    mrow = FIRST_ROW
    for n, (hid, case) in enumerate(sorted(review.cases.items())):
        h = households[hid]
        quick = case.quick
        known: dict[str, Any] = {
            "household_id": hid, "village": case.village, "head": h.head.full_name,
            "previous": case.previous_status.label, "state": STATE_LABELS[case.state],
            "request_form": case.request.form.value if case.request else None,
            "request_received_on": case.request.received_on if case.request else None,
            "identified_on": quick.identified_on if quick else None,
            "criteria_met": ", ".join(quick.criteria_met) if quick else None,
        }  # fmt: skip
        _write_row(hsheet, FIRST_ROW + n, [known.get(col.key) for col in hcols])
        for m in h.members:
            values = {"household_id": hid, "member_id": m.member_id, "full_name": m.full_name,
                      "birth_date": m.birth_date}  # fmt: skip
            _write_row(msheet, mrow, [values.get(col.key) for col in mcols])
            mrow += 1
    return _bytes(book)


# ----- reading ---------------------------------------------------------------------------
def _norm(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True, slots=True)
class SheetRows:
    keys: tuple[str | None, ...]  # column key per position (None: not ours)
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (Excel row number, values)

    def cells(self, values: tuple[Any, ...]) -> dict[str, Any]:
        return {k: (None if _blank(v) else v) for k, v in zip(self.keys, values, strict=False) if k}


def _read_sheet(book: CalamineWorkbook, name: str, columns: Sequence[Column]) -> SheetRows:
    try:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except CalamineError:
        raise InvalidInput(
            errors=[FieldError("file", f"Không có trang tính “{name}” của biểu mẫu.")]
        ) from None
    by_header = {_norm(c.header): c.key for c in columns}
    if len(rows) < HEADER_ROW or _norm(rows[HEADER_ROW - 1][0]) != _norm(columns[0].header):
        raise InvalidInput(
            errors=[FieldError("file", f"Trang “{name}”: dòng {HEADER_ROW} phải là dòng tiêu đề.")]
        )
    keys = tuple(by_header.get(_norm(h)) for h in rows[HEADER_ROW - 1])
    data = tuple(
        (n, tuple(r))
        for n, r in enumerate(rows[HEADER_ROW:], start=FIRST_ROW)
        if any(not _blank(v) for v in r)
    )
    return SheetRows(keys, data)


_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    match = _DMY.match(text)
    if match:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    return dt.date.fromisoformat(text.strip())


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _norm(value)
    if text in ("có", "co", "x", "1", "true"):
        return True
    if text in ("không", "khong", "0", "false"):
        return False
    raise ValueError(value)


def _count(value: Any) -> int:
    number = float(value)
    if number != int(number) or number < 0:
        raise ValueError(value)
    return int(number)


class _Row:
    """Reads one household row's cells, collecting an error per unreadable cell."""

    def __init__(self, cells: Mapping[str, Any]) -> None:
        self.cells = cells
        self.errors: list[FieldError] = []

    def get(self, key: str, parse: Any, message: str) -> Any:
        value = self.cells.get(key)
        if value is None:
            return None
        try:
            return parse(value)
        except (ValueError, TypeError):
            self.errors.append(FieldError(key, message, "format"))
            return None


def _answers(text: Any) -> dict[str, str]:
    pairs = [p.split("=", 1) for p in str(text).split(";") if p.strip()]
    if any(len(p) != 2 or not p[0].strip() or not p[1].strip() for p in pairs):
        raise ValueError(text)
    return {k.strip(): v.strip() for k, v in pairs}


@dataclass(frozen=True, slots=True)
class RowError:
    sheet: str
    row: int
    column: str
    message: str


_MEMBER_FACT = re.compile(r"^(?:survey\.)?members\[(\d+)\]\.facts\.(\w+)$")
_HOUSEHOLD_FACT = re.compile(r"^(?:survey\.)?household_facts\.(\w+)$")


class ReviewFile:
    """A filled file of one review, read whole; rows become ``ImportRow``s."""

    def __init__(
        self,
        content: bytes,
        review: Review,
        households: Mapping[str, Household],
        standard: Standard,
    ) -> None:
        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        except CalamineError:
            raise InvalidInput(
                errors=[FieldError("file", "Tệp không phải tệp Excel .xlsx đọc được.")]
            ) from None
        self.review, self.households = review, households
        self.hcols, self.mcols = _columns(standard)
        self.hfacts, self.mfacts = facts_of(standard)
        self.hsheet = _read_sheet(book, HOUSEHOLD_SHEET, self.hcols)
        self.msheet = _read_sheet(book, MEMBER_SHEET, self.mcols)
        self.member_rows: dict[tuple[str, str], int] = {}
        self.household_of_row: dict[int, str] = {}

    def rows(self) -> list[ImportRow]:
        members: dict[str, dict[str, dict[str, bool]]] = {}
        member_errors: dict[str, list[FieldError]] = {}
        for number, values in self.msheet.rows:
            row = _Row(self.msheet.cells(values))
            hid = str(row.cells.get("household_id") or "").strip()
            mid = str(row.cells.get("member_id") or "").strip()
            self.member_rows[(hid, mid)] = number
            facts = {}
            for fact in self.mfacts:
                value = row.get(f"fact:{fact}", _flag, "phải là Có hoặc Không")
                if value is not None:
                    facts[fact] = value
            if facts:
                members.setdefault(hid, {})[mid] = facts
            member_errors.setdefault(hid, []).extend(
                FieldError(f"{MEMBER_SHEET}!{number}!{e.field}", e.message, e.code)
                for e in row.errors
            )
        result = []
        for number, values in self.hsheet.rows:
            row = _Row(self.hsheet.cells(values))
            hid = str(row.cells.get("household_id") or "").strip()
            self.household_of_row[number] = hid
            if not hid:
                missing = FieldError("household_id", "thiếu mã hộ", "required")
                result.append(ImportRow(number, "", errors=(missing,)))
                continue
            result.append(
                _household_row(number, hid, row, self.review, members.get(hid, {}),
                               self.hfacts, member_errors.get(hid, []))
            )  # fmt: skip
        return result

    def locate(self, row: int, error: FieldError) -> RowError:
        """The sheet, row and column an error of household row ``row`` is about."""
        field = error.field
        if field.startswith(f"{MEMBER_SHEET}!"):
            _, number, key = field.split("!", 2)
            return RowError(MEMBER_SHEET, int(number), self._header(self.mcols, key), error.message)
        hid = self.household_of_row.get(row, "")
        member = _MEMBER_FACT.match(field)
        household = self.households.get(hid)
        if member and household is not None and int(member[1]) < len(household.members):
            mid = household.members[int(member[1])].member_id
            at = self.member_rows.get((hid, mid), 0)
            column = self._header(self.mcols, f"fact:{member[2]}")
            return RowError(MEMBER_SHEET, at, column, f"{error.message} (thành viên {mid})")
        fact = _HOUSEHOLD_FACT.match(field)
        key = f"fact:{fact[1]}" if fact else field.removeprefix("survey.").split(".")[0]
        return RowError(HOUSEHOLD_SHEET, row, self._header(self.hcols, key), error.message)

    @staticmethod
    def _header(columns: Sequence[Column], key: str) -> str:
        aliases = {"request": "request_form", "criteria_met": "criteria_met",
                   "answers": "answers", "on": "identified_on"}  # fmt: skip
        key = aliases.get(key, key)
        return next((c.header for c in columns if c.key == key), columns[0].header)

    def error_file(self, rejected_rows: Iterable[int], errors: Sequence[RowError]) -> bytes:
        """The rejected households' rows (both sheets) with "Dòng gốc" and "Lỗi"."""
        by_row: dict[tuple[str, int], list[str]] = {}
        for e in errors:
            by_row.setdefault((e.sheet, e.row), []).append(f"{e.column}: {e.message}")
        rejected = {self.household_of_row.get(r, "") for r in rejected_rows}
        book = Workbook()
        assert book.active is not None
        book.remove(book.active)
        title = _title(self.review)
        for name, columns, sheet_rows in (
            (HOUSEHOLD_SHEET, self.hcols, self.hsheet),
            (MEMBER_SHEET, self.mcols, self.msheet),
        ):
            sheet = _sheet(book, name, columns, title, extra=2)
            out = FIRST_ROW
            hid_at = sheet_rows.keys.index("household_id")
            for number, values in sheet_rows.rows:
                hid = str(values[hid_at] or "").strip() if hid_at < len(values) else ""
                mine = by_row.get((name, number))
                if hid not in rejected and not mine:
                    continue
                padded = list(values[: len(columns)]) + [None] * (len(columns) - len(values))
                _write_row(sheet, out, [*padded, number, "; ".join(mine or [])])
                out += 1
        return _bytes(book)


def _household_row(
    number: int,
    hid: str,
    row: _Row,
    review: Review,
    member_facts: dict[str, dict[str, bool]],
    hfacts: Iterable[str],
    member_errors: list[FieldError],
) -> ImportRow:
    date_msg = "ngày không đúng dạng dd/mm/yyyy"
    form = row.get("request_form", RequestForm, "giấy đề nghị là mau_01 hoặc mau_04")
    received = row.get("request_received_on", _date, date_msg)
    identified = row.get("identified_on", _date, date_msg)
    criteria = tuple(
        x.strip() for x in str(row.cells.get("criteria_met") or "").split(",") if x.strip()
    )
    surveyed = row.get("surveyed_on", _date, date_msg)
    income = row.get("income_per_person", _count, "thu nhập là số nguyên đồng, không âm")
    answers = row.get("answers", _answers, "trả lời dạng câu=phương án; câu=phương án")
    facts: dict[str, int | bool] = {}
    for fact in hfacts:
        parse = _flag if fact not in ("floor_area_m2", "non_durable_main_parts") else _count
        value = row.get(f"fact:{fact}", parse, "Có/Không hoặc số không âm")
        if value is not None:
            facts[fact] = value
    errors = [*row.errors, *member_errors]
    if errors:
        return ImportRow(number, hid, errors=tuple(errors))
    if hid not in review.cases:  # step 1: list the household
        if identified or surveyed:
            message = "hộ chưa có trong danh sách: chỉ đưa vào danh sách (bước 1)"
            return ImportRow(number, hid, errors=(FieldError("identified_on", message),))
        request = (form, Channel.COMMUNE, received or review.started_on) if form else None
        return ImportRow(number, hid, listing=request)
    actions: list[c.ReviewAction] = []
    case = review.cases[hid]
    if identified is not None and case.state is CaseState.LISTED:
        actions.append(c.RecordQuickIdentification(hid, identified, criteria))
    if surveyed is not None:
        actions.append(
            c.RecordSurvey(
                c.SurveyAnswers(hid, surveyed, member_facts, facts, income, answers or None)
            )
        )
    return ImportRow(number, hid, actions=tuple(actions))
