"""Entry points of the dossier service: the gRPC process (``main``)."""
