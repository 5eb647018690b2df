"""Run a whole generation: plan, provinces (sequentially or on several processes), outputs.

Output directory::

    households.csv persons.csv beneficiaries.csv poor_households.csv   rows to COPY
    defects.csv          the injected defects (entity, record_id, defect, detail)
    communes.csv         the plan per commune (estimated population, counts, flags)
    schema.sql           CREATE TABLE + \\copy lines for the CSV files
    manifest.json        parameters, counts, size and SHA-256 of every file
    excel/<province>/<commune>.xlsx   the ministry-style files (``--excel-communes``)

The bytes depend only on the configuration, not on the number of worker processes: each
province is generated from its own streams and the parts are concatenated in province order.
"""

from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing as mp
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ansinh_synthpop import __version__
from ansinh_synthpop.config import Config
from ansinh_synthpop.generator import ProvinceGenerator, Stats
from ansinh_synthpop.output import (
    ENTITIES,
    Sink,
    append_part,
    close_streams,
    open_streams,
    schema_sql,
)
from ansinh_synthpop.plan import Plan, build_plan

_WORKER_PLAN: Plan | None = None  # set before forking the pool


def _run_part(args: tuple[str, Path, Path | None]) -> tuple[str, Stats]:
    province, parts, excel_dir = args
    assert _WORKER_PLAN is not None
    streams = open_streams(parts / province, suffix=".part", header=False)
    try:
        stats = ProvinceGenerator(_WORKER_PLAN, province, Sink(streams), excel_dir).run()
    finally:
        close_streams(streams)
    return province, stats


def generate(
    config: Config, out: Path, progress: Callable[[str, Stats], None] | None = None
) -> dict[str, Any]:
    """Generate everything into ``out``; returns the manifest."""
    global _WORKER_PLAN
    plan = build_plan(config)
    provinces = sorted(plan.by_province())
    out.mkdir(parents=True, exist_ok=True)
    excel_dir = out / "excel" if config.excel_communes > 0 or config.excel_for else None
    if excel_dir is not None and excel_dir.exists():
        shutil.rmtree(excel_dir)
    total = Stats()
    streams = open_streams(out)
    try:
        if config.workers <= 1:
            sink = Sink(streams)
            for p in provinces:
                st = ProvinceGenerator(plan, p, sink, excel_dir).run()
                total.add(st)
                if progress:
                    progress(p, st)
        else:
            parts = out / ".parts"
            shutil.rmtree(parts, ignore_errors=True)
            _WORKER_PLAN = plan
            try:
                ctx = mp.get_context("fork")
                with ctx.Pool(config.workers) as pool:
                    jobs = [(p, parts, excel_dir) for p in provinces]
                    for p, st in pool.imap(_run_part, jobs):
                        for entity, f in streams.items():
                            append_part(f, parts / p / f"{entity}.part")
                        total.add(st)
                        if progress:
                            progress(p, st)
            finally:
                _WORKER_PLAN = None
                shutil.rmtree(parts, ignore_errors=True)
    finally:
        close_streams(streams)
    _write_communes(plan, out / "communes.csv")
    (out / "schema.sql").write_text(schema_sql(), encoding="utf-8")
    manifest = _manifest(config, plan, total, out)
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest


def _write_communes(plan: Plan, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            ["commune_code", "name", "province_code", "kind", "area", "disadvantaged",
             "estimated_population", "home_provinces_pre2025", "former_district",
             "poverty_households", "linked_beneficiaries", "other_beneficiaries", "excel"]
        )  # fmt: skip
        for cp in plan.communes:
            c = cp.commune
            w.writerow(
                [c.code, c.name, c.province_code, c.kind, c.area, str(c.disadvantaged).lower(),
                 round(c.population), "{" + ",".join(p for p, _ in c.home) + "}",
                 c.district_name or "", cp.poverty_households, cp.linked_beneficiaries,
                 cp.other_beneficiaries, str(cp.excel).lower()]
            )  # fmt: skip


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _manifest(config: Config, plan: Plan, stats: Stats, out: Path) -> dict[str, Any]:
    counts = stats.as_dict()
    defects = sum(v for k, v in counts.items() if k.startswith("defect_"))
    rows = {
        "households": counts.get("households", 0),
        "persons": counts.get("persons", 0),
        "beneficiaries": counts.get("beneficiaries", 0),
        "poor_households": counts.get("households_poor", 0) + counts.get("households_near_poor", 0),
        "defects": defects,
    }
    files: dict[str, Any] = {}
    for entity in ENTITIES:
        p = out / f"{entity}.csv"
        files[p.name] = {"rows": rows[entity], "bytes": p.stat().st_size, "sha256": sha256_file(p)}
    for extra in ("communes.csv", "schema.sql"):
        p = out / extra
        files[extra] = {"bytes": p.stat().st_size, "sha256": sha256_file(p)}
    for x in sorted((out / "excel").rglob("*.xlsx")) if (out / "excel").exists() else []:
        files[x.relative_to(out).as_posix()] = {"bytes": x.stat().st_size, "sha256": sha256_file(x)}
    return {
        "generator": f"ansinh-synthpop {__version__}",
        "config": config.describe(),
        "plan": {
            "linked_mix_disadvantaged": _round(plan.linked_mix_disadvantaged),
            "linked_mix_other": _round(plan.linked_mix_other),
            "poor_prob_unanchored": round(plan.poor_prob_unanchored, 6),
        },
        "counts": counts,
        "files": files,
    }


def _round(d: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 6) for k, v in sorted(d.items())}
