"""What keeping the poverty and budget aggregates (ADR 0040) costs the projection: payment
results and poverty decisions applied by the reporting worker's batch handler
(``reporting.bootstrap.apply_events``, one transaction per batch as an inbox poll) into a
fresh reporting database, next to the same events on another fresh database with the
aggregates' statements switched off (baseline, same run).

The events: ``--results`` payment results of a month over 50 communes (one in ten lines gets
a second result that supersedes the first) and ``--decisions`` poverty decisions (one in
five households decided twice), shuffled, in batches of ``--batch``. Prints events/s and
ms per batch (p50/p99) for each side.

    .venv/bin/python bench/reporting/projection_cost.py [--results 6000] [--decisions 3000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from ansinh_common.db import ShardRouter
from ansinh_common.messaging import Envelope
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers, create_database, drop_database
from reporting.adapters import budget_month_totals, poverty_month_counts
from reporting.bootstrap import apply_events
from reporting.config import ReportingSettings
from reporting.testing import decided, result

INI = Path(__file__).resolve().parents[2] / "services" / "reporting" / "alembic.ini"
MONTH = date(2025, 10, 1)
COMMUNES = ("00004", "00070", "00097", "00103", "00118")


def events(n_results: int, n_decisions: int, rng: random.Random) -> list[Envelope]:
    out = []
    for n in range(n_results):
        line = f"ln-{n // 11}" if n % 11 == 10 else f"ln-{n}"  # a later result supersedes
        out.append(result(line, COMMUNES[n % 5], MONTH, rng.choice(("paid", "paid", "failed")),
                          rng.choice(("VBSP", "MOMO", "CASH_COMMUNE")), 500_000,
                          rng.choice(("5.1", "5.6"))))  # fmt: skip
    for n in range(n_decisions):
        household = f"h-{n // 6}" if n % 6 == 5 else f"h-{n}"
        out.append(decided(household, date(2025, 12, 10), rng.choice(("poor", "near_poor")),
                           commune=COMMUNES[n % 5], deprivations=("nutrition",)))  # fmt: skip
    rng.shuffle(out)
    return out


@contextmanager
def aggregates_off() -> Iterator[None]:
    """The baseline: the projection without the aggregates' statements."""
    saved = (budget_month_totals.apply_line, budget_month_totals.apply_list,
             poverty_month_counts.take_out, poverty_month_counts.put_in)  # fmt: skip

    def nothing(*_args: Any) -> None:
        return None

    budget_month_totals.apply_line = nothing  # type: ignore[assignment]
    budget_month_totals.apply_list = nothing  # type: ignore[assignment]
    poverty_month_counts.take_out = nothing  # type: ignore[assignment]
    poverty_month_counts.put_in = nothing  # type: ignore[assignment]
    try:
        yield
    finally:
        (budget_month_totals.apply_line, budget_month_totals.apply_list,
         poverty_month_counts.take_out, poverty_month_counts.put_in) = saved  # fmt: skip


def run(make_database: Callable[[str], str], batch: list[list[Envelope]]) -> list[float]:
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    settings = ReportingSettings(shards=dbs.shards, global_db_url=dbs.global_url,
                                 province_shards={"01": next(iter(dbs.shards))})  # fmt: skip
    router = ShardRouter.from_settings(settings)
    timings = []
    try:
        for envelopes in batch:
            started = time.perf_counter()
            with router.global_session() as session:
                apply_events(session, envelopes)
            timings.append((time.perf_counter() - started) * 1000)
    finally:
        router.dispose()
    return timings


def line(name: str, timings: list[float], n: int) -> str:
    q = statistics.quantiles(timings, n=100, method="inclusive")
    return (f"  {name:<34} {n / (sum(timings) / 1000):8.0f} events/s   batch p50 {q[49]:7.1f} ms"
            f"   p99 {q[98]:7.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--results", type=int, default=6000)
    parser.add_argument("--decisions", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    servers = Servers.from_env()
    databases: list[str] = []

    def make_database(prefix: str) -> str:
        databases.append(create_database(servers.pg_admin_url, f"bench_{prefix}"))
        return databases[-1]

    all_events = events(args.results, args.decisions, random.Random(40))
    batches = [all_events[i : i + args.batch] for i in range(0, len(all_events), args.batch)]
    try:
        with aggregates_off():
            baseline = run(make_database, batches)
        kept = run(make_database, batches)
    finally:
        for url in databases:
            drop_database(servers.pg_admin_url, url)
    n = len(all_events)
    print(f"\n{n} events ({args.results} payment results, {args.decisions} poverty decisions) "
          f"in batches of {args.batch}, one transaction each:")  # fmt: skip
    print(line("without the aggregates (baseline)", baseline, n))
    print(line("with the aggregates (ADR 0040)", kept, n))


if __name__ == "__main__":
    main()
