"""``python -m identity``."""

from identity.entrypoints.grpc_server import main

main()
