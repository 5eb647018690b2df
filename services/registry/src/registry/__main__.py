"""``python -m registry``: the registry's gRPC server (``registry.entrypoints.grpc_server``)."""

from __future__ import annotations

from registry.entrypoints.grpc_server import main

if __name__ == "__main__":
    raise SystemExit(main())
