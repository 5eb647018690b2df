"""Registry events (``ansinh.registry.v1``, protobuf in a CloudEvents envelope) → facts."""

from __future__ import annotations

from datetime import date
from typing import Any

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2
from ansinh_common.messaging import Envelope
from reporting.domain.model import ChangeKind, EndMonth, Profile, RegistryFact

PACKAGE = "ansinh.registry.v1."


def fact_from_envelope(envelope: Envelope) -> RegistryFact | None:
    """The fact of a registry event; ``None`` for a type the read models do not use."""
    if not envelope.type.startswith(PACKAGE):
        return None
    name = envelope.type.removeprefix(PACKAGE)
    cls = getattr(events_pb2, name, None)
    if cls is None:
        return None
    message: Any = cls()
    message.ParseFromString(envelope.data)
    base = {
        "event_id": str(envelope.id),
        "record_id": message.record_id,
        "province_code": message.province_code,
        "version": message.version,
        "profile": _profile(message.profile) if message.HasField("profile") else None,
    }
    return RegistryFact(**base, **_effect(name, message))


def _effect(name: str, m: Any) -> dict[str, Any]:
    if name == "BeneficiaryRegistered":
        start = _month(m.start_month)
        change = None if m.imported else ChangeKind.NEW
        return {"start_month": start, "change": change, "change_month": start}
    if name == "BeneficiaryDied":
        return _ended(_month(m.last_paid_month), ChangeKind.DEATH, _day_month(m.died_on))
    if name == "BenefitStopped":
        return _ended(_month(m.last_paid_month), ChangeKind.STOP, _day_month(m.stopped_on))
    if name == "InformationChanged":
        return {"change": ChangeKind.INFORMATION, "change_month": _day_month(m.effective_on)}
    if name == "CoefficientChanged":
        return {"change": ChangeKind.COEFFICIENT, "change_month": _month(m.from_month)}
    if name == "BeneficiaryMovedOut":
        month = _day_month(m.effective_on)
        return _ended(month, ChangeKind.MOVE_OUT, month)
    if name == "BeneficiaryMovedIn":
        start = _month(m.start_month)
        return {"start_month": start, "change": ChangeKind.MOVE_IN, "change_month": start}
    if name == "MoveCancelled":
        return {"end": EndMonth.CLEAR}
    return {}


def _ended(last: date, kind: ChangeKind, month: date) -> dict[str, Any]:
    return {"end": EndMonth.SET, "end_month": last, "change": kind, "change_month": month}


def _profile(p: Any) -> Profile:
    return Profile(
        commune_code=p.commune_code,
        district_code=p.district_code if p.HasField("district_code") else None,
        catalog_version=p.catalog_version,
        category_code=p.category_code,
        gender=p.gender,
        birth_month=_month(p.birth_month),
        ethnicity_code=p.ethnicity_code if p.HasField("ethnicity_code") else None,
        disability_level_code=(
            p.disability_level_code if p.HasField("disability_level_code") else None
        ),
        care_support_households=p.care_support_households,
        payment_channel_code=(
            p.payment_channel_code if p.HasField("payment_channel_code") else None
        ),
        status=p.status,
        findings=tuple(p.findings),
    )


def _month(value: common_pb2.YearMonth) -> date:
    return date(value.year, value.month, 1)


def _day_month(value: common_pb2.Date) -> date:
    return date(value.year, value.month, 1)
