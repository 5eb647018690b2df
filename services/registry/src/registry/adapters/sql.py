"""SQL helpers shared by the adapters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Text, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY


def among(column: ColumnElement[Any], values: Iterable[Any]) -> ColumnElement[bool]:
    """``column = ANY(:array)``: one array parameter however many values (an ``IN`` list is
    limited to 65,535 parameters, which a 100,000-row file exceeds)."""
    items = list(values)
    item_type = BigInteger() if items and isinstance(items[0], int) else Text()
    return column == any_(bindparam(None, items, type_=ARRAY(item_type)))
