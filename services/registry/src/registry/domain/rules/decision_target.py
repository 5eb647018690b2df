"""Which record an adjust or stop decision of a dossier changes (issue 12).

A decision on a dossier "điều chỉnh" or "thôi hưởng" is about the applicant's active record
of the procedure's benefit (monthly allowance or care support) in the dossier's province,
found by personal ID number. A person holds at most one active record per category
(``one_active_per_category``); when several categories of the benefit are active the
appraisal's category picks one. A record that already carries the decision (a redelivered
event) is the answer again, so a second apply changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ansinh_common.catalogs.assistance_categories import categories
from ansinh_common.errors import FailedPrecondition
from registry.domain.decision import Decision
from registry.domain.model import BeneficiaryRecord

LEGAL_BASIS = (
    "Decree 20/2021/NĐ-CP Art. 8 (the chair's decision adjusts or stops the allowance of the "
    "person it names) and Art. 6.2 (one allowance per group)"
)
_BENEFIT_LABELS = {
    "monthly_allowance": "trợ cấp xã hội hằng tháng",
    "care_support": "hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng",
}


@dataclass(frozen=True, slots=True)
class Target:
    """The record to change; ``done``: it already carries the decision (nothing to do)."""

    record: BeneficiaryRecord
    done: bool


def decision_target(
    records: Iterable[BeneficiaryRecord],
    *,
    personal_id: str,
    province_code: str,
    benefit: str | None,
    category_code: str | None,
    decision: Decision,
) -> Target:
    """The person's record in ``province_code`` the decision changes, or a Vietnamese refusal."""
    mine = [r for r in records if r.personal_id == personal_id and r.province_code == province_code]
    for record in mine:
        if any(change.decision == decision for change in record.history[1:]):
            return Target(record, done=True)
    codes = {c.code for c in categories(benefit)} if benefit else None
    active = [
        r for r in mine if r.state.active and (codes is None or r.state.category.code in codes)
    ]
    if len(active) > 1 and category_code:
        active = [r for r in active if r.state.category.code == category_code] or active
    label = _BENEFIT_LABELS.get(benefit or "", "trợ giúp xã hội")
    if not active:
        raise FailedPrecondition(
            f"Không tìm thấy đối tượng đang hưởng {label} có số định danh {personal_id} "
            f"tại tỉnh {province_code}; quyết định {decision.number} không áp dụng được."
        )
    if len(active) > 1:
        held = ", ".join(sorted(r.state.category.code for r in active))
        raise FailedPrecondition(
            f"Người có số định danh {personal_id} đang hưởng nhiều diện ({held}); quyết định "
            f"{decision.number} chưa ghi diện đối tượng cần điều chỉnh."
        )
    return Target(active[0], done=False)
