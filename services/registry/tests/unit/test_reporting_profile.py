"""Every event a record emits carries its reporting profile, and it survives the protobuf."""

from __future__ import annotations

from registry.adapters.messages import event_from_bytes, event_to_proto, event_type
from registry.domain.events import BeneficiaryRegistered
from registry.domain.months import Month

from .builders import record


def test_registered_event_carries_the_profile_through_protobuf() -> None:
    (event,) = [e for e in record().events if isinstance(e, BeneficiaryRegistered)]
    assert event.profile is not None
    assert event.profile.category_code == event.category_code
    assert event.profile.status == "active"
    assert isinstance(event.profile.birth_month, Month)
    back = event_from_bytes(event_type(event), event_to_proto(event).SerializeToString())
    assert back == event
