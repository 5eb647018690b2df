"""The inbox handler's use case for poverty events: one decision → ``rm_poverty_status``."""

from __future__ import annotations

from reporting.domain.poverty import PovertyDecision, status_row
from reporting.domain.rules.unit_versions import MERGER_MONTH, units_on
from reporting.service_layer.ports import PovertyWriter


def project_poverty(decision: PovertyDecision | None, writer: PovertyWriter) -> None:
    if decision is None:
        return
    # the poverty service's commune codes are in the 2025 catalog, whatever the date
    units = units_on(decision.commune_code, MERGER_MONTH, decision.province_code)
    writer.add_status(status_row(decision, units.province_2025))
