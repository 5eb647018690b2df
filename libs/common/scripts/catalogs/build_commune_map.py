"""Build the pre-2025 → 2025 commune mapping and check it against both catalogs.

Sources (third-party, checked before use; see docs/catalogs.md for the numbers):
  A (primary)  PyPI ``vietnamadminunits==1.0.4``  data/converter_2025.json + data/dataset.db
               (MIT; old/new units keyed by name, with GSO-style codes in the database and a
               default successor for split communes)
  B (check)    PyPI ``vietnam-address-converter==1.0.5``  vietnam_address_converter/data.py
               (mapping sheet "admin_mapping_old_to_new_10_25"; its own non-GSO codes, so it
               is matched by names only)
Catalogs: pre-2025 = data/units_pre2025.json.gz (vietnam-provinces 0.6.0);
2025 = the installed vietnam-provinces 2025.10.1.

Units are resolved to official codes by NAME inside their parent (province / district), never
by trusting the sources' codes alone: source A's codes disagree with the catalogs for some
units (checked and counted below). Province consistency is checked against the merger table of
Resolution 202/2025/QH15 (``admin_units.PROVINCE_MERGERS_2025``).

Output: libs/common/src/ansinh_common/catalogs/data/commune_map_pre2025_to_2025.json.gz
    {"source": ..., "checks": {...}, "map": {old_code: [new_code, ...]}}  (primary first)

Regenerate (needs PyPI only):
    uv run python libs/common/scripts/catalogs/build_commune_map.py
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from vietnam_provinces import Province, Ward

from ansinh_common.catalogs.admin_units import PROVINCE_MERGERS_2025

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src/ansinh_common/catalogs/data"
OUT = DATA / "commune_map_pre2025_to_2025.json.gz"
PKG_A = "vietnamadminunits==1.0.4"
PKG_B = "vietnam-address-converter==1.0.5"

_PREFIX = re.compile(
    r"^(thành phố|tỉnh|quận|huyện|thị xã|thị trấn|xã|phường|đặc khu)\s+", re.IGNORECASE
)
# Old and new Vietnamese tone placement: "hoà" / "hòa", "thuỵ" / "thụy".
_TONE = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe",
         "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy",
         "uỵ": "ụy"}  # fmt: skip


def key(name: str) -> str:
    """Name key: NFC, lower case, no unit-type prefix, one tone placement, numbers unpadded."""
    s = unicodedata.normalize("NFC", name).strip().lower()
    s = re.sub(r"\s+", " ", s.replace("–", "-"))
    while True:
        t = _PREFIX.sub("", s)
        if t == s:
            break
        s = t
    for a, b in _TONE.items():
        s = s.replace(a, b)
    s = re.sub(r"^(n\.t\.?|nt)\s+", "nông trường ", s)  # "Thị trấn NT Mộc Châu"
    s = re.sub(r"\biii$", "3", re.sub(r"\bii$", "2", re.sub(r"\bi$", "1", s)))
    s = re.sub(r"\s*-\s*", "-", s)
    return re.sub(r"\b0+(\d)", r"\1", s)


def ascii_key(name: str) -> str:
    s = unicodedata.normalize("NFD", key(name).replace("đ", "d"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]", "", s).replace("qui", "quy")  # "Quí" / "Quý"


def typed_key(name: str) -> str:
    """Name key that keeps the unit type ("xã tân an" ≠ "phường tân an")."""
    s = unicodedata.normalize("NFC", name).strip().lower()
    m = _PREFIX.match(s)
    return (m.group(1) if m else "") + "|" + key(name)


class Index:
    """Units of one level grouped by parent, found by name (typed, then untyped, then ASCII)."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:  # (code, name, parent)
        self.by: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.name = {c: n for c, n, _ in rows}
        self.parent = {c: p for c, _, p in rows}
        for c, n, p in rows:
            for kind, k in (("t", typed_key(n)), ("k", key(n)), ("a", ascii_key(n))):
                self.by[(p, kind, k)].append(c)

    def find(self, parent: str, name: str) -> str | None:
        for kind, k in (("t", typed_key(name)), ("k", key(name)), ("a", ascii_key(name))):
            hits = self.by.get((parent, kind, k), [])
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                return None  # ambiguous: refuse rather than guess
        return None


