"""Business counters (ADR 0023): declared label sets start at 0, only declared labels are
accepted, a counter never goes down; held gauges keep their value between collections."""

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from ansinh_common.telemetry.business import BusinessCounter, business_counter, declared_counters
from ansinh_common.telemetry.gauges import held_gauge


def values(reader: InMemoryMetricReader) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    data = reader.get_metrics_data()
    found = {}
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                for point in metric.data.data_points:
                    attrs = tuple(sorted((k, str(v)) for k, v in point.attributes.items()))
                    found[(metric.name, attrs)] = float(point.value)
    return found


def counter(reader: InMemoryMetricReader) -> BusinessCounter:
    return business_counter(
        "ansinh.test.rows",
        "rows",
        labels=("outcome",),
        initial=[{"outcome": "applied"}, {"outcome": "rejected"}],
        meter_provider=MeterProvider(metric_readers=[reader]),
    )


def test_declared_label_sets_start_at_zero_then_count() -> None:
    reader = InMemoryMetricReader()
    rows = counter(reader)
    assert rows in declared_counters()
    rows.start_at_zero()
    assert values(reader) == {
        ("ansinh.test.rows", (("outcome", "applied"),)): 0,
        ("ansinh.test.rows", (("outcome", "rejected"),)): 0,
    }
    rows.add(3, outcome="applied")
    rows.add(outcome="applied")
    assert values(reader)[("ansinh.test.rows", (("outcome", "applied"),))] == 4


def test_wrong_labels_and_negative_amounts_are_refused() -> None:
    rows = counter(InMemoryMetricReader())
    with pytest.raises(ValueError, match="labels"):
        rows.add(1, outcome="applied", person_id="001090012345")
    with pytest.raises(ValueError, match="labels"):
        rows.add(1)
    with pytest.raises(ValueError, match="only goes up"):
        rows.add(-1, outcome="applied")
    with pytest.raises(ValueError, match="labels"):
        BusinessCounter("x", "x", ("a",), [{"b": "1"}])


def test_a_held_gauge_keeps_its_value_between_collections() -> None:
    reader = InMemoryMetricReader()
    meter = MeterProvider(metric_readers=[reader]).get_meter("test")
    gauge = held_gauge(meter, "ansinh.test.backlog", unit="1", description="rows")
    gauge.set(7, {"database": "s1"})
    key = ("ansinh.test.backlog", (("database", "s1"),))
    assert values(reader)[key] == 7
    assert values(reader)[key] == 7  # still there at the next scrape
    gauge.set(0, {"database": "s1"})
    assert values(reader)[key] == 0
