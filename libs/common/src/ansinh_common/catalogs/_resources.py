"""Reading the catalogs' package data files (the only I/O the catalogs do)."""

from __future__ import annotations

import gzip
import json
from importlib import resources
from typing import Any


def load_json(name: str) -> Any:
    """Load `data/<name>` shipped inside this package (`.gz` files are decompressed)."""
    raw = resources.files("ansinh_common.catalogs").joinpath("data").joinpath(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return json.loads(raw)
