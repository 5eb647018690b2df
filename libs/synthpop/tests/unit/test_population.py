"""Content checks on a small generated population (see conftest.SCALE)."""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ansinh_common.catalogs.admin_units import CatalogVersion, get_unit
from ansinh_common.catalogs.assistance_categories import coefficient
from ansinh_common.catalogs.disability import get_disability_level, get_disability_type
from ansinh_common.catalogs.ethnicities import get_ethnicity
from ansinh_common.catalogs.payment_channels import get_payment_channel
from ansinh_common.catalogs.personal_id import check_consistency, decode
from ansinh_common.catalogs.poverty_standards import standard_for_year
from ansinh_synthpop import Config
from ansinh_synthpop.benefits import AGE_RANGE, AGE_START
from ansinh_synthpop.data.assistance import CATEGORY_SHARES, POOR_ONLY, POOR_OR_NEAR_POOR
from ansinh_synthpop.data.poverty import POOR_SHARE
from ansinh_synthpop.people import age_on

Gen = tuple[Config, Path, dict[str, Any]]
DEFECT_RATE = 0.03  # conftest.small_config


def rows(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _defects(out: Path) -> dict[str, dict[str, str]]:
    """person_id → {defect kind: detail}."""
    found: dict[str, dict[str, str]] = {}
    for r in rows(out / "defects.csv"):
        found.setdefault(r["record_id"], {})[r["defect"]] = r["detail"]
    return found


def _within(observed: int, n: int, p: float, sigmas: float = 5.0) -> bool:
    sd = math.sqrt(n * p * (1 - p))
    return abs(observed - n * p) <= sigmas * sd + 1


def test_totals_are_exact(generated: Gen) -> None:
    cfg, out, m = generated
    c = m["counts"]
    assert c["beneficiaries"] - c["duplicate_beneficiaries"] == cfg.beneficiaries == 6600
    assert c["households_poor"] + c["households_near_poor"] == cfg.poverty_households == 3000
    for name, spec in m["files"].items():
        if "rows" in spec:
            assert sum(1 for _ in rows(out / name)) == spec["rows"], name


def test_ids_agree_with_gender_birth_year_and_province_except_injected(generated: Gen) -> None:
    _, out, _ = generated
    defects = _defects(out)
    seen: Counter[str] = Counter()
    checked = 0
    for p in rows(out / "persons.csv"):
        d = defects.get(p["person_id"], {})
        pid = p["personal_id"]
        if "duplicate" in d:
            continue
        if "missing_id" in d:
            assert pid == ""
            continue
        birth = date.fromisoformat(p["birth_date"])
        findings = {f.code for f in check_consistency(pid, p["gender"], birth.year)}
        if "id_gender_mismatch" in d:
            assert findings == {"gender_mismatch"}
        elif "id_year_mismatch" in d:
            assert findings == {"birth_year_mismatch"}
        else:
            assert findings == set(), (p, findings)
            assert decode(pid).province_code == p["birth_province_code"]
            seen[pid] += 1
            checked += 1
    assert checked > 20_000
    assert max(seen.values()) == 1  # unique


def test_births_after_the_merger_use_the_2025_province(generated: Gen) -> None:
    _, out, _ = generated
    province_of_commune = {
        r["commune_code"]: r["province_code"] for r in rows(out / "communes.csv")
    }
    n = 0
    for p in rows(out / "persons.csv"):
        if p["birth_date"] >= "2025-07-01":
            assert p["birth_province_code"] == "0" + province_of_commune[p["commune_code"]]
            n += 1
    assert n > 0


def test_defect_rates_within_tolerance(generated: Gen) -> None:
    _, _, m = generated
    c = m["counts"]
    persons = c["persons"] - c["defect_duplicate"]
    for kind in ("missing_id", "id_gender_mismatch", "id_year_mismatch", "missing_ethnicity"):
        assert _within(c[f"defect_{kind}"], persons, DEFECT_RATE), kind
    assert _within(c["defect_duplicate"], persons, DEFECT_RATE)


def test_duplicates_are_variations_of_a_real_person(generated: Gen) -> None:
    _, out, _ = generated
    defects = _defects(out)
    dup_of = {
        pid: d["duplicate"].split(";")[0].removeprefix("of person ")
        for pid, d in defects.items()
        if "duplicate" in d
    }
    wanted = set(dup_of) | set(dup_of.values())
    people = {p["person_id"]: p for p in rows(out / "persons.csv") if p["person_id"] in wanted}
    assert len(dup_of) > 100
    for dup, orig in dup_of.items():
        a, b = people[dup], people[orig]
        assert a["gender"] == b["gender"]
        assert a["birth_date"][:4] == b["birth_date"][:4]
        assert a["given_name"] and a["family_name"]


def test_category_proportions_roughly_as_configured(generated: Gen) -> None:
    _, _, m = generated
    c = m["counts"]
    n = c["beneficiaries"]
    total = sum(CATEGORY_SHARES.values())
    for cat, share in CATEGORY_SHARES.items():
        p = share / total
        assert _within(c.get(f"category_{cat}", 0), n, p, sigmas=6), cat
    elderly = sum(v for k, v in c.items() if k.startswith("category_5.5")) / n
    assert 0.54 < elderly < 0.60
    assert 0.33 < c["category_5.6"] / n < 0.39


def test_account_share_and_poor_share(generated: Gen) -> None:
    cfg, _, m = generated
    c = m["counts"]
    assert _within(c["beneficiaries_with_account"], c["beneficiaries"], cfg.account_share)
    pov = c["households_poor"] + c["households_near_poor"]
    assert abs(c["households_poor"] / pov - POOR_SHARE) < 0.05


def test_poverty_records_consistent_with_the_standard(generated: Gen) -> None:
    cfg, out, _ = generated
    st = standard_for_year(cfg.review_year)
    codes = [i.code for i in st.indicators]
    for r in rows(out / "poor_households.csv"):
        deprived = r["deprived_indicators"].strip("{}")
        ind = deprived.split(",") if deprived else []
        assert r["standard_code"] == st.code
        assert len(ind) == int(r["deprivation_count"]) == len(set(ind))
        assert all(i in codes for i in ind)
        income = int(r["income_per_capita"])
        assert st.classify(r["area"], income, len(ind)).value == r["classification"]
        line = st.income[r["area"]].poor  # type: ignore[index]
        if r["classification"] == "poor":
            assert income <= line and len(ind) >= st.deprivation_threshold
        else:
            assert income <= line and len(ind) < st.deprivation_threshold


def test_beneficiaries_consistent_with_decree_20(generated: Gen) -> None:
    cfg, out, _ = generated
    defects = _defects(out)
    poverty = {r["household_id"]: r["classification"] for r in rows(out / "poor_households.csv")}
    persons: dict[str, dict[str, str]] = {}
    beneficiary_ids = {b["person_id"] for b in rows(out / "beneficiaries.csv")}
    for p in rows(out / "persons.csv"):
        if p["person_id"] in beneficiary_ids:
            persons[p["person_id"]] = p
    for b in rows(out / "beneficiaries.csv"):
        cat = b["category_code"]
        coef = Decimal(b["coefficient"])
        base = coefficient(cat, b["coefficient_condition"])
        assert coef % base == 0 if cat == "5.4" else coef == base
        assert int(b["monthly_amount"]) == int(b["standard_level"]) * coef
        assert int(b["standard_level"]) >= 500_000
        get_payment_channel(b["payment_channel_code"])
        needs = get_payment_channel(b["payment_channel_code"]).needs_account
        assert bool(b["account_number"]) == needs
        assert b["decision_date"] < cfg.as_of.isoformat()
        # 5.5b/5.5c: the birthday month, which a decision may precede (checked below)
        assert b["start_month"] <= b["decision_date"][:7] or cat in AGE_START
        if cat == "5.6":
            get_disability_type(b["disability_type_code"])
            assert get_disability_level(b["disability_level_code"]).key in (
                "especially_severe", "severe",
            )  # fmt: skip
        else:
            assert b["disability_type_code"] == b["disability_level_code"] == ""
        if "duplicate" in defects.get(b["person_id"], {}):
            continue
        p = persons[b["person_id"]]
        birth = date.fromisoformat(p["birth_date"])
        age = age_on(birth, cfg.as_of)
        if cat in AGE_START:  # Decree 20/2021 Art. 8.1.đ: from the month of turning 75 / 80
            assert b["start_month"] == f"{birth.year + AGE_START[cat]:04d}-{birth.month:02d}"
        if cat in AGE_RANGE:
            lo, hi = AGE_RANGE[cat]
            assert lo <= age <= hi, (cat, age)
        if cat in POOR_ONLY:
            assert poverty[b["household_id"]] == "poor"
        elif cat in POOR_OR_NEAR_POOR:
            assert poverty[b["household_id"]] in ("poor", "near_poor")


def test_codes_exist_in_the_catalogs(generated: Gen) -> None:
    _, out, _ = generated
    for r in rows(out / "households.csv"):
        assert get_unit(r["commune_code"], CatalogVersion.V2025).parent_code == r["province_code"]
    ethnic: Counter[str] = Counter()
    for p in rows(out / "persons.csv"):
        if p["ethnicity_code"]:
            get_ethnicity(p["ethnicity_code"])
            ethnic[p["ethnicity_code"]] += 1
    assert ethnic.most_common(1)[0][0] == "01"  # Kinh
    assert {"02", "03", "08", "05"} <= ethnic.keys()  # Tày, Thái, HMông, Khơ-me


def test_family_names_follow_the_frequency_table(generated: Gen) -> None:
    _, out, _ = generated
    fam: Counter[str] = Counter()
    n = 0
    for p in rows(out / "persons.csv"):
        if p["ethnicity_code"] == "01":
            fam[p["family_name"]] += 1
            n += 1
    assert fam.most_common(1)[0][0] == "Nguyễn"
    assert 0.30 < fam["Nguyễn"] / n < 0.46
    assert fam["Trần"] > fam["Đỗ"]
