"""The few rules that turn a proto message into a REST body (and back), in one place.

* Field names are the proto names (``preserving_proto_field_name``), so the field paths of a
  service's errors name the fields of the REST body.
* ``ansinh.common.v1.Date`` is ``"YYYY-MM-DD"``, ``YearMonth`` ``"YYYY-MM"``,
  ``google.protobuf.Timestamp`` an RFC 3339 date-time; an unset one is ``null``.
* An enum value is its name without the enum's prefix, in lower case
  (``RECORD_STATUS_MOVED_OUT`` → ``"moved_out"``); the zero ``…_UNSPECIFIED`` is ``null``.
* 64-bit integers are JSON numbers; ``bytes`` are base64 text.
* A proto3 ``optional`` scalar or an unset message field is ``null``.
* A string field named ``<name>_json`` carries a JSON document: REST shows the document as
  ``<name>``.
* Paging: a request's ``page`` (``PageRequest``) is the flat ``page_size`` and ``page_token``;
  a response with a ``page`` (``PageResponse``) and one repeated field is
  ``{items, next_page_token, total}``.
"""

from __future__ import annotations

from typing import Any

from google.protobuf.descriptor import FieldDescriptor

DATE = "ansinh.common.v1.Date"
YEAR_MONTH = "ansinh.common.v1.YearMonth"
TIMESTAMP = "google.protobuf.Timestamp"
PAGE_REQUEST = "ansinh.common.v1.PageRequest"
PAGE_RESPONSE = "ansinh.common.v1.PageResponse"
JSON_SUFFIX = "_json"
VALUE_TYPES = (DATE, YEAR_MONTH, TIMESTAMP)


def enum_prefix(enum: Any) -> str:
    """``RECORD_STATUS_`` of ``RecordStatus``: the common prefix of its value names."""
    names = [v.name for v in enum.values]
    prefix = names[0]
    for name in names[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    return prefix[: prefix.rfind("_") + 1] if "_" in prefix else ""


def enum_rest_values(enum: Any) -> list[str]:
    prefix = enum_prefix(enum)
    return [v.name[len(prefix) :].lower() for v in enum.values if v.number != 0]


def rest_name(field: Any) -> str:
    if field.type == FieldDescriptor.TYPE_STRING and field.name.endswith(JSON_SUFFIX):
        return str(field.name)[: -len(JSON_SUFFIX)]
    return str(field.name)


def is_json_field(field: Any) -> bool:
    return bool(field.type == FieldDescriptor.TYPE_STRING and field.name.endswith(JSON_SUFFIX))


def is_repeated(field: Any) -> bool:
    return bool(field.is_repeated)


def message_type(field: Any) -> str | None:
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        return str(field.message_type.full_name)
    return None


def page_field(descriptor: Any, full_name: str) -> Any:
    fields = getattr(descriptor, "fields_by_name", {})
    page = fields.get("page")
    if page is not None and message_type(page) == full_name:
        return page
    return None


def paged_items(descriptor: Any) -> Any:
    """The one repeated field of a paged response, or None if it is not paged."""
    if page_field(descriptor, PAGE_RESPONSE) is None:
        return None
    repeated = [f for f in getattr(descriptor, "fields", ()) if is_repeated(f)]
    return repeated[0] if len(repeated) == 1 else None
