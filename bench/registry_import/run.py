"""Benchmark of the registry's Excel import against a raw baseline, in one run.

1. A commune file of ``--rows`` beneficiaries (default 100,000) in the ministry template:
   synthetic beneficiaries and persons from ``ansinh_synthpop`` (seeded; with its legacy-data
   defects and duplicates), all placed in one commune (Phường Ba Đình, Hà Nội) as a first load
   of the list, written with the template's streaming writer. Cached under
   ``.run/bench/registry_import/`` (writing 100,000 styled rows takes a while), by
   ``FILE_VERSION``: bump it when the writer or the generator changes what the file holds.
2. **Baseline**: the fastest parser (python-calamine) reading the same file, plus PostgreSQL
   ``COPY`` of the same rows (25 text columns) into a scratch table — the real floor of any
   import. openpyxl's read-only parse is timed too (the parser the import used before).
3. **Validate**: the registry's dry run (every row through the domain validator and the use
   cases, written into a transaction that is rolled back); **before**: the same dry run with
   the sheet parsed by openpyxl (``--no-before`` skips it).
4. **Apply**: the registry's apply with ``valid_rows_only`` (one transaction on the shard,
   history, derived tables, outbox events, global index claims), on fresh shard databases.
5. When validate or apply is under half the baseline's rows/s: a profile of that phase
   (cProfile, the functions taking most of the time) is printed.

Prints seconds, rows/s and the ratio to the baseline for each phase, all from one run.

    .venv/bin/python bench/registry_import/run.py              # 100,000 rows
    .venv/bin/python bench/registry_import/run.py --rows 20000
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy.pool import NullPool

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import CatalogUnitTree
from ansinh_common.catalogs.disability import get_disability_level, get_disability_type
from ansinh_common.catalogs.ethnicities import find_ethnicity
from ansinh_common.catalogs.payment_channels import get_payment_channel
from ansinh_common.db import ShardRouter
from ansinh_common.db.targets import database_targets
from ansinh_common.runtime import default_province_shards
from ansinh_common.testing import Servers, create_database, drop_database
from ansinh_templates.beneficiary_excel import (
    CHANGE_TYPE_LABELS,
    COLUMNS,
    FIRST_DATA_ROW,
    GENDER_LABELS,
    PAYMENT_METHOD_LABELS,
    SHEET_TITLE,
    TitleBlock,
    write_workbook,
)
from registry.entrypoints.migrate import migrate
from registry.excel.importer import FileImporter, ImportMode, ImportOptions, Progress
from registry.excel.reader import TemplateFile

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".run" / "bench" / "registry_import"
COMMUNE = ("Thành phố Hà Nội", "Phường Ba Đình", "00004")
OFFICER = Principal("bench", "bench.hanoi", frozenset({"province_officer"}), "01")
TOPIC = "ansinh.registry.beneficiary.v1"
# 2: the sheet has its <dimension>; 5.5b/5.5c start months per Decree 20/2021 Art. 8.1.đ
# 3: the template's print layout and place-and-date line (issue 11)
FILE_VERSION = 3


# -- the file ---------------------------------------------------------------------------------


def synthetic_rows(rows: int, seed: int, work: Path) -> Iterator[dict[str, Any]]:
    """Template rows from ansinh_synthpop's beneficiaries joined with their persons."""
    scale = rows / 3_300_000 * 1.1
    subprocess.run(
        [sys.executable, "-m", "ansinh_synthpop", "generate", "--seed", str(seed),
         "--scale", f"{scale:.6f}", "--out", str(work), "--workers", "4", "--quiet"],
        check=True,
    )  # fmt: skip
    with (work / "beneficiaries.csv").open(encoding="utf-8") as fh:
        beneficiaries = [r for _, r in zip(range(rows), csv.DictReader(fh), strict=False)]
    if len(beneficiaries) < rows:
        raise SystemExit(f"synthpop gave {len(beneficiaries)} beneficiaries, wanted {rows}")
    wanted = {b["person_id"] for b in beneficiaries}
    people: dict[str, dict[str, str]] = {}
    with (work / "persons.csv").open(encoding="utf-8") as fh:
        for p in csv.DictReader(fh):
            if p["person_id"] in wanted:
                people[p["person_id"]] = p
    for b in beneficiaries:
        yield _template_row(b, people[b["person_id"]])


