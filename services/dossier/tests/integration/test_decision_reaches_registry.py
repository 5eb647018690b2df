"""A signed decision reaches the registry and its answer comes back, on real PostgreSQL:
the dossier's outbox ``DecisionIssued`` → the registry worker's handler (its own use case,
``register_beneficiary``) → the registry's outbox ``DossierDecisionApplied`` → the dossier
worker's handler records the record id. The record carries the decision number and date.
A second decision for the same person and category is refused with a Vietnamese reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
import sqlalchemy as sa

from ansinh_common.db import ShardRouter
from ansinh_common.db.targets import database_targets
from ansinh_common.messaging import Envelope
from ansinh_common.runtime import default_province_shards
from dossier.adapters.unit_of_work import uow_factory as dossier_uow
from dossier.bootstrap import DossierService
from dossier.domain import commands as c
from dossier.entrypoints.kafka_consumer import ShardWorker as DossierWorker
from dossier.service_layer.handlers.submission import submit_dossier
from dossier.service_layer.handlers.workflow import act
from registry.adapters.records import load_records
from registry.adapters.unit_of_work import uow_factory as registry_uow
from registry.bootstrap import message_bus
from registry.entrypoints.kafka_consumer import ShardWorker as RegistryWorker
from registry.entrypoints.migrate import migrate

from .dossier_cluster import COMMUNE, citizen, fixed, lan_values, person, wired

pytestmark = pytest.mark.integration
DAY = dt.date(2026, 3, 2)
REGISTRY_TOPIC = "ansinh.registry.beneficiary.v1"


def _registry(make_database: Callable[[str], str]) -> ShardRouter:
    shards = {f"s{n}": make_database(f"registry_s{n}") for n in (1, 2, 3)}
    global_url = make_database("registry_global")
    migrate(database_targets(shards, global_url))
    return ShardRouter(default_province_shards(), shards, global_url)


def _decided(service: DossierService, number: str) -> str:
    deps = service.deps
    made = submit_dossier(
        c.SubmitDossier(
            dossier_id="",
            procedure_id="tro-cap-xa-hoi-hang-thang",
            purpose_id="grant_allowance",
            form_id="1b",
            values=lan_values(),
        ),
        citizen(),
        deps,
    )
    did = made.id
    desk = person("xa-mot-cua", "commune_officer", unit=COMMUNE)
    act(c.ReceiveDossier(dossier_id=did), desk, deps)
    act(c.RecordPopulationCheck(dossier_id=did, matched=True, reference="VNeID-7"), desk, deps)
    act(
        c.AppraiseDossier(
            dossier_id=did, eligible=True, category_code="5.5a", coefficient=Decimal("1.5")
        ),
        desk,
        deps,
    )
    act(
        c.ApproveDossier(dossier_id=did),
        person("truong-phong", "commune_officer", unit=COMMUNE),
        deps,
    )
    act(
        c.SignDecision(dossier_id=did, decision_number=number),
        person("chu-tich", "commune_leader", unit=COMMUNE),
        deps,
    )
    return did


def _envelopes(router: ShardRouter, kind: str, after: int = 0) -> list[tuple[int, Envelope]]:
    with router.engine("s1").connect() as conn:
        rows = conn.execute(
            sa.text("SELECT * FROM outbox WHERE type = :t AND id > :a ORDER BY id"),
            {"t": kind, "a": after},
        ).all()
    return [
        (
            r.id,
            Envelope(
                source=r.source,
                type=r.type,
                subject=r.subject,
                province=r.province,
                data=bytes(r.payload),
                id=r.event_id,
                time=r.time,
            ),
        )
        for r in rows
    ]


def _registry_handles(router: ShardRouter, envelope: Envelope) -> None:
    def bus_for(session: sa.orm.Session) -> object:
        return message_bus(registry_uow(router, REGISTRY_TOPIC, session))

    worker = RegistryWorker(router, "s1", topic=REGISTRY_TOPIC, bus_for=bus_for)  # type: ignore[arg-type]
    with router.shard_session("s1") as session:
        worker.handle(session, envelope)


def _dossier_handles(service: DossierService, envelope: Envelope) -> None:
    router, catalog = service.router, service.deps.catalog
    worker = DossierWorker(
        router, "s1", topic=REGISTRY_TOPIC,
        uow_for=lambda s: dossier_uow(router, "ansinh.dossier.v1", catalog, s),
    )  # fmt: skip
    with router.shard_session("s1") as session:
        worker.handle(session, envelope)


def test_decision_creates_the_record_and_the_answer_is_recorded(
    make_database: Callable[[str], str],
) -> None:
    service = wired(make_database, clock=fixed(DAY))
    registry = _registry(make_database)
    did = _decided(service, "45/QĐ-UBND")
    [(_, issued)] = _envelopes(service.router, "ansinh.dossier.v1.DecisionIssued")
    assert issued.province == "01" and issued.subject == did

    _registry_handles(registry, issued)
    [(_, applied)] = _envelopes(registry, "ansinh.registry.v1.DossierDecisionApplied")
    _dossier_handles(service, applied)

    with service.deps.uow("01") as uow:
        record_id, refusal = uow.dossiers.registry_outcome(did)
    assert record_id and refusal is None
    with registry.shard_session("s1") as session:
        record = load_records(session, [record_id])[record_id]
    decision = record.state.decision
    assert decision is not None
    assert (decision.number, decision.signed_on, decision.signing_unit_code) == (
        "45/QĐ-UBND", DAY, COMMUNE,
    )  # fmt: skip

    again = _decided(service, "46/QĐ-UBND")  # same person, same category: refused
    second = _envelopes(service.router, "ansinh.dossier.v1.DecisionIssued")[-1][1]
    _registry_handles(registry, second)
    [(_, refused)] = _envelopes(registry, "ansinh.registry.v1.DossierDecisionRefused")
    _dossier_handles(service, refused)
    with service.deps.uow("01") as uow:
        record_id, refusal = uow.dossiers.registry_outcome(again)
    assert record_id is None and refusal is not None
    assert "đang hưởng diện 5.5a" in refusal
    service.close()
    registry.dispose()
