"""Alembic migrations of the payment service: one schema for every shard and the global database.

Run them with ``services/payment/migrate.sh`` (``python -m ansinh_common.runtime.migrate``).
"""
