"""The classification an appraisal proposes: category, coefficient and amount.

Officers classify (a citizen only states facts, Circular 11/2019/TT-BLĐTBXH Art. 4.1). A
dossier that grants or adjusts a benefit must name a category of that benefit (Decree
20/2021/NĐ-CP Art. 5 for the monthly allowance, Art. 20 for care support) and one of the
category's coefficients (Art. 6.1, Art. 20; a 5.4 single parent's is 1.0 per child); an
amount, if given, is whole VND.
"""

from __future__ import annotations

from decimal import Decimal

from ansinh_common.catalogs.assistance_categories import Benefit, Category, get_category
from ansinh_common.errors import FieldError, InvalidInput
from dossier.domain.procedures.model import EffectKind

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 5, 6.1, 20; Circular 11/2019/TT-BLĐTBXH Art. 4.1"
CLASSIFIED_EFFECTS = frozenset({EffectKind.REGISTER_BENEFICIARY, EffectKind.CHANGE_COEFFICIENT})


def _coefficient_fits(category: Category, coefficient: Decimal) -> bool:
    return any(
        r.coefficient == coefficient
        or (r.per_child and coefficient > 0 and coefficient % r.coefficient == 0)
        for r in category.rules
    )


def classification_errors(
    effect: EffectKind,
    benefit: str | None,
    category_code: str | None,
    coefficient: Decimal | None,
    amount: int | None,
) -> list[FieldError]:
    """Every problem with the proposed classification (empty when it is acceptable)."""
    errors: list[FieldError] = []
    if amount is not None and (
        isinstance(amount, bool) or not isinstance(amount, int) or amount < 0
    ):
        errors.append(FieldError("amount", "Số tiền phải là số nguyên đồng, không âm.", "invalid"))
    if effect not in CLASSIFIED_EFFECTS:
        return errors
    try:
        category = get_category(category_code or "")
    except KeyError:
        errors.append(
            FieldError(
                "category",
                "Không có nhóm đối tượng này (Điều 5, Điều 20 Nghị định 20/2021/NĐ-CP).",
                "unknown",
            )
        )
        category = None
    if category is not None and benefit is not None and category.benefit is not Benefit(benefit):
        errors.append(
            FieldError(
                "category", "Nhóm đối tượng không thuộc chế độ của thủ tục.", "wrong_benefit"
            )
        )
    if coefficient is None:
        errors.append(FieldError("coefficient", "Chưa có hệ số.", "required"))
    elif category is not None and not _coefficient_fits(category, coefficient):
        errors.append(
            FieldError("coefficient", f"Hệ số không đúng với nhóm {category.code}.", "invalid")
        )
    return errors


def require_classification(
    effect: EffectKind,
    benefit: str | None,
    category_code: str | None,
    coefficient: Decimal | None,
    amount: int | None,
) -> None:
    """``InvalidInput`` (422) naming each wrong field."""
    errors = classification_errors(effect, benefit, category_code, coefficient, amount)
    if errors:
        raise InvalidInput("Phân loại đối tượng không hợp lệ.", errors=errors)
