"""SIGTERM: health NOT_SERVING first, in-flight calls finish, process exits 0."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from ansinh_common.auth import call_metadata
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import service_credentials_for

SCRIPT = Path(__file__).with_name("serve_slow.py")


@pytest.fixture(scope="module")
def auth(servers: Servers) -> tuple[tuple[str, str], ...]:
    """The metadata of a call by a service account (the server verifies every caller)."""
    return call_metadata(token=service_credentials_for(servers.keycloak_url).token())


def _health(stub: health_pb2_grpc.HealthStub) -> int:
    return int(stub.Check(health_pb2.HealthCheckRequest(), timeout=2).status)


def test_sigterm_stops_gracefully(auth: tuple[tuple[str, str], ...]) -> None:
    proc = subprocess.Popen([sys.executable, str(SCRIPT)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        ports = json.loads(proc.stdout.readline())
        with grpc.insecure_channel(f"127.0.0.1:{ports['grpc']}") as channel:
            stub = health_pb2_grpc.HealthStub(channel)
            assert _health(stub) == health_pb2.HealthCheckResponse.SERVING
            slow = channel.unary_unary("/ansinh.test.v1.TestService/Slow")
            in_flight = slow.future(b'{"seconds": 1.5}', timeout=10, metadata=auth)
            time.sleep(0.3)
            proc.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            assert _health(stub) == health_pb2.HealthCheckResponse.NOT_SERVING
            assert in_flight.result() == b'{"done": true}'
        assert proc.wait(timeout=15) == 0
        assert proc.stdout.readline().strip() == "stopped"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_metrics_endpoint_counts_calls(auth: tuple[tuple[str, str], ...]) -> None:
    proc = subprocess.Popen([sys.executable, str(SCRIPT)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        ports = json.loads(proc.stdout.readline())
        with grpc.insecure_channel(f"127.0.0.1:{ports['grpc']}") as channel:
            slow = channel.unary_unary("/ansinh.test.v1.TestService/Slow")
            assert slow(b'{"seconds": 0}', timeout=5, metadata=auth) == b'{"done": true}'
        url = f"http://127.0.0.1:{ports['metrics']}/metrics"
        text = urllib.request.urlopen(url, timeout=5).read().decode()
        assert "ansinh_grpc_server_handled_total{" in text
        assert 'grpc_method="Slow"' in text and 'grpc_code="OK"' in text
        assert "ansinh_grpc_server_handling_seconds_bucket{" in text
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
