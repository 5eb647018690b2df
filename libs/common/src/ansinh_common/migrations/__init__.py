"""Alembic per shard: run one command on every database, outbox/inbox table helpers."""

from ansinh_common.messaging.tables import MessagingTables, add_messaging_tables
from ansinh_common.migrations.env import current_target, database_url, run_migrations
from ansinh_common.migrations.ops import (
    create_outbox_and_inbox_tables,
    drop_outbox_and_inbox_tables,
)
from ansinh_common.migrations.runner import alembic_config, migrate_all

__all__ = [
    "MessagingTables",
    "add_messaging_tables",
    "alembic_config",
    "create_outbox_and_inbox_tables",
    "current_target",
    "database_url",
    "drop_outbox_and_inbox_tables",
    "migrate_all",
    "run_migrations",
]
