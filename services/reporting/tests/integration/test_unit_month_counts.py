"""The pre-aggregated counts (ADR 0034) against a direct count over ``rm_beneficiary``: a
few hundred records with random histories (starts, deaths, stops, cancelled moves, profile
changes, birthdays crossing the age bands, duplicates and late old versions) through real
Kafka into a real reporting database; the beneficiaries report from the monthly deltas
equals the count over the rows for every month from 2022 to 2027, for the country and the
provinces of both catalogs, among them a merged one (Hà Giang, 02, in Tuyên Quang, 08, from
July 2025). Communes and districts, read from their rows, answer as before. The data-quality
campaign from its counts equals its count over the rows (provinces of the country, communes
of a province)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ansinh.registry.v1 import events_pb2
from ansinh_common.db import ShardRouter
from ansinh_common.messaging import Envelope
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from reporting.adapters.report_reads import SqlReportReads
from reporting.bootstrap import build_worker
from reporting.config import ReportingSettings
from reporting.domain.reports import unit_scope
from reporting.domain.rules.unit_versions import uses_2025_catalog
from reporting.testing import (
    OLD_COMMUNE,
    OLD_DISTRICT,
    consume_until,
    d,
    died,
    envelope,
    information_changed,
    profile,
    publish,
    registered,
    ym,
)

pytestmark = pytest.mark.integration
INI = Path(__file__).parents[2] / "alembic.ini"
MERGED_INTO = "00097"  # Phường Hồng Hà (2025), successor of Phúc Xá (00001)
HA_GIANG = "00688"  # Phường Quang Trung, Hà Giang (02, pre-2025), in Tuyên Quang (08) since 2025

FINDINGS = ["personal_id_missing", "ethnicity_missing", "disability_type_missing",
            "decision_number_missing", "decision_date_missing", "account_missing",
            "gender_mismatch"]  # fmt: skip
PRE_UNITS = [("province", "01"), ("province", "02"), ("district", OLD_DISTRICT),
             ("commune", OLD_COMMUNE), ("commune", "00004")]  # fmt: skip
NEW_UNITS = [("province", "01"), ("province", "08"), ("commune", "00004"),
             ("commune", "00070"), ("commune", MERGED_INTO)]  # fmt: skip


def _month(rng: random.Random, first: int, last: int) -> date:
    n = rng.randint(first * 12, last * 12 + 11)
    return date(n // 12, n % 12 + 1, 1)


def _profile(rng: random.Random) -> dict[str, Any]:
    """Births around the band limits (16, 60, 80 reached between 2022 and 2027)."""
    born = rng.choice([(1942, 1947), (1962, 1967), (2006, 2011), (1930, 2020)])
    pre = rng.random() < 0.4
    return {
        "catalog_version": "pre2025" if pre else "2025",
        "commune_code": rng.choice([OLD_COMMUNE, "00004", HA_GIANG] if pre else ["00004", "00070",
                                                                        MERGED_INTO]),
        "category_code": rng.choice(["5.1", "5.2", "5.5a", "5.5b", "5.6"]),
        "gender": rng.choice(["male", "female"]),
        "birth_month": ym(_month(rng, *born)),
        "ethnicity_code": rng.choice(["01", "02", "04", None]),
        "disability_level_code": rng.choice(["1", "2", None, None]),
        "care_support_households": rng.choice([0, 0, 1, 2]),
        "payment_channel_code": rng.choice(["CASH_COMMUNE", "VBSP", "MOMO", None]),
        "findings": rng.sample(FINDINGS, rng.randint(0, 2)),
    }  # fmt: skip


def _stopped(record_id: str, on: date, version: int, prof: dict[str, Any]) -> Envelope:
    message = events_pb2.BenefitStopped(
        record_id=record_id, province_code="01", version=version, stopped_on=d(on),
        last_paid_month=ym(on), profile=profile(status="stopped", **prof),
    )  # fmt: skip
    return envelope(message, record_id)


def _move_cancelled(record_id: str, version: int, prof: dict[str, Any]) -> Envelope:
    message = events_pb2.MoveCancelled(
        record_id=record_id, province_code="01", version=version, move_id=f"m-{record_id}",
        reason="Hủy chuyển", profile=profile(**prof),
    )  # fmt: skip
    return envelope(message, record_id)


def _histories(n: int) -> list[Envelope]:
    rng = random.Random(15)
    events: list[Envelope] = []
    for i in range(n):
        rid, prof = f"r-{i}", _profile(rng)
        start = _month(rng, 2022, 2026)
        history = [registered(rid, start, imported=rng.random() < 0.3, **prof)]
        if rng.random() < 0.4:
            prof = {**prof, **{k: v for k, v in _profile(rng).items() if rng.random() < 0.5}}
            on = _month(rng, 2022, 2026).replace(day=rng.randint(1, 28))
            history.append(information_changed(rid, on, 2, **prof))
        ended = rng.random()
        on = _month(rng, 2022, 2027).replace(day=rng.randint(1, 28))
        if ended < 0.25:
            history.append(died(rid, on, 3, **prof))
        elif ended < 0.45:
            history.append(_stopped(rid, on, 3, prof))
            if rng.random() < 0.3:
                history.append(_move_cancelled(rid, 4, prof))
        if rng.random() < 0.2:  # a duplicate, and an old version arriving late
            history += [history[-1], history[0]]
        events += history
    return events


def test_the_counts_equal_a_count_over_the_rows(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> None:
    events = _histories(300)
    topic = make_topic(3)
    publish(servers.kafka_bootstrap, topic, events)
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    settings = ReportingSettings(
        shards=dbs.shards, global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))},
        kafka_bootstrap=servers.kafka_bootstrap, registry_topic=topic,
    )  # fmt: skip
    consume_until(build_worker(settings, group_id=f"{topic}-live"), len(events))
    router = ShardRouter.from_settings(settings)
    reads = SqlReportReads(router.global_session)
    compared = paid = 0
    try:
        month = date(2022, 1, 1)
        while month <= date(2027, 12, 1):
            units = [("country", "")] + (NEW_UNITS if uses_2025_catalog(month) else PRE_UNITS)
            for level, code in units:
                scope = unit_scope(level, code, month)
                by_scan = reads.beneficiaries_by_scan(scope, month)
                assert reads.beneficiaries(scope, month) == by_scan, (level, code, month)
                compared += 1
                paid += by_scan.total
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        for level, code, child in (("country", "", "province"), ("province", "01", "commune"),
                                   ("province", "08", "commune")):  # fmt: skip
            scope = unit_scope(level, code, date.max)
            quality = reads.quality_by_scan(scope, child)
            assert reads.quality(scope, child) == quality, (level, code)
            assert sum(u.records for u in quality.units) > 20  # real counts, not empty
    finally:
        router.dispose()
    assert compared == 72 * 6
    assert paid > 10_000  # the comparison is over real counts, not empty reports
