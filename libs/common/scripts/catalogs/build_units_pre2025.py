"""Build the pre-2025 three-level administrative-unit catalog (63 provinces).

Source: the General Statistics Office catalog (danh mục đơn vị hành chính, Decision
124/2004/QĐ-TTg and its updates) as packaged by PyPI `vietnam-provinces==0.6.0` (data
retrieved 2025-01-04). That release cannot be installed next to the 2025 release the
project depends on, so this script downloads the wheel once, reads its
`data/nested-divisions.json` and writes a compact, committed data file:

    libs/common/src/ansinh_common/catalogs/data/units_pre2025.json.gz

Regenerate (needs network access to PyPI only):

    uv run python libs/common/scripts/catalogs/build_units_pre2025.py

Output format (gzip, mtime 0, so the file is reproducible):
    {"version": "pre2025", "source": ..., "provinces": [[code, name], ...],
     "districts": [[code, name, province_code], ...],
     "communes": [[code, name, district_code], ...]}
Codes are strings with leading zeros: province 2, district 3, commune 5 digits.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

PACKAGE = "vietnam-provinces==0.6.0"
OUT = Path(__file__).resolve().parents[2] / "src/ansinh_common/catalogs/data/units_pre2025.json.gz"


def download_wheel(dest: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", PACKAGE, "--no-deps", "-d", str(dest)],
        check=True,
    )
    return next(dest.glob("vietnam_provinces-0.6.0-*.whl"))


def load_nested(wheel: Path) -> list[dict[str, Any]]:
    with zipfile.ZipFile(wheel) as zf:
        raw = zf.read("vietnam_provinces/data/nested-divisions.json")
    data: list[dict[str, Any]] = json.loads(raw)
    return data


def build(nested: list[dict[str, Any]]) -> dict[str, Any]:
    provinces: list[list[str]] = []
    districts: list[list[str]] = []
    communes: list[list[str]] = []
    for p in sorted(nested, key=lambda x: int(x["code"])):
        pc = f"{int(p['code']):02d}"
        provinces.append([pc, p["name"]])
        for d in sorted(p["districts"], key=lambda x: int(x["code"])):
            dc = f"{int(d['code']):03d}"
            districts.append([dc, d["name"], pc])
            for w in sorted(d["wards"], key=lambda x: int(x["code"])):
                communes.append([f"{int(w['code']):05d}", w["name"], dc])
    return {
        "version": "pre2025",
        "source": (
            "General Statistics Office administrative-unit catalog, as packaged by PyPI "
            "vietnam-provinces==0.6.0 (data retrieved 2025-01-04)"
        ),
        "generated_by": "libs/common/scripts/catalogs/build_units_pre2025.py",
        "provinces": provinces,
        "districts": districts,
        "communes": communes,
    }


def write_gz(path: Path, obj: Any) -> None:
    payload = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("wb") as fh,
        gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(payload)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wheel", type=Path, help="use an already downloaded 0.6.0 wheel")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        data = build(load_nested(wheel))
    write_gz(OUT, data)
    print(
        f"wrote {OUT}: {len(data['provinces'])} provinces, "
        f"{len(data['districts'])} districts, {len(data['communes'])} communes"
    )


if __name__ == "__main__":
    main()
