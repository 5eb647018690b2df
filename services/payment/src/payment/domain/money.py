"""Money is whole VND (int); coefficients are ``Decimal``.

Amount = standard level × coefficient (Decree 20/2021/NĐ-CP Art. 6.1). With the national levels
(360,000 and 500,000 VND) and coefficients of one decimal place the product is always whole;
a provincial level could make it fractional, so it is rounded half up to the whole dong
(the rounding is this service's choice, written in ADR 0014).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def times(standard_level: int, coefficient: Decimal) -> int:
    """``standard_level × coefficient`` in whole VND, rounded half up."""
    product = Decimal(standard_level) * coefficient
    return int(product.to_integral_value(rounding=ROUND_HALF_UP))


def vnd_text(amount: int) -> str:
    """``500000`` → ``"500.000"`` (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")
