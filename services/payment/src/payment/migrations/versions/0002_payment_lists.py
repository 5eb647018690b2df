"""Payment lists, lines, carry-overs, the entitlement projection and province settings
(every shard); job tables (global database). Issue 13, ADR 0019.

Revision ID: 0002_payment_lists
Revises: 0001_outbox_inbox
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ansinh_common.jobs import create_job_tables, drop_job_tables
from ansinh_common.migrations import current_target

revision: str = '0002_payment_lists'
down_revision: str | None = '0001_outbox_inbox'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The age and group rules of payment.domain.rules (coefficient, childhood, care_support) as SQL
# functions, so generation is set-based; the pure Python rules stay the reference (a test
# compares them on a varied population). Months are dates on the 1st.
FUNCTIONS = {
    "payment_age_in(b date, m date)": """
RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (extract(year FROM m) - extract(year FROM b))::int
       - CASE WHEN extract(month FROM m) < extract(month FROM b) THEN 1 ELSE 0 END
$$""",
    "payment_birthday_month(b date, m date)": """
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT extract(month FROM m) = extract(month FROM b)
$$""",
    "payment_child_stage(b date, st date, m date)": """
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN payment_age_in(b, m) < 16 OR (payment_age_in(b, m) = 16 AND payment_birthday_month(b, m))
      THEN 'child'
    WHEN st IS NOT NULL AND m <= st AND (payment_age_in(b, m) < 22
         OR (payment_age_in(b, m) = 22 AND payment_birthday_month(b, m)))
      THEN 'studying'
    ELSE 'ended' END
$$""",
    "payment_children_counted(children jsonb, m date)": """
RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT count(*)::int FROM jsonb_array_elements(children) AS c
  WHERE payment_child_stage((c->>'birth_date')::date,
                            to_date(c->>'studying_through', 'YYYY-MM'), m) <> 'ended'
$$""",
    "payment_group_condition(grp text, b date, st date, lvl text, children jsonb, m date)": """
RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  age int := payment_age_in(b, m);
  stage text;
BEGIN
  CASE grp
  WHEN '5.1' THEN
    stage := payment_child_stage(b, st, m);
    RETURN CASE stage WHEN 'child' THEN CASE WHEN age < 4 THEN '5.1/under_4' ELSE '5.1/from_4' END
                      WHEN 'studying' THEN '5.2/default' END;
  WHEN '5.2' THEN
    RETURN CASE WHEN payment_child_stage(b, coalesce(st, m), m) <> 'ended' THEN '5.2/default' END;
  WHEN '5.3' THEN
    RETURN CASE WHEN payment_child_stage(b, NULL, m) = 'ended' THEN NULL
                WHEN age < 4 THEN '5.3/under_4' ELSE '5.3/from_4' END;
  WHEN '5.4' THEN
    RETURN CASE WHEN payment_children_counted(children, m) > 0 THEN '5.4/per_child' END;
  WHEN '5.5a' THEN
    RETURN CASE WHEN age < 60 THEN NULL WHEN age >= 80 THEN '5.5a/from_80'
                ELSE '5.5a/age_60_to_80' END;
  WHEN '5.5b' THEN
    RETURN CASE WHEN age < 75 THEN NULL WHEN age >= 80 THEN '5.5c/default' ELSE '5.5b/default' END;
  WHEN '5.5c' THEN RETURN CASE WHEN age >= 80 THEN '5.5c/default' END;
  WHEN '5.5d' THEN RETURN CASE WHEN age >= 60 THEN '5.5d/default' END;
  WHEN '5.6' THEN
    IF lvl IS NULL OR lvl NOT IN ('severe', 'especially_severe') THEN RETURN NULL; END IF;
    RETURN '5.6/' || lvl || CASE WHEN age < 16 OR age >= 60 THEN '_child_or_elderly' ELSE '' END;
  WHEN '5.7' THEN
    RETURN CASE WHEN age < 3 OR (age = 3 AND payment_birthday_month(b, m)) THEN '5.7/default' END;
  WHEN '5.8' THEN RETURN '5.8/default';
  ELSE RAISE EXCEPTION 'unknown group %', grp;
  END CASE;
END
$$""",
    "payment_group_label(grp text, b date, st date, lvl text, children jsonb, m date)": """
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT payment_group_condition(grp, b, st, lvl, children, m)
      || CASE WHEN grp = '5.4' THEN ':' || payment_children_counted(children, m) ELSE '' END
