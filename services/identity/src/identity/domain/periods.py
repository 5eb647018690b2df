"""Which organisation of local government applies on a date (configuration per period).

Until 30 Jun 2025 the three-level model (province → district → commune, catalog
``pre2025``); from 1 Jul 2025 the two-level model (province → commune, catalog ``2025``),
Resolution 202/2025/QH15 and the Law on Organisation of Local Government 2025. The periods are
configuration (``IdentitySettings.unit_model_periods``), not code: a deployment serving the old
catalog, or a test, sets its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ansinh_common.authz import UnitModel
from ansinh_common.authz.tables import MODEL_CATALOG_VERSIONS

REFORM_DATE = date(2025, 7, 1)
LEGAL_BASIS = "Resolution 202/2025/QH15; Law on Organisation of Local Government 2025"


@dataclass(frozen=True, slots=True)
class ModelPeriod:
    """``model`` applies from ``start`` (inclusive) until the next period's start."""

    start: date
    model: UnitModel


DEFAULT_PERIODS: tuple[ModelPeriod, ...] = (
    ModelPeriod(date(1900, 1, 1), UnitModel.THREE_LEVEL),
    ModelPeriod(REFORM_DATE, UnitModel.TWO_LEVEL),
)


def model_on(day: date, periods: Sequence[ModelPeriod] = DEFAULT_PERIODS) -> UnitModel:
    """The model in force on ``day``; ValueError if no period covers it."""
    current: ModelPeriod | None = None
    for period in sorted(periods, key=lambda p: p.start):
        if period.start <= day:
            current = period
    if current is None:
        raise ValueError(f"no administrative model configured for {day.isoformat()}")
    return current.model


def catalog_version_of(model: UnitModel) -> str:
    """The unit catalog version whose codes the model's accounts carry."""
    return MODEL_CATALOG_VERSIONS[model]
