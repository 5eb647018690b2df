"""``python -m poverty``: the poverty gRPC server (health and reflection only for now).

Reads the settings (the only place that reads the environment), wires the service and hands
both to the runtime: JSON logs, metrics on port 58154, gRPC on 58054, stop on SIGTERM.
"""

from __future__ import annotations

from ansinh_common.runtime import run_service
from poverty.bootstrap import bootstrap
from poverty.config import PovertySettings


def main() -> None:
    settings = PovertySettings()
    service = bootstrap(settings)
    run_service(settings, service.servicers, on_stop=[service.close])
