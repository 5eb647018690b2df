"""Entry points of the reporting service: the gRPC process (``main``)."""
