"""``ansinh_dossier_overdue{procedure}``: a dossier received and left past its step's legal
deadline is counted by its server's gauge; every procedure is exported, at 0 when none is
overdue (ADR 0023)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from dossier.bootstrap import watch_overdue
from dossier.domain.commands import ReceiveDossier, SubmitDossier
from dossier.service_layer.handlers.submission import submit_dossier
from dossier.service_layer.handlers.workflow import act

from .dossier_cluster import COMMUNE, citizen, fixed, lan_values, person, wired

pytestmark = pytest.mark.integration
PROCEDURE = "tro-cap-xa-hoi-hang-thang"


def _gauge(reader: InMemoryMetricReader) -> dict[str, int]:
    data = reader.get_metrics_data()
    return {
        str(point.attributes["procedure"]): int(point.value)
        for resource in (data.resource_metrics if data else [])
        for scope in resource.scope_metrics
        for metric in scope.metrics
        if metric.name == "ansinh.dossier.overdue"
        for point in metric.data.data_points
    }


def test_a_dossier_past_its_deadline_is_counted_by_procedure(
    make_database: Callable[[str], str],
) -> None:
    today = [dt.date(2025, 9, 8)]
    service = wired(make_database, clock=lambda: fixed(today[0])())
    deps = service.deps
    dossier = submit_dossier(
        SubmitDossier(dossier_id="", procedure_id=PROCEDURE, purpose_id="grant_allowance",
                      form_id="1b", values=lan_values()),
        citizen(), deps,
    )  # fmt: skip
    act(ReceiveDossier(dossier_id=dossier.id), person("xa", "commune_officer", unit=COMMUNE), deps)
    reader = InMemoryMetricReader()
    gauge = watch_overdue(service, MeterProvider(metric_readers=[reader]))
    counts = _gauge(reader)
    assert counts[PROCEDURE] == 0  # received today: on time
    assert set(counts) == set(deps.catalog.ids())

    today[0] = dt.date(2025, 12, 1)  # weeks past the step's working days
    gauge._at = float("-inf")  # the cached value expires
    assert _gauge(reader)[PROCEDURE] == 1
    assert all(n == 0 for p, n in _gauge(reader).items() if p != PROCEDURE)
