"""Domain events → protobuf messages of ``ansinh.payment.v1`` (proto/ansinh/payment/v1)."""

from __future__ import annotations

from typing import Any

from google.protobuf.message import Message

from ansinh.common.v1 import common_pb2
from ansinh.payment.v1 import events_pb2
from payment.domain import events
from payment.domain.months import Month
from payment.domain.payment_list import list_id


def _month(month: Month) -> common_pb2.YearMonth:
    return common_pb2.YearMonth(year=month.year, month=month.month)


def event_key(event: events.Event) -> str:
    """Kafka key: the list id for list events (order per list), else the province."""
    if isinstance(event, events.ListEvent):
        return list_id(event.commune_code, event.month)
    if isinstance(event, events.SuspensionProposed):
        return event.beneficiary_id
    return event.province_code


def event_to_proto(event: events.Event) -> Message:
    if isinstance(event, events.ListEvent):
        head: dict[str, Any] = {
            "list_id": list_id(event.commune_code, event.month),
            "province_code": event.province_code,
            "commune_code": event.commune_code,
            "month": _month(event.month),
        }
        if isinstance(event, events.ListGenerated):
            return events_pb2.ListGenerated(
                **head, lines=event.lines, total_vnd=event.total, prepared_by=event.prepared_by
            )
        if isinstance(event, events.ListApproved):
            return events_pb2.ListApproved(
                **head, approved_by=event.approved_by, total_vnd=event.total,
                setting_keys=sorted(event.setting_keys),
            )  # fmt: skip
        if isinstance(event, events.ListExported):
            return events_pb2.ListExported(**head, exported_by=event.exported_by)
        if isinstance(event, events.MonthClosed):
            return events_pb2.MonthClosed(**head, closed_by=event.closed_by)
        if isinstance(event, events.PaymentResultRecorded):
            day = event.collected_on
            return events_pb2.PaymentResultRecorded(
                line_id=event.line_id, province_code=event.province_code,
                commune_code=event.commune_code, month=_month(event.month),
                outcome=event.outcome, reason_code=event.reason_code or "",
                amount_vnd=event.amount, channel=event.channel_code,
                collected_on=common_pb2.Date(year=day.year, month=day.month, day=day.day)
                if day else None,
                payment_point=event.point_code or "",
            )  # fmt: skip
    if isinstance(event, events.PolicySettingRecorded):
        return events_pb2.PolicySettingRecorded(
            province_code=event.province_code, key=event.key,
            effective_from=_month(event.effective_from),
            resolution_number=event.resolution_number,
        )  # fmt: skip
    if isinstance(event, events.SuspensionProposed):
        return events_pb2.SuspensionProposed(
            record_id=event.beneficiary_id, province_code=event.province_code,
            months_not_collected=[_month(m) for m in event.months_not_collected],
        )  # fmt: skip
    raise TypeError(f"no message for {type(event).__name__}")


def event_type(event: events.Event) -> str:
    return str(event_to_proto(event).DESCRIPTOR.full_name)