def load_pre2025() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        gzip.decompress((DATA / "units_pre2025.json.gz").read_bytes())
    )
    return data


def download(pkg: str, dest: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", pkg, "--no-deps", "-d", str(dest)], check=True
    )
    name = pkg.split("==")[0].replace("-", "_")
    return next(dest.glob(f"{name}-*.whl"))


def source_a(wheel: Path, tmp: Path) -> list[dict[str, Any]]:
    """Rows {old: (prov, dist, ward names + codes), new: (prov code, ward name), default}."""
    with zipfile.ZipFile(wheel) as zf:
        conv = json.loads(zf.read("vietnamadminunits/data/converter_2025.json"))
        db_path = tmp / "vau.db"
        db_path.write_bytes(zf.read("vietnamadminunits/data/dataset.db"))
    db = sqlite3.connect(db_path)
    legacy = {
        f"{pk}_{dk}_{wk}": (pc, p, dc, d, wc, w)
        for pk, dk, wk, pc, p, dc, d, wc, w in db.execute(
            "SELECT provinceKey, districtKey, wardKey, provinceCode, province, districtCode,"
            " district, wardCode, ward FROM admin_units_legacy"
        )
    }
    new = {
        (pk, wk): (pc, w, wc)
        for pk, wk, pc, w, wc in db.execute(
            "SELECT provinceKey, wardKey, provinceCode, ward, wardCode FROM admin_units"
        )
    }
    rows: list[dict[str, Any]] = []

    def add(old_key: str, npk: str, nwk: str, default: bool) -> None:
        rows.append({"old": legacy.get(old_key), "old_key": old_key, "new": new.get((npk, nwk)),
                     "default": default})  # fmt: skip

    for npk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for nwk, olds in wards.items():
            for ok in olds:
                add(ok, npk, nwk, True)
    for npk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for ok, news in olds.items():
            for nw in news:
                add(ok, npk, nw["newWardKey"], bool(nw["isDefaultNewWard"]))
    return rows


