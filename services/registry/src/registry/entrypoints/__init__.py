"""Entrypoints: the gRPC servicer and the Kafka consumer (later step)."""
