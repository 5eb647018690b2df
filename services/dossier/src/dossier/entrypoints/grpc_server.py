"""``python -m dossier``: settings from the environment, ``bootstrap``, serve (ADR 0013)."""

from __future__ import annotations

from typing import Any

from ansinh.dossier.v1 import dossier_pb2_grpc
from ansinh_common.auth.wiring import token_verifier
from ansinh_common.grpc.server import create_server
from ansinh_common.runtime import serve
from dossier.bootstrap import DossierService, bootstrap, watch_overdue
from dossier.config import DossierSettings
from dossier.entrypoints.grpc_servicer import SERVICE_NAME, DossierServicer


def with_servicers(service: DossierService) -> DossierService:
    service.servicers = [
        (dossier_pb2_grpc.add_DossierServiceServicer_to_server, DossierServicer(service))
    ]
    service.service_names = [SERVICE_NAME]
    size = service.deps.max_attachment + 1024 * 1024  # a whole attachment per call
    service.grpc_options = [("grpc.max_receive_message_length", size)]
    return service


def start(service: DossierService, port: int = 0, host: str = "127.0.0.1") -> tuple[Any, int]:
    """A started server (tests; ``port=0``: any free port), callers verified (ADR 0011)."""
    with_servicers(service)
    return create_server(
        service.servicers,
        port,
        verifier=token_verifier(service.settings),
        host=host,
        service_names=list(service.service_names),
        options=list(service.grpc_options),
    )


def main() -> None:
    service = bootstrap(DossierSettings())
    watch_overdue(service)
    serve(with_servicers(service))
