"""``ansinh_payment_lines_generated_total``: a generation that changes a list counts its lines
after the commit; a regeneration that changes nothing counts nothing (ADR 0023)."""

from __future__ import annotations

from datetime import date

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from ansinh_common.telemetry import business_counter
from ansinh_common.testing_keycloak import KeycloakTestUsers
from payment.adapters import metrics
from payment.domain.months import Month
from payment.testing import PaymentCluster

from .payment_api_support import Stubs, generate, load, officer, person

pytestmark = pytest.mark.integration


def _lines_counted(reader: InMemoryMetricReader) -> dict[str, int]:
    data = reader.get_metrics_data()
    found: dict[str, int] = {}
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                if metric.name == "ansinh.payment.lines.generated":
                    for point in metric.data.data_points:
                        found[str(point.attributes["province"])] = int(point.value)
    return found


def test_generated_lines_are_counted_by_province(
    stubs: Stubs,
    api_cluster: PaymentCluster,
    signed_in: KeycloakTestUsers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reader = InMemoryMetricReader()
    real = metrics.LINES_GENERATED
    counter = business_counter(real.name, real.description, labels=real.labels,
                               meter_provider=MeterProvider(metric_readers=[reader]))  # fmt: skip
    monkeypatch.setattr(metrics, "LINES_GENERATED", counter)
    province, commune = "48", "20195"
    load(api_cluster, [
        person(f"04800000010{n}", date(1940, 1, 1), "5.5a", Month(2024, 8), province, commune)
        for n in range(3)
    ])  # fmt: skip
    prepares = signed_in(officer(commune))
    assert generate(stubs, prepares, commune, "2024-08").changed
    assert _lines_counted(reader) == {"48": 3}
    assert not generate(stubs, prepares, commune, "2024-08").changed  # nothing new to write
    assert _lines_counted(reader) == {"48": 3}
