"""A correction of a line of a closed month: an adjustment line in a later month's draft.

Closing a month locks its list (no regeneration, no edits). What was wrong in it is corrected
by an adjustment line in the draft of a later month of the same commune, carrying the
difference, its reason and a link to the corrected line (Decree 20/2021/NĐ-CP Art. 34;
Circular 11/2019/TT-BLĐTBXH Art. 4). Whoever adds one is a maker of that list and may not
approve it. The same checks as ``PaymentList.add_adjustment``, on list headers and one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from payment.domain.errors import InvalidAdjustment, MonthLocked, WrongListState
from payment.domain.months import Month

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 34; Circular 11/2019/TT-BLĐTBXH Art. 4"
_STATE = {"draft": "dự thảo", "approved": "đã duyệt", "exported": "đã xuất file",
          "closed": "đã khóa sổ"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ListFacts:
    list_id: str
    commune_code: str
    month: Month
    state: str


@dataclass(frozen=True, slots=True)
class CorrectedLine:
    line_id: str
    list: ListFacts
    amount: int  # VND the line paid


@dataclass(frozen=True, slots=True)
class Correction:
    line_id: str  # the adjustment line's id in the target list
    corrects_line_id: str
    amount: int  # the difference, VND (negative: paid too much)
    month_for: Month
    reason: str
    description: str


def correction(target: ListFacts, corrected: CorrectedLine, new_amount: int,
               reason: str) -> Correction:  # fmt: skip
    if target.state == "closed":
        raise MonthLocked(target.commune_code, str(target.month))
    if target.state != "draft":
        raise WrongListState("thêm dòng điều chỉnh", _STATE.get(target.state, target.state))
    source = corrected.list
    where = f"dòng {corrected.line_id} tháng {source.month}"
    if source.state != "closed" or source.month >= target.month:
        raise InvalidAdjustment(
            f"Chỉ điều chỉnh dòng của tháng đã khóa sổ trước tháng {target.month} ({where})."
        )
    if source.commune_code != target.commune_code:
        raise InvalidAdjustment("Dòng điều chỉnh phải thuộc cùng xã với dòng được điều chỉnh.")
    if not reason.strip():
        raise InvalidAdjustment(f"Phải ghi lý do điều chỉnh ({where}).")
    delta = new_amount - corrected.amount
    if delta == 0:
        raise InvalidAdjustment(f"Số tiền điều chỉnh bằng số đã chi ({where}).")
    return Correction(
        f"adj:{source.month}:{corrected.line_id}", corrected.line_id, delta, source.month,
        reason.strip(), f"Điều chỉnh {where}: {reason.strip()}",
    )  # fmt: skip
