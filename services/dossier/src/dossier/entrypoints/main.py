"""``python -m dossier``: the dossier gRPC server (health and reflection only for now).

Reads the settings (the only place that reads the environment), wires the service and hands
both to the runtime: JSON logs, metrics on port 58152, gRPC on 58052, stop on SIGTERM.
"""

from __future__ import annotations

from ansinh_common.runtime import run_service
from dossier.bootstrap import bootstrap
from dossier.config import DossierSettings


def main() -> None:
    settings = DossierSettings()
    service = bootstrap(settings)
    run_service(settings, service.servicers, on_stop=[service.close])
