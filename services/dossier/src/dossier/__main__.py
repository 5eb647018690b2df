"""``python -m dossier``."""

from dossier.entrypoints.grpc_server import main

main()
