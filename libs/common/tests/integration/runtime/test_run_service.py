"""A process started by ``run_service``: health SERVING, /metrics, JSON logs, SIGTERM → exit 0."""

from __future__ import annotations

import sys
from pathlib import Path

import grpc
import pytest
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)

from ansinh_common.grpc.client import make_channel
from ansinh_common.runtime.service import STARTED, STOPPED
from ansinh_common.runtime.testing import ServiceProcess
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import service_credentials_for

pytestmark = pytest.mark.integration

SCRIPT = Path(__file__).with_name("serve_runtime.py")


def test_serves_health_and_metrics_and_stops_cleanly_on_sigterm() -> None:
    with ServiceProcess([sys.executable, str(SCRIPT)]) as service:
        assert service.grpc_port > 0
        assert service.metrics_port
        assert service.health() == "SERVING"
        metrics = service.metrics()
        assert "ansinh_grpc_server_handled_total{" in metrics
        assert 'grpc_method="Check"' in metrics
        assert "process_cpu_seconds_total" in metrics
        assert service.terminate() == 0

    messages = [line["message"] for line in service.logs()]
    assert messages[0] == STARTED
    assert messages[-2:] == ["resources closed", STOPPED]
    assert {line["service"] for line in service.logs()} == {"runtime-test"}
    assert service.logs()[0]["grpc_port"] == service.grpc_port


def test_reflection_lists_health(servers: Servers) -> None:
    creds = service_credentials_for(servers.keycloak_url)
    with ServiceProcess([sys.executable, str(SCRIPT)]) as service:
        with make_channel(service.target, service_credentials=creds) as channel:
            names = set(ProtoReflectionDescriptorDatabase(channel).get_services())
        assert "grpc.health.v1.Health" in names
        with (
            grpc.insecure_channel(service.target) as anonymous,  # reflection is not public
            pytest.raises(grpc.RpcError) as refused,
        ):
            ProtoReflectionDescriptorDatabase(anonymous).get_services()
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_exits_non_zero_when_the_port_is_taken() -> None:
    with ServiceProcess([sys.executable, str(SCRIPT)]) as first:
        second = ServiceProcess(
            [sys.executable, str(SCRIPT)], {"ANSINH_GRPC_PORT": str(first.grpc_port)}
        )
        with pytest.raises(RuntimeError, match="did not start"):
            second.start()
        assert second.returncode not in (None, 0)
        assert "Failed to bind" in second.output()
