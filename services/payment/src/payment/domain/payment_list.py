"""The monthly payment list of one commune (danh sách chi trả) and its states.

draft → approved → exported → closed. An officer prepares (generates) the list; a leader who is
a different person approves it (maker–checker) before it can be exported; closing the month
locks it, as provinces lock older data after export (Circular 11/2019 Excel cycle, step 5).
Only a draft can be (re)generated; generating the same lines again changes nothing. A closed
month refuses regeneration and edits: corrections are adjustment lines in a later month's
list, each with its reason and a link to the line it corrects. Roles (officer, leader) and
units are checked by the use cases; the list checks the order and the two persons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from payment.domain.errors import (
    InvalidAdjustment,
    MonthLocked,
    SameMakerAndChecker,
    WrongListState,
)
from payment.domain.events import (
    Event,
    ListApproved,
    ListExported,
    ListGenerated,
    MonthClosed,
)
from payment.domain.explain import AmountPart, PartKind
from payment.domain.lines import LineKind, LineRef, PaymentLine
from payment.domain.months import Month

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 34; Circular 11/2019/TT-BLĐTBXH Art. 4"
VERIFIED = False


class ListState(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    EXPORTED = "exported"
    CLOSED = "closed"


_LABELS = {
    ListState.DRAFT: "dự thảo",
    ListState.APPROVED: "đã duyệt",
    ListState.EXPORTED: "đã xuất file",
    ListState.CLOSED: "đã khóa sổ",
}


@dataclass(frozen=True, slots=True)
class ListSummary:
    """What a set-based generation wrote (the lines stay in the database): how many lines,
    their total and the province setting lines they used."""

    lines: int
    total: int  # VND
    setting_keys: frozenset[str] = frozenset()


def list_id(commune_code: str, month: Month) -> str:
    """The id of a commune's list for a month (one list per commune and month)."""
    return f"{commune_code}:{month}"


