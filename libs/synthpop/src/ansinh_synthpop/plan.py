"""The national plan: how many of what each commune gets, fixed before any row is made.

Totals are exact at every scale (largest-remainder apportionment):

* poor + near-poor households → communes by population × poverty rate of the home province
  × (``URBAN_POVERTY_FACTOR`` in wards) × (``DISADVANTAGED_POVERTY_FACTOR``);
* beneficiaries of the poverty-linked groups (5.3, 5.4, 5.5a, 5.5b, 5.5d, 5.7, 5.8) → the
  communes' poverty households (one such beneficiary per household at most);
* the other beneficiaries (5.5c, 5.6, 5.1, 5.2) → communes by population.

Also fixed here, so that every worker agrees: the category mix of linked beneficiaries in
disadvantaged and other communes (5.5b and 5.7 exist only in disadvantaged communes; their
weight there is raised so that the national shares match ``CATEGORY_SHARES``), the
probability that a poverty household is poor, each commune's range of ID serials, and the
communes that get an Excel file.
"""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_synthpop.config import Config
from ansinh_synthpop.data.assistance import (
    CATEGORY_SHARES,
    DISADVANTAGED_ONLY,
    LINKED_IN_POOR_SHARE,
    POOR_ONLY,
    POVERTY_LINKED,
)
from ansinh_synthpop.data.poverty import POOR_SHARE
from ansinh_synthpop.geography import Commune, communes
from ansinh_synthpop.sampling import apportion, derive_rng

URBAN_POVERTY_FACTOR = 0.35
DISADVANTAGED_POVERTY_FACTOR = 1.6
SERIAL_SPACE = 1_000_000


@dataclass(frozen=True, slots=True)
class CommunePlan:
    commune: Commune
    poverty_households: int
    linked_beneficiaries: int
    other_beneficiaries: int
    serial_start: int  # this commune's ID serials: [serial_start, serial_end)
    serial_end: int
    excel: bool

    @property
    def beneficiaries(self) -> int:
        return self.linked_beneficiaries + self.other_beneficiaries


@dataclass(frozen=True, slots=True)
class Plan:
    config: Config
    communes: tuple[CommunePlan, ...]
    linked_mix_disadvantaged: dict[str, float]
    linked_mix_other: dict[str, float]
    other_mix: dict[str, float]
    poor_prob_unanchored: float  # P(poor) for a poverty household without a linked anchor

    def by_province(self) -> dict[str, list[CommunePlan]]:
        out: dict[str, list[CommunePlan]] = {}
        for cp in self.communes:
            out.setdefault(cp.commune.province_code, []).append(cp)
        return out


def _linked_mixes(disadvantaged_share: float) -> tuple[dict[str, float], dict[str, float]]:
    """Category mixes of linked beneficiaries in disadvantaged / other communes."""
    linked = {k: v for k, v in CATEGORY_SHARES.items() if k in POVERTY_LINKED}
    total = sum(linked.values())
    s = {k: v / total for k, v in linked.items()}
    s_d = sum(v for k, v in s.items() if k in DISADVANTAGED_ONLY)
    d = disadvantaged_share
    other = {k: (0.0 if k in DISADVANTAGED_ONLY else v / (1 - s_d)) for k, v in s.items()}
    if d <= 0:
        return dict(other), other
    if d < s_d:  # not enough disadvantaged places: only those groups there
        return {k: (v if k in DISADVANTAGED_ONLY else 0.0) for k, v in s.items()}, other
    dis = {
        k: (v / d if k in DISADVANTAGED_ONLY else (v - (1 - d) * other[k]) / d)
        for k, v in s.items()
    }
    return dis, other


def build_plan(config: Config) -> Plan:
    cs = communes()
    pov_w = [
        c.population
        * c.poverty_pct
        * (URBAN_POVERTY_FACTOR if c.urban else 1.0)
        * (DISADVANTAGED_POVERTY_FACTOR if c.disadvantaged else 1.0)
        for c in cs
    ]
    pov = apportion(config.poverty_households, pov_w)
    linked_total = round(
        config.beneficiaries
        * sum(v for k, v in CATEGORY_SHARES.items() if k in POVERTY_LINKED)
        / sum(CATEGORY_SHARES.values())
    )
    linked = [min(n, p) for n, p in zip(apportion(linked_total, pov), pov, strict=True)]
    other = apportion(config.beneficiaries - sum(linked), [c.population for c in cs])

    # ID serial ranges proportional to the expected number of persons
    load = [p + o + 1 for p, o in zip(pov, other, strict=True)]
    total_load = sum(load)
    bounds = [0]
    acc = 0
    for x in load:
        acc += x
        bounds.append(SERIAL_SPACE * acc // total_load)

    candidates = [i for i, (lk, o) in enumerate(zip(linked, other, strict=True)) if lk + o > 0]
    rng = derive_rng(config.seed, "excel-communes")
    excel = set(rng.sample(candidates, min(config.excel_communes, len(candidates))))
    excel |= {i for i, c in enumerate(cs) if c.code in config.excel_for}

    plans = tuple(
        CommunePlan(c, pov[i], linked[i], other[i], bounds[i], bounds[i + 1], i in excel)
        for i, c in enumerate(cs)
    )
    n_linked = sum(linked)
    dis_share = (
        sum(lk for lk, c in zip(linked, cs, strict=True) if c.disadvantaged) / n_linked
        if n_linked
        else 0.0
    )
    mix_d, mix_o = _linked_mixes(dis_share)
    others = {k: v for k, v in CATEGORY_SHARES.items() if k not in POVERTY_LINKED}

    # P(poor) of unanchored poverty households so that POOR_SHARE holds overall
    s_linked = {k: v for k, v in CATEGORY_SHARES.items() if k in POVERTY_LINKED}
    poor_only = sum(v for k, v in s_linked.items() if k in POOR_ONLY) / sum(s_linked.values())
    anchored_poor = n_linked * (poor_only + (1 - poor_only) * LINKED_IN_POOR_SHARE)
    n_pov = sum(pov)
    unanchored = n_pov - n_linked
    p_un = (POOR_SHARE * n_pov - anchored_poor) / unanchored if unanchored > 0 else POOR_SHARE
    return Plan(config, plans, mix_d, mix_o, others, min(1.0, max(0.0, p_un)))
