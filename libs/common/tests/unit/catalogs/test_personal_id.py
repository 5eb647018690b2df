from __future__ import annotations

import pytest

from ansinh_common.catalogs import personal_id as pid
from ansinh_common.catalogs.admin_units import units


def test_decode_gender_century_year() -> None:
    d = pid.decode("001 3 05 123456")
    assert d.ok and d.kind is pid.IdKind.PERSONAL_ID
    assert d.province_code == "001" and d.province_name == "Hà Nội"
    assert d.gender is pid.Gender.FEMALE and d.century == 2000 and d.birth_year == 2005
    m = pid.decode("079090000001")
    assert m.gender is pid.Gender.MALE and m.birth_year == 1990


def test_make_round_trip() -> None:
    for prov, gender, year in [
        ("001", "male", 1955),
        ("96", "female", 2010),
        ("038", "male", 2100),
    ]:
        n = pid.make_personal_id(prov, gender, year, 42)
        d = pid.decode(n)
        assert d.ok and d.gender == gender and d.birth_year == year
        assert d.province_code == prov.zfill(3) and d.serial == "000042"


def test_bad_input_is_reported_not_raised() -> None:
    assert pid.decode("12345").kind is pid.IdKind.INVALID
    assert not pid.decode("003012345678").ok  # 003 is not a province code
    assert pid.decode("123456789").kind is pid.IdKind.LEGACY_CMND
    with pytest.raises(ValueError):
        pid.make_personal_id("003", "male", 1990, 1)


def test_consistency_findings() -> None:
    n = pid.make_personal_id("001", "male", 1980, 7)
    assert pid.check_consistency(n, "male", 1980) == ()
    codes = {f.code for f in pid.check_consistency(n, "female", 1981)}
    assert codes == {"gender_mismatch", "birth_year_mismatch"}
    assert pid.check_consistency("123456789")[0].code == "legacy"


def test_province_table_matches_pre2025_catalog() -> None:
    assert len(pid.BIRTH_PROVINCE_CODES) == 63
    assert {c[1:] for c in pid.BIRTH_PROVINCE_CODES} == {
        u.code for u in units("pre2025", "province")
    }
