"""Domain events → CloudEvents envelopes → the shard's outbox, in the caller's transaction.

Topic ``ansinh.payment.v1`` (``PaymentSettings.event_topic``); key = the list id for list
events (order per list). The list and result events also carry the figures of the reporting
service's budget by group and channel (``report_totals``, ADR 0035), computed in SQL in the
same transaction, so they match the lines committed with the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from google.protobuf.message import Message
from sqlalchemy.orm import Session

from ansinh.payment.v1 import events_pb2
from ansinh_common.messaging import Envelope, OutboxRow, add_many_to_outbox
from payment.adapters.messages import event_key, event_to_proto
from payment.adapters.report_totals import LineFacts, line_facts, list_totals
from payment.domain import events as ev
from payment.domain.events import Event
from payment.domain.payment_list import list_id

SOURCE = "ansinh/payment"
DATASCHEMA = "https://ansinh.gov.vn/proto/ansinh/payment/v1/events.proto"


def envelope_for(event: Event, message: Message | None = None) -> Envelope:
    message = message if message is not None else event_to_proto(event)
    return Envelope(
        source=SOURCE,
        type=str(message.DESCRIPTOR.full_name),
        subject=event_key(event),
        province=event.province_code,
        data=message.SerializeToString(),
        dataschema=DATASCHEMA,
    )


def with_report_figures(session: Session, event: Event, facts: Mapping[str, LineFacts]) -> Message:
    """The event's message with the budget figures of ADR 0035 added."""
    message: object = event_to_proto(event)
    if isinstance(event, ev.ListGenerated | ev.ListApproved):
        assert isinstance(message, events_pb2.ListGenerated | events_pb2.ListApproved)
        for t in list_totals(session, list_id(event.commune_code, event.month)):
            message.totals.add(group_code=t.group_code, channel=t.channel, arrears=t.arrears,
                               lines=t.lines, amount_vnd=t.amount)  # fmt: skip
    elif isinstance(event, ev.PaymentResultRecorded) and event.line_id in facts:
        assert isinstance(message, events_pb2.PaymentResultRecorded)
        message.group_code = facts[event.line_id].group_code
        message.arrears = facts[event.line_id].arrears
    assert isinstance(message, Message)
    return message


def write_outbox(session: Session, topic: str, events: Iterable[Event]) -> int:
    events = list(events)
    results = [e.line_id for e in events if isinstance(e, ev.PaymentResultRecorded)]
    facts = line_facts(session, results)
    return add_many_to_outbox(
        session,
        (
            OutboxRow(topic, event_key(e), envelope_for(e, with_report_figures(session, e, facts)))
            for e in events
        ),
    )
