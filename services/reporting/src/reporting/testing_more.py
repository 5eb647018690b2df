"""Test helpers: poverty and dossier events (protobuf in CloudEvents envelopes) as the read
models of ADR 0029 get them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from ansinh.dossier.v1 import events_pb2 as dossier_events
from ansinh.payment.v1 import events_pb2 as payment_events
from ansinh.poverty.v1 import events_pb2 as poverty_events
from ansinh_common.messaging import Envelope
from reporting.testing import d, ym

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


def list_generated(commune: str, month: date, total: int, lines: int = 2) -> Envelope:
    m = payment_events.ListGenerated(
        list_id=f"{commune}-{month:%Y%m}", province_code="01", commune_code=commune,
        month=ym(month), lines=lines, total_vnd=total, prepared_by="maker",
    )  # fmt: skip
    return payment(m, m.list_id)


def month_closed(commune: str, month: date) -> Envelope:
    m = payment_events.MonthClosed(
        list_id=f"{commune}-{month:%Y%m}", province_code="01", commune_code=commune,
        month=ym(month), closed_by="leader",
    )  # fmt: skip
    return payment(m, m.list_id)


def result(
    line: str, commune: str, month: date, outcome: str, channel: str, amount: int
) -> Envelope:
    m = payment_events.PaymentResultRecorded(
        line_id=line, province_code="01", commune_code=commune, month=ym(month), outcome=outcome,
        amount_vnd=amount, channel=channel,
    )  # fmt: skip
    return payment(m, line)
