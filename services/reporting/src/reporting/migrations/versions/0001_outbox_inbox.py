"""Reporting service: transactional outbox and inbox (every shard and the global database).

Revision ID: 0001_outbox_inbox
"""

from ansinh_common.migrations.first_revision import *  # noqa: F403 (the names Alembic reads)
