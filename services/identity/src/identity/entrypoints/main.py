"""``python -m identity``: the gRPC server (port 58051) and the disabled-account sync.

The only place that reads the environment, configures logging and telemetry.
"""

from __future__ import annotations

import logging

from ansinh.identity.v1 import identity_pb2_grpc
from ansinh_common.grpc.lifecycle import serve_forever
from ansinh_common.grpc.server import create_server
from ansinh_common.logging import configure_logging
from ansinh_common.telemetry import setup_telemetry
from identity.bootstrap import bootstrap
from identity.config import IdentitySettings
from identity.entrypoints.disabled_sync import DisabledAccountSync
from identity.entrypoints.grpc_servicer import IdentityServicer

SERVICE_NAME = "ansinh.identity.v1.IdentityService"

log = logging.getLogger(__name__)


def main() -> None:
    settings = IdentitySettings()
    configure_logging(settings.service_name, settings.log_level)
    setup_telemetry(settings.service_name, metrics_port=settings.metrics_port)
    identity = bootstrap(settings)
    sync = DisabledAccountSync(identity.services, settings.disabled_sync_interval_seconds)
    server, port = create_server(
        [(identity_pb2_grpc.add_IdentityServiceServicer_to_server,
          IdentityServicer(identity.services))],
        settings.grpc_port,
        host=settings.grpc_host,
        service_names=[SERVICE_NAME],
        reflection=True,
    )  # fmt: skip
    sync.start()
    log.info("identity gRPC on port %s", port)
    try:
        serve_forever(server)
    finally:
        sync.stop()
        identity.close()
