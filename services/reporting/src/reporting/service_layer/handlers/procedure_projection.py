"""The inbox handler's use case for dossier events: one status change → ``rm_dossier_event``,
then the dossier's summary recomputed from all its known changes (order-independent)."""

from __future__ import annotations

from reporting.domain.procedures import DossierStep, summarize
from reporting.domain.rules.unit_versions import units_on
from reporting.service_layer.ports import ProcedureWriter


def project_step(step: DossierStep | None, writer: ProcedureWriter) -> None:
    if step is None:
        return
    writer.add_step(step)
    steps = writer.steps_of(step)
    first = min(steps, key=lambda s: s.version)
    units = units_on(first.unit_code, first.local_date, first.province_code)
    writer.put_dossier(summarize(steps, units))
