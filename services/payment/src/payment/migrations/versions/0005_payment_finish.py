"""Issue 13's remaining gaps (ADR 0033), every shard:

* an export of a list is recorded once per list, channel, format and checksum: a retried
  ``ExportList`` (the gateway retries it as idempotent) returns the same file without a second
  row; earlier duplicates are removed (the first export of each is kept);
* C2 care support counts a child without a birth date (one the decision counts: the registry
  records the decision's condition, not the children) while the claim stands, as the domain's
  ``care_support._parent`` does.

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


SIGNATURE = (
    "payment_care_condition(kind text, b date, m date, has_5_1 boolean, has_5_5d boolean,"
    " severe boolean, especially_severe boolean, pregnant_from date, pregnant_through date,"
    " children jsonb)"
)
BODY = """
RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  small int;
  pregnant boolean;
BEGIN
  IF kind = 'C1' THEN
    IF has_5_1 AND payment_child_stage(b, NULL, m) = 'child' THEN
      RETURN CASE WHEN payment_age_in(b, m) < 4 THEN 'C1/child_under_4' ELSE 'C1/child_4_to_16' END;
    END IF;
    RETURN CASE WHEN has_5_5d THEN 'C1/elderly_5_5d' END;
  ELSIF kind = 'C2' THEN
    IF NOT (severe OR especially_severe) THEN RETURN NULL; END IF;
    SELECT count(*) INTO small FROM jsonb_array_elements(children) AS c
    WHERE {unknown}(extract(year FROM m) - extract(year FROM (c->>'birth_date')::date)) * 12
        + extract(month FROM m) - extract(month FROM (c->>'birth_date')::date) BETWEEN 0 AND 35;
    pregnant := pregnant_from IS NOT NULL AND pregnant_through IS NOT NULL
                AND m BETWEEN pregnant_from AND pregnant_through;
    IF small >= 2 OR (pregnant AND small = 1) THEN RETURN 'C2/pregnant_and_one_child_or_two_plus'; END IF;
    IF pregnant OR small = 1 THEN RETURN 'C2/pregnant_or_one_child'; END IF;
    RETURN NULL;
  END IF;
  IF NOT especially_severe THEN RETURN NULL; END IF;
  IF kind = 'C3' THEN RETURN 'C3/default'; END IF;
  RETURN CASE WHEN payment_age_in(b, m) < 16 THEN 'C4/child' ELSE 'C4/adult' END;
END
$$"""


def upgrade() -> None:
    unknown = "c->>'birth_date' IS NULL OR "
    op.execute(f"CREATE OR REPLACE FUNCTION {SIGNATURE} {BODY.format(unknown=unknown)}")
    op.execute(
        "DELETE FROM payment_exports e USING payment_exports f "
        "WHERE (e.list_id, e.channel_code, e.file_format, e.checksum) = "
        "(f.list_id, f.channel_code, f.file_format, f.checksum) "
        "AND (e.exported_at, e.id) > (f.exported_at, f.id)"
    )
    op.create_index(INDEX, "payment_exports", COLUMNS, unique=True)


def downgrade() -> None:
    op.execute(f"CREATE OR REPLACE FUNCTION {SIGNATURE} {BODY.format(unknown='')}")
    op.drop_index(INDEX, table_name="payment_exports")
