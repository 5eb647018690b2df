"""What a person is owed for a month and why: ``explain(beneficiary, month, policy)``.

Each part names its group, the coefficient in force, the standard level in force and the legal
basis; care support and province allowances are parts of their own. Transitions that the birth
date (or a dated fact such as studying or a child reaching 36 months) causes in the month are
flagged for an officer to review. Money is whole VND.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from payment.domain.citations import condition_label
from payment.domain.model import Beneficiary, CareSupportClaim, Membership
from payment.domain.money import times, vnd_text
from payment.domain.months import Month, age_in, month_turning
from payment.domain.policy import ProvincePolicy
from payment.domain.rules import several_groups
from payment.domain.rules.care_support import CareCoefficient, care_coefficient
from payment.domain.rules.coefficient import GroupCoefficient, group_coefficient
from payment.domain.rules.legacy_paid import legacy_paid_note
from payment.domain.rules.payment_months import owed_in
from payment.domain.rules.poverty_condition import poverty_finding
from payment.domain.rules.province_allowance import province_allowances_due
from payment.domain.rules.several_groups import select_paid
from payment.domain.rules.standard_level import StandardLevelInForce, standard_level_in_force

AGE_START = {"5.5b": 75, "5.5c": 80}  # Art. 8: from the month the person reaches the age


class PartKind(StrEnum):
    MONTHLY_ALLOWANCE = "monthly_allowance"  # trợ cấp xã hội hằng tháng
    CARE_SUPPORT = "care_support"  # hỗ trợ kinh phí chăm sóc, nuôi dưỡng
    PROVINCE_ALLOWANCE = "province_allowance"  # chính sách riêng của tỉnh
    ARREARS = "arrears"  # truy lĩnh
    FUNERAL_SUPPORT = "funeral_support"  # hỗ trợ mai táng
    CARRIED_OVER = "carried_over"  # chi trả lại khoản tháng trước chưa chi được
    ADJUSTMENT = "adjustment"  # điều chỉnh sau khóa sổ


@dataclass(frozen=True, slots=True)
class AmountPart:
    """One part of an amount, with everything needed to recompute it by hand."""

    kind: PartKind
    amount: int  # VND
    legal_basis: str
    description: str  # Vietnamese, shown on the line
    group: str | None = None
    condition: str | None = None
    coefficient: Decimal | None = None
    standard_level: int | None = None
    standard_level_basis: str | None = None
    record_id: str | None = None
    payee_id: str | None = None
    setting_key: str | None = None
    month: Month | None = None  # the month an arrears part is for


@dataclass(frozen=True, slots=True)
class Transition:
    """A change the calendar made in this month, for an officer to review."""

    record_id: str
    age: int
    before: str | None  # "5.1 under_4 2.5", None when nothing was owed
    after: str | None
    message: str  # Vietnamese


@dataclass(frozen=True, slots=True)
class Explanation:
    beneficiary_id: str
    month: Month
    standard_level: StandardLevelInForce | None
    parts: tuple[AmountPart, ...]
    not_paid: tuple[GroupCoefficient, ...]  # groups left out by Art. 6.2
    transitions: tuple[Transition, ...]
    findings: tuple[str, ...] = ()  # other review notes (Vietnamese), e.g. poverty status

    @property
    def total(self) -> int:
        return sum(p.amount for p in self.parts)

    @property
    def setting_keys(self) -> frozenset[str]:
        keys = {p.setting_key for p in self.parts if p.setting_key}
        return frozenset(k for k in keys if k is not None)


def explain(
    beneficiary: Beneficiary, month: Month, policy: ProvincePolicy | None = None
) -> Explanation:
    """Everything owed to (or because of) ``beneficiary`` in ``month``."""
    transitions = _transitions(beneficiary, month)
    if not beneficiary.alive_in(month):
        return Explanation(beneficiary.beneficiary_id, month, None, (), (), transitions)
    groups = [
        g
        for m in beneficiary.memberships
        if owed_in(beneficiary, m, month)
        and (g := group_coefficient(m, beneficiary.birth_date, month)) is not None
    ]
    care = [
        c
        for claim in beneficiary.care_support
        if (c := care_coefficient(claim, beneficiary.birth_date, beneficiary.memberships, month))
    ]
    legacy = tuple(
        note for m in beneficiary.memberships if (note := legacy_paid_note(m, month)) is not None
    )
    if not groups and not care:
        return Explanation(beneficiary.beneficiary_id, month, None, (), (), transitions, legacy)
    level = standard_level_in_force(beneficiary.province_code, month, policy)
    selection = select_paid(groups)
    several = len(groups) > 1
    parts: list[AmountPart] = []
    for g in selection.paid:
        basis = g.legal_basis + (f"; {several_groups.LEGAL_BASIS}" if several else "")
        parts.append(
            AmountPart(
                PartKind.MONTHLY_ALLOWANCE, times(level.amount, g.coefficient), basis,
                f"Trợ cấp xã hội hằng tháng, diện {g.group}: {vnd_text(level.amount)} đồng × "
                f"hệ số {g.coefficient}",
                g.group, g.condition, g.coefficient, level.amount, level.legal_basis,
                g.record_id, beneficiary.beneficiary_id, level.setting_key,
            )
        )  # fmt: skip
    for c in care:
        parts.append(
            AmountPart(
                PartKind.CARE_SUPPORT, times(level.amount, c.coefficient), c.legal_basis,
                f"Hỗ trợ kinh phí chăm sóc, nuôi dưỡng ({c.kind.value}): "
                f"{vnd_text(level.amount)} đồng × hệ số {c.coefficient}",
                c.kind.value, c.condition, c.coefficient, level.amount, level.legal_basis,
                c.claim_id, c.payee_id, level.setting_key,
            )
        )  # fmt: skip
    paid_groups = [g.group for g in selection.paid]
    for due in province_allowances_due(policy, month, paid_groups, level.amount):
        parts.append(
            AmountPart(
                PartKind.PROVINCE_ALLOWANCE, due.amount, due.legal_basis, due.allowance.name,
                coefficient=due.allowance.coefficient,
                standard_level=level.amount if due.allowance.coefficient else None,
                payee_id=beneficiary.beneficiary_id, setting_key=due.allowance.key,
            )
        )  # fmt: skip
    findings = legacy + tuple(
        note
        for m in beneficiary.memberships
        if any(g.record_id == m.record_id for g in selection.paid)
        and (note := poverty_finding(m)) is not None
    )
    return Explanation(
        beneficiary.beneficiary_id, month, level, tuple(parts), selection.unpaid, transitions,
        findings,
    )  # fmt: skip


def _label(g: GroupCoefficient | CareCoefficient | None) -> str | None:
    if g is None:
        return None
    code = g.group if isinstance(g, GroupCoefficient) else g.kind.value
    return f"{code} {g.condition} {g.coefficient}"


def _shown(g: GroupCoefficient | CareCoefficient | None) -> str | None:
    """``g`` as a message reads it: "diện 5.1, dưới 4 tuổi, hệ số 2,5"."""
    if g is None:
        return None
    code = g.group if isinstance(g, GroupCoefficient) else g.kind.value
    condition = condition_label(g.condition)
    coefficient = str(g.coefficient).replace(".", ",")
    return ", ".join(x for x in (f"diện {code}", condition.lower(), f"hệ số {coefficient}") if x)


def _transitions(b: Beneficiary, month: Month) -> tuple[Transition, ...]:
    found: list[Transition] = []
    age = age_in(b.birth_date, month)
    previous, following = month.previous(), month.next()
    for m in b.memberships:
        found += _compare(m.record_id, age, month, m, _at(b, m, previous), _at(b, m, month))
        start_age = AGE_START.get(m.group)
        if start_age is not None and m.start_month == month == month_turning(
            b.birth_date, start_age
        ):
            found.append(
                Transition(m.record_id, age, None, _label(_at(b, m, month)),
                           f"Từ tháng {month.shown} bắt đầu hưởng diện {m.group} vì đủ {start_age} "
                           "tuổi (Điều 8 Nghị định 20/2021/NĐ-CP); cán bộ cần rà soát.")
            )  # fmt: skip
        if m.in_force(month) and m.in_force(following) and b.alive_in(following):
            now, then = _at(b, m, month), _at(b, m, following)
            if now is not None and then is None:
                found.append(
                    Transition(m.record_id, age, _label(now), None,
                               f"Tháng {month.shown} là tháng cuối được hưởng diện {m.group} theo "
                               "tuổi hoặc điều kiện; cán bộ cần rà soát.")
                )  # fmt: skip
    for claim in b.care_support:
        found += _compare(
            claim.claim_id, age, month, claim, _care(b, claim, previous), _care(b, claim, month)
        )
    return tuple(found)


def _compare(
    record_id: str,
    age: int,
    month: Month,
    source: Membership | CareSupportClaim,
    before: GroupCoefficient | CareCoefficient | None,
    after: GroupCoefficient | CareCoefficient | None,
) -> list[Transition]:
    """A change between two months that the decision did not make (in force in both)."""
    if not (source.in_force(month.previous()) and source.in_force(month)):
        return []
    old, new = _label(before), _label(after)
    if old == new:
        return []
    was, now = _shown(before), _shown(after)
    if new is None:
        text = f"Từ tháng {month.shown} thôi hưởng ({was}) do tuổi hoặc điều kiện thay đổi"
    elif old is None:
        text = f"Từ tháng {month.shown} bắt đầu hưởng ({now})"
    else:
        text = f"Từ tháng {month.shown} đổi từ ({was}) sang ({now})"
    return [Transition(record_id, age, old, new, f"{text}, tuổi {age}; cán bộ cần rà soát.")]


def _at(b: Beneficiary, m: Membership, month: Month) -> GroupCoefficient | None:
    return group_coefficient(m, b.birth_date, month) if m.in_force(month) else None


def _care(b: Beneficiary, claim: CareSupportClaim, month: Month) -> CareCoefficient | None:
    return care_coefficient(claim, b.birth_date, b.memberships, month)
