"""Registry events (``ansinh.registry.v1``, protobuf in a CloudEvents envelope) → the facts of
one registry record for the entitlement projection (ADR 0027).

Every record event carries the record's ``PaymentProfile`` after the change; the event type
itself does not matter to the projection (a registration, a death, a move out all say the
same thing: the record now looks like this). Events without a profile (a refused dossier
decision, ``EntitlementChanged``) are ignored. Registry codes become the payment domain's:
disability level "1"/"2"/"3" → especially severe/severe/mild, care-support categories
"C1" … "C4" → ``CareKind``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2
from ansinh_common.catalogs.disability import DISABILITY_LEVELS
from ansinh_common.messaging import Envelope
from payment.domain.model import (
    CareKind,
    CareSupportClaim,
    Child,
    DecisionRef,
    DisabilityLevel,
    Membership,
)
from payment.domain.months import Month
from payment.domain.registry_record import RecordChannel, RegistryRecord
from payment.domain.rules.care_support import DECIDED_CHILDREN
from payment.domain.rules.legacy_paid import first_month_owed
from payment.domain.rules.list_deadline import local_date

PACKAGE = "ansinh.registry.v1."
UNSIGNED = date(1900, 1, 1)  # a legacy decision without a signing date (as ``entitlements``)
_LEVELS = {level.code: DisabilityLevel(level.key) for level in DISABILITY_LEVELS}
_CARE_KINDS = frozenset(kind.value for kind in CareKind)  # community care support (Art. 20)


def record_from_envelope(envelope: Envelope) -> RegistryRecord | None:
    """The record's facts after the event; ``None`` for an event without a payment profile."""
    if not envelope.type.startswith(PACKAGE):
        return None
    cls = getattr(events_pb2, envelope.type.removeprefix(PACKAGE), None)
    if cls is None or "payment" not in cls.DESCRIPTOR.fields_by_name:
        return None
    message: Any = cls()
    message.ParseFromString(envelope.data)
    if not message.HasField("payment"):
        return None
    return record_from_profile(
        message.record_id,
        message.province_code,
        message.version,
        message.payment,
        changed_on=local_date(envelope.time),
    )


def record_from_profile(
    record_id: str, province_code: str, version: int, p: events_pb2.PaymentProfile,
    *, changed_on: date | None = None,
) -> RegistryRecord:  # fmt: skip
    """The facts of a record from its ``PaymentProfile`` (events and the snapshot RPC);
    ``changed_on``: the date of the change in Vietnam (the event's time, the snapshot's)."""
    decision = DecisionRef(
        p.decision.number, _date(p.decision.signed_on) if p.decision.HasField("signed_on")
        else UNSIGNED,
    )  # fmt: skip
    # a record imported from a legacy system is owed from the month after the last it paid
    paid_through = _month(p.paid_through) if p.HasField("paid_through") else None
    start = first_month_owed(_month(p.start_month), paid_through)
    legacy_paid = paid_through if start != _month(p.start_month) else None  # moved the start
    end = _month(p.end_month) if p.HasField("end_month") else None
    level = p.disability_level_code if p.HasField("disability_level_code") else None
    person_id = p.personal_id if p.HasField("personal_id") else f"record:{record_id}"
    membership = Membership(
        record_id=record_id,
        group=p.category_code,
        decision=decision,
        start_month=start,
        end_month=end,
        paid_through=legacy_paid,
        disability_level=_LEVELS.get(level) if level else None,
        # 5.4: the number of children the decision counts (their birth dates are not recorded)
        children=tuple(Child(None) for _ in range(p.children)) if p.HasField("children") else (),
    )
    claims = tuple(
        CareSupportClaim(
            claim_id=f"{record_id}/{n}",
            kind=CareKind(link.category_code),
            payee_id=person_id if link.category_code == CareKind.DISABLED_PARENT else
            link.caregiver_id,
            decision=decision,
            start_month=start,
            end_month=end,
            # C2: the decision's condition, as that many children counted while it stands
            children=tuple(Child(None) for _ in range(DECIDED_CHILDREN.get(link.condition, 0)))
            if link.category_code == CareKind.DISABLED_PARENT else (),
        )
        for n, link in enumerate(p.care_support, start=1)
        if link.category_code in _CARE_KINDS  # "F1" (in a facility, Art. 25) is not paid here
    )  # fmt: skip
    return RegistryRecord(
        record_id=record_id,
        province_code=province_code,
        version=version,
        person_id=person_id,
        full_name=p.full_name,
        birth_date=_date(p.birth_date),
        commune_code=p.commune_code,
        died_on=_date(p.died_on) if p.HasField("died_on") else None,
        membership=membership,
        care_support=claims,
        channel=_channel(p.payment) if p.HasField("payment") else None,
        changed_on=changed_on,
    )


def _channel(c: events_pb2.PaymentChannel) -> RecordChannel | None:
    if not c.channel_code:
        return None
    return RecordChannel(
        c.channel_code,
        c.account_number if c.HasField("account_number") else None,
        c.account_holder if c.HasField("account_holder") else None,
    )


def _date(value: common_pb2.Date) -> date:
    return date(value.year, value.month, value.day)


def _month(value: common_pb2.YearMonth) -> Month:
    return Month(value.year, value.month)
