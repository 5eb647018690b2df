"""Versioned units: a unit merged in 2025 reports under its new code from the month of the
merger, and under its old code before it."""

from __future__ import annotations

from datetime import date
from functools import cache

from ansinh_common.catalogs.admin_units import (
    CatalogVersion,
    UnknownUnitError,
    find_unit,
    map_old_province_to_new,
    map_old_to_new,
    province_of,
)
from reporting.domain.model import Profile, UnitCodes

LEGAL_BASIS = (
    "Resolution 202/2025/QH15 (provinces merged, district level abolished from 1 Jul 2025) and "
    "the 2025 commune arrangement resolutions of the National Assembly Standing Committee"
)

MERGER_MONTH = date(2025, 7, 1)
"""The first month reported in the 2025 catalog (two levels, 34 provinces)."""


def uses_2025_catalog(month: date) -> bool:
    return month >= MERGER_MONTH


def unit_codes(profile: Profile, shard_province: str) -> UnitCodes:
    """Both codings of the record's commune; ``shard_province`` is the fallback province."""
    return _unit_codes(
        profile.catalog_version, profile.commune_code, profile.district_code, shard_province
    )


@cache
def _unit_codes(
    catalog_version: str, commune: str, district: str | None, shard_province: str
) -> UnitCodes:
    if catalog_version == CatalogVersion.PRE2025.value:
        return _from_pre2025(commune, district, shard_province)
    province = _province(commune, CatalogVersion.V2025) or shard_province
    return UnitCodes(
        province_2025=province,
        commune_2025=commune,
        province_pre=None,
        district_pre=None,
        commune_pre=None,
    )


def _from_pre2025(commune: str, district: str | None, shard_province: str) -> UnitCodes:
    province_pre = _province(commune, CatalogVersion.PRE2025)
    try:
        new_commune = map_old_to_new(commune).primary_code
    except UnknownUnitError:
        new_commune = None
    province_2025 = shard_province
    if province_pre is not None:
        province_2025 = map_old_province_to_new(province_pre)
    if district is None:
        unit = find_unit(commune, CatalogVersion.PRE2025)
        district = unit.parent_code if unit is not None else None
    return UnitCodes(
        province_2025=province_2025,
        commune_2025=new_commune,
        province_pre=province_pre,
        district_pre=district,
        commune_pre=commune,
    )


def _province(commune: str, version: CatalogVersion) -> str | None:
    try:
        return province_of(commune, version).code
    except (UnknownUnitError, KeyError):
        return None


def successor_2025(level: str, code: str) -> str:
    """The 2025 unit that holds a pre-2025 unit's territory (what access is checked on: the
    readers' units are in the 2025 catalog). A commune split in 2025 goes to its main
    successor; a district, to its province's successor."""
    if level == "commune":
        try:
            primary = map_old_to_new(code).primary_code
        except UnknownUnitError:
            primary = None
        if primary is not None:
            return primary
    province = _province(code, CatalogVersion.PRE2025)
    if level == "province":
        province = code
    try:
        return map_old_province_to_new(province) if province else code
    except UnknownUnitError:
        return code


def units_on(code: str, on: date, shard_province: str) -> UnitCodes:
    """Both codings of a unit named on day ``on`` in the catalog then in force (a dossier's
    commune, a poverty household's commune): a 2-digit code is a province-level unit."""
    pre = not uses_2025_catalog(on)
    if len(code) == 2:
        try:
            province_2025 = map_old_province_to_new(code) if pre else code
        except UnknownUnitError:
            province_2025 = shard_province
        return UnitCodes(
            province_2025=province_2025,
            commune_2025=None,
            province_pre=code if pre else None,
            district_pre=None,
            commune_pre=None,
        )
    version = CatalogVersion.PRE2025.value if pre else CatalogVersion.V2025.value
    return _unit_codes(version, code, None, shard_province)
