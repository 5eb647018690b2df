"""Backend restarted: kill -9 of the registry under steady traffic through the gateway; the
restarted process is used again within 1 s of serving (issue 10, ADR 0008).

The gateway (real app, real Keycloak tokens, shared Redis) calls the registry gRPC server, a
real process on a fixed port, 20 times a second. The process is killed (SIGKILL) and started
again on the same port; the first 200 must come within 1 s of the new process's "started" log
line (written once it serves). No call in between is a 500: they wait (wait-for-ready within
the 5 s deadline) or get 503 problem+json.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from ansinh_common.private_servers import free_port
from ansinh_common.runtime.testing import ServiceProcess
from ansinh_common.testing import Servers
from gateway.testing import gateway_client

from .support import API, PROBLEM, bearer, elderly, registry_databases, steady_traffic

pytestmark = pytest.mark.e2e

RESTART_AFTER_S = 2.0


def test_a_restarted_backend_is_used_by_the_gateway_within_one_second(
    servers: Servers, make_database: Callable[[str], str]
) -> None:
    dbs = registry_databases(make_database)
    env = {**dbs.env(), "ANSINH_GRPC_PORT": str(free_port())}
    officer = bearer(servers.keycloak_url)
    backend = ServiceProcess.module("registry.entrypoints.grpc_server", env).start()
    backends = {"registry": backend.target}
    try:
        with gateway_client(servers.redis_url, servers.keycloak_url, backends) as client:
            created = client.post(API, json=elderly(1, 810_000), headers=officer)
            assert created.status_code == 201, created.text

            def search() -> object:
                return client.get(API, params={"name": "tran thi loi"}, headers=officer)

            with steady_traffic(search) as traffic:
                time.sleep(1.0)
                backend.kill()
                killed_at = time.monotonic()
                time.sleep(RESTART_AFTER_S)
                backend = ServiceProcess.module("registry.entrypoints.grpc_server", env).start()
                serving_at = time.monotonic()
                time.sleep(3.0)
    finally:
        backend.kill()

    before = [c for c in traffic.calls if c[0] < killed_at]
    assert before and all(status == 200 for _, status, _ in before)
    first_ok = traffic.first_ok_after(serving_at)
    assert first_ok is not None, f"never used again: {sorted(traffic.statuses())}"
    delay = first_ok - serving_at
    print(f"\nfirst success {delay:.3f} s after the restarted backend served")
    assert delay <= 1.0
    assert traffic.statuses() <= {200, 503}, traffic.statuses()
    assert all(ctype == PROBLEM for _, status, ctype in traffic.calls if status == 503)
    assert sum(1 for t, s, _ in traffic.calls if t >= first_ok and s != 200) == 0