@dataclass
class PaymentList:
    """Aggregate: one commune × one month."""

    province_code: str
    commune_code: str
    month: Month
    prepared_by: str
    state: ListState = ListState.DRAFT
    lines: dict[str, PaymentLine] = field(default_factory=dict)
    approved_by: str | None = None
    adjusted_by: set[str] = field(default_factory=set)
    version: int = 0
    events: list[Event] = field(default_factory=list)
    summary: ListSummary | None = None  # set when the lines were generated in the database
    # names shown for the preparer and the approver, as their tokens gave them (ADR 0043)
    prepared_by_name: str = ""
    approved_by_name: str = ""

    @property
    def id(self) -> str:
        return list_id(self.commune_code, self.month)

    @property
    def total(self) -> int:
        if self.summary is not None:
            return self.summary.total
        return sum(line.amount for line in self.lines.values())

    @property
    def line_count(self) -> int:
        return self.summary.lines if self.summary is not None else len(self.lines)

    @property
    def setting_keys(self) -> frozenset[str]:
        if self.summary is not None:
            return self.summary.setting_keys
        keys: set[str] = set()
        for line in self.lines.values():
            keys |= line.setting_keys
        return frozenset(keys)

    def ref(self, line_id: str) -> LineRef:
        return LineRef(self.commune_code, self.month, line_id)

    def generate(self, lines: list[PaymentLine], prepared_by: str) -> bool:
        """Replace the generated lines (adjustments added by hand stay). Returns whether
        anything changed: generating the same lines twice is a no-op."""
        self._require_open()
        self._require(ListState.DRAFT, "lập lại danh sách")
        kept = {k: v for k, v in self.lines.items() if v.kind is LineKind.ADJUSTMENT}
        new = kept | {line.line_id: line for line in lines}
        if len(new) != len(kept) + len(lines):
            raise ValueError("duplicate line ids in a generation")
        if new == self.lines and prepared_by == self.prepared_by:
            return False
        self.lines, self.prepared_by = new, prepared_by
        self._changed(
            ListGenerated(
                province_code=self.province_code, commune_code=self.commune_code,
                month=self.month, lines=len(new), total=self.total, prepared_by=prepared_by,
            )
        )  # fmt: skip
        return True

    def check_can_generate(self) -> None:
        """Generation is refused for a closed month and for a list no longer a draft."""
        self._require_open()
        self._require(ListState.DRAFT, "lập lại danh sách")

    def record_generated(
        self, summary: ListSummary, prepared_by: str, prepared_by_name: str = ""
    ) -> bool:
        """The lines were (re)generated in the database (set-based); returns whether anything
        changed: the same lines and total again is a no-op (no version bump, no event)."""
        self.check_can_generate()
        if summary == self.summary and prepared_by == self.prepared_by:
            return False
        self.summary, self.prepared_by = summary, prepared_by
        self.prepared_by_name = prepared_by_name
        self._changed(
            ListGenerated(
                province_code=self.province_code, commune_code=self.commune_code,
                month=self.month, lines=summary.lines, total=summary.total,
                prepared_by=prepared_by,
            )
        )  # fmt: skip
        return True

    def approve(self, approver: str, approver_name: str = "") -> None:
        self._require_open()
        self._require(ListState.DRAFT, "phê duyệt")
        if approver == self.prepared_by or approver in self.adjusted_by:
            raise SameMakerAndChecker()
        self.state, self.approved_by = ListState.APPROVED, approver
        self.approved_by_name = approver_name
        self._changed(
            ListApproved(
                province_code=self.province_code, commune_code=self.commune_code,
                month=self.month, approved_by=approver, total=self.total,
                setting_keys=self.setting_keys,
            )
        )  # fmt: skip

    def export(self, by: str) -> None:
        self._require_open()
        if self.state not in (ListState.APPROVED, ListState.EXPORTED):
            raise WrongListState("xuất file chi trả", _LABELS[self.state])
        self.state = ListState.EXPORTED  # exporting again (another channel's file) is allowed
        self._changed(
            ListExported(
                province_code=self.province_code, commune_code=self.commune_code,
                month=self.month, exported_by=by,
            )
        )  # fmt: skip

    def close(self, by: str) -> None:
        self._require_open()
        self._require(ListState.EXPORTED, "khóa sổ")
        self.state = ListState.CLOSED
        self._changed(
            MonthClosed(
                province_code=self.province_code, commune_code=self.commune_code,
                month=self.month, closed_by=by,
            )
        )  # fmt: skip

    def add_adjustment(
        self,
        corrected: PaymentLine,
        in_list: PaymentList,
        new_amount: int,
        reason: str,
        by: str,
    ) -> PaymentLine:
        """Correct ``corrected`` (a line of ``in_list``, a closed earlier month) by a line in
        this draft: amount = ``new_amount`` − what the corrected line paid. Whoever adds it is
        a maker too and may not approve the list."""
        self._require_open()
        self._require(ListState.DRAFT, "thêm dòng điều chỉnh")
        where = f"dòng {corrected.line_id} tháng {in_list.month}"
        if in_list.state is not ListState.CLOSED or in_list.month >= self.month:
            raise InvalidAdjustment(
                f"Chỉ điều chỉnh dòng của tháng đã khóa sổ trước tháng {self.month} ({where})."
            )
        if in_list.lines.get(corrected.line_id) != corrected:
            raise InvalidAdjustment(
                f"Không tìm thấy {where} trong danh sách xã {in_list.commune_code}."
            )
        if in_list.commune_code != self.commune_code:
            raise InvalidAdjustment("Dòng điều chỉnh phải thuộc cùng xã với dòng được điều chỉnh.")
        if not reason.strip():
            raise InvalidAdjustment(f"Phải ghi lý do điều chỉnh ({where}).")
        delta = new_amount - corrected.amount
        if delta == 0:
            raise InvalidAdjustment(f"Số tiền điều chỉnh bằng số đã chi ({where}).")
        ref = in_list.ref(corrected.line_id)
        line_id = f"adj:{ref.month}:{ref.line_id}"
        if line_id in self.lines:
            raise InvalidAdjustment(f"Đã có dòng điều chỉnh cho {where} trong tháng này.")
        part = AmountPart(
            PartKind.ADJUSTMENT, delta, LEGAL_BASIS,
            f"Điều chỉnh {where}: {reason}", month=ref.month, payee_id=corrected.beneficiary_id,
        )  # fmt: skip
        line = PaymentLine(
            line_id, corrected.beneficiary_id, LineKind.ADJUSTMENT, (part,), (), ref, reason
        )
        self.lines[line_id] = line
        self.adjusted_by.add(by)
        self.version += 1
        return line

    def _require(self, state: ListState, action: str) -> None:
        if self.state is not state:
            raise WrongListState(action, _LABELS[self.state])

    def _require_open(self) -> None:
        if self.state is ListState.CLOSED:
            raise MonthLocked(self.commune_code, str(self.month))

    def _changed(self, event: Event) -> None:
        self.version += 1
        self.events.append(event)
