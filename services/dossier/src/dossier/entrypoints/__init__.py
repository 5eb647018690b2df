"""Entry points of the dossier service: the gRPC server (``grpc_server``)."""
