"""Test helpers: registry events (protobuf in CloudEvents envelopes) as the read models get them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from ansinh.common.v1 import common_pb2
from ansinh.dossier.v1 import events_pb2 as dossier_events
from ansinh.payment.v1 import events_pb2 as payment_events
from ansinh.poverty.v1 import events_pb2 as poverty_events
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


# poverty, dossier and payment events as the read models of ADR 0029 get them
BA_DINH = "00004"  # Phường Ba Đình, Hà Nội (2025)
HOAN_KIEM = "00070"  # Phường Hoàn Kiếm, Hà Nội (2025)


def decided(
    household: str,
    on: date,
    status: str,
    previous: str = "none",
    commune: str = BA_DINH,
    deprivations: tuple[str, ...] = (),
) -> Envelope:
    message = poverty_events.HouseholdStatusDecided(
        review_id="rv-1", household_id=household, commune_code=commune, review_year=on.year,
        previous_status=previous, status=status, effective_on=d(on), decision_number="1/QĐ-UBND",
        decided_by="chair", standard_code="2022-2025", deprivations=list(deprivations),
    )  # fmt: skip
    return Envelope(
        source="/ansinh/poverty",
        type="ansinh.poverty.v1.HouseholdStatusDecided",
        subject=household,
        province="01",
        data=message.SerializeToString(),
    )


def certificate(household: str, on: date) -> Envelope:
    message = poverty_events.CertificateIssued(
        certificate_number="Số 1/GCN-HN.HCN", household_id=household, commune_code=BA_DINH,
        review_year=on.year, status="poor", issued_on=d(on), issued_by="chair",
    )  # fmt: skip
    return Envelope(
        source="/ansinh/poverty",
        type="ansinh.poverty.v1.CertificateIssued",
        subject=household,
        province="01",
        data=message.SerializeToString(),
    )


def changed(
    dossier: str,
    version: int,
    on: date,
    state: str,
    previous: str,
    action: str,
    *,
    hour: int = 9,
    due_on: date | None = None,
    unit: str = BA_DINH,
    procedure: str = "1.001776",
    channel: int = 2,
) -> Envelope:
    at = Timestamp()
    at.FromDatetime(datetime.combine(on, time(hour), tzinfo=UTC))
    message = dossier_events.DossierStatusChanged(
        dossier_id=dossier, dossier_code=f"000.00.01.H26-{dossier}", procedure_code=procedure,
        province_code="01", unit_code=unit, state=state, previous_state=previous, action=action,
        at=at, channel=channel, version=version,
    )  # fmt: skip
    if due_on is not None:
        message.due_on.CopyFrom(d(due_on))
    return Envelope(
        source="/ansinh/dossier",
        type="ansinh.dossier.v1.DossierStatusChanged",
        subject=dossier,
        province="01",
        data=message.SerializeToString(),
    )


def payment(message: Any, key: str) -> Envelope:
    """A payment event (``ListGenerated``, ``PaymentResultRecorded``, …) of Hà Nội."""
    return Envelope(
        source="/ansinh/payment",
        type=f"ansinh.payment.v1.{type(message).__name__}",
        subject=key,
        province="01",
        data=message.SerializeToString(),
    )


Total = tuple[str, str, bool, int, int]  # group, channel, arrears, lines, VND


def _totals(totals: tuple[Total, ...]) -> list[Any]:
    return [
        payment_events.GroupChannelTotal(group_code=g, channel=c, arrears=a, lines=n,
                                         amount_vnd=v)
        for g, c, a, n, v in totals
    ]  # fmt: skip


def list_generated(
    commune: str, month: date, total: int, lines: int = 2, totals: tuple[Total, ...] = ()
) -> Envelope:
    m = payment_events.ListGenerated(
        list_id=f"{commune}-{month:%Y%m}", province_code="01", commune_code=commune,
        month=ym(month), lines=lines, total_vnd=total, prepared_by="maker",
        totals=_totals(totals),
    )  # fmt: skip
    return payment(m, m.list_id)


def list_approved(commune: str, month: date, total: int, totals: tuple[Total, ...]) -> Envelope:
    m = payment_events.ListApproved(
        list_id=f"{commune}-{month:%Y%m}", province_code="01", commune_code=commune,
        month=ym(month), approved_by="checker", total_vnd=total, totals=_totals(totals),
    )  # fmt: skip
    return payment(m, m.list_id)


def month_closed(commune: str, month: date) -> Envelope:
    m = payment_events.MonthClosed(
        list_id=f"{commune}-{month:%Y%m}", province_code="01", commune_code=commune,
        month=ym(month), closed_by="leader",
    )  # fmt: skip
    return payment(m, m.list_id)


def result(
    line: str,
    commune: str,
    month: date,
    outcome: str,
    channel: str,
    amount: int,
    group: str = "",
    arrears: bool = False,
) -> Envelope:
    m = payment_events.PaymentResultRecorded(
        line_id=line, province_code="01", commune_code=commune, month=ym(month), outcome=outcome,
        amount_vnd=amount, channel=channel, group_code=group, arrears=arrears,
    )  # fmt: skip
    return payment(m, line)
