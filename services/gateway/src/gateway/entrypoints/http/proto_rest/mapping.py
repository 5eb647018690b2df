"""``to_rest(message)`` and ``from_rest(data, cls)``: any proto message ↔ its REST body.

Generic over the descriptors (no per-message code); the rules are in ``conventions``.
``from_rest(to_rest(m), type(m)) == m`` for every message whose JSON fields hold compact JSON.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from google.protobuf import any_pb2, descriptor_pool, message_factory
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from ansinh_common.errors import FieldError, InvalidInput
from gateway.entrypoints.http.proto_rest import conventions as c

M = TypeVar("M", bound=Message)
_F = FieldDescriptor
Field = Any
"""A ``FieldDescriptor`` (typed loosely: the stubs' unions of upb and Python descriptors)."""


def to_rest(message: Message) -> dict[str, Any]:
    """The REST body of ``message``."""
    d = message.DESCRIPTOR
    items = c.paged_items(d)
    if items is not None:
        page = message.page  # type: ignore[attr-defined]
        values = getattr(message, items.name)
        return {
            "items": [_value(items, v) for v in values],
            "next_page_token": page.next_page_token,
            "total": page.total,
        }
    out: dict[str, Any] = {}
    if c.page_field(d, c.PAGE_REQUEST) is not None:
        page = message.page  # type: ignore[attr-defined]
        out["page_size"], out["page_token"] = page.page_size, page.page_token
    for f in _fields(d):
        if f.name == "page" and c.page_field(d, c.PAGE_REQUEST) is not None:
            continue
        out[c.rest_name(f)] = _field(message, f)
    return out


OUT_OF_RANGE = "Giá trị không hợp lệ hoặc vượt quá phạm vi cho phép."


def from_rest(data: Mapping[str, Any], cls: type[M]) -> M:
    """The message of type ``cls`` for a REST body (``None`` values stay unset)."""
    message = cls()
    _fill(message, data)
    return message


def unpack_any(value: any_pb2.Any) -> Message:
    """The message inside an ``Any`` (its type must be in the default descriptor pool)."""
    name = value.type_url.rsplit("/", 1)[-1]
    cls = message_factory.GetMessageClass(descriptor_pool.Default().FindMessageTypeByName(name))
    inner = cls()
    value.Unpack(inner)
    return inner


def _field(message: Message, f: Field) -> Any:
    raw = getattr(message, f.name)
    if _is_map(f):
        value_field = f.message_type.fields_by_name["value"]
        return {k: _value(value_field, v) for k, v in raw.items()}
    if c.is_repeated(f):
        return [_value(f, v) for v in raw]
    if f.has_presence and not message.HasField(f.name):
        return None
    return _value(f, raw)


def _value(f: Field, v: Any) -> Any:
    if f.type == _F.TYPE_MESSAGE:
        name = f.message_type.full_name
        if name == c.DATE:
            return date(v.year, v.month, v.day) if v.year else None
        if name == c.YEAR_MONTH:
            return f"{v.year:04d}-{v.month:02d}" if v.year else None
        if name == c.TIMESTAMP:
            return v.ToDatetime(tzinfo=UTC)
        if name == "google.protobuf.Any":
            return {"@type": v.type_url, **to_rest(unpack_any(v))}
        return to_rest(v)
    if f.type == _F.TYPE_ENUM:
        if v == 0:
            return None
        found = f.enum_type.values_by_number.get(v)
        return found.name[len(c.enum_prefix(f.enum_type)) :].lower() if found else None
    if f.type == _F.TYPE_BYTES:
        return base64.b64encode(v).decode("ascii")
    if c.is_json_field(f):
        return json.loads(v) if v else None
    return v


def _fill(message: Message, data: Mapping[str, Any]) -> None:
    d = message.DESCRIPTOR
    known = {c.rest_name(f) for f in _fields(d)}
    items = c.paged_items(d)
    if items is not None:
        if data.get("next_page_token") or data.get("total"):  # a zero page is an unset page
            page = message.page  # type: ignore[attr-defined]
            page.next_page_token = data.get("next_page_token") or ""
            page.total = data.get("total") or 0
        _set_repeated(message, items, data.get("items") or [])
        return
    if c.page_field(d, c.PAGE_REQUEST) is not None:
        known |= {"page_size", "page_token"}
        if data.get("page_size") or data.get("page_token"):  # a zero page is an unset page
            page = message.page  # type: ignore[attr-defined]
            page.page_size = data.get("page_size") or 0
            page.page_token = data.get("page_token") or ""
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"{d.full_name} has no field {sorted(unknown)}")
    for f in _fields(d):
        value = data.get(c.rest_name(f))
        if value is None:
            continue
        if _is_map(f):
            target = getattr(message, f.name)
            value_field = f.message_type.fields_by_name["value"]
            for k, v in value.items():
                if value_field.type == _F.TYPE_MESSAGE:
                    _set_message(target[k], value_field, v)
                else:
                    target[k] = _scalar(value_field, v)
        elif c.is_repeated(f):
            _set_repeated(message, f, value)
        elif f.type == _F.TYPE_MESSAGE:
            _set_message(getattr(message, f.name), f, value)
        else:
            scalar = _scalar(f, value)
            try:
                setattr(message, f.name, scalar)
            except (ValueError, TypeError):  # e.g. a number beyond int64: the field is named
                raise InvalidInput(
                    errors=[FieldError(field=c.rest_name(f), message=OUT_OF_RANGE)]
                ) from None


def _set_repeated(message: Message, f: Field, values: list[Any]) -> None:
    target = getattr(message, f.name)
    for v in values:
        if f.type == _F.TYPE_MESSAGE:
            _set_message(target.add(), f, v)
        else:
            target.append(_scalar(f, v))


def _set_message(target: Message, f: Field, value: Any) -> None:
    name = f.message_type.full_name
    target.SetInParent()
    if name == c.DATE:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
        target.year, target.month, target.day = day.year, day.month, day.day  # type: ignore[attr-defined]
    elif name == c.YEAR_MONTH:
        year, month = str(value).split("-")
        target.year, target.month = int(year), int(month)  # type: ignore[attr-defined]
    elif name == c.TIMESTAMP:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        target.FromDatetime(moment)  # type: ignore[attr-defined]
    elif name == "google.protobuf.Any":
        raise ValueError("google.protobuf.Any is not accepted in a REST request")
    else:
        _fill(target, value)


def _scalar(f: Field, value: Any) -> Any:
    if f.type == _F.TYPE_ENUM:
        name = c.enum_prefix(f.enum_type) + str(value).upper()
        found = f.enum_type.values_by_name.get(name)
        if found is None:
            raise ValueError(f"{f.full_name}: unknown value {value!r}")
        return found.number
    if f.type == _F.TYPE_BYTES:
        return value if isinstance(value, bytes) else base64.b64decode(value)
    if c.is_json_field(f):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _fields(descriptor: Any) -> list[Field]:
    return list(descriptor.fields)


def _is_map(f: Field) -> bool:
    return f.type == _F.TYPE_MESSAGE and c.is_repeated(f) and f.message_type.GetOptions().map_entry
