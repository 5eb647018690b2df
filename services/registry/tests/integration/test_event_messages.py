"""Every domain event and change survives the trip through its protobuf message / JSON
document (no servers needed): a field added to the domain but not to events.proto fails here."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from ansinh.registry.v1 import events_pb2
from registry.adapters.codec import change_from_json, change_to_json, from_json, to_json
from registry.adapters.messages import event_classes, event_from_bytes, event_to_proto, event_type
from registry.adapters.outbox import envelope_for
from registry.domain import events
from registry.domain.actor import Actor
from registry.domain.benefit import CaregiverKind, CareSupportLink, Disability, PaymentInfo
from registry.domain.changes import (
    CoefficientChange,
    Death,
    InformationChange,
    MoveCancelled,
    MoveIn,
    MoveOut,
    NewBeneficiary,
    Stop,
)
from registry.domain.information import InformationUpdate
from registry.domain.months import Month
from registry.domain.move import MoveProgress, MoveStage
from registry.domain.payment_profile import PaymentProfile
from registry.domain.reporting_profile import ReportingProfile

from .support import CAO_BANG, ELDERLY_80, decision, person

ACTOR = Actor("sub-hn", "canbo.hanoi", "01")
AT = datetime(2025, 9, 15, 3, 0, tzinfo=UTC)
COMMON: dict[str, Any] = {"reason": "lý do", "actor": ACTOR, "recorded_at": AT}
LINK = CareSupportLink(
    CaregiverKind.HOUSEHOLD, "HH-1", "Hộ bà Lan", "20.1", "child_under_4", Decimal("2.5")
)


def all_changes() -> list[Any]:
    new = NewBeneficiary(
        effective_on=date(2025, 8, 1), decision=decision(), person=person(), category=ELDERLY_80,
        coefficient=Decimal("2.0"), start_month=Month(2025, 9),
        disability=Disability("1", "2", date(2024, 1, 2)), care_support=(LINK,),
        payment=PaymentInfo("BIDV", "0123", "Nguyễn Thị An"), imported=True, **COMMON,
    )  # fmt: skip
    return [
        new,
        replace(new, decision=None, disability=None, care_support=(), payment=None),
        Death(effective_on=date(2025, 9, 2), decision=decision(), **COMMON),
        Stop(effective_on=date(2025, 9, 2), decision=decision(), **COMMON),
        InformationChange(
            effective_on=date(2025, 9, 2), update=InformationUpdate(full_name="Tên mới"), **COMMON
        ),
        CoefficientChange(
            effective_on=date(2025, 9, 2),
            decision=decision(),
            coefficient=Decimal("2.5"),
            category=ELDERLY_80,
            care_support=(LINK,),
            **COMMON,
        ),
        MoveOut(effective_on=date(2025, 9, 2), move_id="m1", destination=CAO_BANG, **COMMON),
        MoveIn(
            effective_on=date(2025, 9, 2),
            move_id="m1",
            origin_province_code="01",
            origin_record_id="r1",
            residence=CAO_BANG,
            **COMMON,
        ),
        MoveCancelled(effective_on=date(2025, 9, 2), move_id="m1", **COMMON),
    ]


@pytest.mark.parametrize("change", all_changes(), ids=lambda c: type(c).__name__)
def test_every_change_round_trips_through_its_json_document(change: Any) -> None:
    assert change_from_json(change_to_json(change)) == change


def test_move_progress_round_trips() -> None:
    progress = MoveProgress(
        "m1", CAO_BANG, date(2025, 9, 2), "chuyển", decision(), decision(), MoveStage.MOVED_OUT
    )
    assert from_json(MoveProgress, to_json(progress)) == progress


def sample(cls: type[events.Event]) -> events.Event:
    """An instance of ``cls`` with every field set (optional ones too)."""
    values: dict[str, Any] = {"record_id": "r1", "province_code": "01", "version": 3}
    by_name: dict[str, Any] = {
        "personal_id": "001040500001", "category_code": "5.5a", "coefficient": Decimal("2.0"),
        "start_month": Month(2025, 9), "decision": decision(), "imported": True,
        "died_on": date(2025, 9, 2), "last_paid_month": Month(2025, 9),
        "stopped_on": date(2025, 9, 2), "reason": "lý do", "changed_fields": ("full_name",),
        "effective_on": date(2025, 9, 2), "from_month": Month(2025, 10),
        "paid_record_ids": ("r1", "r2"), "move_id": "m1", "destination": CAO_BANG,
        "move_out_decision": decision(), "move_in_decision": decision(), "actor": ACTOR,
        "history": tuple(all_changes()[:3]), "origin_record_id": "r0",
        "origin_province_code": "01", "destination_province_code": "04",
        "new_record_id": "r9", "new_province_code": "04",
        "dossier_id": "01-d1", "dossier_province_code": "01", "decision_number": "45/QĐ-UBND",
        "error_code": "failed_precondition",
        "profile": ReportingProfile(
            commune_code="00004", district_code="001", catalog_version="pre2025",
            category_code="5.5a", gender="female", birth_month=Month(1944, 5),
            ethnicity_code="01", disability_level_code="2", care_support_households=1,
            payment_channel_code="bank", status="active", findings=("missing_ethnicity",),
        ),
        "payment": PaymentProfile(
            personal_id="001044000123", full_name="Nguyễn Thị Lan", birth_date=date(1944, 5, 20),
            commune_code="00004", category_code="5.4", category_condition="per_child",
            children=2, coefficient=Decimal("2.0"), decision=decision(),
            start_month=Month(2025, 9), end_month=Month(2025, 12), status="deceased",
            died_on=date(2025, 12, 15), disability_level_code="2", care_support=(LINK,),
            payment=PaymentInfo("BIDV", "0123", "Nguyễn Thị Lan"),
        ),
    }  # fmt: skip
    for f in fields(cls):
        if f.name not in values:
            values[f.name] = by_name[f.name]
    return cls(**values)


@pytest.mark.parametrize("cls", [event_classes()[name] for name in sorted(event_classes())])
def test_every_event_has_its_message_and_round_trips(cls: type[events.Event]) -> None:
    event = sample(cls)
    message = event_to_proto(event)
    assert type(message).__name__ == cls.__name__
    assert hasattr(events_pb2, cls.__name__)
    back = event_from_bytes(event_type(event), message.SerializeToString())
    assert back == event
    envelope = envelope_for(event)
    assert envelope.subject == "r1" and envelope.type == f"ansinh.registry.v1.{cls.__name__}"
    expected = "04" if cls is events.BeneficiaryMovedOut else "01"
    assert envelope.province == expected
