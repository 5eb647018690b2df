"""Poverty domain events ⇄ the protobuf messages of ``ansinh/poverty/v1/events.proto``.

Field names are equal on both sides; dates become ``ansinh.common.v1.Date``, statuses their
codes, tuples repeated fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any

from google.protobuf.message import Message

from ansinh.common.v1 import common_pb2
from ansinh.poverty.v1 import events_pb2
from poverty.domain import events
from poverty.domain.model import HouseholdStatus

_CLASSES: dict[str, type[events.Event]] = {
    c.__name__: c
    for c in (events.HouseholdStatusDecided, events.HouseholdLeftPoverty, events.CertificateIssued)
}
_STATUS_FIELDS = {"status", "previous_status"}


def event_type(event: events.Event) -> str:
    """The CloudEvents type: the full message name (``ansinh.poverty.v1.CertificateIssued``)."""
    return str(events_pb2.DESCRIPTOR.message_types_by_name[type(event).__name__].full_name)


def event_to_proto(event: events.Event) -> Message:
    message_class = getattr(events_pb2, type(event).__name__)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(event):
        value = getattr(event, f.name)
        if isinstance(value, dt.date):
            value = common_pb2.Date(year=value.year, month=value.month, day=value.day)
        elif isinstance(value, Enum):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        values[f.name] = value
    message: Message = message_class(**values)
    return message


def event_from_bytes(type_name: str, payload: bytes) -> events.Event:
    """The domain event of a CloudEvents ``type`` and its protobuf payload."""
    name = type_name.rsplit(".", 1)[-1]
    message = getattr(events_pb2, name).FromString(payload)
    cls = _CLASSES[name]
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        value = getattr(message, f.name)
        if isinstance(value, common_pb2.Date):
            value = dt.date(value.year, value.month, value.day)
        elif f.name in _STATUS_FIELDS:
            value = HouseholdStatus(value)
        elif not isinstance(value, str | int):
            value = tuple(value)
        values[f.name] = value
    return cls(**values)
