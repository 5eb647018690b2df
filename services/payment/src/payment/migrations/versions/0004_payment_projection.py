"""The projection from the registry's events (ADR 0027): a 5.4 child whose birth date the
registry does not record (it records the number the decision counts) is counted, every shard.

Revision ID: 0004_payment_projection
Revises: 0003_payment_channels
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_payment_projection"
down_revision: str | None = "0003_payment_channels"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNATURE = "payment_children_counted(children jsonb, m date)"
BODY = """
RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT count(*)::int FROM jsonb_array_elements(children) AS c
  WHERE {unknown}payment_child_stage((c->>'birth_date')::date,
                            to_date(c->>'studying_through', 'YYYY-MM'), m) <> 'ended'
$$"""


def upgrade() -> None:
    unknown = "c->>'birth_date' IS NULL OR "
    op.execute(f"CREATE OR REPLACE FUNCTION {SIGNATURE} {BODY.format(unknown=unknown)}")


def downgrade() -> None:
    op.execute(f"CREATE OR REPLACE FUNCTION {SIGNATURE} {BODY.format(unknown='')}")
