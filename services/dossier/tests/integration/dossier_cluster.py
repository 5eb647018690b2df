"""Helpers of the dossier integration tests: migrated shards, a wired service, test people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.personal_id import make_personal_id
from ansinh_common.runtime import default_province_shards
from ansinh_common.runtime.testing import migrate_fresh_databases
from dossier.bootstrap import DossierService, bootstrap
from dossier.config import DossierSettings
from dossier.domain.actor import Actor
from dossier.domain.clock import TIMEZONE
from dossier.domain.records import PovertyStatusAnswer
from dossier.service_layer.ports import PopulationRecord

INI = Path(__file__).parents[2] / "alembic.ini"
APPLICANT_ID = make_personal_id("001", "female", 1950, 4321)
COMMUNE = "00004"  # Phường Ba Đình, Hà Nội (2025 catalog; shard s1)


class FakePopulation:
    """The population database as a dict (unit of the check; the real client is tested
    against the simulator in the e2e test)."""

    def __init__(self, *records: PopulationRecord) -> None:
        self.records = {r.national_id: r for r in records}

    def lookup(self, national_id: str) -> PopulationRecord | None:
        return self.records.get(national_id)


class NotPoor:
    """The poverty service for tests about other things: nobody is in a poor household (the
    real gRPC server is asked in ``test_poverty_status_check.py``)."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, dt.date, str]] = []

    def status_of(self, national_id: str, on: dt.date, province_code: str) -> PovertyStatusAnswer:
        self.asked.append((national_id, on, province_code))
        return PovertyStatusAnswer(False, "none", None, on)


LAN = PopulationRecord(APPLICANT_ID, "Nguyễn Thị Lan", dt.date(1950, 3, 2), "female")


def settings_for(make_database: Callable[[str], str], **extra: Any) -> DossierSettings:
    dbs = migrate_fresh_databases(make_database, DossierSettings, INI)
    return DossierSettings(
        shards=dbs.shards,
        province_shards=default_province_shards(sorted(dbs.shards)),
        global_db_url=dbs.global_url,
        population_db_url=None,
        **{"poverty_target": None, **extra},
    )


def wired(
    make_database: Callable[[str], str], *, clock: Callable[[], dt.datetime] | None = None
) -> DossierService:
    return bootstrap(
        settings_for(make_database),
        population=FakePopulation(LAN),
        poverty=NotPoor(),
        clock=clock,
    )


def fixed(day: dt.date, hour: int = 9) -> Callable[[], dt.datetime]:
    return lambda: dt.datetime(day.year, day.month, day.day, hour, tzinfo=TIMEZONE)


def person(subject: str, *roles: str, unit: str | None = None, nid: str | None = None) -> Actor:
    return Actor(Principal(subject, subject, frozenset(roles), unit, nid), origin="198.51.100.9")


def citizen() -> Actor:
    return person("citizen-lan", "citizen", nid=APPLICANT_ID)


def lan_values(commune: str = COMMUNE, **extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "full_name": "Nguyễn Thị Lan",
        "birth_date": "1950-03-02",
        "gender": "female",
        "ethnicity": "01",
        "personal_id": APPLICANT_ID,
        "residence": "Tổ 1, phường Ba Đình",
        "commune_code": commune,
        "hamlet": "Tổ 1",
        "household_poverty": "poor",
        "lives_with": "alone",
        "has_pension": False,
    }
    values.update(extra)
    return values
