"""OpenTelemetry metrics exported for Prometheus on a ``/metrics`` HTTP endpoint."""

from __future__ import annotations

from opentelemetry import metrics
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.sdk.metrics import Histogram, MeterProvider
from opentelemetry.sdk.metrics.view import ExplicitBucketHistogramAggregation, View
from opentelemetry.sdk.resources import Resource
from prometheus_client import start_http_server

SECONDS_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
"""Latency buckets for every histogram recorded in seconds (OTel's default suits ms)."""


def start_prometheus(resource: Resource, port: int, addr: str = "127.0.0.1") -> int:
    """Set the global meter provider with a Prometheus reader and serve ``/metrics`` on
    ``addr:port`` (127.0.0.1 locally, ADR 0002; ``0.0.0.0`` in a pod).

    Also exposes prometheus_client's process and Python collectors. Returns the bound port.
    """
    seconds = View(
        instrument_type=Histogram,
        instrument_unit="s",
        aggregation=ExplicitBucketHistogramAggregation(boundaries=SECONDS_BUCKETS),
    )
    provider = MeterProvider(
        resource=resource, metric_readers=[PrometheusMetricReader()], views=[seconds]
    )
    metrics.set_meter_provider(provider)
    httpd, _thread = start_http_server(port, addr=addr)
    return int(httpd.server_port)
