"""Administrative units (đơn vị hành chính), two versioned catalogs and the links between them.

* ``CatalogVersion.PRE2025`` — the three-level catalog in force until 30 Jun 2025: 63 provinces,
  696 districts, 10,051 communes. Source: General Statistics Office catalog as packaged by PyPI
  ``vietnam-provinces==0.6.0`` (data 2025-01-04), copied into ``data/units_pre2025.json.gz`` by
  ``libs/common/scripts/catalogs/build_units_pre2025.py``.
* ``CatalogVersion.V2025`` — the two-level catalog from 1 Jul 2025 (Resolution 202/2025/QH15 on
  merging provinces; the commune arrangement resolutions of the National Assembly Standing
  Committee, 2025): 34 provinces, 3,321 communes. Source: the installed PyPI package
  ``vietnam-provinces==2025.10.1`` (data 2025-10-18).

Codes are strings with leading zeros (province 2 digits, district 3, commune 5). The same code
can denote different units in the two catalogs, so a unit's identity is ``(version, code)``.
Every catalog has the country root ``"VN"``.

``map_old_to_new`` links a pre-2025 commune to the 2025 commune(s) that took over its territory
(see ``data/commune_map_pre2025_to_2025.json.gz`` and docs/catalogs.md for source and checks).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from ansinh_common.catalogs._resources import load_json

COUNTRY_CODE = "VN"
COUNTRY_NAME = "Việt Nam"


PROVINCE_MERGERS_LEGAL_BASIS = "Resolution 202/2025/QH15 Art. 1 (in force 12 Jun 2025)"
# Pre-2025 province code -> 2025 province code (Resolution 202/2025/QH15 Art. 1: 11 provinces
# unchanged, 52 merged into 23). The merged province keeps the code of one of its parts.
PROVINCE_MERGERS_2025: dict[str, str] = {
    "01": "01", "02": "08", "04": "04", "06": "19", "08": "08", "10": "15", "11": "11",
    "12": "12", "14": "14", "15": "15", "17": "25", "19": "19", "20": "20", "22": "22",
    "24": "24", "25": "25", "26": "25", "27": "24", "30": "31", "31": "31", "33": "33",
    "34": "33", "35": "37", "36": "37", "37": "37", "38": "38", "40": "40", "42": "42",
    "44": "44", "45": "44", "46": "46", "48": "48", "49": "48", "51": "51", "52": "52",
    "54": "66", "56": "56", "58": "56", "60": "68", "62": "51", "64": "52", "66": "66",
    "67": "68", "68": "68", "70": "75", "72": "80", "74": "79", "75": "75", "77": "79",
    "79": "79", "80": "80", "82": "82", "83": "86", "84": "86", "86": "86", "87": "82",
    "89": "91", "91": "91", "92": "92", "93": "92", "94": "92", "95": "96", "96": "96",
}  # fmt: skip


class CatalogVersion(StrEnum):
    PRE2025 = "pre2025"
    V2025 = "2025"


class Level(StrEnum):
    COUNTRY = "country"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class UnknownUnitError(KeyError):
    """A code that is not in the requested catalog version."""


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    name: str
    level: Level
    parent_code: str | None
    version: CatalogVersion

    @property
    def key(self) -> tuple[CatalogVersion, str]:
        """The identity of a unit: the same code may mean another unit in another version."""
        return (self.version, self.code)


@dataclass(frozen=True, slots=True)
class CommuneMapping:
    """Where a pre-2025 commune went in the 2025 catalog.

    ``new_codes`` lists every 2025 commune that received part of the old commune's territory
    (``split`` is true when there are several); ``primary_code`` is the main successor named by
    the source (the first of ``new_codes``). ``inferred`` marks the few links that no source
    gives and that were inferred from the GSO practice of keeping a predecessor's code (to be
    reviewed). ``new_codes`` is empty for the old communes nobody maps (see docs/catalogs.md).
    """

    old_code: str
    new_codes: tuple[str, ...]
    primary_code: str | None
    split: bool
    inferred: bool = False


class _Catalog:
    def __init__(self, version: CatalogVersion, units: list[Unit]) -> None:
        self.version = version
        self.units: dict[str, Unit] = {u.code: u for u in units}
        self.children: dict[str, list[str]] = {}
        for u in units:
            if u.parent_code is not None:
                self.children.setdefault(u.parent_code, []).append(u.code)


def _root(version: CatalogVersion) -> Unit:
    return Unit(COUNTRY_CODE, COUNTRY_NAME, Level.COUNTRY, None, version)


@cache
def _catalog(version: CatalogVersion) -> _Catalog:
    version = CatalogVersion(version)
    units = [_root(version)]
    if version is CatalogVersion.PRE2025:
        data = load_json("units_pre2025.json.gz")
        units += [Unit(c, n, Level.PROVINCE, COUNTRY_CODE, version) for c, n in data["provinces"]]
        units += [Unit(c, n, Level.DISTRICT, p, version) for c, n, p in data["districts"]]
        units += [Unit(c, n, Level.COMMUNE, d, version) for c, n, d in data["communes"]]
    else:
        from vietnam_provinces import Province, Ward

        provinces = sorted(Province.iter_all(), key=lambda p: int(p.code))
        units += [
            Unit(f"{int(p.code):02d}", p.name, Level.PROVINCE, COUNTRY_CODE, version)
            for p in provinces
        ]
        wards = sorted(Ward.iter_all(), key=lambda w: int(w.code))
        units += [
            Unit(
                f"{int(w.code):05d}", w.name, Level.COMMUNE, f"{int(w.province_code):02d}", version
            )
            for w in wards
        ]
    return _Catalog(version, units)


def find_unit(code: str, version: CatalogVersion | str) -> Unit | None:
    """The unit with this code in that catalog version, or None."""
    return _catalog(CatalogVersion(version)).units.get(code)


def get_unit(code: str, version: CatalogVersion | str) -> Unit:
    """The unit with this code in that catalog version; raises ``UnknownUnitError``."""
    unit = find_unit(code, version)
    if unit is None:
        raise UnknownUnitError(f"no unit {code!r} in catalog {CatalogVersion(version).value}")
    return unit


def units(version: CatalogVersion | str, level: Level | str | None = None) -> Iterator[Unit]:
    """All units of a catalog version (optionally of one level), in code order."""
    lvl = Level(level) if level is not None else None
    for u in _catalog(CatalogVersion(version)).units.values():
        if lvl is None or u.level is lvl:
            yield u


def children(code: str, version: CatalogVersion | str) -> tuple[Unit, ...]:
    """Direct children of a unit ("VN" → provinces → districts (pre-2025) → communes)."""
    cat = _catalog(CatalogVersion(version))
    get_unit(code, version)
    return tuple(cat.units[c] for c in cat.children.get(code, ()))


def ancestors(code: str, version: CatalogVersion | str) -> tuple[Unit, ...]:
    """The unit's ancestors, nearest first, ending with the country root "VN".

    A pre-2025 commune → (district, province, VN); a 2025 commune → (province, VN);
    "VN" → (). Raises ``UnknownUnitError`` for an unknown code.
    """
    cat = _catalog(CatalogVersion(version))
    unit = get_unit(code, version)
    out: list[Unit] = []
    while unit.parent_code is not None:
        unit = cat.units[unit.parent_code]
        out.append(unit)
    return tuple(out)


def is_within(code: str, scope_code: str, version: CatalogVersion | str) -> bool:
    """True if ``code`` is ``scope_code`` itself or lies inside it (for scope checks)."""
    if code == scope_code:
        return find_unit(code, version) is not None
    return any(a.code == scope_code for a in ancestors(code, version))


def province_of(code: str, version: CatalogVersion | str) -> Unit:
    """The province a unit belongs to (a province is its own province)."""
    unit = get_unit(code, version)
    if unit.level is Level.PROVINCE:
        return unit
    for a in ancestors(code, version):
        if a.level is Level.PROVINCE:
            return a
    raise UnknownUnitError(f"{code!r} is the country root and has no province")


@cache
def _commune_map() -> dict[str, CommuneMapping]:
    data = load_json("commune_map_pre2025_to_2025.json.gz")
    inferred = set(data.get("inferred", ()))
    out: dict[str, CommuneMapping] = {}
    for old, new in data["map"].items():
        codes = tuple(new)
        first = codes[0] if codes else None
        out[old] = CommuneMapping(old, codes, first, len(codes) > 1, old in inferred)
    return out


def map_old_to_new(old_commune_code: str) -> CommuneMapping:
    """The 2025 commune(s) a pre-2025 commune became.

    Raises ``UnknownUnitError`` if the code is not a pre-2025 commune.
    """
    unit = find_unit(old_commune_code, CatalogVersion.PRE2025)
    if unit is None or unit.level is not Level.COMMUNE:
        raise UnknownUnitError(f"{old_commune_code!r} is not a pre-2025 commune")
    found = _commune_map().get(old_commune_code)
    return found or CommuneMapping(old_commune_code, (), None, False)


def map_old_province_to_new(old_province_code: str) -> str:
    """The 2025 province a pre-2025 province became part of (whole provinces were merged)."""
    try:
        return PROVINCE_MERGERS_2025[old_province_code]
    except KeyError:
        raise UnknownUnitError(f"{old_province_code!r} is not a pre-2025 province") from None
