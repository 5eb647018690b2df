"""Entry points of the reporting service: the gRPC server (``grpc_server``)."""
