"""Social-assistance categories (đối tượng bảo trợ xã hội) and their coefficients.

Decree 20/2021/NĐ-CP: the groups of Art. 5 (monthly allowance), their coefficients (Art. 6.1),
care-support coefficients (Art. 20) and the nurturing allowance in a social-assistance facility
(Art. 25). Monthly amount = standard level × coefficient (Art. 6.1; see ``standard_levels``).
This is a catalog, not the eligibility engine: it answers "what coefficient for (category,
sub-condition)", not "which category does this person belong to".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

DECREE = "Decree 20/2021/NĐ-CP"


class Benefit(StrEnum):
    MONTHLY_ALLOWANCE = "monthly_allowance"  # trợ cấp xã hội hằng tháng
    CARE_SUPPORT = "care_support"  # hỗ trợ kinh phí chăm sóc, nuôi dưỡng
    FACILITY_ALLOWANCE = "facility_allowance"  # trợ cấp nuôi dưỡng trong cơ sở TGXH


@dataclass(frozen=True, slots=True)
class CoefficientRule:
    """One coefficient for one sub-condition of a category."""

    condition: str  # "default" when the category has a single coefficient
    description: str
    coefficient: Decimal
    legal_basis: str
    per_child: bool = False


@dataclass(frozen=True, slots=True)
class Category:
    code: str  # Art. 5 group "5.1" … "5.8" ("5.5a" = Art. 5.5 point a); internal codes
    # "C1".."C4" for care support (Art. 20) and "F1" for the allowance in a facility (Art. 25)
    name: str  # Vietnamese
    description: str  # English summary of the condition
    benefit: Benefit
    legal_basis: str
    rules: tuple[CoefficientRule, ...]

    def coefficient(self, condition: str = "default") -> Decimal:
        for r in self.rules:
            if r.condition == condition:
                return r.coefficient
        known = ", ".join(r.condition for r in self.rules)
        raise KeyError(f"category {self.code} has no condition {condition!r} (known: {known})")


def _r(cond: str, desc: str, coef: str, basis: str, per_child: bool = False) -> CoefficientRule:
    return CoefficientRule(cond, desc, Decimal(coef), f"{DECREE} {basis}", per_child)


_MA = Benefit.MONTHLY_ALLOWANCE
CATEGORIES: tuple[Category, ...] = (
    Category(
        "5.1",
        "Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng",
        "Child under 16 with no one to support them (points a–l)",
        _MA,
        f"{DECREE} Art. 5.1",
        (
            _r("under_4", "under 4 years", "2.5", "Art. 6.1.a"),
            _r("from_4", "from full 4 years", "1.5", "Art. 6.1.a"),
        ),
    ),
    Category(
        "5.2",
        "Người từ đủ 16 tuổi đến 22 tuổi đang học",
        "From full 16, was in 5.1, still studying (to 22 at most)",
        _MA,
        f"{DECREE} Art. 5.2",
        (_r("default", "", "1.5", "Art. 6.1.b"),),
    ),
    Category(
        "5.3",
        "Trẻ em nhiễm HIV/AIDS thuộc hộ nghèo",
        "Child with HIV in a poor household",
        _MA,
        f"{DECREE} Art. 5.3",
        (
            _r("under_4", "under 4 years", "2.5", "Art. 6.1.c"),
            _r("from_4", "from full 4 to under 16 years", "2.0", "Art. 6.1.c"),
        ),
    ),
    Category(
        "5.4",
        "Người đơn thân nghèo đang nuôi con",
        "Poor or near-poor single parent raising children (under 16, or 16–22 studying)",
        _MA,
        f"{DECREE} Art. 5.4",
        (_r("per_child", "per child being raised", "1.0", "Art. 6.1.d", per_child=True),),
    ),
    Category(
        "5.5a",
        "Người cao tuổi thuộc hộ nghèo, không có người phụng dưỡng",
        "Poor elderly with no one obliged to support them",
        _MA,
        f"{DECREE} Art. 5.5.a",
        (
            _r("age_60_to_80", "from full 60 to under 80 years", "1.5", "Art. 6.1.đ"),
            _r("from_80", "from full 80 years", "2.0", "Art. 6.1.đ"),
        ),
    ),
    Category(
        "5.5b",
        "Người cao tuổi từ đủ 75 đến 80 tuổi thuộc hộ nghèo, cận nghèo ở vùng DTTS&MN ĐBKK",
        "From full 75 to 80, poor/near-poor, in especially disadvantaged ethnic-minority and "
        "mountain communes/villages",
        _MA,
        f"{DECREE} Art. 5.5.b",
        (_r("default", "", "1.0", "Art. 6.1.đ"),),
    ),
    Category(
        "5.5c",
        "Người từ đủ 80 tuổi không có lương hưu, trợ cấp BHXH, trợ cấp xã hội",
        "From full 80, without pension, monthly social-insurance or social allowance",
        _MA,
        f"{DECREE} Art. 5.5.c",
        (_r("default", "", "1.0", "Art. 6.1.đ"),),
    ),
    Category(
        "5.5d",
        "Người cao tuổi thuộc hộ nghèo có người nhận chăm sóc tại cộng đồng",
        "Poor elderly eligible for a facility but cared for in the community",
        _MA,
        f"{DECREE} Art. 5.5.d",
        (_r("default", "", "3.0", "Art. 6.1.đ"),),
    ),
    Category(
        "5.6",
        "Người khuyết tật nặng, khuyết tật đặc biệt nặng",
        "Person with severe or especially severe disability",
        _MA,
        f"{DECREE} Art. 5.6",
        (
            _r("especially_severe", "especially severe", "2.0", "Art. 6.1.e"),
            _r(
                "especially_severe_child_or_elderly",
                "especially severe, child or elderly",
                "2.5",
                "Art. 6.1.e",
            ),
            _r("severe", "severe", "1.5", "Art. 6.1.e"),
            _r("severe_child_or_elderly", "severe, child or elderly", "2.0", "Art. 6.1.e"),
        ),
    ),
    Category(
        "5.7",
        "Trẻ em dưới 3 tuổi thuộc hộ nghèo, cận nghèo ở vùng DTTS&MN ĐBKK",
        "Child under 3, poor/near-poor, in especially disadvantaged ethnic-minority and "
        "mountain communes/villages, not in 5.1, 5.3, 5.6",
        _MA,
        f"{DECREE} Art. 5.7",
        (_r("default", "", "1.5", "Art. 6.1.g"),),
    ),
    Category(
        "5.8",
        "Người nhiễm HIV/AIDS thuộc hộ nghèo không có nguồn thu nhập ổn định",
        "Person with HIV in a poor household with no stable monthly income",
        _MA,
        f"{DECREE} Art. 5.8",
        (_r("default", "", "1.5", "Art. 6.1.h"),),
    ),
    Category(
        "C1",
        "Hộ gia đình, cá nhân nhận chăm sóc, nuôi dưỡng đối tượng tại cộng đồng",
        "Household/individual fostering a 5.1 child or a 5.5d elderly person",
        Benefit.CARE_SUPPORT,
        f"{DECREE} Art. 20",
        (
            _r("child_under_4", "5.1 child under 4", "2.5", "Art. 20"),
            _r("child_4_to_16", "5.1 child from full 4 to under 16", "1.5", "Art. 20"),
            _r("elderly_5_5d", "5.5d elderly person", "1.5", "Art. 20"),
        ),
    ),
    Category(
        "C2",
        "Người khuyết tật đặc biệt nặng, nặng mang thai hoặc nuôi con dưới 36 tháng",
        "Person with severe/especially severe disability who is pregnant or raising children "
        "under 36 months (highest only; one payment if both spouses qualify; on top of 5.6)",
        Benefit.CARE_SUPPORT,
        f"{DECREE} Art. 20",
        (
            _r(
                "pregnant_or_one_child",
                "pregnant, or raising one child under 36 months",
                "1.5",
                "Art. 20",
            ),
            _r(
                "pregnant_and_one_child_or_two_plus",
                "pregnant and raising one child, or raising two or more under 36 months",
                "2.0",
                "Art. 20",
            ),
        ),
    ),
    Category(
        "C3",
        "Hộ gia đình có người khuyết tật đặc biệt nặng đang trực tiếp nuôi dưỡng",
        "Household directly caring for a person with especially severe disability (per person)",
        Benefit.CARE_SUPPORT,
        f"{DECREE} Art. 20",
        (_r("default", "per person cared for", "1.0", "Art. 20"),),
    ),
    Category(
        "C4",
        "Người nhận chăm sóc, nuôi dưỡng người khuyết tật đặc biệt nặng",
        "Household/individual fostering a person with especially severe disability (per person)",
        Benefit.CARE_SUPPORT,
        f"{DECREE} Art. 20",
        (
            _r("adult", "fostering an adult", "1.5", "Art. 20"),
            _r("child", "fostering a child", "2.5", "Art. 20"),
        ),
    ),
    Category(
        "F1",
        "Đối tượng được chăm sóc, nuôi dưỡng tại cơ sở trợ giúp xã hội",
        "Person living in a social-assistance facility (replaces the monthly allowance)",
        Benefit.FACILITY_ALLOWANCE,
        f"{DECREE} Art. 25",
        (
            _r("under_4", "under 4 years", "5.0", "Art. 25"),
            _r("from_4", "from full 4 years", "4.0", "Art. 25"),
        ),
    ),
)

_BY_CODE = {c.code: c for c in CATEGORIES}

# Several groups: only the highest amount, except a 5.4 single parent who also is in these
# groups gets the 5.4 amount and that one (Decree 20/2021/NĐ-CP Art. 6.2).
CUMULATIVE_WITH_5_4: frozenset[str] = frozenset({"5.5a", "5.5b", "5.5c", "5.5d", "5.6", "5.8"})
FUNERAL_SUPPORT_MIN_MULTIPLE = Decimal(20)  # × standard level, Art. 11.2


def get_category(code: str) -> Category:
    """A category by code ("5.1" … "5.8", "C1" … "C4", "F1"); raises ``KeyError``."""
    return _BY_CODE[code]


def categories(benefit: Benefit | str | None = None) -> tuple[Category, ...]:
    """All categories, or those of one benefit kind."""
    b = Benefit(benefit) if benefit is not None else None
    return tuple(c for c in CATEGORIES if b is None or c.benefit is b)


def coefficient(category_code: str, condition: str = "default") -> Decimal:
    """The coefficient for (category, sub-condition); raises ``KeyError`` if unknown."""
    return get_category(category_code).coefficient(condition)
