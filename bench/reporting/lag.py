"""Event → read-model lag of the reporting worker under a steady load, next to a bare Kafka
consumer's produce → receive lag on the same topic, in one run.

Registry events (``reporting.testing`` builders, with their reporting profile) are produced
at ``--rate`` events/s for ``--seconds`` to a fresh topic (shared Kafka); the envelope's
CloudEvents ``time`` is the moment of the commit being simulated. The reporting worker
(``reporting.bootstrap.build_worker``: inbox row + read-model upserts + offset) runs on a
fresh reporting database; its lag per event is the moment a reader sees the event's inbox
row (committed with its read-model rows; a reader polls every 20 ms) minus the event's time.
Baseline: a bare confluent-kafka consumer (no database) on the same topic,
lag = receive time minus the event's time.

    .venv/bin/python bench/reporting/lag.py                  # 200 events/s for 20 s
    .venv/bin/python bench/reporting/lag.py --rate 500 --seconds 30
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from confluent_kafka import Consumer

from ansinh_common.messaging import create_idempotent_producer, from_kafka_headers, to_kafka_headers
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import (
    Servers,
    create_database,
    create_topic,
    delete_topic,
    drop_database,
)
from reporting.bootstrap import build_worker
from reporting.config import ReportingSettings
from reporting.testing import registered


def percentiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49]:8.1f} ms   p95 {q[94]:8.1f} ms   p99 {q[98]:8.1f} ms   (n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=int, default=200, help="events per second")
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args()
    servers = Servers.from_env()
    topic = create_topic(servers.kafka_bootstrap, 3, "bench-reporting")
    created: list[str] = []

    def make_database(prefix: str = "bench") -> str:
        created.append(create_database(servers.pg_admin_url, prefix))
        return created[-1]

    try:
        dbs = migrate_fresh_databases(
            make_database, ReportingSettings, "services/reporting/alembic.ini", shards=1
        )
        settings = ReportingSettings(
            shards=dbs.shards, global_db_url=dbs.global_url,
            province_shards={"01": next(iter(dbs.shards))},
            kafka_bootstrap=servers.kafka_bootstrap, registry_topic=topic,
        )  # fmt: skip
        baseline: list[float] = []
        total = args.rate * args.seconds
        stop = threading.Event()

        def bare() -> None:
            consumer = Consumer({
                "bootstrap.servers": servers.kafka_bootstrap, "group.id": f"bare-{uuid.uuid4()}",
                "auto.offset.reset": "earliest", "enable.auto.commit": False,
            })  # fmt: skip
            consumer.subscribe([topic])
            while not stop.is_set() and len(baseline) < total:
                msg = consumer.poll(0.2)
                if msg is None or msg.error():
                    continue
                env = from_kafka_headers(msg.headers() or [], msg.value() or b"")
                baseline.append((datetime.now(UTC) - env.time).total_seconds() * 1000)
            consumer.close()

        seen_at: dict[str, datetime] = {}

        def observe() -> None:
            """When each event's effect became visible (committed), polled every 20 ms."""
            engine = sa.create_engine(settings.global_db_url or "")
            query = sa.text("SELECT event_id FROM inbox WHERE processed_at >= :since")
            since = datetime(2000, 1, 1, tzinfo=UTC)
            with engine.connect() as conn:
                while not stop.is_set() and len(seen_at) < total:
                    now = datetime.now(UTC)
                    for (eid,) in conn.execute(query, {"since": since}):
                        seen_at.setdefault(str(eid), now)
                    conn.commit()
                    since = now - timedelta(seconds=30)  # a transaction starts before it commits
                    time.sleep(0.02)
            engine.dispose()

        runner = build_worker(settings, group_id=f"{topic}-bench")
        runner.start()
        reader = threading.Thread(target=bare)
        reader.start()
        observer = threading.Thread(target=observe)
        observer.start()
        time.sleep(3)  # both consumers joined their groups before the load starts
        producer = create_idempotent_producer(servers.kafka_bootstrap)
        sent: dict[str, datetime] = {}
        start = time.monotonic()
        for n in range(total):
            delay = start + n / args.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            env = registered(f"bench-{n}", date(2025, 8, 1))
            sent[str(env.id)] = env.time
            producer.produce(topic, key=env.subject.encode(), value=env.data,
                             headers=to_kafka_headers(env))  # fmt: skip
            producer.poll(0)
        producer.flush(30)
        deadline = time.monotonic() + 120
        while len(seen_at) < total and time.monotonic() < deadline:
            time.sleep(0.2)
        runner.close()
        stop.set()
        reader.join(30)
        observer.join(30)
        lag = [(at - sent[eid]).total_seconds() * 1000 for eid, at in seen_at.items()]
        print(f"reporting lag benchmark: {args.rate} events/s for {args.seconds} s")
        print(f"  bare Kafka consumer (baseline)  {percentiles(baseline)}")
        print(f"  event -> read model (worker)    {percentiles(lag)}")
    finally:
        delete_topic(servers.kafka_bootstrap, topic)
        for url in created:
            drop_database(servers.pg_admin_url, url)


if __name__ == "__main__":
    main()
