"""Domain events and changes ↔ protobuf messages (``ansinh.registry.v1``), by field name.

The mapping is generic: every field of a domain event must exist, with the same name, in the
proto message of the same name (``test_event_protos`` fails when they drift). Python types map
as: ``str``/``int``/``bool`` → scalars, ``Decimal`` → decimal text, ``date`` →
``common.v1.Date``, ``Month`` → ``common.v1.YearMonth``, ``datetime`` → ``Timestamp``,
dataclasses → the message of the field, a history (tuple of changes) → ``RecordChange``
(with the whole change as JSON in ``details_json``).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import types
import typing
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, get_args, get_origin

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2
from registry.adapters.codec import change_from_json, change_to_json
from registry.domain import events
from registry.domain.changes import AnyChange
from registry.domain.months import Month

PROTO_PACKAGE = "ansinh.registry.v1"


@functools.cache
def event_classes() -> dict[str, type[events.Event]]:
    """Name → domain event class (every concrete ``Event`` of ``registry.domain.events``)."""
    return {
        name: cls
        for name, cls in inspect.getmembers(events, inspect.isclass)
        if issubclass(cls, events.Event) and cls is not events.Event
    }


def event_type(event: events.Event) -> str:
    """CloudEvents ``type``: the proto message's full name."""
    return f"{PROTO_PACKAGE}.{type(event).__name__}"


def event_to_proto(event: events.Event) -> Message:
    message: Message = getattr(events_pb2, type(event).__name__)()
    fill(message, event)
    return message


def event_from_bytes(type_name: str, payload: bytes) -> events.Event:
    """The domain event of a CloudEvents ``type`` and protobuf payload (KeyError if unknown)."""
    prefix, _, name = type_name.rpartition(".")
    if prefix != PROTO_PACKAGE:
        raise KeyError(type_name)
    cls = event_classes()[name]
    message: Message = getattr(events_pb2, name)()
    message.ParseFromString(payload)
    result: events.Event = build(cls, message)
    return result


# -- dataclass → message ----------------------------------------------------------------------


def fill(message: Message, obj: Any) -> None:
    """Set ``message``'s fields from the dataclass ``obj`` (every field must exist)."""
    key = (message.DESCRIPTOR, type(obj))
    pairs = _FIELD_PAIRS.get(key)
    if pairs is None:
        pairs = _FIELD_PAIRS[key] = _field_pairs(*key)
    for name, fd in pairs:
        _set(message, fd, getattr(obj, name))


_FIELD_PAIRS: dict[tuple[Any, type[Any]], tuple[tuple[str, Any], ...]] = {}


def _field_pairs(descriptor: Any, cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    """(dataclass field name, proto field descriptor) of every field of ``cls``."""
    by_name = descriptor.fields_by_name
    pairs = []
    for f in dataclasses.fields(cls):
        fd = by_name.get(f.name)
        if fd is None:
            raise KeyError(f"{descriptor.full_name} has no field {f.name!r}")
        pairs.append((f.name, fd))
    return tuple(pairs)


def _set(message: Message, fd: Any, value: Any) -> None:
    if value is None:
        return
    if fd.is_repeated:
        target = getattr(message, fd.name)
        for item in value:
            if fd.message_type is not None:
                _fill_message(target.add(), item)
            else:
                target.append(_scalar(item))
    elif fd.message_type is not None:
        _fill_message(getattr(message, fd.name), value)
    else:
        setattr(message, fd.name, _scalar(value))


def _fill_message(target: Message, value: Any) -> None:
    if isinstance(target, events_pb2.RecordChange):
        change_to_proto(value, target)
    elif isinstance(target, Timestamp):
        target.FromDatetime(value.astimezone(UTC))
    elif isinstance(value, date) and not isinstance(value, datetime):
        target.CopyFrom(common_pb2.Date(year=value.year, month=value.month, day=value.day))
    elif isinstance(value, Month):
        target.CopyFrom(common_pb2.YearMonth(year=value.year, month=value.month))
    elif dataclasses.is_dataclass(value):
        fill(target, value)
    else:
        raise TypeError(f"cannot put {type(value).__name__} into {target.DESCRIPTOR.full_name}")


def _scalar(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


def change_to_proto(change: AnyChange, target: events_pb2.RecordChange | None = None) -> Any:
    out = target if target is not None else events_pb2.RecordChange()
    out.kind = change.kind.value
    _fill_message(out.effective_on, change.effective_on)
    out.reason = change.reason
    fill(out.actor, change.actor)
    out.recorded_at.FromDatetime(change.recorded_at.astimezone(UTC))
    if change.decision is not None:
        fill(out.decision, change.decision)
    out.details_json = change_to_json(change)
    return out


# -- message → dataclass ----------------------------------------------------------------------


def build(cls: type[Any], message: Message) -> Any:
    """The dataclass ``cls`` from ``message`` (fields by name)."""
    hints = _hints(cls)
    by_name = message.DESCRIPTOR.fields_by_name
    kwargs = {
        f.name: _get(message, by_name[f.name], hints[f.name])
        for f in dataclasses.fields(cls)
        if f.name in by_name
    }
    return cls(**kwargs)


def _get(message: Message, fd: Any, tp: Any) -> Any:
    optional, inner = _unwrap_optional(tp)
    if fd.is_repeated:
        item_t = get_args(inner)[0] if get_args(inner) else Any
        values = getattr(message, fd.name)
        if fd.message_type is not None and fd.message_type.name == "RecordChange":
            return tuple(change_from_json(v.details_json) for v in values)
        return tuple(_from_value(item_t, v) for v in values)
    if optional and fd.has_presence and not message.HasField(fd.name):
        return None
    value = getattr(message, fd.name)
    if optional and not fd.has_presence and value == fd.default_value:
        return None
    return _from_value(inner, value)


def _from_value(tp: Any, value: Any) -> Any:
    if isinstance(value, common_pb2.Date):
        return date(value.year, value.month, value.day)
    if isinstance(value, common_pb2.YearMonth):
        return Month(value.year, value.month)
    if isinstance(value, Timestamp):
        return value.ToDatetime(tzinfo=UTC)
    if isinstance(value, Message):
        return build(tp, value)
    if tp is Decimal:
        return Decimal(value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    return value


def _unwrap_optional(tp: Any) -> tuple[bool, Any]:
    origin = get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in get_args(tp) if a is not type(None)]
        return (len(args) < len(get_args(tp))), (args[0] if len(args) == 1 else tp)
    return False, tp


def _hints(cls: Any) -> dict[str, Any]:
    return _cached_hints(cls)


@functools.cache
def _cached_hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)