def _template_row(b: dict[str, str], p: dict[str, str]) -> dict[str, Any]:
    channel = get_payment_channel(b["payment_channel_code"])
    year, month = (int(x) for x in b["start_month"].split("-"))
    ethnicity = find_ethnicity(p["ethnicity_code"]) if p["ethnicity_code"] else None
    return {
        "full_name": p["full_name"],
        "birth_date": date.fromisoformat(p["birth_date"]),
        "gender": GENDER_LABELS[p["gender"]],
        "personal_id": p["personal_id"] or None,
        "ethnicity": ethnicity.name if ethnicity else None,
        "address": "Tổ 1",
        "commune_name": COMMUNE[1],
        "commune_code": COMMUNE[2],
        "category": b["category_code"],
        "coefficient": Decimal(b["coefficient"]),
        "monthly_amount": int(b["monthly_amount"]),
        "disability_type": get_disability_type(b["disability_type_code"]).name
        if b["disability_type_code"] else None,
        "disability_level": get_disability_level(b["disability_level_code"]).name
        if b["disability_level_code"] else None,
        "decision_number": b["decision_number"],
        "decision_date": date.fromisoformat(b["decision_date"]),
        "decision_authority": b["decision_authority"],
        "start_month": (year, month),
        "payment_method": PAYMENT_METHOD_LABELS[str(channel.kind)],
        "account_number": b["account_number"] or None,
        "account_provider": channel.name if b["account_number"] else None,
        "change_type": CHANGE_TYPE_LABELS[b["change_type"]] if b["change_type"] else None,
        "effective_date": date.fromisoformat(b["effective_date"]) if b["effective_date"] else None,
    }  # fmt: skip


def bench_file(rows: int, seed: int) -> Path:
    path = CACHE / f"commune_{rows}_{seed}_v{FILE_VERSION}.xlsx"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        title = TitleBlock(COMMUNE[0], COMMUNE[1], COMMUNE[2], (2025, 10))
        part = path.with_suffix(".part")
        write_workbook(part, title, synthetic_rows(rows, seed, Path(tmp)))
        part.rename(path)
    print(f"wrote {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


# -- baseline ---------------------------------------------------------------------------------


def parse_rows(content: bytes) -> list[tuple[Any, ...]]:
    """python-calamine parse of the data rows (what any import must do, at its fastest)."""
    wb = CalamineWorkbook.from_filelike(io.BytesIO(content))
    try:
        rows = wb.get_sheet_by_name(SHEET_TITLE).to_python(skip_empty_area=False)
    finally:
        wb.close()
    out = []
    for row in rows[FIRST_DATA_ROW - 1 :]:
        if not row or row[0] in (None, ""):
            break
        out.append(tuple(row))
    return out


def parse_rows_openpyxl(content: bytes) -> list[tuple[Any, ...]]:
    """openpyxl read-only parse of the data rows (the import's parser before issue 11)."""
    wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        ws = wb[SHEET_TITLE]
        out = []
        for row in ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True):
            if not row or row[0] in (None, ""):
                break
            out.append(row)
        return out
    finally:
        wb.close()