$$""",
    "payment_care_condition(kind text, b date, m date, has_5_1 boolean, has_5_5d boolean,"
    " severe boolean, especially_severe boolean, pregnant_from date, pregnant_through date,"
    " children jsonb)": """
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
    WHERE (extract(year FROM m) - extract(year FROM (c->>'birth_date')::date)) * 12
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
$$""",
}


def upgrade() -> None:
    target = current_target()
    if target is None or target.is_global:
        create_job_tables(op)
    op.create_table('entitlement_persons',
    sa.Column('person_id', sa.Text(), nullable=False),
    sa.Column('province_code', sa.Text(), nullable=False),
    sa.Column('commune_code', sa.Text(), nullable=False),
    sa.Column('full_name', sa.Text(), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('died_on', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_entitlement_persons'))
    )
    op.create_index(op.f('ix_entitlement_persons_province_code_commune_code'), 'entitlement_persons', ['province_code', 'commune_code'], unique=False)
    op.create_table('payment_lists',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('province_code', sa.Text(), nullable=False),
    sa.Column('commune_code', sa.Text(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('state', sa.Text(), server_default='draft', nullable=False),
    sa.Column('prepared_by', sa.Text(), nullable=False),
    sa.Column('approved_by', sa.Text(), nullable=True),
    sa.Column('adjusted_by', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False),
    sa.Column('line_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('total_vnd', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('setting_keys', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False),
    sa.Column('version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('generated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('exported_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("state IN ('draft', 'approved', 'exported', 'closed')", name=op.f('ck_payment_lists_state')),
    sa.CheckConstraint('extract(day FROM month) = 1', name=op.f('ck_payment_lists_month_first_day')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_lists')),
    sa.UniqueConstraint('commune_code', 'month', name=op.f('uq_payment_lists_commune_code_month'))
    )
    op.create_index(op.f('ix_payment_lists_province_code_month'), 'payment_lists', ['province_code', 'month'], unique=False)
    op.create_table('province_settings',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('province_code', sa.Text(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('amount_vnd', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('coefficient', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('groups', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False),
    sa.Column('name', sa.Text(), server_default='', nullable=False),
    sa.Column('resolution_number', sa.Text(), nullable=False),
    sa.Column('resolution_signed_on', sa.Date(), nullable=False),
    sa.Column('recorded_by', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('used_through', sa.Date(), nullable=True),
    sa.CheckConstraint("kind IN ('standard_level', 'allowance')", name=op.f('ck_province_settings_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_province_settings')),
    sa.UniqueConstraint('province_code', 'key', 'effective_from', name=op.f('uq_province_settings_province_code_key_effective_from'))
    )
    op.create_table('entitlement_care_claims',
    sa.Column('claim_id', sa.Text(), nullable=False),
    sa.Column('person_id', sa.Text(), nullable=False),
    sa.Column('province_code', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('payee_id', sa.Text(), nullable=False),
    sa.Column('decision_number', sa.Text(), server_default='', nullable=False),
    sa.Column('decision_signed_on', sa.Date(), nullable=True),
    sa.Column('start_month', sa.Date(), nullable=False),
    sa.Column('end_month', sa.Date(), nullable=True),
    sa.Column('pregnant_from', sa.Date(), nullable=True),
    sa.Column('pregnant_through', sa.Date(), nullable=True),
    sa.Column('children', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['entitlement_persons.person_id'], name=op.f('fk_entitlement_care_claims_person_id_entitlement_persons')),
    sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_entitlement_care_claims'))
    )
    op.create_index(op.f('ix_entitlement_care_claims_person_id'), 'entitlement_care_claims', ['person_id'], unique=False)
    op.create_table('entitlement_memberships',
    sa.Column('record_id', sa.Text(), nullable=False),
    sa.Column('person_id', sa.Text(), nullable=False),
    sa.Column('province_code', sa.Text(), nullable=False),
    sa.Column('group_code', sa.Text(), nullable=False),
    sa.Column('decision_number', sa.Text(), server_default='', nullable=False),
    sa.Column('decision_signed_on', sa.Date(), nullable=True),
    sa.Column('start_month', sa.Date(), nullable=False),
    sa.Column('end_month', sa.Date(), nullable=True),
    sa.Column('disability_level', sa.Text(), nullable=True),
    sa.Column('studying_through', sa.Date(), nullable=True),
    sa.Column('poverty', sa.Text(), nullable=True),
    sa.Column('children', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('record_version', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['entitlement_persons.person_id'], name=op.f('fk_entitlement_memberships_person_id_entitlement_persons')),
    sa.PrimaryKeyConstraint('record_id', name=op.f('pk_entitlement_memberships'))
    )
    op.create_index(op.f('ix_entitlement_memberships_person_id'), 'entitlement_memberships', ['person_id'], unique=False)
    op.create_table('payment_lines',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('list_id', sa.Text(), nullable=False),
    sa.Column('record_id', sa.Text(), nullable=False),
    sa.Column('national_id', sa.Text(), nullable=False),
    sa.Column('full_name', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('month_for', sa.Date(), nullable=False),
    sa.Column('amount_vnd', sa.BigInteger(), nullable=False),
    sa.Column('breakdown', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('needs_review', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('corrects_line_id', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('regular', 'arrears', 'funeral', 'carry_over', 'adjustment')", name=op.f('ck_payment_lines_kind')),
    sa.ForeignKeyConstraint(['corrects_line_id'], ['payment_lines.id'], name=op.f('fk_payment_lines_corrects_line_id_payment_lines')),
    sa.ForeignKeyConstraint(['list_id'], ['payment_lists.id'], name=op.f('fk_payment_lines_list_id_payment_lists'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_lines'))
    )
    op.create_index(op.f('ix_payment_lines_list_id_kind'), 'payment_lines', ['list_id', 'kind'], unique=False)
    op.create_index(op.f('ix_payment_lines_national_id'), 'payment_lines', ['national_id'], unique=False)
    op.create_index('uq_payment_lines_generated', 'payment_lines', ['list_id', 'kind', 'record_id', 'month_for'], unique=True, postgresql_where=sa.text("kind IN ('regular', 'arrears', 'funeral')"))
    op.create_table('payment_carry_overs',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('province_code', sa.Text(), nullable=False),
    sa.Column('commune_code', sa.Text(), nullable=False),
    sa.Column('record_id', sa.Text(), nullable=False),
    sa.Column('national_id', sa.Text(), nullable=False),
    sa.Column('from_line_id', sa.Text(), nullable=False),
    sa.Column('month_for', sa.Date(), nullable=False),
    sa.Column('amount_vnd', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('consumed_by_line_id', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['consumed_by_line_id'], ['payment_lines.id'], name=op.f('fk_payment_carry_overs_consumed_by_line_id_payment_lines'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['from_line_id'], ['payment_lines.id'], name=op.f('fk_payment_carry_overs_from_line_id_payment_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_carry_overs')),
    sa.UniqueConstraint('from_line_id', name=op.f('uq_payment_carry_overs_from_line_id'))
    )
    op.create_index(op.f('ix_payment_carry_overs_commune_code'), 'payment_carry_overs', ['commune_code'], unique=False, postgresql_where=sa.text('consumed_by_line_id IS NULL'))

    for signature, body in FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {signature} {body}")

def downgrade() -> None:
    for signature in reversed(FUNCTIONS):
        op.execute(f"DROP FUNCTION {signature}")
    target = current_target()
    if target is None or target.is_global:
        drop_job_tables(op)
    op.drop_index(op.f('ix_payment_carry_overs_commune_code'), table_name='payment_carry_overs', postgresql_where=sa.text('consumed_by_line_id IS NULL'))
    op.drop_table('payment_carry_overs')
    op.drop_index('uq_payment_lines_generated', table_name='payment_lines', postgresql_where=sa.text("kind IN ('regular', 'arrears', 'funeral')"))
    op.drop_index(op.f('ix_payment_lines_national_id'), table_name='payment_lines')
    op.drop_index(op.f('ix_payment_lines_list_id_kind'), table_name='payment_lines')
    op.drop_table('payment_lines')
    op.drop_index(op.f('ix_entitlement_memberships_person_id'), table_name='entitlement_memberships')
    op.drop_table('entitlement_memberships')
    op.drop_index(op.f('ix_entitlement_care_claims_person_id'), table_name='entitlement_care_claims')
    op.drop_table('entitlement_care_claims')
    op.drop_table('province_settings')
    op.drop_index(op.f('ix_payment_lists_province_code_month'), table_name='payment_lists')
    op.drop_table('payment_lists')
    op.drop_index(op.f('ix_entitlement_persons_province_code_commune_code'), table_name='entitlement_persons')
    op.drop_table('entitlement_persons')
