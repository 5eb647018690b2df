"""Reading the domain's own package data (``domain/data``): the only I/O the domain does."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_json(*parts: str) -> Any:
    """Parse ``data/<parts...>`` shipped inside this package."""
    node = resources.files("poverty.domain").joinpath("data")
    for part in parts:
        node = node.joinpath(part)
    return json.loads(node.read_bytes())


def list_json(folder: str) -> list[str]:
    """Names of the ``.json`` files in ``data/<folder>``, sorted."""
    node = resources.files("poverty.domain").joinpath("data").joinpath(folder)
    return sorted(p.name for p in node.iterdir() if p.name.endswith(".json"))
