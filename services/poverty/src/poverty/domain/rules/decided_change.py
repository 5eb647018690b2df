"""A status decided outside a review on the platform (an earlier decision being loaded) must
fit the household and the standard of its review year, as a review's decision would."""

from __future__ import annotations

from ansinh_common.errors import FieldError, InvalidInput
from poverty.domain.errors import NoStandard, field_error
from poverty.domain.model import Household, StatusChange
from poverty.domain.standards import standard_for_year

LEGAL_BASIS = (
    "Decree 07/2021/NĐ-CP Art. 3 and Decree 351/2025/NĐ-CP (the standard of the review year); "
    "Decree 30/2025/NĐ-CP (low-income workers are members of the household)"
)


def check_decided_change(household: Household, change: StatusChange) -> None:
    errors: list[FieldError] = []
    try:
        standard = standard_for_year(change.review_year)
    except NoStandard as exc:
        raise InvalidInput(errors=[field_error("change.review_year", exc.detail)]) from exc
    if change.standard_code != standard.code:
        errors.append(
            field_error(
                "change.standard_code",
                f"năm rà soát {change.review_year} áp dụng chuẩn {standard.code}",
            )
        )
    known = {i.code for i in standard.indicators}
    for n, code in enumerate(change.deprivations):
        if code not in known:
            errors.append(field_error(f"change.deprivations[{n}]", f"không có chỉ số {code!r}"))
    members = {m.member_id for m in household.members}
    for code in sorted(change.low_income_members - members):
        errors.append(field_error("change.low_income_members", f"{code!r} không thuộc hộ"))
    if change.effective_on.year < change.review_year:
        errors.append(field_error("change.effective_on", "trước năm rà soát"))
    if errors:
        raise InvalidInput(errors=errors)
