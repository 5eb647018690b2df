from __future__ import annotations

import pytest

from ansinh_common.catalogs import admin_units as au
from ansinh_common.catalogs.admin_units import CatalogVersion, Level


def test_counts() -> None:
    assert len(list(au.units("2025", Level.PROVINCE))) == 34
    assert 3200 <= len(list(au.units("2025", Level.COMMUNE))) <= 3400
    assert len(list(au.units("pre2025", "province"))) == 63
    assert len(list(au.units("pre2025", "district"))) == 696
    assert len(list(au.units("pre2025", "commune"))) == 10051


def test_codes_are_zero_padded_strings() -> None:
    for version in CatalogVersion:
        for u in au.units(version):
            width = {"country": 2, "province": 2, "district": 3, "commune": 5}[u.level]
            assert len(u.code) == width


def test_commune_resolves_to_province_in_both_catalogs() -> None:
    # Pre-2025: Phường Phúc Xá, Quận Ba Đình, Hà Nội.
    assert au.province_of("00001", "pre2025").code == "01"
    assert [a.code for a in au.ancestors("00001", "pre2025")] == ["001", "01", "VN"]
    # 2025: Phường Hồng Hà, Hà Nội (no district level).
    assert au.province_of("00097", "2025").code == "01"
    assert [a.code for a in au.ancestors("00097", "2025")] == ["01", "VN"]
    assert au.ancestors("VN", "2025") == ()


def test_same_code_different_unit_per_version() -> None:
    old, new = au.get_unit("00001", "pre2025"), au.get_unit("00004", "2025")
    assert old.key != new.key
    assert au.get_unit("89", "pre2025").name.endswith("An Giang")
    assert au.find_unit("89", "2025") is None


def test_children_and_scope() -> None:
    assert len(au.children("VN", "2025")) == 34
    assert all(c.level is Level.COMMUNE for c in au.children("01", "2025"))
    assert all(c.level is Level.DISTRICT for c in au.children("01", "pre2025"))
    assert au.is_within("00001", "01", "pre2025")
    assert au.is_within("00001", "VN", "pre2025")
    assert not au.is_within("00001", "79", "pre2025")
    assert au.is_within("01", "01", "2025")


def test_unknown_code_raises() -> None:
    with pytest.raises(au.UnknownUnitError):
        au.get_unit("99999", "2025")
    with pytest.raises(au.UnknownUnitError):
        au.map_old_to_new("01")


def test_old_commune_maps_to_new() -> None:
    m = au.map_old_to_new("00001")  # Phúc Xá -> Phường Hồng Hà
    assert m.new_codes == ("00097",) and not m.split
    assert au.get_unit("00097", "2025").name == "Phường Hồng Hà"


def test_mapping_is_consistent_with_catalogs_and_provinces() -> None:
    mapped = split = 0
    for u in au.units("pre2025", "commune"):
        m = au.map_old_to_new(u.code)
        if not m.new_codes:
            continue
        mapped += 1
        split += m.split
        target = au.map_old_province_to_new(au.province_of(u.code, "pre2025").code)
        for n in m.new_codes:
            assert au.province_of(n, "2025").code == target
    assert mapped >= 10000
    assert split > 100


def test_province_mergers() -> None:
    assert len(au.PROVINCE_MERGERS_2025) == 63
    assert set(au.PROVINCE_MERGERS_2025.values()) == {u.code for u in au.units("2025", "province")}
    assert au.map_old_province_to_new("89") == "91"  # An Giang + Kiên Giang -> An Giang (91)
    assert au.map_old_province_to_new("02") == "08"  # Hà Giang -> Tuyên Quang
