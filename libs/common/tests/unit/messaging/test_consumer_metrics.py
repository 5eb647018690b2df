"""The inbox consumer's counters: exported through OpenTelemetry and kept in-process."""

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from ansinh_common.messaging import ConsumerMetrics
from ansinh_common.messaging.metrics import DEAD_LETTERED_METRIC, RETRIES_METRIC


def test_retries_and_dead_letters_are_counted_per_consumer_group() -> None:
    reader = InMemoryMetricReader()
    metrics = ConsumerMetrics("registry-s1", MeterProvider(metric_readers=[reader]))
    for name in ("processed", "processed", "retries", "dead_lettered"):
        metrics.count(name)

    assert (metrics.stats.processed, metrics.stats.retries) == (2, 1)
    assert (metrics.stats.dead_lettered, metrics.stats.duplicates) == (1, 0)
    data = reader.get_metrics_data()
    assert data is not None
    points = {
        metric.name: [(dict(p.attributes or {}), p.value) for p in metric.data.data_points]
        for rm in data.resource_metrics
        for sm in rm.scope_metrics
        for metric in sm.metrics
    }
    assert points[RETRIES_METRIC] == [({"consumer_group": "registry-s1"}, 1)]
    assert points[DEAD_LETTERED_METRIC] == [({"consumer_group": "registry-s1"}, 1)]
