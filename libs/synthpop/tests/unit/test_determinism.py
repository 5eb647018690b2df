from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ansinh_synthpop import Config, generate
from ansinh_synthpop.generator import DUPLICATE_ID_BASE


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_identical_bytes_for_every_file(
    generated: tuple[Config, Path, dict[str, Any]], tmp_path: Path
) -> None:
    cfg, first, _ = generated
    generate(cfg, tmp_path)
    a, b = _files(first), _files(tmp_path)
    assert a.keys() == b.keys()
    assert any(k.endswith(".xlsx") for k in a)
    for name in a:
        assert a[name] == b[name], name


def test_worker_count_does_not_change_output(
    generated: tuple[Config, Path, dict[str, Any]], tmp_path: Path
) -> None:
    cfg, first, _ = generated
    generate(replace(cfg, workers=2), tmp_path)
    assert _files(first) == _files(tmp_path)


def test_other_seed_gives_other_rows(
    generated: tuple[Config, Path, dict[str, Any]], tmp_path: Path, make_config: Any
) -> None:
    _, first, _ = generated
    generate(make_config(seed=8), tmp_path)
    for name in ("persons.csv", "households.csv", "beneficiaries.csv", "poor_households.csv"):
        assert (first / name).read_bytes() != (tmp_path / name).read_bytes(), name


def test_xlsx_has_fixed_dates(generated: tuple[Config, Path, dict[str, Any]]) -> None:
    _, out, _ = generated
    xlsx = sorted((out / "excel").rglob("*.xlsx"))
    assert xlsx
    with zipfile.ZipFile(xlsx[0]) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2025-01-01T00:00:00Z" in core


@pytest.mark.parametrize("rate", [0.0])
def test_defect_rates_do_not_change_the_clean_population(
    generated: tuple[Config, Path, dict[str, Any]], tmp_path: Path, rate: float, make_config: Any
) -> None:
    """Defects use their own random streams: with none, households are the same."""
    cfg, first, _ = generated
    clean = make_config(defect_rates=dict.fromkeys(cfg.defect_rates, rate), excel_communes=0)
    m = generate(clean, tmp_path)
    assert m["files"]["defects.csv"]["rows"] == 0
    for name in ("households.csv", "poor_households.csv"):
        lines = (first / name).read_text(encoding="utf-8").splitlines()
        original = [lines[0]] + [
            r for r in lines[1:] if int(r.split(",")[0]) % 1_000_000 < DUPLICATE_ID_BASE
        ]
        assert (tmp_path / name).read_text(encoding="utf-8").splitlines() == original, name
