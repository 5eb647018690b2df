from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from ansinh_common.catalogs.admin_units import map_old_province_to_new
from ansinh_common.catalogs.ethnicities import get_ethnicity
from ansinh_common.catalogs.personal_id import BIRTH_PROVINCE_CODES
from ansinh_synthpop.benefits import AGE_START, decision_dates
from ansinh_synthpop.cli import main
from ansinh_synthpop.data.provinces import OLD_PROVINCES
from ansinh_synthpop.geography import communes, province_populations_2025
from ansinh_synthpop.names import person_name, strip_diacritics
from ansinh_synthpop.people import IdAllocator
from ansinh_synthpop.sampling import Weighted, apportion


def test_apportion_is_exact_and_proportional() -> None:
    assert apportion(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(apportion(1_500_000, [0.1 * i for i in range(3321)])) == 1_500_000
    assert apportion(0, [1, 2]) == [0, 0]


def test_weighted_pick_follows_weights() -> None:
    w = Weighted([("a", 3), ("b", 1)])
    rng = random.Random(1)
    n = sum(w.pick(rng) == "a" for _ in range(20_000))
    assert 0.73 < n / 20_000 < 0.77


def test_province_table_covers_the_63_and_the_34_provinces() -> None:
    assert len(OLD_PROVINCES) == 63
    assert {"0" + p.code for p in OLD_PROVINCES} == set(BIRTH_PROVINCE_CODES)
    pops = province_populations_2025()
    assert len(pops) == 34
    assert 95e6 < sum(pops.values()) < 106e6
    assert pops["79"] > pops["01"] > pops["38"]  # HCMC > Hà Nội > Thanh Hóa
    for p in OLD_PROVINCES:
        for code in p.ethnic_mix:
            get_ethnicity(code)
        new = map_old_province_to_new(p.code)
        assert (new if isinstance(new, str) else new[0]) in pops


def test_communes_have_population_and_home_provinces() -> None:
    cs = communes()
    assert len(cs) == 3321
    assert all(c.population > 0 and c.home for c in cs)
    assert 95e6 < sum(c.population for c in cs) < 106e6
    wards = [c.population for c in cs if c.urban]
    rural = [c.population for c in cs if not c.urban]
    assert sum(wards) / len(wards) > sum(rural) / len(rural)


def test_id_allocator_serials_are_unique_per_bucket() -> None:
    alloc = IdAllocator(1000, 1300)
    ids = {alloc.make("001", True, 1950) for _ in range(300)}
    assert len(ids) == 300 and alloc.overflow == 0


def test_names() -> None:
    rng = random.Random(3)
    _, mid, giv, full = person_name(rng, "01", False, 1950, "Nguyễn")
    assert full == f"Nguyễn {mid} {giv}"
    _, _, giv, full = person_name(rng, "12", True, 1980, "Niê")
    assert full.endswith("Niê") and giv.startswith("Y ")
    assert strip_diacritics("Đặng Thị Ánh Nguyệt") == "Dang Thi Anh Nguyet"


def test_cli_generate(tmp_path: Path) -> None:
    code = main(
        ["generate", "--seed", "1", "--scale", "0.0002", "--out", str(tmp_path),
         "--excel-communes", "1", "--defect-rate", "0.01", "--quiet"]
    )  # fmt: skip
    assert code == 0
    for name in ("households", "persons", "beneficiaries", "poor_households", "defects"):
        assert (tmp_path / f"{name}.csv").exists()
    assert len(list((tmp_path / "excel").rglob("*.xlsx"))) == 1


def test_5_5b_and_5_5c_start_in_the_birthday_month_however_late_the_decision() -> None:
    """Decree 20/2021 Art. 8.1.đ, as the registry's start-month rule applies it."""
    as_of = date(2025, 10, 1)
    for category, age in AGE_START.items():
        birth = date(1930 if age == 80 else 1948, 6, 21)
        for seed in range(200):
            dec, start = decision_dates(random.Random(seed), category, birth, as_of)
            assert start == (birth.year + age, birth.month)
            assert dec < as_of
    for seed in range(50):  # everyone else: the decision month
        dec, start = decision_dates(random.Random(seed), "5.5a", date(1950, 1, 1), as_of)
        assert start == (dec.year, dec.month)
