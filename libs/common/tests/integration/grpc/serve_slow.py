"""Subprocess for the graceful-stop test: serve Slow until SIGTERM, metrics on a free port."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import grpc

from ansinh_common.grpc.lifecycle import serve_forever
from ansinh_common.grpc.server import create_server
from ansinh_common.telemetry import setup_telemetry
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import verifier_for


def _slow(request: bytes, context: grpc.ServicerContext) -> bytes:
    time.sleep(float(json.loads(request)["seconds"]))
    return b'{"done": true}'


def _add(servicer: Any, server: grpc.Server) -> None:
    handler = grpc.method_handlers_generic_handler(
        "ansinh.test.v1.TestService", {"Slow": grpc.unary_unary_rpc_method_handler(_slow)}
    )
    server.add_generic_rpc_handlers((handler,))


def main() -> None:
    telemetry = setup_telemetry("serve-slow", metrics_port=0)
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 0  # the reconnect test restarts on one port
    servers = Servers.from_env()
    verifier = verifier_for(servers.keycloak_url, servers.redis_url)
    server, port = create_server([(_add, None)], wanted, host="127.0.0.1", verifier=verifier)
    print(json.dumps({"grpc": port, "metrics": telemetry.metrics_port}), flush=True)
    serve_forever(server, grace=5.0, drain_seconds=1.0)
    print("stopped", flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
