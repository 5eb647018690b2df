"""Entry points of the payment service: the gRPC server (``grpc_server``)."""