def source_b(wheel: Path) -> list[dict[str, Any]]:
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read("vietnam_address_converter/data.py").decode()
    literal = text[text.index("json.loads(") + len("json.loads(") : text.rindex(")")]
    data = json.loads(ast.literal_eval(literal))
    rows: list[dict[str, Any]] = data["mapping"]["rows"]
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wheel-a", type=Path)
    ap.add_argument("--wheel-b", type=Path)
    args = ap.parse_args()

    pre = load_pre2025()
    pre_prov = {c: n for c, n in pre["provinces"]}
    pre_dist = Index([(c, n, p) for c, n, p in pre["districts"]])
    pre_comm = Index([(c, n, d) for c, n, d in pre["communes"]])
    pre_comm_prov = {c: pre_dist.parent[d] for c, _, d in pre["communes"]}
    pre_comm_in_prov = Index([(c, n, pre_comm_prov[c]) for c, n, _ in pre["communes"]])
    pre_prov_idx = Index([(c, n, "VN") for c, n in pre["provinces"]])
    new_prov = {f"{int(p.code):02d}": p.name for p in Province.iter_all()}
    new_prov_idx = Index([(c, n, "VN") for c, n in new_prov.items()])
    new_wards = Index(
        [(f"{int(w.code):05d}", w.name, f"{int(w.province_code):02d}") for w in Ward.iter_all()]
    )

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        rows_a = source_a(args.wheel_a or download(PKG_A, tmp), tmp)
        rows_b = source_b(args.wheel_b or download(PKG_B, tmp))

    def old_code(prov_name: str, dist_name: str, ward_name: str, ward_code: str | None,
                 stats: Counter[str]) -> str | None:  # fmt: skip
        pc = pre_prov_idx.find("VN", prov_name)
        dc = pre_dist.find(pc, dist_name) if pc else None
        by_name = pre_comm.find(dc, ward_name) if dc else None
        if by_name is None and pc:
            by_name = pre_comm_in_prov.find(pc, ward_name)
            if by_name is not None:
                stats["old: found by name in province (district differs)"] += 1
        if ward_code and ward_code in pre_comm.name:
            if by_name == ward_code:
                stats["old: code and name agree"] += 1
            elif by_name is None and key(pre_comm.name[ward_code]) == key(ward_name):
                stats["old: code agrees, district name differs"] += 1
                return ward_code
            else:
                stats["old: source code names another unit"] += 1
        if by_name is None:
            stats["old: not found in pre-2025 catalog"] += 1
        elif not ward_code or ward_code not in pre_comm.name:
            stats["old: found by name only"] += 1
        return by_name

    def new_code(prov_code: str | None, ward_name: str, ward_code: str | None,
                 stats: Counter[str]) -> str | None:  # fmt: skip
        found = new_wards.find(prov_code, ward_name) if prov_code else None
        if ward_code is not None:
            if found == ward_code:
                stats["new: code and name agree"] += 1
            elif ward_code in new_wards.name:
                stats["new: source code names another unit"] += 1
        if found is None:
            stats["new: not found in 2025 catalog"] += 1
        return found

    def collect(
        rows: list[dict[str, Any]], label: str, resolve: Any
    ) -> tuple[dict[str, list[str]], dict[str, str], Counter[str]]:
        stats: Counter[str] = Counter()
        out: dict[str, list[str]] = defaultdict(list)
        default: dict[str, str] = {}
        for r in rows:
            stats["rows"] += 1
            o, n, d = resolve(r, stats)
            if o is None or n is None:
                stats["rows dropped (old or new unresolved)"] += 1
                continue
            if n not in out[o]:
                out[o].append(n)
            if d:
                default.setdefault(o, n)
        print(f"source {label}: {dict(stats)}", file=sys.stderr)
        return dict(out), default, stats

    def resolve_a(r: dict[str, Any], stats: Counter[str]) -> tuple[str | None, str | None, bool]:
        if r["old"] is None or r["new"] is None:
            stats["source key missing in its own database"] += 1
            return None, None, False
        _, p, _, d, wc, w = r["old"]
        npc, nw, nwc = r["new"]
        npc = npc if npc in new_prov else new_prov_idx.find("VN", npc)
        return old_code(p, d, w, wc, stats), new_code(npc, nw, nwc, stats), r["default"]

    def resolve_b(r: dict[str, Any], stats: Counter[str]) -> tuple[str | None, str | None, bool]:
        o, n = r["old"], r["new"]
        npc = new_prov_idx.find("VN", n["province_name"])
        oc = old_code(o["province_name"], o["district_name"], o["ward_name"] or "", None, stats)
        return oc, new_code(npc, n["ward_name"], None, stats), False

    map_a, default_a, stats_a = collect(rows_a, "A", resolve_a)
    map_b, _, stats_b = collect(rows_b, "B", resolve_b)

    all_old = sorted(pre_comm.name)
    checks: dict[str, Any] = {
        "pre2025_communes": len(all_old),
        "v2025_communes": len(new_wards.name),
    }
    for label, m, stats in (("A", map_a, stats_a), ("B", map_b, stats_b)):
        bad_prov = sorted(
            o for o, ns in m.items()
            for n in ns if new_wards.parent[n] != PROVINCE_MERGERS_2025[pre_comm_prov[o]]
        )  # fmt: skip
        checks[f"source_{label}"] = {
            "package": PKG_A if label == "A" else PKG_B,
            "stats": dict(sorted(stats.items())),
            "old_communes_mapped": len(m),
            "coverage_pct": round(100 * len(m) / len(all_old), 2),
            "split_old_communes": sum(1 for ns in m.values() if len(ns) > 1),
            "new_communes_reached": len({n for ns in m.values() for n in ns}),
            "province_inconsistent_links": len(bad_prov),
            "province_inconsistent_sample": bad_prov[:10],
        }

    # Cross-check A against B on communes both map.
    both = sorted(set(map_a) & set(map_b))
    same = sum(1 for o in both if set(map_a[o]) == set(map_b[o]))
    overlap = sum(1 for o in both if set(map_a[o]) & set(map_b[o]))
    checks["cross_check_A_B"] = {
        "mapped_by_both": len(both),
        "identical_sets": same,
        "identical_pct": round(100 * same / len(both), 2) if both else None,
        "sharing_at_least_one": overlap,
        "disjoint": len(both) - overlap,
        "A_lists_more_parts": sum(1 for o in both if set(map_a[o]) > set(map_b[o])),
        "B_lists_more_parts": sum(1 for o in both if set(map_b[o]) > set(map_a[o])),
        "B_single_equals_A_primary": sum(
            1 for o in both if len(map_b[o]) == 1 and map_b[o][0] == default_a.get(o, map_a[o][0])
        ),
        "B_single": sum(1 for o in both if len(map_b[o]) == 1),
        "disjoint_sample": [
            {"old": o, "A": map_a[o], "B": map_b[o]}
            for o in both
            if not set(map_a[o]) & set(map_b[o])
        ][:10],
    }  # fmt: skip

    # Final: A, province-consistent links only; B fills communes A lacks.
    final: dict[str, list[str]] = {}
    from_b: list[str] = []
    for o in all_old:
        target = PROVINCE_MERGERS_2025[pre_comm_prov[o]]
        links = [n for n in map_a.get(o, []) if new_wards.parent[n] == target]
        if links:
            primary = default_a.get(o)
            if primary in links:
                links.remove(primary)
                links.insert(0, primary)
        else:
            links = [n for n in map_b.get(o, []) if new_wards.parent[n] == target]
            if links:
                from_b.append(o)
        if links:
            final[o] = links
    # Last resort, flagged: the GSO gives a merged commune the code of one of its predecessors
    # (true for 99 % of the links above), so an old commune that neither source knows is linked
    # to the 2025 commune with the same code in the right province, marked "inferred".
    inferred: list[str] = []
    for o in all_old:
        target = PROVINCE_MERGERS_2025[pre_comm_prov[o]]
        if o not in final and new_wards.parent.get(o) == target:
            final[o] = [o]
            inferred.append(o)
    unmapped = [o for o in all_old if o not in final]
    pred: dict[str, set[str]] = defaultdict(set)
    for o, ns in final.items():
        if o not in inferred:
            for n in ns:
                pred[n].add(o)
    checks["final"] = {
        "old_communes_mapped": len(final),
        "coverage_pct": round(100 * len(final) / len(all_old), 2),
        "split_old_communes": sum(1 for ns in final.values() if len(ns) > 1),
        "filled_from_B": len(from_b),
        "inferred_by_same_code": [
            f"{o} {pre_comm.name[o]} -> {new_wards.name[o]}" for o in inferred
        ],
        "new_code_equals_a_predecessor_code": sum(1 for n, ps in pred.items() if n in ps),
        "new_communes_with_predecessors": len(pred),
        "every_old_code_in_pre2025": all(o in pre_comm.name for o in final),
        "every_new_code_in_2025": all(n in new_wards.name for ns in final.values() for n in ns),
        "new_communes_reached": len({n for ns in final.values() for n in ns}),
        "new_communes_not_reached": [
            f"{n} {new_wards.name[n]}, {new_prov[new_wards.parent[n]]}"
            for n in sorted(set(new_wards.name) - {n for ns in final.values() for n in ns})
        ],
        "unmapped": [
            f"{o} {pre_comm.name[o]}, {pre_dist.name[pre_comm.parent[o]]}, "
            f"{pre_prov[pre_comm_prov[o]]}"
            for o in unmapped
        ],
    }
    doc = {
        "version": "pre2025->2025",
        "source": f"{PKG_A} (primary), {PKG_B} (cross-check, fallback); resolved to official "
        "codes by name within parent units; province links checked against Resolution "
        "202/2025/QH15",
        "generated_by": "libs/common/scripts/catalogs/build_commune_map.py",
        "checks": checks,
        "inferred": inferred,
        "map": final,
    }
    payload = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    with OUT.open("wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0) as gz:
        gz.write(payload)
    print(json.dumps(checks, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
