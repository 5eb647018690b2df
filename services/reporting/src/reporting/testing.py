"""Test helpers: registry events (protobuf in CloudEvents envelopes) as the read models get them."""

from __future__ import annotations

from datetime import date
from typing import Any

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2
from ansinh_common.messaging import Envelope

# A pre-2025 commune of Hà Nội (district 001) and its 2025 successor, from the catalogs.
OLD_COMMUNE = "00001"
OLD_DISTRICT = "001"


def ym(day: date) -> common_pb2.YearMonth:
    return common_pb2.YearMonth(year=day.year, month=day.month)


def d(day: date) -> common_pb2.Date:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day)


def profile(**overrides: Any) -> events_pb2.ReportingProfile:
    values: dict[str, Any] = {
        "commune_code": "00004",
        "catalog_version": "2025",
        "category_code": "5.5a",
        "gender": "female",
        "birth_month": ym(date(1940, 3, 1)),
        "ethnicity_code": "01",
        "status": "active",
    }
    values.update(overrides)
    return events_pb2.ReportingProfile(**values)


def envelope(message: Any, record_id: str, province: str = "01") -> Envelope:
    return Envelope(
        source="/ansinh/registry",
        type=f"ansinh.registry.v1.{type(message).__name__}",
        subject=record_id,
        province=province,
        data=message.SerializeToString(),
    )


def registered(
    record_id: str, start: date, version: int = 1, imported: bool = False, **prof: Any
) -> Envelope:
    message = events_pb2.BeneficiaryRegistered(
        record_id=record_id,
        province_code="01",
        version=version,
        category_code=prof.get("category_code", "5.5a"),
        coefficient="1.5",
        start_month=ym(start),
        imported=imported,
        profile=profile(**prof),
    )
    return envelope(message, record_id)


def died(record_id: str, on: date, version: int, **prof: Any) -> Envelope:
    message = events_pb2.BeneficiaryDied(
        record_id=record_id,
        province_code="01",
        version=version,
        died_on=d(on),
        last_paid_month=ym(on),
        profile=profile(status="deceased", **prof),
    )
    return envelope(message, record_id)


def information_changed(record_id: str, on: date, version: int, **prof: Any) -> Envelope:
    message = events_pb2.InformationChanged(
        record_id=record_id,
        province_code="01",
        version=version,
        changed_fields=["ethnicity_code"],
        effective_on=d(on),
        profile=profile(**prof),
    )
    return envelope(message, record_id)


def publish(bootstrap: str, topic: str, envelopes: list[Envelope]) -> None:
    """Produce ``envelopes`` in order (key = subject), as the registry's relay does."""
    from ansinh_common.messaging import create_idempotent_producer, to_kafka_headers

    producer = create_idempotent_producer(bootstrap)
    for env in envelopes:
        producer.produce(
            topic, key=env.subject.encode(), value=env.data, headers=to_kafka_headers(env)
        )
    if producer.flush(30) != 0:
        raise TimeoutError("events not delivered in 30 s")


def consume_until(runner: Any, seen: int, timeout_s: float = 60.0) -> None:
    """Run ``runner`` (a ``WorkerRunner``) until it has applied or skipped ``seen`` events."""
    import time

    runner.start()
    try:
        deadline = time.monotonic() + timeout_s
        while runner.total("processed") + runner.total("duplicates") < seen:
            if time.monotonic() > deadline:
                raise TimeoutError(f"read models saw {runner.stats()} of {seen} events")
            time.sleep(0.1)
    finally:
        runner.stop()
        runner.close()


def dump(url: str, table: str, order_by: str) -> list[tuple[Any, ...]]:
    """Every row of ``table`` (for comparing a rebuilt copy with the live one)."""
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    engine = sa.create_engine(
        url.replace("postgresql://", "postgresql+psycopg://"), poolclass=NullPool
    )
    try:
        with engine.connect() as conn:
            return [
                tuple(r)
                for r in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY {order_by}"))  # noqa: S608
            ]
    finally:
        engine.dispose()
