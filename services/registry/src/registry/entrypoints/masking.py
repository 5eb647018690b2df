"""Masking of personal ID and account numbers in answers (Decree 13/2023/NĐ-CP, issue 9).

Who sees them in full is decided by ``ansinh_common.authz.sees_identifiers`` (through
``service_layer.access``); this module only rewrites a message for those who do not: every
field named in ``IDENTIFIER_FIELDS``, at any depth, is masked with ``mask_identifier``, and
so is every such key inside the JSON documents the messages carry (fields ending in ``_json``,
e.g. a change's ``details_json``).
"""

from __future__ import annotations

import json
from typing import Any

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from ansinh_common.authz import mask_identifier

IDENTIFIER_FIELDS = frozenset({"personal_id", "account_number", "new_personal_id"})


def mask_identifiers(message: Message) -> Message:
    """Mask ``message`` in place (and return it)."""
    for field, value in message.ListFields():
        if field.type == FieldDescriptor.TYPE_MESSAGE:
            if _is_map(field):
                for item in value.values():
                    if isinstance(item, Message):
                        mask_identifiers(item)
            elif _is_repeated(field):
                for item in value:
                    mask_identifiers(item)
            else:
                mask_identifiers(value)
        elif field.name.endswith("_json") and field.type == FieldDescriptor.TYPE_STRING:
            if not _is_repeated(field) and value:
                setattr(message, field.name, _mask_json_text(value))
        elif field.name in IDENTIFIER_FIELDS and field.type == FieldDescriptor.TYPE_STRING:
            if _is_repeated(field):
                masked = [mask_identifier(v) or "" for v in value]
                del value[:]
                value.extend(masked)
            else:
                setattr(message, field.name, mask_identifier(value) or "")
    return message


def _is_repeated(field: FieldDescriptor) -> bool:
    repeated: bool = field.is_repeated
    return repeated


def _is_map(field: FieldDescriptor) -> bool:
    options = field.message_type.GetOptions() if field.message_type else None
    return bool(options and options.map_entry)


def _mask_json_text(text: str) -> str:
    try:
        doc = json.loads(text)
    except ValueError:
        return text
    return json.dumps(_mask_json(doc), ensure_ascii=False, separators=(",", ":"))


def _mask_json(doc: Any) -> Any:
    if isinstance(doc, dict):
        return {
            key: (
                mask_identifier(value)
                if key in IDENTIFIER_FIELDS and isinstance(value, str)
                else _mask_json(value)
            )
            for key, value in doc.items()
        }
    if isinstance(doc, list):
        return [_mask_json(item) for item in doc]
    return doc
