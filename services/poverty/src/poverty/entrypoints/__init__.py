"""Entry points of the poverty service: the gRPC server (``grpc_server``)."""
