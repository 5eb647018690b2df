"""Domain events → CloudEvents envelopes → the shard's outbox, in the caller's transaction.

Topic ``ansinh.payment.v1`` (``PaymentSettings.event_topic``); key = the list id for list
events (order per list).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from ansinh_common.messaging import Envelope, OutboxRow, add_many_to_outbox
from payment.adapters.messages import event_key, event_to_proto
from payment.domain.events import Event

SOURCE = "ansinh/payment"
DATASCHEMA = "https://ansinh.gov.vn/proto/ansinh/payment/v1/events.proto"


def envelope_for(event: Event) -> Envelope:
    message = event_to_proto(event)
    return Envelope(
        source=SOURCE,
        type=str(message.DESCRIPTOR.full_name),
        subject=event_key(event),
        province=event.province_code,
        data=message.SerializeToString(),
        dataschema=DATASCHEMA,
    )


def write_outbox(session: Session, topic: str, events: Iterable[Event]) -> int:
    return add_many_to_outbox(
        session, (OutboxRow(topic, event_key(event), envelope_for(event)) for event in events)
    )
