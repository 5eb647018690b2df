"""Per-test migrated databases: Alembic on every database and a synchronous drop (baseline)
next to a clone of a template migrated once and a background drop (``ansinh_common.testing``
and ``testing_templates``, ADR 0032), in one run.

For each service, ``--rounds`` times: the databases a test of that service makes (three shards
and the global database, as ``migrate_fresh_databases`` / ``make_cluster`` do) created with
``create_database``, migrated to head through ``migrate_all``, then dropped as the
``make_database`` fixture drops them. The baseline runs with no template cache and drops at once;
the target with a :class:`TemplateCache` and :class:`BackgroundDrops` (the first round builds
the templates: reported apart; the background drops are waited for at the end, not counted,
as the session waits for them at its end). Prints the median and p90 seconds per test.

    .venv/bin/python bench/test_databases/run.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from ansinh_common import testing
from ansinh_common.db.targets import database_targets
from ansinh_common.migrations import migrate_all
from ansinh_common.testing import BackgroundDrops, Servers, create_database, drop_database
from ansinh_common.testing_templates import TemplateCache
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI

ROOT = Path(__file__).resolve().parents[2]
SERVICES: dict[str, tuple[Path, Path | None]] = {
    "registry": (SHARD_INI, GLOBAL_INI),
    "dossier": (ROOT / "services/dossier/alembic.ini", None),
    "payment": (ROOT / "services/payment/alembic.ini", None),
}


def one_test(admin_url: str, service: str, drop: Callable[[str], None]) -> float:
    """Seconds to create, migrate and drop a test's databases of ``service``."""
    ini, global_ini = SERVICES[service]
    start = time.perf_counter()
    shards = {f"s{n}": create_database(admin_url, f"bench_{service}_s{n}") for n in (1, 2, 3)}
    global_url = create_database(admin_url, f"bench_{service}_global")
    migrate_all(ini, database_targets(shards, global_url), "upgrade", "head",
                global_ini_path=global_ini)  # fmt: skip
    for url in [*shards.values(), global_url]:
        drop(url)
    return time.perf_counter() - start


def measure(admin_url: str, rounds: int, cached: bool) -> dict[str, list[float]]:
    if not cached:
        return {
            s: [one_test(admin_url, s, lambda url: drop_database(admin_url, url))
                for _ in range(rounds)]
            for s in SERVICES
        }  # fmt: skip
    drops = BackgroundDrops(admin_url)
    cache = TemplateCache(admin_url, discard=drops.submit)
    cache.install()
    testing._templates = cache
    try:
        return {s: [one_test(admin_url, s, drops.submit) for _ in range(rounds)] for s in SERVICES}
    finally:
        testing._templates = None
        drops.wait()
        cache.uninstall()


def report(label: str, runs: dict[str, list[float]], skip_first: bool) -> None:
    for service, times in runs.items():
        kept = times[1:] if skip_first else times
        p90 = statistics.quantiles(kept, n=10)[-1] if len(kept) > 1 else kept[0]
        first = f"  (first, building templates: {times[0]:.2f}s)" if skip_first else ""
        print(f"{label:9} {service:9} median {statistics.median(kept):.2f}s  p90 {p90:.2f}s{first}",
              flush=True)  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    logging.disable(logging.INFO)
    admin = Servers.from_env().pg_admin_url
    report("baseline", measure(admin, args.rounds, cached=False), skip_first=False)
    report("template", measure(admin, args.rounds + 1, cached=True), skip_first=True)


if __name__ == "__main__":
    main()
