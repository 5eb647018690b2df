"""Generating one province: households, persons, beneficiaries, poverty records, defects.

Every commune has its own random streams derived from (seed, commune code): one for the
population, one for the injected defects, so that a run with other defect rates has the same
clean population. Duplicates come from a bounded per-province reservoir (Algorithm R) with its
own stream. Rows go straight to the sink; only one household (and the reservoir) is in
memory at a time.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ansinh_common.catalogs.disability import get_disability_level, get_disability_type
from ansinh_common.catalogs.ethnicities import get_ethnicity
from ansinh_common.catalogs.payment_channels import get_payment_channel
from ansinh_common.catalogs.personal_id import make_personal_id
from ansinh_common.catalogs.poverty_standards import standard_for_year
from ansinh_common.catalogs.standard_levels import standard_level
from ansinh_synthpop import benefits as bf
from ansinh_synthpop.data.assistance import LINKED_IN_POOR_SHARE, POOR_ONLY
from ansinh_synthpop.geography import migrant_share
from ansinh_synthpop.households import Member, generic
from ansinh_synthpop.names import family_name, person_name, strip_diacritics
from ansinh_synthpop.output import Sink
from ansinh_synthpop.people import (
    MERGER_DATE,
    IdAllocator,
    Person,
    age_on,
    birth_date,
    clamp_age,
    ethnicity_table,
    pick_birth_province,
)
from ansinh_synthpop.plan import CommunePlan, Plan
from ansinh_synthpop.sampling import Weighted, derive_rng
from ansinh_templates.beneficiary_excel import (
    CHANGE_TYPE_LABELS,
    GENDER_LABELS,
    PAYMENT_METHOD_LABELS,
    BeneficiaryWorkbookWriter,
    TitleBlock,
)

DUPLICATE_ID_BASE = 900_000  # per commune: ids of duplicates are <code> * 10^k + 900000 + n
DUPLICATE_VARIATIONS = (
    "no_diacritics",
    "drop_middle",
    "birth_jan1",
    "swap_day_month",
    "id_missing",
)


@dataclass
class Stats:
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, other: Stats) -> None:
        self.counts.update(other.counts)

    def as_dict(self) -> dict[str, int]:
        return dict(sorted(self.counts.items()))


class ProvinceGenerator:
    def __init__(self, plan: Plan, province: str, sink: Sink, excel_dir: Path | None) -> None:
        cfg = plan.config
        self.plan, self.cfg, self.province, self.sink = plan, cfg, province, sink
        self.excel_dir = excel_dir
        self.as_of = cfg.as_of
        self.stats = Stats()
        self.dup_rng = derive_rng(cfg.seed, "duplicates", province)
        self.reservoir: list[tuple[Person, list[Any] | None]] = []
        self.seen = 0
        self.standard = standard_for_year(cfg.review_year)
        self.drawer = bf.PovertyDrawer(self.standard)
        self.level = standard_level(province, self.as_of.year, self.as_of.month)
        self.p_missing = cfg.rate("missing_id")
        self.p_gender = cfg.rate("id_gender_mismatch")
        self.p_year = cfg.rate("id_year_mismatch")
        self.p_eth = cfg.rate("missing_ethnicity")
        self.p_dup = cfg.rate("duplicate")
        self.mix_dis = Weighted(sorted(plan.linked_mix_disadvantaged.items()))
        self.mix_oth = Weighted(sorted(plan.linked_mix_other.items()))
        self.mix_rest = Weighted(sorted(plan.other_mix.items()))

    # -- communes ---------------------------------------------------------------------------
    def run(self) -> Stats:
        for cp in self.plan.by_province().get(self.province, []):
            self._commune(cp)
        return self.stats

    def _commune(self, cp: CommunePlan) -> None:
        c = self.c = cp.commune
        seed = self.cfg.seed
        self.rng = derive_rng(seed, "commune", c.code)
        self.drng = derive_rng(seed, "defects", c.code)
        self.code_int = int(c.code)
        self.hh_seq = self.p_seq = self.b_seq = self.dec_seq = self.dup_seq = 0
        self.ids = IdAllocator(cp.serial_start, cp.serial_end)
        self.home = Weighted(c.home)
        self.migrant = migrant_share(c.province_code)
        self.villages = 4 + min(36, int(c.population / 1500))
        self.excel: BeneficiaryWorkbookWriter | None = None
        if cp.excel and self.excel_dir is not None:
            path = self.excel_dir / c.province_code / f"{c.code}.xlsx"
            path.parent.mkdir(parents=True, exist_ok=True)
            title = TitleBlock(c.province_name, c.name, c.code, (self.as_of.year, self.as_of.month))
            self.excel = BeneficiaryWorkbookWriter(path, title)
            self.stats.counts["excel_files"] += 1
        rng = self.rng
        linked_mix = self.mix_dis if c.disadvantaged else self.mix_oth
        for i in range(cp.poverty_households):
            if i < cp.linked_beneficiaries:
                anchor = bf.draw_anchor(rng, linked_mix.pick(rng))
                poor = anchor.category in POOR_ONLY or rng.random() < LINKED_IN_POOR_SHARE
            else:
                anchor = None
                poor = rng.random() < self.plan.poor_prob_unanchored
            self._household(anchor, poor)
        for _ in range(cp.other_beneficiaries):
            self._household(bf.draw_anchor(rng, self.mix_rest.pick(rng)), None)
        if self.excel is not None:
            self.excel.close()
        self.stats.counts["id_serial_overflow"] += self.ids.overflow

    # -- households -------------------------------------------------------------------------
    def _next_household(self) -> int:
        self.hh_seq += 1
        return self.code_int * 1_000_000 + self.hh_seq

    def _address(self, rng: random.Random) -> str:
        n = rng.randint(1, self.villages)
        return f"Tổ dân phố {n}" if self.c.urban else f"Thôn {n}"

    def _household(self, anchor: bf.Anchor | None, poor: bool | None) -> None:
        rng, c, counts = self.rng, self.c, self.stats.counts
        if anchor is not None:
            members, idx = bf.household_for(rng, anchor)
        else:
            members, idx = generic(rng), -1
        hh_id = self._next_household()
        persons = self._persons(members, hh_id, anchor, idx)
        address = self.address = self._address(rng)
        self.sink.household(
            [hh_id, c.code, c.province_code, address, c.area,
             persons[0].person_id, len(persons)]
        )  # fmt: skip
        write = self.sink.person
        for p in persons:
            write(_person_row(p, c.code))
        counts["households"] += 1
        counts["persons"] += len(persons)
        ben: list[Any] | None = None
        if anchor is not None:
            ben = self._beneficiary(anchor, persons, members, idx, hh_id)
        if poor is not None:
            area = c.area
            income, deprived = self.drawer.draw(rng, area, poor)
            cls = "poor" if poor else "near_poor"
            self.sink.poor(
                [hh_id, c.code, self.cfg.review_year, self.standard.code, area, cls, income,
                 len(deprived), "{" + ",".join(deprived) + "}"]
            )  # fmt: skip
            counts[f"households_{cls}"] += 1
        self._reservoir_and_duplicates(persons, idx, ben)

    def _persons(
        self, members: list[Member], hh_id: int, anchor: bf.Anchor | None, idx: int
    ) -> list[Person]:
        rng, c, as_of = self.rng, self.c, self.as_of
        head = members[0]
        head_bp = pick_birth_province(rng, self.home, self.migrant)
        table = ethnicity_table(head_bp, c.urban)
        eth = table.pick(rng)
        south = c.south
        head_family = family_name(rng, eth, south)
        spouse = next((m for m in members if m.relation == "spouse"), None)
        spouse_family = family_name(rng, eth, south) if spouse is not None else head_family
        paternal = head_family if head.male or spouse is None else spouse_family
        new_code = "0" + c.province_code
        out: list[Person] = []
        for i, m in enumerate(members):
            rel = m.relation
            if rel == "head":
                fam, bp = head_family, head_bp
            elif rel == "spouse":
                fam, bp = spouse_family, pick_birth_province(rng, self.home, self.migrant)
            elif rel in ("child", "grandchild"):
                fam, bp = paternal, self.home.pick(rng)
            elif rel == "parent":
                fam = head_family if m.male else family_name(rng, eth, south)
                bp = head_bp
            else:
                fam, bp = (
                    family_name(rng, eth, south),
                    pick_birth_province(rng, self.home, self.migrant),
                )
            e = eth if rel not in ("spouse", "other") or rng.random() < 0.9 else table.pick(rng)
            born = birth_date(as_of, m.age)
            if i == idx and anchor is not None:
                born = clamp_age(born, as_of, anchor.lo, anchor.hi)
            bp3 = new_code if born >= MERGER_DATE else "0" + bp
            family, middle, given, full = person_name(rng, e, m.male, born.year, fam)
            pid = self.ids.make(bp3, m.male, born.year)
            self.p_seq += 1
            person = Person(
                self.code_int * 10_000_000 + self.p_seq, hh_id, rel, family, middle, given,
                full, m.male, born, e, pid, bp3,
            )  # fmt: skip
            self._defects(person)
            out.append(person)
        return out

    def _defects(self, p: Person) -> None:
        d = self.drng
        u = d.random()
        kind = ""
        if u < self.p_missing:
            kind, detail, p.personal_id = "missing_id", "", ""
        elif u < self.p_missing + self.p_gender:
            digit = int(p.personal_id[3]) ^ 1
            p.personal_id = f"{p.personal_id[:3]}{digit}{p.personal_id[4:]}"
            kind, detail = "id_gender_mismatch", "ID gender digit flipped"
        elif u < self.p_missing + self.p_gender + self.p_year:
            year = p.birth.year
            delta = d.choice((-3, -2, -1, 1, 2, 3))
            wrong = year + delta if year + delta <= self.as_of.year else year - abs(delta)
            gender = "male" if p.male else "female"
            p.personal_id = make_personal_id(p.birth_province, gender, wrong, p.personal_id[6:])
            kind, detail = "id_year_mismatch", f"ID year {wrong}, born {year}"
        if kind:
            self.sink.defect(["person", p.person_id, kind, detail])
            self.stats.counts[f"defect_{kind}"] += 1
        if d.random() < self.p_eth:
            p.ethnicity = ""
            self.sink.defect(["person", p.person_id, "missing_ethnicity", ""])
            self.stats.counts["defect_missing_ethnicity"] += 1

    # -- beneficiaries ----------------------------------------------------------------------
    def _beneficiary(
        self, anchor: bf.Anchor, persons: list[Person], members: list[Member], idx: int,
        hh_id: int,
    ) -> list[Any]:  # fmt: skip
        rng, c, as_of = self.rng, self.c, self.as_of
        p = persons[idx]
        cat = anchor.category
        cond = bf.coefficient_condition(anchor, age_on(p.birth, as_of))
        k = bf.coef(cat, cond)
        if cat == "5.4":
            k = k * bf.children_counted_for_5_4(members, [q.birth for q in persons], as_of)
        amount = int((self.level * k).to_integral_value(ROUND_HALF_UP))
        dec, start = bf.decision_dates(rng, cat, p.birth, as_of)
        self.dec_seq += 1
        channel, account = bf.payment(rng, self.cfg.account_share)
        change = "new" if (as_of - dec).days <= bf.NEW_CHANGE_DAYS else ""
        effective = date(start[0], start[1], 1).isoformat() if change else ""
        self.b_seq += 1
        row = [
            self.code_int * 1_000_000 + self.b_seq, p.person_id, hh_id, c.code, cat, cond,
            str(k), self.level, amount, anchor.disability_type, anchor.disability_level,
            f"{self.dec_seq}/QĐ-UBND", dec.isoformat(),
            bf.authority(dec, MERGER_DATE, c.name, c.district_name),
            f"{start[0]:04d}-{start[1]:02d}", channel, account, change, effective,
        ]  # fmt: skip
        self._write_beneficiary(row, p, hh_id)
        return row

    def _write_beneficiary(self, row: list[Any], p: Person, hh_id: int) -> None:
        self.sink.beneficiary(row)
        counts = self.stats.counts
        counts["beneficiaries"] += 1
        counts[f"category_{row[4]}"] += 1
        if row[16]:
            counts["beneficiaries_with_account"] += 1
        if self.excel is not None:
            self.excel.write_row(self._excel_row(row, p))
            counts["excel_rows"] += 1

    def _excel_row(self, row: list[Any], p: Person) -> dict[str, Any]:
        c = self.c
        channel = row[15]
        kind = bf.channel_kind(channel)
        y, m = (int(x) for x in row[14].split("-"))
        # The file is the commune's first fill of the list being paid (Excel cycle steps 1-2):
        # no "Mã đối tượng" yet; the registry assigns record codes when it loads the file, and
        # its own exports carry them from then on. beneficiaries.csv keeps the synthetic id.
        return {
            "beneficiary_code": None,
            "full_name": p.full,
            "birth_date": p.birth,
            "gender": GENDER_LABELS["male" if p.male else "female"],
            "personal_id": p.personal_id,
            "ethnicity": get_ethnicity(p.ethnicity).name if p.ethnicity else "",
            "address": self.address,
            "commune_name": c.name,
            "commune_code": c.code,
            "category": row[4],
            "coefficient": Decimal(row[6]),
            "monthly_amount": row[8],
            "disability_type": get_disability_type(row[9]).name if row[9] else "",
            "disability_level": get_disability_level(row[10]).name if row[10] else "",
            "decision_number": row[11],
            "decision_date": date.fromisoformat(row[12]),
            "decision_authority": row[13],
            "start_month": (y, m),
            "payment_method": PAYMENT_METHOD_LABELS[kind],
            "account_number": row[16],
            "account_provider": get_payment_channel(channel).name if row[16] else "",
            "change_type": CHANGE_TYPE_LABELS[row[17]] if row[17] else "",
            "effective_date": date.fromisoformat(row[18]) if row[18] else None,
        }

    # -- duplicates -------------------------------------------------------------------------
    def _reservoir_and_duplicates(
        self, persons: list[Person], idx: int, ben: list[Any] | None
    ) -> None:
        d, res, size = self.dup_rng, self.reservoir, self.cfg.reservoir_size
        pending = 0
        for i, p in enumerate(persons):
            self.seen += 1
            entry = (p, ben if i == idx else None)
            if len(res) < size:
                res.append(entry)
            else:
                j = d.randrange(self.seen)
                if j < size:
                    res[j] = entry
            if d.random() < self.p_dup:
                pending += 1
        for _ in range(pending):
            self._duplicate(*res[d.randrange(len(res))])

    def _duplicate(self, orig: Person, ben: list[Any] | None) -> None:
        d, c = self.dup_rng, self.c
        variations = d.sample(DUPLICATE_VARIATIONS, d.choice((1, 1, 2)))
        family, middle, given, full = orig.family, orig.middle, orig.given, orig.full
        born, pid = orig.birth, orig.personal_id
        applied = []
        for v in variations:
            if v == "no_diacritics" and strip_diacritics(full) != full:
                family, middle, given, full = (
                    strip_diacritics(x) for x in (family, middle, given, full)
                )
            elif v == "drop_middle" and middle:
                full = (
                    " ".join(x for x in (family, given) if x) if full.startswith(family) else full
                )
                middle = ""
            elif v == "birth_jan1" and (born.month, born.day) != (1, 1):
                born = date(born.year, 1, 1)
            elif v == "swap_day_month" and born.day <= 12 and born.day != born.month:
                born = date(born.year, born.day, born.month)
            elif v == "id_missing" and pid:
                pid = ""
            else:
                continue
            applied.append(v)
        # duplicates number from DUPLICATE_ID_BASE so that the other ids do not depend on them
        self.dup_seq += 1
        n = DUPLICATE_ID_BASE + self.dup_seq
        hh_id = self.code_int * 1_000_000 + n
        address = self.address = self._address(d)
        dup = Person(
            self.code_int * 10_000_000 + n, hh_id, "head", family, middle, given, full,
            orig.male, born, orig.ethnicity, pid, orig.birth_province,
        )  # fmt: skip
        self.sink.household([hh_id, c.code, c.province_code, address, c.area, dup.person_id, 1])
        self.sink.person(_person_row(dup, c.code))
        detail = f"of person {orig.person_id}" + (f"; {', '.join(applied)}" if applied else "")
        self.sink.defect(["person", dup.person_id, "duplicate", detail])
        counts = self.stats.counts
        counts["households"] += 1
        counts["persons"] += 1
        counts["defect_duplicate"] += 1
        if ben is not None:
            row = [self.code_int * 1_000_000 + n, dup.person_id, hh_id, c.code, *ben[4:]]
            self._write_beneficiary(row, dup, hh_id)
            counts["duplicate_beneficiaries"] += 1


def _person_row(p: Person, commune: str) -> list[Any]:
    return [
        p.person_id, p.household_id, commune, p.relation, p.family, p.middle, p.given, p.full,
        "male" if p.male else "female", p.birth.isoformat(), p.ethnicity, p.personal_id,
        p.birth_province,
    ]  # fmt: skip
