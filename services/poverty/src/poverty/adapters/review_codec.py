"""A review (``domain.review.Review``) ⇄ a JSON document, read back by the dataclasses' types.

The review is one aggregate: its cases, surveys' classifications, village meetings, objections,
the district opinion and the decision are stored together in ``reviews.document`` and loaded
whole (its ``version`` guards concurrent writers). Pending domain events are not stored: the
unit of work writes them to the outbox in the same transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping
from enum import Enum
from functools import cache
from typing import Any

from poverty.domain.review import Review

_SKIPPED = {"events"}


def to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_json(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _SKIPPED
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(to_json(v) for v in value)
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _from(kind: Any, raw: Any) -> Any:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        if raw is None:
            return None
        return _from(next(a for a in args if a is not type(None)), raw)
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)  # type: ignore[arg-type]
        values = {
            f.name: _from(hints[f.name], raw[f.name])
            for f in dataclasses.fields(kind)
            if f.name not in _SKIPPED and f.name in raw
        }
        return kind(**values)  # type: ignore[operator]
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(raw)
    if kind is dt.date:
        return dt.date.fromisoformat(raw)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from(args[0], v) for v in raw)
        return tuple(_from(a, v) for a, v in zip(args, raw, strict=True))
    if origin is frozenset:
        return frozenset(_from(args[0], v) for v in raw)
    if origin is list:
        return [_from(args[0], v) for v in raw]
    if origin in (dict, Mapping) or origin is typing.get_origin(Mapping[str, int]):
        return {k: _from(args[1], v) for k, v in raw.items()}
    return raw


def review_to_json(review: Review) -> dict[str, Any]:
    document: dict[str, Any] = to_json(review)
    return document


def review_from_json(document: Mapping[str, Any]) -> Review:
    review: Review = _from(Review, document)
    return review
