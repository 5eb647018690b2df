"""``python -m payment``: the payment gRPC server (health and reflection only for now).

Reads the settings (the only place that reads the environment), wires the service and hands
both to the runtime: JSON logs, metrics on port 58155, gRPC on 58055, stop on SIGTERM.
"""

from __future__ import annotations

from ansinh_common.runtime import run_service
from payment.bootstrap import bootstrap
from payment.config import PaymentSettings


def main() -> None:
    settings = PaymentSettings()
    service = bootstrap(settings)
    run_service(settings, service.servicers, on_stop=[service.close])
