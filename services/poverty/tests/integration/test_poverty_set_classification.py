"""The set-based SQL rule (what the country-wide benchmark runs) agrees on real PostgreSQL
with the domain's ``status_of`` at every threshold of every standard, urban and rural."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from poverty.adapters.set_classification import classify_table_sql, deprivation_columns
from poverty.domain.rules.classification import status_of
from poverty.domain.standards import Area, Standard, standards

pytestmark = pytest.mark.integration


def _grid(standard: Standard) -> list[tuple[str, int, int]]:
    rows = []
    for area in Area:
        lines = standard.income[area]
        incomes = {0, lines.poor, lines.poor + 1, lines.near_poor, lines.near_poor + 1}
        if lines.middle is not None:
            incomes |= {lines.middle, lines.middle + 1}
        for income, deprived in itertools.product(sorted(incomes), (0, 2, 3, 5)):
            rows.append((area.value, income, deprived))
    return rows


def test_sql_rule_matches_the_domain_at_every_threshold(
    make_database: Callable[[str], str],
) -> None:
    engine = sa.create_engine(make_database("poverty_rule"), poolclass=NullPool)
    with engine.begin() as conn:
        for standard in standards():
            columns = deprivation_columns(standard)
            conn.execute(sa.text("DROP TABLE IF EXISTS surveys, results"))
            conn.execute(
                sa.text(
                    "CREATE TABLE surveys (household_id bigint, area text, income int, "
                    + ", ".join(f"{c} boolean" for c in columns)
                    + ")"
                )
            )
            conn.execute(
                sa.text("CREATE TABLE results (household_id bigint, status text, score_b int)")
            )
            grid = _grid(standard)
            for n, (area, income, deprived) in enumerate(grid):
                flags = ", ".join("true" if k < deprived else "false" for k in range(len(columns)))
                conn.execute(
                    sa.text(f"INSERT INTO surveys VALUES ({n}, '{area}', {income}, {flags})")
                )
            conn.execute(sa.text(classify_table_sql(standard, "surveys", "results")))
            got: dict[int, str] = {
                r[0]: r[1]
                for r in conn.execute(sa.text("SELECT household_id, status FROM results"))
            }
            for n, (area, income, deprived) in enumerate(grid):
                band = standard.income_band(Area(area), income)
                expected = status_of(standard, band, deprived * standard.deprivation_points)
                assert got[n] == expected.value, (standard.code, area, income, deprived)
    engine.dispose()
