"""JSON documents of the domain's value objects (schema ``registry.change.v1``).

Generic over frozen dataclasses, driven by their type hints, so a field the domain adds is
stored without touching this module: dates are ISO 8601, datetimes ISO 8601 with offset,
months ``"YYYY-MM"``, decimals strings, enums their value, tuples lists. Decoding ignores
unknown keys and lets missing keys take the field's default (documents written by an older
version still load).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar, cast, get_args, get_origin

from registry.domain.changes import AnyChange, ChangeKind
from registry.domain.months import Month

T = TypeVar("T")

CHANGE_SCHEMA = "registry.change.v1"


def encode(value: Any) -> Any:
    """A JSON-compatible form of ``value``."""
    if value is None:
        return None
    return _encoder(type(value))(value)


_ENCODERS: dict[type[Any], Callable[[Any], Any]] = {}


def _encoder(tp: type[Any]) -> Callable[[Any], Any]:
    """How to encode values of type ``tp`` (decided once per type; a history has many)."""
    encoder = _ENCODERS.get(tp)
    if encoder is None:
        encoder = _ENCODERS[tp] = _make_encoder(tp)
    return encoder


def _make_encoder(tp: type[Any]) -> Callable[[Any], Any]:
    if issubclass(tp, Enum):
        return _enum_value
    if issubclass(tp, bool | int | str):
        return _same
    if issubclass(tp, Decimal | Month):
        return str
    if issubclass(tp, date):  # datetime too
        return _isoformat
    if dataclasses.is_dataclass(tp):
        names = tuple(f.name for f in dataclasses.fields(tp))

        def encode_dataclass(value: Any) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for name in names:  # encode() inlined: changes are deep and many
                item = getattr(value, name)
                out[name] = None if item is None else _encoder(type(item))(item)
            return out

        return encode_dataclass
    if issubclass(tp, frozenset | set):
        return lambda value: [encode(v) for v in sorted(value)]
    if issubclass(tp, tuple | list):
        return lambda value: [encode(v) for v in value]
    if issubclass(tp, dict):
        return lambda value: {str(k): encode(v) for k, v in value.items()}
    return _unknown


def _enum_value(value: Enum) -> Any:
    return value.value


def _same(value: Any) -> Any:
    return value


def _isoformat(value: date) -> str:
    return value.isoformat()


def _unknown(value: Any) -> Any:
    raise TypeError(f"cannot encode {type(value).__name__}")


def decode(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` from :func:`encode`'s output."""
    origin = get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in get_args(tp) if a is not type(None)]
        if data is None:
            return None
        if len(options) == 1:
            return decode(options[0], data)
        return _decode_union(options, data)
    if tp is Any:
        return data
    if data is None:
        return None
    if origin is tuple:
        args = get_args(tp)
        item = args[0] if len(args) == 2 and args[1] is Ellipsis else Any
        return tuple(decode(item, v) for v in data)
    if origin in (frozenset, set):
        return frozenset(decode(get_args(tp)[0], v) for v in data)
    if origin is dict:
        key_t, val_t = get_args(tp)
        return {decode(key_t, k): decode(val_t, v) for k, v in data.items()}
    if isinstance(tp, type):
        return _decode_type(tp, data)
    raise TypeError(f"cannot decode {tp!r}")


def _decode_type(tp: type, data: Any) -> Any:
    if issubclass(tp, Enum):
        return tp(data)
    if tp is Decimal:
        return Decimal(data)
    if tp is datetime:
        return datetime.fromisoformat(data)
    if tp is date:
        return date.fromisoformat(data)
    if tp is Month:
        return Month.parse(data)
    if tp in (str, int, bool):
        return cast(Any, tp)(data)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {
            f.name: decode(hints[f.name], data[f.name])
            for f in dataclasses.fields(tp)
            if f.name in data and f.init
        }
        return cast(Any, tp)(**kwargs)
    raise TypeError(f"cannot decode {tp.__name__}")


def _decode_union(options: list[Any], data: Any) -> Any:
    errors: list[str] = []
    for option in options:
        try:
            return decode(option, data)
        except (TypeError, ValueError, KeyError) as exc:
            errors.append(str(exc))
    raise ValueError(f"no union member fits {data!r}: {errors}")


@functools.cache
def _hints(tp: type) -> dict[str, Any]:
    return typing.get_type_hints(tp)


@functools.cache
def change_classes() -> dict[ChangeKind, type[Any]]:
    """Change kind → dataclass (every member of ``AnyChange``)."""
    return {cls.kind: cls for cls in get_args(AnyChange)}


def encode_change(change: AnyChange) -> dict[str, Any]:
    doc: dict[str, Any] = encode(change)
    doc["kind"] = change.kind.value
    return doc


def decode_change(doc: dict[str, Any]) -> AnyChange:
    cls = change_classes()[ChangeKind(doc["kind"])]
    change: AnyChange = decode(cls, doc)
    return change


def change_to_json(change: AnyChange) -> str:
    return json.dumps(encode_change(change), ensure_ascii=False, separators=(",", ":"))


def change_from_json(text: str) -> AnyChange:
    return decode_change(json.loads(text))


def to_json(value: Any) -> str:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def from_json(tp: type[T], text: str) -> T:
    result: T = decode(tp, json.loads(text))
    return result
