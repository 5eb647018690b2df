"""An export of a list is recorded once per list, channel, format and checksum (ADR 0033): a
retried ``ExportList`` (the gateway retries it as idempotent) returns the same file without a
second row; earlier duplicates are removed (the first export of each is kept).

Revision ID: 0005_payment_finish
Revises: 0004_payment_projection
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_payment_finish"
down_revision: str | None = "0004_payment_projection"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_payment_exports_file"
COLUMNS = ["list_id", "channel_code", "file_format", "checksum"]


def upgrade() -> None:
    op.execute(
        "DELETE FROM payment_exports e USING payment_exports f "
        "WHERE (e.list_id, e.channel_code, e.file_format, e.checksum) = "
        "(f.list_id, f.channel_code, f.file_format, f.checksum) "
        "AND (e.exported_at, e.id) > (f.exported_at, f.id)"
    )
    op.create_index(INDEX, "payment_exports", COLUMNS, unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="payment_exports")
