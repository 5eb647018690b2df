"""OpenTelemetry for An Sinh services: traces (HTTP, gRPC, Kafka, SQL) and metrics.

Test helper: ``ansinh_common.telemetry.testing.in_memory_exporter()``.
"""

from ansinh_common.telemetry.business import BusinessCounter, business_counter
from ansinh_common.telemetry.propagation import extract_context, inject_context
from ansinh_common.telemetry.setup import Telemetry, current_telemetry, setup_telemetry
from ansinh_common.telemetry.sql import instrument_engine

__all__ = [
    "BusinessCounter",
    "Telemetry",
    "business_counter",
    "current_telemetry",
    "extract_context",
    "inject_context",
    "instrument_engine",
    "setup_telemetry",
]