def copy_rows(url: str, rows: list[tuple[Any, ...]]) -> None:
    """COPY the rows as text into a fresh table, committed."""
    engine = sa.create_engine(url, poolclass=NullPool)
    columns = ", ".join(f"c{i} text" for i in range(len(COLUMNS)))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"CREATE TABLE baseline ({columns})")
            raw = conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur, cur.copy("COPY baseline FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([None if v is None else str(v) for v in row[: len(COLUMNS)]])
    finally:
        engine.dispose()


# -- the registry -----------------------------------------------------------------------------


class OpenpyxlTemplateFile(TemplateFile):
    """The import's reader with the sheet parsed by openpyxl read-only (before issue 11)."""

    def _load(self, data: bytes) -> None:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
            ws.reset_dimensions()
            self._rows = [list(r) for r in ws.iter_rows(values_only=True)]
        finally:
            wb.close()


def registry_databases(admin: str) -> tuple[dict[str, str], str]:
    shards = {f"s{n}": create_database(admin, f"bench_registry_s{n}") for n in (1, 2, 3)}
    global_url = create_database(admin, "bench_registry_global")
    migrate(database_targets(shards, global_url))
    return shards, global_url


def run_import(
    router: ShardRouter,
    content: bytes,
    mode: ImportMode,
    reader: type[TemplateFile] = TemplateFile,
    profile: cProfile.Profile | None = None,
) -> tuple[float, Any]:
    importer = FileImporter(router, TOPIC, CatalogUnitTree(), reader=reader)
    last = [-1]

    def progress(p: Progress) -> None:
        if p.percent // 10 != last[0]:
            last[0] = p.percent // 10
            print(f"  {mode.value}: {p.phase.value} {p.percent}%", file=sys.stderr)

    options = ImportOptions(mode=mode, valid_rows_only=True, batch_rows=2000)
    started = time.perf_counter()
    if profile is not None:
        profile.enable()
    try:
        report = importer.run(OFFICER, content, options, progress)
    finally:
        if profile is not None:
            profile.disable()
    return time.perf_counter() - started, report


def profile_summary(profile: cProfile.Profile, title: str) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(20)
    print(f"\nprofile of {title} (top 20 by own time):")
    body = out.getvalue()
    print(body[body.find("ncalls") :] if "ncalls" in body else body)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument(
        "--no-before", action="store_true", help="skip the dry run with the openpyxl parser"
    )
    args = parser.parse_args()

    path = bench_file(args.rows, args.seed)
    content = path.read_bytes()
    admin = Servers.from_env().pg_admin_url
    scratch: list[str] = []
    try:
        t0 = time.perf_counter()
        parsed = parse_rows(content)
        t_parse = time.perf_counter() - t0
        t0 = time.perf_counter()
        parse_rows_openpyxl(content)
        t_openpyxl = time.perf_counter() - t0
        baseline_db = create_database(admin, "bench_baseline")
        scratch.append(baseline_db)
        t0 = time.perf_counter()
        copy_rows(baseline_db, parsed)
        t_copy = time.perf_counter() - t0
        n = len(parsed)

        shards, global_url = registry_databases(admin)
        scratch += [*shards.values(), global_url]
        router = ShardRouter(default_province_shards(), shards, global_url)
        t_before = None
        if not args.no_before:
            t_before, _ = run_import(router, content, ImportMode.DRY_RUN, OpenpyxlTemplateFile)
        t_validate, dry = run_import(router, content, ImportMode.DRY_RUN)
        base = t_parse + t_copy
        profiles = []
        if t_validate > 2 * base:  # profiled before the apply: a dry run after it would
            profile = cProfile.Profile()  # find every row registered already
            run_import(router, content, ImportMode.DRY_RUN, profile=profile)
            profiles.append(("validate", profile))
        t_apply, applied = run_import(router, content, ImportMode.APPLY)
        if t_apply > 2 * base:  # again, on fresh shards
            for url in [*shards.values(), global_url]:
                drop_database(admin, url)
                scratch.remove(url)
            router.dispose()
            shards, global_url = registry_databases(admin)
            scratch += [*shards.values(), global_url]
            router = ShardRouter(default_province_shards(), shards, global_url)
            profile = cProfile.Profile()
            run_import(router, content, ImportMode.APPLY, profile=profile)
            profiles.append(("apply", profile))
        router.dispose()
    finally:
        if not args.keep:
            for url in scratch:
                drop_database(admin, url)

    lines = [
        ("baseline: python-calamine parse", t_parse),
        ("baseline: PostgreSQL COPY", t_copy),
        ("baseline: parse + COPY", base),
        ("(openpyxl read-only parse)", t_openpyxl),
    ]
    if t_before is not None:
        lines.append(("before: validate, openpyxl parser", t_before))
    lines += [
        ("registry validate (dry run)", t_validate),
        ("registry apply (valid rows)", t_apply),
    ]
    size = len(content) / 2**20
    print(f"\nregistry Excel import benchmark: {path.name}, {n:,} data rows ({size:.1f} MiB)")
    print(f"dry run: {dry.rows_valid:,} valid, {dry.rows_rejected:,} rejected")
    print(
        f"apply:   {applied.rows_applied:,} applied, {applied.records_created:,} records "
        f"created, committed={applied.applied}"
    )
    print(f"dry run: {len(dry.warnings):,} warnings, {dry.rows_blank:,} blank rows skipped")
    print(f"\n{'phase':38} {'seconds':>8} {'rows/s':>9} {'× baseline time':>16}")
    for name, seconds in lines:
        print(f"{name:38} {seconds:8.1f} {n / seconds:9,.0f} {seconds / base:16.2f}")
    target = n / base / 2
    for name, seconds in (("validate", t_validate), ("apply", t_apply)):
        verdict = "reached" if n / seconds >= target else "NOT reached"
        print(f"target {name} >= half the baseline ({target:,.0f} rows/s): {verdict}")
    for name, profile in profiles:
        profile_summary(profile, name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
