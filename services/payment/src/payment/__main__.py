"""``python -m payment``."""

from payment.entrypoints.grpc_server import main

main()
