"""Benchmark of the synthetic national population generator.

Runs ``python -m ansinh_synthpop generate`` in a fresh process per scale (default: 1 % and the
full national scale, 3.3 M beneficiaries + 1.5 M poor/near-poor households) into a scratch
directory and prints rows, wall time, rows/s and the peak RSS of the run (``ru_maxrss`` from
``wait4`` of that process: the largest of the process and its worker processes). Similar peak
RSS at 1 % and 100 % shows that memory does not grow with the population (streaming).

    .venv/bin/python bench/synthpop/run.py                # 0.01 and 1.0, 2 workers
    .venv/bin/python bench/synthpop/run.py --scales 0.01 --workers 1
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


def run_once(scale: float, workers: int, out: Path, seed: int, excel: int) -> dict[str, object]:
    if out.exists():
        shutil.rmtree(out)
    cmd = [
        sys.executable, "-m", "ansinh_synthpop", "generate", "--seed", str(seed),
        "--scale", str(scale), "--out", str(out), "--workers", str(workers),
        "--excel-communes", str(excel), "--quiet",
    ]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"generator failed with exit code {proc.returncode}")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    rows = sum(int(v["rows"]) for v in files.values() if "rows" in v)
    size = sum(int(v["bytes"]) for v in files.values())
    return {
        "scale": scale,
        "workers": workers,
        "rows": rows,
        "persons": manifest["counts"]["persons"],
        "beneficiaries": manifest["counts"]["beneficiaries"],
        "poverty_households": files["poor_households.csv"]["rows"],
        "wall_s": round(wall, 1),
        "rows_per_s": round(rows / wall),
        "peak_rss_mib": round(usage.ru_maxrss / 1024),
        "output_mib": round(size / 2**20),
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--scales", type=float, nargs="+", default=[0.01, 1.0])
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--excel-communes", type=int, default=10)
    p.add_argument("--scratch", type=Path, default=Path("/tmp/ansinh-synthpop-bench"))
    p.add_argument("--keep", action="store_true", help="keep the generated files")
    p.add_argument("--json", type=Path, help="also write the results here")
    a = p.parse_args()
    results = []
    for scale in a.scales:
        out = a.scratch / f"scale-{scale:g}"
        r = run_once(scale, a.workers, out, a.seed, a.excel_communes)
        results.append(r)
        print(
            f"scale {scale:>6g}: {r['rows']:>12,} rows ({r['persons']:,} persons, "
            f"{r['beneficiaries']:,} beneficiaries, {r['poverty_households']:,} poverty "
            f"households) in {r['wall_s']:>7.1f} s = {r['rows_per_s']:>8,} rows/s; "
            f"peak RSS {r['peak_rss_mib']} MiB; output {r['output_mib']:,} MiB",
            flush=True,
        )
        if not a.keep:
            shutil.rmtree(out, ignore_errors=True)
    if len(results) > 1:
        lo, hi = results[0], results[-1]
        print(
            f"rows ×{int(hi['rows']) / max(1, int(lo['rows'])):.0f}, "  # type: ignore[call-overload]
            f"peak RSS ×{int(hi['peak_rss_mib']) / max(1, int(lo['peak_rss_mib'])):.2f}"  # type: ignore[call-overload]
        )
    if a.json:
        a.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
