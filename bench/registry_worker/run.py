"""Benchmark of the registry worker against a bare Kafka consumer, on the same topic, in one run.

1. ``--rows`` registrations (default 5,000) through the registry's Excel import on fresh
   shard databases (shared PostgreSQL), their events relayed to a fresh topic (shared Kafka):
   ``registry.testing.load_registrations``.
2. **Baseline**: a bare confluent-kafka consumer reads the whole topic (no database): events/s.
3. **Registry worker**: ``registry.bootstrap.build_worker`` (the shared runner: one inbox
   consumer per shard, inbox row + saga/index step + offset per event) reads the same topic;
   every shard's consumer sees every event. Events/s per shard = events / seconds until that
   shard's inbox holds all of them, next to the baseline, with the worker's retry and
   dead-letter counters (both must be 0 in a run without faults, issue 10).

    .venv/bin/python bench/registry_worker/run.py              # 5,000 rows
    .venv/bin/python bench/registry_worker/run.py --rows 2000
"""

from __future__ import annotations

import argparse
import threading
import time
import uuid

import sqlalchemy as sa
from confluent_kafka import Consumer

from ansinh_common.db import ShardRouter
from ansinh_common.db.targets import database_targets
from ansinh_common.runtime import default_province_shards
from ansinh_common.testing import (
    Servers,
    create_database,
    create_topic,
    delete_topic,
    drop_database,
)
from registry.bootstrap import build_worker
from registry.config import RegistrySettings
from registry.entrypoints.migrate import migrate
from registry.testing import load_registrations


def bare_consumer_rate(bootstrap: str, topic: str, events: int) -> float:
    """Events/s of a plain consumer reading ``events`` messages from the start (no DB)."""
    consumer = Consumer(
        {"bootstrap.servers": bootstrap, "group.id": f"bench-bare-{uuid.uuid4().hex[:8]}",
         "auto.offset.reset": "earliest", "enable.auto.commit": False}
    )  # fmt: skip
    consumer.subscribe([topic])
    seen, started = 0, None
    try:
        while seen < events:
            message = consumer.poll(5.0)
            if message is None or message.error() is not None:
                continue
            if started is None:
                started = time.perf_counter()  # group join excluded, as for the worker
            seen += 1
        assert started is not None
        return events / (time.perf_counter() - started)
    finally:
        consumer.close()


def inbox_count(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT count(*) FROM inbox")).scalar_one())


def worker_rates(
    settings: RegistrySettings, router: ShardRouter, events: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Events/s per shard of the registry worker, and its summed counters."""
    runner = build_worker(settings, router=router)
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    engines = {shard: router.engine(shard) for shard in router.shards()}
    first: dict[str, float] = {}
    done: dict[str, float] = {}
    deadline = time.monotonic() + 1800
    while len(done) < len(engines) and time.monotonic() < deadline:
        now = time.perf_counter()
        for shard, engine in engines.items():
            if shard in done:
                continue
            seen = inbox_count(engine)
            if seen and shard not in first:
                first[shard] = now
            if seen >= events:
                done[shard] = now
        time.sleep(0.2)
    runner.stop()
    thread.join(60)
    rates = {s: events / (done[s] - first[s]) for s in done if done[s] > first[s]}
    counters = {n: runner.total(n) for n in ("processed", "duplicates", "retries", "dead_lettered")}
    return rates, counters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5_000)
    args = parser.parse_args()
    servers = Servers.from_env()
    shards = {f"s{n}": create_database(servers.pg_admin_url, f"bench_rw_s{n}") for n in (1, 2, 3)}
    global_url = create_database(servers.pg_admin_url, "bench_rw_global")
    topic = create_topic(servers.kafka_bootstrap, 3, "bench.registry.worker")
    router = ShardRouter(default_province_shards(sorted(shards)), shards, global_url)
    try:
        migrate(database_targets(shards, global_url))
        started = time.perf_counter()
        events = load_registrations(router, topic, args.rows, servers.kafka_bootstrap)
        print(f"loaded {args.rows} registrations = {events} events on {topic} "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        baseline = bare_consumer_rate(servers.kafka_bootstrap, topic, events)
        settings = RegistrySettings(
            shards=shards, province_shards=default_province_shards(sorted(shards)),
            global_db_url=global_url, beneficiary_topic=topic,
            kafka_bootstrap=servers.kafka_bootstrap,
            consumer_group=f"bench-registry-{uuid.uuid4().hex[:8]}", metrics_port=None,
        )  # fmt: skip
        rates, counters = worker_rates(settings, router, events)
        print(f"\n{'consumer':<34}{'events/s':>12}{'vs bare':>10}")
        print(f"{'bare confluent-kafka (no DB)':<34}{baseline:>12,.0f}{1.0:>10.2f}")
        for shard, rate in sorted(rates.items()):
            owns = " (owns the records)" if shard == router.shard_for("01") else ""
            label = f"registry worker {shard}{owns}"
            print(f"{label:<34}{rate:>12,.0f}{rate / baseline:>10.3f}")
        print(f"\nworker counters: {counters}")
    finally:
        router.dispose()
        delete_topic(servers.kafka_bootstrap, topic)
        for url in [*shards.values(), global_url]:
            drop_database(servers.pg_admin_url, url)


if __name__ == "__main__":
    main()
