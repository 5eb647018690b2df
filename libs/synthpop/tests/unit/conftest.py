from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ansinh_synthpop import Config, generate
from ansinh_synthpop.config import uniform_defects

SCALE = 0.002  # 6,600 beneficiaries, 3,000 poverty households, ~30,000 persons
DEFECT_RATE = 0.03


def small_config(seed: int = 7, **kw: Any) -> Config:
    base: dict[str, Any] = {
        "seed": seed,
        "scale": SCALE,
        "as_of": date(2025, 10, 1),
        "review_year": 2025,
        "defect_rates": uniform_defects(DEFECT_RATE),
        "excel_communes": 2,
    }
    base.update(kw)
    return Config(**base)


def rows(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


@pytest.fixture(scope="session")
def make_config() -> Callable[..., Config]:
    return small_config


@pytest.fixture(scope="session")
def read_rows() -> Callable[[Path], Iterator[dict[str, str]]]:
    return rows


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, Path, dict[str, Any]]:
    cfg = small_config()
    out = tmp_path_factory.mktemp("pop")
    manifest = generate(cfg, out)
    return cfg, out, manifest
