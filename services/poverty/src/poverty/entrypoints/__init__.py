"""Entry points of the poverty service: the gRPC process (``main``)."""
