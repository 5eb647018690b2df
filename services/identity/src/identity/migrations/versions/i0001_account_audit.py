"""Audit of account provisioning actions.

Revision ID: i0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

revision = "i0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_audit",
        sa.Column("id", UUID(as_uuid=False), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("actor_subject", sa.Text, nullable=False),
        sa.Column("actor_username", sa.Text, nullable=False),
        sa.Column("actor_unit", sa.Text),
        sa.Column("actor_roles", ARRAY(sa.Text), nullable=False),
        sa.Column("client_address", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("target_username", sa.Text, nullable=False),
        sa.Column("target_user_id", sa.Text),
        sa.Column("target_unit", sa.Text),
        sa.Column("catalog_version", sa.Text, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("reason_code", sa.Text, nullable=False, server_default=""),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("details", JSONB),
    )
    op.create_index("ix_account_audit_target", "account_audit", ["target_username", "at"])
    op.create_index("ix_account_audit_actor", "account_audit", ["actor_subject", "at"])


def downgrade() -> None:
    op.drop_table("account_audit")
