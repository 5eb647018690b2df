"""Adapters: SQLAlchemy repositories per shard, the global index, the outbox writer."""
