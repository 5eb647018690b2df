"""The standard level in force for a month and province.

Decree 20/2021/NĐ-CP Art. 4: 360,000 VND from Jul 2021; 500,000 VND from 1 Jul 2024 (Decree
76/2024/NĐ-CP Art. 1.1; people already paid move to it from that month, Art. 2.3). A province
may set a higher level (Decree 76/2024/NĐ-CP Art. 1.2): the province's level applies where it
is higher. The national rows (and any provincial rows shipped with it) are the shared catalog
``ansinh_common.catalogs.standard_levels``; the levels officers record through the API are the
province's ``ProvincePolicy``. A new national level is a catalog row, not code.
"""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.catalogs.standard_levels import NoStandardLevelError, standard_level_row
from payment.domain.errors import NoStandardLevel
from payment.domain.months import Month
from payment.domain.policy import ProvincePolicy

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 4; Decree 76/2024/NĐ-CP Art. 1"


@dataclass(frozen=True, slots=True)
class StandardLevelInForce:
    amount: int  # VND per month
    legal_basis: str
    province_setting: bool  # True: the province's own (higher) level
    setting_key: str | None = None  # the policy line used (for "used by an approved list")


def standard_level_in_force(
    province_code: str, month: Month, policy: ProvincePolicy | None = None
) -> StandardLevelInForce:
    """The level for ``month`` in ``province_code``: the higher of the catalog's (national, or
    a catalog provincial row) and the province's recorded setting in force.

    Raises ``NoStandardLevel`` before Jul 2021 (Decree 136/2013 is not modelled)."""
    try:
        row = standard_level_row(province_code, month.year, month.month)
    except NoStandardLevelError as exc:
        raise NoStandardLevel(str(month)) from exc
    best = StandardLevelInForce(row.amount, row.legal_basis, row.province_code is not None)
    own = policy.standard_level(month) if policy is not None else None
    if own is not None and own.amount > best.amount:
        basis = f"Nghị quyết {own.resolution.number} ({LEGAL_BASIS.split(';')[1].strip()})"
        return StandardLevelInForce(own.amount, basis, True, own.key)
    return best
