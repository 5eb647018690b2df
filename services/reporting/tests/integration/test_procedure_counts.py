"""The pre-aggregated procedures report (ADR 0041) against the direct count over
``rm_dossier`` and ``rm_dossier_event``: a few hundred dossiers with random histories
(received or not, resolved on time or late, withdrawn, pending; steps of whole hours and of
odd minutes; pre-2025 communes, a merged province, a province-level unit; duplicates and
versions arriving out of order) through real Kafka into a real reporting database. For every
month from 2024-06 to 2026-06, the country and provinces of both catalogs (the pre-2025 ones
broken down by district): the same lines, the same step counts and averages, the p90 within
one bucket (one hour)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from ansinh_common.db import ShardRouter
from ansinh_common.messaging import Envelope
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from reporting.adapters import procedure_counts
from reporting.adapters.more_report_reads import SqlMoreReportReads
from reporting.bootstrap import build_worker
from reporting.config import ReportingSettings
from reporting.domain.procedures import child_column
from reporting.domain.reports import unit_scope
from reporting.domain.rules.unit_versions import uses_2025_catalog
from reporting.domain.step_times import BUCKET_SECONDS, SECONDS_PER_DAY
from reporting.testing import (
    BA_DINH,
    HOAN_KIEM,
    OLD_COMMUNE,
    changed,
    consume_until,
    dump,
    publish,
)

pytestmark = pytest.mark.integration
INI = Path(__file__).parents[2] / "alembic.ini"
HA_GIANG = "00688"  # Phường Quang Trung, Hà Giang (02, pre-2025), in Tuyên Quang (08) since 2025
PRE_UNITS = [OLD_COMMUNE, "00004", HA_GIANG, "01"]
NEW_UNITS = [BA_DINH, HOAN_KIEM, "00097", "01"]
FLOW = ["submitted", "in_review", "appraisal", "approval"]


def _day(rng: random.Random) -> date:
    return date(2024, 5, 1) + timedelta(days=rng.randint(0, 760))


def _dossier(rng: random.Random, n: int) -> list[Envelope]:
    dossier, on = f"dx-{n}", _day(rng)
    unit = rng.choice(NEW_UNITS if uses_2025_catalog(on) else PRE_UNITS)
    procedure, channel = rng.choice(["1.001776", "2.000286"]), rng.randint(1, 3)
    odd_minutes = rng.random() < 0.3
    hour, state, events, due = 8, "", [], None
    for version in range(1, rng.randint(2, 5) + 1):
        nxt = FLOW[version - 1] if version <= len(FLOW) else "approval"
        action = "receive" if nxt == "in_review" else "step"
        if version > 2 and rng.random() < 0.35:  # the end: decided (maybe late) or withdrawn
            nxt, action = rng.choice([("decided", "decide"), ("decided", "decide"),
                                      ("withdrawn", "withdraw")])  # fmt: skip
        due = on + timedelta(days=rng.randint(-3, 15)) if action == "receive" else due
        events.append(
            changed(dossier, version, on, nxt, state, action, hour=hour, due_on=due,
                    unit=unit, procedure=procedure, channel=channel)
        )  # fmt: skip
        if nxt in ("decided", "withdrawn"):
            break
        state = nxt
        on += timedelta(days=rng.randint(0, 20))
        hour = rng.randint(7, 17)
    if odd_minutes:  # a step of 9 h 17 min: the p90 may differ from the exact one in its bucket
        events = [_shift_minutes(e, 17 * i) for i, e in enumerate(events)]
    if rng.random() < 0.2:
        events += [events[-1], events[0]]  # a duplicate and an old version arriving late
    if rng.random() < 0.2:
        rng.shuffle(events)
    return events


def _shift_minutes(envelope: Envelope, minutes: int) -> Envelope:
    from ansinh.dossier.v1 import events_pb2

    m = events_pb2.DossierStatusChanged()
    m.ParseFromString(envelope.data)
    m.at.FromDatetime(m.at.ToDatetime() + timedelta(minutes=minutes))
    return Envelope(source=envelope.source, type=envelope.type, subject=envelope.subject,
                    province=envelope.province, id=envelope.id,
                    data=m.SerializeToString())  # fmt: skip


def _aggregates(settings: ReportingSettings) -> list[list[tuple[object, ...]]]:
    url = settings.global_db_url or ""
    return [
        dump(
            url,
            "rm_procedure_count",
            "unit_level, unit_code, child_level, child_code, month, procedure_code, channel",
        ),
        dump(url, "rm_procedure_step_time", "unit_level, unit_code, month, state, bucket"),
    ]


def _months() -> list[date]:
    return [date(2024 + (5 + i) // 12, (5 + i) % 12 + 1, 1) for i in range(25)]


def test_the_pre_aggregated_report_equals_the_direct_count(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> None:
    rng = random.Random(41)
    events = [e for n in range(220) for e in _dossier(rng, n)]
    topic = make_topic(3)
    publish(servers.kafka_bootstrap, topic, events)
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    settings = ReportingSettings(
        shards=dbs.shards, global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))},
        kafka_bootstrap=servers.kafka_bootstrap, dossier_topic=topic,
    )  # fmt: skip
    consume_until(build_worker(settings, group_id=f"{topic}-counts"), len(events))
    router = ShardRouter.from_settings(settings)
    reads = SqlMoreReportReads(router.global_session)
    compared = steps_compared = 0
    try:
        for month in _months():
            provinces = ["01", "08"] if uses_2025_catalog(month) else ["01", "02"]
            for level, code in [("country", ""), *(("province", p) for p in provinces)]:
                scope = unit_scope(level, code, month)
                child = child_column(scope)
                got = reads.procedures(scope, month, child)
                want = reads.procedures_by_scan(scope, month, child)
                assert got.lines == want.lines, (level, code, month)
                assert [(s.state, s.count, s.average_days) for s in got.steps] == [
                    (s.state, s.count, s.average_days) for s in want.steps
                ], (level, code, month)
                for a, b in zip(got.steps, want.steps, strict=True):
                    assert a.p90_days == pytest.approx(
                        b.p90_days, abs=BUCKET_SECONDS / SECONDS_PER_DAY + 1e-3
                    )
                compared += len(want.lines)
                steps_compared += len(want.steps)
        # the districts of a pre-2025 province are among the lines compared
        pre = reads.procedures(unit_scope("province", "01", date(2025, 3, 1)), date(2025, 3, 1),
                               "district_pre")  # fmt: skip
        assert {line.unit_code for line in pre.lines} >= {"001"}
        # a function of the stored rows: the bulk fill over them gives the same tables
        live = _aggregates(settings)
        with router.global_session() as session:
            procedure_counts.fill_all(session)
        assert _aggregates(settings) == live
    finally:
        router.dispose()
    assert compared > 100 and steps_compared > 50  # the histories reach most months
