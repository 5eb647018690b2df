"""Settings of the registry service (``ANSINH_*`` environment variables), built in bootstrap."""

from __future__ import annotations

from ansinh_common.messaging.topics import topic_name
from ansinh_common.settings import ServiceSettings

SERVICE_NAME = "registry"
BENEFICIARY_TOPIC = topic_name(SERVICE_NAME, "beneficiary")  # ansinh.registry.beneficiary.v1
EVENT_SOURCE = "ansinh/registry"


class RegistrySettings(ServiceSettings):
    service_name: str = SERVICE_NAME
    grpc_port: int = 58053  # docs/adr/0001: gRPC registry
    metrics_port: int | None = 58153
