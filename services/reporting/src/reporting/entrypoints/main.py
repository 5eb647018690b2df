"""``python -m reporting``: the reporting gRPC server (health and reflection only for now).

Reads the settings (the only place that reads the environment), wires the service and hands
both to the runtime: JSON logs, metrics on port 58156, gRPC on 58056, stop on SIGTERM.
"""

from __future__ import annotations

from ansinh_common.runtime import run_service
from reporting.bootstrap import bootstrap
from reporting.config import ReportingSettings


def main() -> None:
    settings = ReportingSettings()
    service = bootstrap(settings)
    run_service(settings, service.servicers, on_stop=[service.close])
