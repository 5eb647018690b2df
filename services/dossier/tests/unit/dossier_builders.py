"""Test data for the dossier domain: a small unit tree, principals and ready-made dossiers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import ROOT_UNIT
from ansinh_common.catalogs.personal_id import make_personal_id
from dossier.domain.actor import Actor
from dossier.domain.admin_models import shipped_selector
from dossier.domain.channel import Channel
from dossier.domain.clock import TIMEZONE
from dossier.domain.dossier import Dossier
from dossier.domain.dossier_code import DossierCode
from dossier.domain.procedures.catalog import shipped_catalog
from dossier.domain.procedures.model import Procedure
from dossier.domain.stages import Stage

# version -> code -> parent
_TREE: Mapping[str, Mapping[str, str]] = {
    "pre2025": {
        "01": ROOT_UNIT,
        "001": "01",
        "00001": "001",
        "00004": "001",
        "002": "01",
        "00037": "002",
        "00007": "002",
        "79": ROOT_UNIT,
        "760": "79",
        "26734": "760",
    },
    "2025": {
        "01": ROOT_UNIT,
        "00004": "01",
        "00007": "01",
        "79": ROOT_UNIT,
        "26734": "79",
    },
}


class FakeUnits:
    """``UnitTree`` over a handful of units of both catalog versions."""

    def ancestors(self, code: str, version: str) -> Sequence[str]:
        parents = _TREE[version]
        if code == ROOT_UNIT:
            return ()
        out, current = [], parents[code]  # KeyError (a LookupError) for unknown units
        while True:
            out.append(current)
            if current == ROOT_UNIT:
                return out
            current = parents[current]


UNITS = FakeUnits()
MODELS = shipped_selector()
CATALOG = shipped_catalog()
ALLOWANCE = CATALOG.get("tro-cap-xa-hoi-hang-thang")

APPLICANT_ID = make_personal_id("001", "female", 1950, 1234)
OTHER_ID = make_personal_id("001", "male", 1980, 5678)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TIMEZONE)


def actor(
    subject: str, *roles: str, unit: str | None = None, national_id: str | None = None
) -> Actor:
    principal = Principal(subject, subject, frozenset(roles), unit, national_id)
    return Actor(principal, origin="203.0.113.7")


def citizen(national_id: str = APPLICANT_ID, subject: str = "citizen-1") -> Actor:
    return actor(subject, "citizen", national_id=national_id)


def commune_officer(unit: str = "00004", subject: str = "xa-can-bo") -> Actor:
    return actor(subject, "commune_officer", unit=unit)


def commune_leader(unit: str = "00004", subject: str = "xa-chu-tich") -> Actor:
    return actor(subject, "commune_leader", unit=unit)


def district_officer(unit: str = "001", subject: str = "huyen-can-bo") -> Actor:
    return actor(subject, "district_officer", unit=unit)


def district_leader(unit: str = "001", subject: str = "huyen-chu-tich") -> Actor:
    return actor(subject, "district_leader", unit=unit)


def elderly_values(commune: str = "00004", **extra: Any) -> dict[str, Any]:
    """Form 1b (elderly): a poor woman born 1950 living alone."""
    values: dict[str, Any] = {
        "full_name": "Nguyễn Thị Lan",
        "birth_date": "1950-03-02",
        "gender": "female",
        "ethnicity": "01",
        "personal_id": APPLICANT_ID,
        "residence": "Thôn Đông, xã Phúc Xá",
        "commune_code": commune,
        "hamlet": "Thôn Đông",
        "household_poverty": "poor",
        "lives_with": "alone",
        "has_pension": False,
    }
    values.update(extra)
    return values


def hiv_values(commune: str = "00004") -> dict[str, Any]:
    """Form 1d (person with HIV in a poor household)."""
    return {
        "full_name": "Trần Văn Bình",
        "birth_date": "1985-06-01",
        "gender": "male",
        "ethnicity": "01",
        "personal_id": OTHER_ID,
        "residence": "Thôn Tây",
        "commune_code": commune,
        "hamlet": "Thôn Tây",
        "household_poverty": "poor",
        "hiv_infected": True,
        "stable_income": False,
    }


_seq = iter(range(1, 10_000))


def submitted(
    day: dt.date,
    *,
    procedure: Procedure = ALLOWANCE,
    purpose: str = "grant_allowance",
    form: str = "1b",
    values: Mapping[str, Any] | None = None,
    by: Actor | None = None,
    channel: Channel = Channel.ONLINE,
    province: str = "01",
) -> Dossier:
    n = next(_seq)
    return Dossier.submit(
        dossier_id=f"d-{n}",
        code=DossierCode("000.00.04.H26", day, n),
        procedure=procedure,
        purpose_id=purpose,
        form_id=form,
        values=dict(values if values is not None else elderly_values()),
        actor=by or citizen(),
        channel=channel,
        at=at(day, 8),
        province_code=province,
    )


def received(day: dt.date, **kwargs: Any) -> Dossier:
    """Submitted online and received by the commune on ``day``."""
    commune = kwargs.pop("commune", "00004")
    dossier = submitted(day, **kwargs)
    procedure = kwargs.get("procedure", ALLOWANCE)
    dossier.receive(
        commune_officer(commune, "xa-mot-cua"),
        at(day, 10),
        procedure=procedure,
        units=UNITS,
        models=MODELS,
    )
    return dossier


@dataclass(frozen=True)
class Classification:
    category_code: str = "5.5a"
    coefficient: Decimal = Decimal("1.5")
    amount: int = 750_000


def stage_of(dossier: Dossier) -> Stage:
    """The dossier's stage, read through a call (each action changes it)."""
    return dossier.stage
