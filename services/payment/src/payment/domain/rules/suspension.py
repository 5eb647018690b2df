"""Not collected for 3 consecutive months: propose a suspension.

Circular 02/2021/TT-BLĐTBXH Art. 2.3 *(verify)*: a beneficiary who has not collected the
allowance for 3 consecutive months is suspended, and stopped if still absent 3 months after
the suspension decision. The payment service only proposes: the suspension itself is a
registry change with a decision (issue 13). Months with no line (nothing owed) neither count
nor break the run; a month collected breaks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from payment.domain.events import SuspensionProposed
from payment.domain.months import Month

LEGAL_BASIS = "Circular 02/2021/TT-BLĐTBXH Art. 2.3"
VERIFIED = False
CONSECUTIVE_MONTHS = 3


class Collection(StrEnum):
    COLLECTED = "collected"  # paid (cash collected, or credited to the account)
    NOT_COLLECTED = "not_collected"  # failed, returned, or cash not collected


@dataclass(frozen=True, slots=True)
class SuspensionProposal:
    beneficiary_id: str
    months_not_collected: tuple[Month, ...]
    legal_basis: str = LEGAL_BASIS

    def event(self, province_code: str) -> SuspensionProposed:
        return SuspensionProposed(
            province_code=province_code, beneficiary_id=self.beneficiary_id,
            months_not_collected=self.months_not_collected,
        )  # fmt: skip

    @property
    def message(self) -> str:
        months = ", ".join(str(m) for m in self.months_not_collected)
        return (
            f"Đối tượng không nhận trợ cấp {CONSECUTIVE_MONTHS} tháng liên tục ({months}); "
            "đề nghị tạm dừng chi trả (Khoản 3 Điều 2 Thông tư 02/2021/TT-BLĐTBXH)."
        )


def propose_suspension(
    beneficiary_id: str, results: Mapping[Month, Collection], month: Month
) -> SuspensionProposal | None:
    """A proposal when the last 3 listed months up to ``month`` were all not collected and
    ``month`` is one of them (so the proposal is made once, in the month the run reaches 3)."""
    listed = sorted((m for m in results if m <= month), reverse=True)
    if not listed or listed[0] != month:
        return None
    run: list[Month] = []
    for m in listed:
        if results[m] is Collection.COLLECTED:
            break
        run.append(m)
    if len(run) != CONSECUTIVE_MONTHS:
        return None
    return SuspensionProposal(beneficiary_id, tuple(sorted(run)))


def propose_stop(suspended_from: Month, collected_since: bool, month: Month) -> bool:
    """Still absent 3 months after the suspension: propose stopping (same article)."""
    return not collected_since and month.months_since(suspended_from) >= CONSECUTIVE_MONTHS
