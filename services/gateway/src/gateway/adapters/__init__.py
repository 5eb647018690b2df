"""Adapters: Redis window counter, dependency probes, gRPC backend channels."""
