"""Reporting service: transactional outbox and inbox (every shard and the global database).

Revision ID: 0001_outbox_inbox
"""

from ansinh_common.migrations.first_revision import (  # noqa: F401 (read by Alembic)
    branch_labels,
    depends_on,
    down_revision,
    downgrade,
    revision,
    upgrade,
)
