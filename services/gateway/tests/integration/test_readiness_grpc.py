"""/readyz checks configured gRPC backends through their grpc.health.v1 service."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from grpc_health.v1 import health_pb2

from ansinh_common.grpc.server import create_server, health_servicer
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import verifier_for

pytestmark = pytest.mark.integration


def test_backend_serving_then_not_serving(
    gateway_client: Callable[..., TestClient], servers: Servers
) -> None:
    verifier = verifier_for(servers.keycloak_url, servers.redis_url)  # health needs no token
    server, port = create_server([], host="127.0.0.1", verifier=verifier)
    try:
        client = gateway_client(grpc_backends={"registry": f"127.0.0.1:{port}"})
        ready = client.get("/readyz")
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"]["grpc:registry"] == "ok"
        servicer = health_servicer(server)
        assert servicer is not None
        servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
        down = client.get("/readyz")
        assert down.status_code == 503
        assert down.json()["errors"][0]["field"] == "grpc:registry"
        assert "NOT_SERVING" in down.json()["errors"][0]["message"]
    finally:
        server.stop(grace=None)
