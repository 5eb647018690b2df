"""``LineGenerator``: a list's lines generated set-based in SQL (``sql/generate_lines.sql``).

What varies per province and month only (the standard level in force, the catalog's
coefficients, the province's allowances) is computed here with the domain's own functions and
passed as three small JSON tables; everything per person happens in one ``INSERT … SELECT``
(no Python loop per person). Line ids are deterministic (list, kind, person, month), so a
regeneration rewrites only what changed: generating the same month twice changes nothing.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from ansinh_common.catalogs.assistance_categories import (
    CUMULATIVE_WITH_5_4,
    FUNERAL_SUPPORT_MIN_MULTIPLE,
    categories,
)
from payment.adapters.lists import SqlPaymentLists
from payment.domain.errors import NoStandardLevel
from payment.domain.months import Month, months_between
from payment.domain.payment_list import ListSummary, PaymentList
from payment.domain.policy import ProvincePolicy
from payment.domain.rules.province_allowance import ProvinceAllowanceDue
from payment.domain.rules.standard_level import standard_level_in_force

FIRST_MONTH = Month(2021, 7)  # Decree 20/2021 in force; earlier months have no level here
GENERATED_KINDS = ("regular", "arrears", "funeral", "carry_over")


@cache
def generation_sql() -> str:
    return files("payment.adapters.sql").joinpath("generate_lines.sql").read_text("utf-8")


@cache
def coefficient_table() -> str:
    rows = [
        {
            "code": f"{c.code}/{r.condition}",
            "coefficient": str(r.coefficient),
            "basis": r.legal_basis,
        }
        for c in categories()
        for r in c.rules
    ]
    return json.dumps(rows, ensure_ascii=False)


def level_table(province_code: str, month: Month, policy: ProvincePolicy) -> str:
    rows = []
    for m in months_between(FIRST_MONTH, month):
        try:
            level = standard_level_in_force(province_code, m, policy)
        except NoStandardLevel:
            continue
        rows.append(
            {"m": m.first_day().isoformat(), "level": level.amount,
             "level_key": level.setting_key, "level_basis": level.legal_basis}
        )  # fmt: skip
    return json.dumps(rows, ensure_ascii=False)


def allowance_table(month: Month, policy: ProvincePolicy) -> str:
    rows = []
    for m in months_between(FIRST_MONTH, month):
        for a in policy.allowances(m):
            basis = ProvinceAllowanceDue(a, 0).legal_basis
            rows.append(
                {"m": m.first_day().isoformat(), "key": a.key, "name": a.name,
                 "groups": sorted(a.groups), "amount": a.amount,
                 "coefficient": str(a.coefficient) if a.coefficient is not None else None,
                 "basis": basis}
            )  # fmt: skip
    return json.dumps(rows, ensure_ascii=False)


def generation_params(payment_list: PaymentList, policy: ProvincePolicy) -> dict[str, Any]:
    return {
        "list_id": payment_list.id,
        "province": payment_list.province_code,
        "commune": payment_list.commune_code,
        "month": payment_list.month.first_day(),
        "levels": level_table(payment_list.province_code, payment_list.month, policy),
        "coefficients": coefficient_table(),
        "allowances": allowance_table(payment_list.month, policy),
        "combinable": sorted(CUMULATIVE_WITH_5_4),
        "funeral_multiple": str(FUNERAL_SUPPORT_MIN_MULTIPLE),
    }


_APPLY = (
    # lines no longer owed go (their carry-overs are released by ON DELETE SET NULL)
    """DELETE FROM payment_lines l WHERE l.list_id = :list_id
         AND l.kind IN ('regular', 'arrears', 'funeral', 'carry_over')
         AND NOT EXISTS (SELECT 1 FROM gen_lines g WHERE g.id = l.id)""",
    """INSERT INTO payment_lines (id, list_id, record_id, national_id, full_name, kind,
                                  month_for, amount_vnd, breakdown, needs_review, reason)
       SELECT id, :list_id, record_id, national_id, full_name, kind, month_for, amount,
              breakdown, needs_review, reason FROM gen_lines
       ON CONFLICT (id) DO UPDATE SET
         record_id = excluded.record_id, full_name = excluded.full_name,
         amount_vnd = excluded.amount_vnd, breakdown = excluded.breakdown,
         needs_review = excluded.needs_review, reason = excluded.reason
       WHERE (payment_lines.record_id, payment_lines.full_name, payment_lines.amount_vnd,
              payment_lines.breakdown, payment_lines.needs_review, payment_lines.reason)
         IS DISTINCT FROM (excluded.record_id, excluded.full_name, excluded.amount_vnd,
              excluded.breakdown, excluded.needs_review, excluded.reason)""",
    # >>> CARRY-OVER PIECE: mark the carry-overs this list now pays (the commune's, by index:
    # with nested loops off a join on the id alone hashed the whole shard's carry-overs)
    """UPDATE payment_carry_overs co SET consumed_by_line_id = g.id FROM gen_lines g
        WHERE co.province_code = :province AND co.commune_code = :commune
          AND g.carry_over_id = co.id AND co.consumed_by_line_id IS DISTINCT FROM g.id""",
)
_SUMMARY = """
SELECT count(*) AS lines, coalesce(sum(amount_vnd), 0) AS total,
       (SELECT coalesce(array_agg(DISTINCT k), '{}') FROM gen_lines, unnest(setting_keys) k) AS keys
  FROM payment_lines WHERE list_id = :list_id
"""


class SqlLineGenerator:
    def __init__(self, session: Session, lists: SqlPaymentLists) -> None:
        self.session = session
        self.lists = lists

    def generate(self, payment_list: PaymentList, policy: ProvincePolicy) -> ListSummary:
        self.lists.persist()  # a new list's row exists before its lines
        params = generation_params(payment_list, policy)
        # the plan is many small hash joins over CTEs: JIT compiling it costs seconds, and the
        # planner's row estimates of the CTEs (1 row) would choose quadratic nested loops
        self.session.execute(text("SET LOCAL jit = off"))
        self.session.execute(text("SET LOCAL enable_nestloop = off"))
        self.session.execute(text(generation_sql()), params)
        # only for that statement: the rest of the transaction (apply, summary, the outbox's
        # totals per group and channel) joins the shard's big tables by index, which with nested
        # loops off became hash joins over all of payment_lines, slower with every list
        self.session.execute(text("SET LOCAL enable_nestloop TO DEFAULT"))
        self.session.execute(text("SET LOCAL jit TO DEFAULT"))
        keys = {"list_id": payment_list.id, "province": payment_list.province_code,
                "commune": payment_list.commune_code}  # fmt: skip
        for statement in _APPLY:
            self.session.execute(text(statement), keys)
        row = self.session.execute(text(_SUMMARY), {"list_id": payment_list.id}).one()
        self.session.execute(text("DROP TABLE gen_lines"))
        return ListSummary(int(row.lines), int(row.total), frozenset(row.keys))
