"""``python -m reporting``."""

from reporting.entrypoints.grpc_server import main

main()
