"""A provincial dossier code is unique within its province, not within the shard.

Several provinces share a shard and each provincial one-stop system numbers its own dossiers,
so two provinces may send the same code (ADR 0018: inbound dossiers are created once per
provincial code of that province).

Revision ID: 0003_dossier_finish
Revises: 0002_dossiers
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_dossier_finish"
down_revision: str | None = "0002_dossiers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNIQUE = "uq_dossiers_province_provincial_code"


def upgrade() -> None:
    op.drop_constraint("dossiers_provincial_code_key", "dossiers", type_="unique")
    op.create_unique_constraint(UNIQUE, "dossiers", ["province_code", "provincial_code"])


def downgrade() -> None:
    op.drop_constraint(UNIQUE, "dossiers", type_="unique")
    op.create_unique_constraint("dossiers_provincial_code_key", "dossiers", ["provincial_code"])
