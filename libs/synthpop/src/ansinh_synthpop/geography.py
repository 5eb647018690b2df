"""Communes of 2025 with estimated populations, and their links to the pre-2025 provinces.

There is no per-commune population in the catalogs. A commune's population is estimated by
spreading each pre-2025 province's population (``data.provinces``) over the 2025 communes
that took over its old communes (``map_old_to_new``), weighted by

* the number of old communes merged into it (the arrangement merged ~3 old communes into one;
  more merged → larger),
* ``URBAN_WEIGHT`` for wards (phường) and special zones (đặc khu) against communes (xã),
* a fixed jitter in [0.6, 1.4) from the commune code (seed-independent: geography does not
  change with the seed).

The same mapping gives each 2025 commune its "home" pre-2025 province(s) (where local people
were born and registered) and its former district (the deciding level before 1 Jul 2025).
A rural commune is "especially disadvantaged" (the condition of groups 5.5b and 5.7) with a
probability that grows with the ethnic-minority share of its home province — an
approximation of the government's list of especially disadvantaged communes, which is not in
the catalogs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from ansinh_common.catalogs.admin_units import (
    CatalogVersion,
    Level,
    ancestors,
    get_unit,
    map_old_province_to_new,
    map_old_to_new,
    units,
)
from ansinh_synthpop.data.provinces import OLD_PROVINCE_BY_CODE, OLD_PROVINCES
from ansinh_synthpop.sampling import stable_uniform

URBAN_WEIGHT = {"phường": 2.5, "xã": 1.0, "đặc khu": 0.7}
MIGRANT_SHARE = {"79": 0.30, "01": 0.20, "75": 0.20, "24": 0.15, "31": 0.12, "48": 0.15}
DEFAULT_MIGRANT_SHARE = 0.06


@dataclass(frozen=True, slots=True)
class Commune:
    code: str
    name: str
    province_code: str  # 2025 province
    province_name: str
    kind: str  # "xã" | "phường" | "đặc khu"
    urban: bool
    disadvantaged: bool
    home: tuple[tuple[str, float], ...]  # pre-2025 province codes and weights
    district_name: str | None  # main pre-2025 district (deciding body before 1 Jul 2025)
    population: float  # estimated

    @property
    def area(self) -> str:
        return "urban" if self.urban else "rural"

    @property
    def south(self) -> bool:
        return OLD_PROVINCE_BY_CODE[self.home[0][0]].south

    @property
    def minority_share(self) -> float:
        total = sum(w for _, w in self.home)
        return sum(w * _minority_share(p) for p, w in self.home) / total

    @property
    def poverty_pct(self) -> float:
        total = sum(w for _, w in self.home)
        return sum(w * OLD_PROVINCE_BY_CODE[p].poverty_pct for p, w in self.home) / total


def _minority_share(old_code: str) -> float:
    mix = OLD_PROVINCE_BY_CODE[old_code].ethnic_mix
    total = sum(mix.values()) or 1.0
    return 1.0 - mix.get("01", total) / total


def _kind(name: str) -> str:
    low = name.lower()
    for k in ("phường", "đặc khu"):
        if low.startswith(k):
            return k
    return "xã"


def _new_province(old_code: str) -> str:
    got: str | tuple[str, ...] = map_old_province_to_new(old_code)
    return got if isinstance(got, str) else got[0]


def province_display_name(code: str) -> str:
    """ "Thành phố Hà Nội" stays; "Lào Cai" → "Tỉnh Lào Cai"."""
    name = get_unit(code, CatalogVersion.V2025).name
    return name if name.lower().startswith(("thành phố", "tỉnh")) else f"Tỉnh {name}"


@cache
def communes() -> tuple[Commune, ...]:
    """All 2025 communes in code order, with the estimates described in the module docstring."""
    # new commune → weights of the old provinces / districts it took communes from
    merged: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    districts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for old in units(CatalogVersion.PRE2025, Level.COMMUNE):
        m = map_old_to_new(old.code)
        if not m.new_codes:
            continue
        district, province = ancestors(old.code, CatalogVersion.PRE2025)[:2]
        share = 1.0 / len(m.new_codes)
        for new in m.new_codes:
            merged[new][province.code] += share
            districts[new][district.name] += share
    olds_of_new: dict[str, list[str]] = defaultdict(list)
    for op in OLD_PROVINCES:
        olds_of_new[_new_province(op.code)].append(op.code)

    raw: list[tuple[str, str, str, str, dict[str, float], float]] = []
    for u in units(CatalogVersion.V2025, Level.COMMUNE):
        prov = u.parent_code or ""
        kind = _kind(u.name)
        home = dict(merged.get(u.code) or {c: 1.0 for c in olds_of_new[prov]})
        weight = (
            sum(home.values())
            * URBAN_WEIGHT[kind]
            * (0.6 + 0.8 * stable_uniform("commune-size", u.code))
        )
        raw.append((u.code, u.name, prov, kind, home, weight))

    # population of each old province spread over new communes by weight × its share
    old_weight: dict[str, float] = defaultdict(float)
    for _, _, _, _, home, weight in raw:
        total = sum(home.values())
        for p, w in home.items():
            old_weight[p] += weight * w / total
    out: list[Commune] = []
    for code, name, prov, kind, home, weight in raw:
        total = sum(home.values())
        pop = sum(
            OLD_PROVINCE_BY_CODE[p].population_k * 1000 * (weight * w / total) / old_weight[p]
            for p, w in home.items()
        )
        home_t = tuple(sorted(home.items(), key=lambda kv: (-kv[1], kv[0])))
        urban = kind == "phường"
        dist = districts.get(code)
        minority = sum(w * _minority_share(p) for p, w in home_t) / total
        disadvantaged = (not urban) and stable_uniform("disadvantaged", code) < min(
            0.95, 1.3 * minority
        )
        out.append(
            Commune(
                code,
                name,
                prov,
                province_display_name(prov),
                kind,
                urban,
                disadvantaged,
                home_t,
                max(dist, key=lambda k: (dist[k], k)) if dist else None,
                pop,
            )
        )
    return tuple(out)


def province_populations_2025() -> dict[str, int]:
    """Estimated 2025-province populations (sum of their pre-2025 provinces, ~2024)."""
    out: Counter[str] = Counter()
    for p in OLD_PROVINCES:
        out[_new_province(p.code)] += p.population_k * 1000
    return dict(sorted(out.items()))


def migrant_share(province_code: str) -> float:
    return MIGRANT_SHARE.get(province_code, DEFAULT_MIGRANT_SHARE)
