"""Generation parameters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# National scale (2023–2024): monthly-allowance beneficiaries, poor + near-poor households.
NATIONAL_BENEFICIARIES = 3_300_000
NATIONAL_POVERTY_HOUSEHOLDS = 1_500_000

DEFECT_KINDS: tuple[str, ...] = (
    "missing_id",  # personal ID left empty
    "id_gender_mismatch",  # ID's gender/century digit says the other gender
    "id_year_mismatch",  # ID's year digits say another birth year
    "missing_ethnicity",  # ethnicity left empty
    "duplicate",  # the same person registered again, with small variations
)


@dataclass(frozen=True, slots=True)
class Config:
    seed: int = 42
    scale: float = 0.001  # 1.0 = national scale
    as_of: date = date(2025, 10, 1)  # the data snapshot (ages, decisions, payment month)
    review_year: int = 2025  # poverty review year → poverty standard
    account_share: float = 0.35  # beneficiaries paid to a bank / e-wallet / mobile-money account
    defect_rates: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(DEFECT_KINDS, 0.02)
    )
    excel_communes: int = 0
    excel_for: tuple[str, ...] = ()  # 2025 commune codes that always get an Excel file (demos)
    workers: int = 1
    reservoir_size: int = 512  # bounded pool the duplicates are drawn from (per province)

    @property
    def beneficiaries(self) -> int:
        return round(NATIONAL_BENEFICIARIES * self.scale)

    @property
    def poverty_households(self) -> int:
        return round(NATIONAL_POVERTY_HOUSEHOLDS * self.scale)

    def rate(self, kind: str) -> float:
        return self.defect_rates.get(kind, 0.0)

    def describe(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "scale": self.scale,
            "as_of": self.as_of.isoformat(),
            "review_year": self.review_year,
            "account_share": self.account_share,
            "defect_rates": dict(sorted(self.defect_rates.items())),
            "excel_communes": self.excel_communes,
            "excel_for": list(self.excel_for),
            "reservoir_size": self.reservoir_size,
            "beneficiaries": self.beneficiaries,
            "poverty_households": self.poverty_households,
        }


def uniform_defects(rate: float) -> dict[str, float]:
    return dict.fromkeys(DEFECT_KINDS, rate)
