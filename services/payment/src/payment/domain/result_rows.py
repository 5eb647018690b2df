"""A channel's results file, row by row: parse the cells, check them against the list.

Columns by header (any order; other columns, such as those of the exported file the channel
filled in, are ignored): ``Mã dòng``, ``Mã đối tượng``, ``Số tiền (đồng)``, ``Kết quả``
(``Đã chi trả`` / ``Không thành công`` / ``Bị trả lại``, or ``paid`` / ``failed`` /
``returned``), ``Mã lý do`` (failed and returned), ``Ngày nhận tiền`` and ``Điểm chi trả``
(cash paid). Every error names the row (as numbered in the file) and the column; one error
refuses the whole file, so nothing is half applied (ADR 0020).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from payment.domain.lines import LineRef
from payment.domain.months import Month
from payment.domain.results import Outcome, PaymentResult

COLUMNS = {
    "line_id": "Mã dòng",
    "beneficiary_id": "Mã đối tượng",
    "amount": "Số tiền (đồng)",
    "outcome": "Kết quả",
    "reason_code": "Mã lý do",
    "collected_on": "Ngày nhận tiền",
    "point_code": "Điểm chi trả",
}
REQUIRED = ("line_id", "amount", "outcome")
OUTCOMES = {
    "paid": Outcome.PAID,
    "đã chi trả": Outcome.PAID,
    "đã chi": Outcome.PAID,
    "failed": Outcome.FAILED,
    "không thành công": Outcome.FAILED,
    "returned": Outcome.RETURNED,
    "bị trả lại": Outcome.RETURNED,
}
_AMOUNT = re.compile(r"\d{1,3}(?:[.,\s]\d{3})*|\d+")
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True, slots=True, order=True)
class RowError:
    row: int  # the row number in the file (1 = the first line or sheet row)
    column: str | None  # the header, None for the whole row or file
    message: str


@dataclass(frozen=True, slots=True)
class ExpectedLine:
    """A line of the list as the check needs it."""

    line_id: str
    beneficiary_id: str
    amount: int


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).strip().lower().split())


def column_keys(headers: Sequence[object]) -> tuple[dict[str, int], list[str]]:
    """Column key → index of the header row, and the required headers missing."""
    wanted = {_norm(h): key for key, h in COLUMNS.items()}
    found: dict[str, int] = {}
    for i, h in enumerate(headers):
        key = wanted.get(_norm(str(h))) if h is not None else None
        if key is not None and key not in found:
            found[key] = i
    return found, [COLUMNS[k] for k in REQUIRED if k not in found]


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def parse_row(
    row: int, cells: Mapping[str, object], commune_code: str, month: Month, channel_code: str
) -> tuple[PaymentResult | None, list[RowError]]:
    """``cells``: column key → cell value (str from CSV; int, date, str from Excel)."""
    errors: list[RowError] = []

    def err(key: str, message: str) -> None:
        errors.append(RowError(row, COLUMNS[key], message))

    line_id = _text(cells.get("line_id"))
    if not line_id:
        err("line_id", "Thiếu mã dòng.")
    amount = _amount(cells.get("amount"))
    if amount is None:
        err("amount", f"Số tiền '{_text(cells.get('amount'))}' không phải số đồng nguyên.")
    outcome = OUTCOMES.get(_norm(_text(cells.get("outcome"))))
    if outcome is None:
        err(
            "outcome",
            f"Kết quả '{_text(cells.get('outcome'))}' không hợp lệ (Đã chi trả, "
            "Không thành công hoặc Bị trả lại).",
        )
    collected_on, raw_date = _date(cells.get("collected_on")), _text(cells.get("collected_on"))
    if collected_on is None and raw_date:
        err("collected_on", f"Ngày '{raw_date}' không đúng dạng ngày/tháng/năm.")
    if errors or outcome is None or amount is None:
        return None, errors
    return PaymentResult(
        LineRef(commune_code, month, line_id),
        channel_code,
        outcome,
        amount,
        _text(cells.get("reason_code")) or None,
        collected_on,
        _text(cells.get("point_code")) or None,
    ), []


def check_row(
    row: int,
    result: PaymentResult,
    beneficiary_id: str,
    line: ExpectedLine | None,
    cash: bool,
    month: Month,
) -> list[RowError]:
    """The row against the list: the line exists, same person and amount; a reason when not
    paid; for cash paid, the date collected (in or after the list's month) and the point."""
    out: list[RowError] = []
    if line is None:
        where = f"tháng {result.line.month} của xã {result.line.commune_code}"
        return [
            RowError(
                row,
                COLUMNS["line_id"],
                f"Không có dòng '{result.line.line_id}' trong danh sách {where} "
                f"chi qua kênh {result.channel_code}.",
            )
        ]
    if beneficiary_id and beneficiary_id != line.beneficiary_id:
        out.append(
            RowError(
                row,
                COLUMNS["beneficiary_id"],
                f"Mã đối tượng khác với dòng {line.line_id} của danh sách.",
            )
        )
    if result.amount != line.amount:
        out.append(
            RowError(
                row,
                COLUMNS["amount"],
                f"Số tiền {result.amount} khác số trong danh sách ({line.amount}).",
            )
        )
    if result.outcome is not Outcome.PAID and not result.reason_code:
        out.append(RowError(row, COLUMNS["reason_code"], "Thiếu mã lý do không chi được."))
    if cash and result.outcome is Outcome.PAID:
        if result.collected_on is None:
            out.append(RowError(row, COLUMNS["collected_on"], "Thiếu ngày nhận tiền."))
        elif result.collected_on < month.first_day():
            out.append(
                RowError(row, COLUMNS["collected_on"], f"Ngày nhận tiền trước tháng {month}.")
            )
        if not result.point_code:
            out.append(RowError(row, COLUMNS["point_code"], "Thiếu điểm chi trả."))
    return out


def _amount(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    text = _text(value)
    if not _AMOUNT.fullmatch(text):
        return None
    return int(re.sub(r"[.,\s]", "", text))


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if (m := _DATE.fullmatch(text)) is not None:
        try:
            return date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return None
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
