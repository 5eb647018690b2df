"""``python -m poverty``."""

from poverty.entrypoints.grpc_server import main

main()
