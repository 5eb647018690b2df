"""Command line: ``python -m ansinh_synthpop generate --seed 42 --scale 0.001 --out DIR``."""

from __future__ import annotations

import argparse
import resource
import sys
import time
from datetime import date
from pathlib import Path

from ansinh_synthpop.config import DEFECT_KINDS, Config, uniform_defects
from ansinh_synthpop.generator import Stats
from ansinh_synthpop.pipeline import generate


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ansinh_synthpop", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="generate a synthetic population into a directory")
    g.add_argument("--seed", type=int, default=42)
    scale = g.add_mutually_exclusive_group()
    scale.add_argument(
        "--scale", type=float, default=0.001, help="fraction of the national scale (default 0.001)"
    )
    scale.add_argument(
        "--national",
        action="store_true",
        help="full national scale: 3.3 M beneficiaries, 1.5 M poverty households",
    )
    g.add_argument("--out", type=Path, required=True)
    g.add_argument(
        "--excel-communes",
        type=int,
        default=0,
        help="write the ministry-style Excel file for N communes",
    )
    g.add_argument(
        "--defect-rate", type=float, default=0.02, help="rate of every defect kind (default 0.02)"
    )
    for kind in DEFECT_KINDS:
        g.add_argument(
            f"--{kind.replace('_', '-')}-rate",
            type=float,
            default=None,
            help=f"override the rate of {kind}",
        )
    g.add_argument(
        "--account-share",
        type=float,
        default=0.35,
        help="share of beneficiaries paid to an account (default 0.35)",
    )
    g.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=date(2025, 10, 1),
        help="snapshot date (default 2025-10-01)",
    )
    g.add_argument(
        "--review-year",
        type=int,
        default=None,
        help="poverty review year (default: the snapshot's year)",
    )
    g.add_argument(
        "--workers", type=int, default=1, help="processes (output is identical for any number)"
    )
    g.add_argument(
        "--excel-commune",
        action="append",
        default=[],
        metavar="CODE",
        help="also write the Excel file of this 2025 commune (repeatable)",
    )
    g.add_argument("--quiet", action="store_true")
    return p  # fmt: skip


def config_from_args(a: argparse.Namespace) -> Config:
    rates = uniform_defects(a.defect_rate)
    for kind in DEFECT_KINDS:
        v = getattr(a, f"{kind}_rate")
        if v is not None:
            rates[kind] = v
    return Config(
        seed=a.seed,
        scale=1.0 if a.national else a.scale,
        as_of=a.as_of,
        review_year=a.review_year or a.as_of.year,
        account_share=a.account_share,
        defect_rates=rates,
        excel_communes=a.excel_communes,
        excel_for=tuple(a.excel_commune),
        workers=a.workers,
    )


def main(argv: list[str] | None = None) -> int:
    a = _parser().parse_args(argv)
    cfg = config_from_args(a)
    start = time.perf_counter()

    def progress(province: str, st: Stats) -> None:
        if not a.quiet:
            el = time.perf_counter() - start
            print(f"province {province}: {st.counts['persons']:>9,} persons "
                  f"({el:7.1f} s)", file=sys.stderr)  # fmt: skip

    manifest = generate(cfg, a.out, progress)
    wall = time.perf_counter() - start
    c = manifest["counts"]
    rss = (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )
    rows = sum(v["rows"] for v in manifest["files"].values() if "rows" in v)
    print(
        f"{c.get('households', 0):,} households, {c.get('persons', 0):,} persons, "
        f"{c.get('beneficiaries', 0):,} beneficiaries, "
        f"{c.get('households_poor', 0) + c.get('households_near_poor', 0):,} poverty records; "
        f"{rows:,} rows in {wall:.1f} s ({rows / max(wall, 1e-9):,.0f} rows/s), "
        f"peak RSS {rss:.0f} MiB (largest process) → {a.out}"
    )
    return 0
