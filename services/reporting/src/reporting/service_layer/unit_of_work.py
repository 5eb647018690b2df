"""The reporting unit of work: one shard transaction with its outbox (none yet)."""
