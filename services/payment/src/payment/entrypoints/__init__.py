"""Entry points of the payment service: the gRPC process (``main``)."""
