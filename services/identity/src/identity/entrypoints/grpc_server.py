"""``python -m identity``: the gRPC server (port 58051) and the disabled-account sync.

The only place that reads the environment; logging, telemetry and the server's life cycle are
``ansinh_common.runtime.run_service``.
"""

from __future__ import annotations

from ansinh.identity.v1 import identity_pb2_grpc
from ansinh_common.runtime import run_service
from identity.bootstrap import bootstrap
from identity.config import IdentitySettings
from identity.entrypoints.disabled_sync import DisabledAccountSync
from identity.entrypoints.grpc_servicer import IdentityServicer

SERVICE_NAME = "ansinh.identity.v1.IdentityService"


def main() -> None:
    settings = IdentitySettings()
    identity = bootstrap(settings)
    sync = DisabledAccountSync(identity.services, settings.disabled_sync_interval_seconds)
    sync.start()
    run_service(
        settings,
        [(identity_pb2_grpc.add_IdentityServiceServicer_to_server,
          IdentityServicer(identity.services))],
        service_names=[SERVICE_NAME],
        on_stop=[identity.close, sync.stop],
    )  # fmt: skip
