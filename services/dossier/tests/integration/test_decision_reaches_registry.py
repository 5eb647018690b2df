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

from ansinh.registry.v1.events_pb2 import DossierDecisionApplied
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
from registry.domain.category import CategoryRef
from registry.domain.model import BeneficiaryRecord
from registry.domain.months import Month
from registry.entrypoints.kafka_consumer import ShardWorker as RegistryWorker
from registry.entrypoints.migrate import migrate

from .dossier_cluster import APPLICANT_ID, COMMUNE, citizen, fixed, lan_values, person, wired

pytestmark = pytest.mark.integration
DAY = dt.date(2026, 3, 2)
REGISTRY_TOPIC = "ansinh.registry.beneficiary.v1"


def _registry(make_database: Callable[[str], str]) -> ShardRouter:
    shards = {f"s{n}": make_database(f"registry_s{n}") for n in (1, 2, 3)}
    global_url = make_database("registry_global")
    migrate(database_targets(shards, global_url))
    return ShardRouter(default_province_shards(), shards, global_url)


def _decided(
    service: DossierService,
    number: str,
    purpose: str = "grant_allowance",
    form: str = "1b",
    values: dict[str, object] | None = None,
    category: str | None = "5.5a",
    coefficient: str | None = "1.5",
) -> str:
    deps = service.deps
    desk = person("xa-mot-cua", "commune_officer", unit=COMMUNE)
    made = submit_dossier(
        c.SubmitDossier(
            dossier_id="",
            procedure_id="tro-cap-xa-hoi-hang-thang",
            purpose_id=purpose,
            form_id=form,
            values=values or lan_values(),
        ),
        citizen() if form != "TB" else desk,  # a change form: the officer at the counter
        deps,
    )
    did = made.id
    act(c.ReceiveDossier(dossier_id=did), desk, deps)
    act(c.RecordPopulationCheck(dossier_id=did, matched=True, reference="VNeID-7"), desk, deps)
    act(
        c.AppraiseDossier(
            dossier_id=did, eligible=True, category_code=category,
            coefficient=Decimal(coefficient) if coefficient else None,
        ),
        desk,
        deps,
    )  # fmt: skip
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


def _change_form(record_id: str, reason: str, effective_on: str) -> dict[str, object]:
    """The platform's TB form: adjust or stop the record of Lan."""
    return {
        "record_id": record_id,
        "full_name": "NGUYỄN THỊ LAN",
        "personal_id": APPLICANT_ID,
        "commune_code": COMMUNE,
        "reason": reason,
        "effective_on": effective_on,
    }


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


def _outcome(service: DossierService, did: str) -> tuple[str | None, str | None]:
    with service.deps.uow("01") as uow:
        return uow.dossiers.registry_outcome(did)


def _record(registry: ShardRouter, record_id: str) -> BeneficiaryRecord:
    with registry.shard_session("s1") as session:
        return load_records(session, [record_id])[record_id]


def _round_trip(service: DossierService, registry: ShardRouter, kind: str) -> Envelope:
    """The dossier's latest DecisionIssued → registry → its latest answer ``kind`` → dossier."""
    issued = _envelopes(service.router, "ansinh.dossier.v1.DecisionIssued")[-1][1]
    _registry_handles(registry, issued)
    answer = _envelopes(registry, f"ansinh.registry.v1.{kind}")[-1][1]
    _dossier_handles(service, answer)
    return issued


def test_adjust_and_stop_decisions_change_the_active_record(
    make_database: Callable[[str], str],
) -> None:
    service = wired(make_database, clock=fixed(DAY))
    registry = _registry(make_database)
    _decided(service, "45/QĐ-UBND")
    _round_trip(service, registry, "DossierDecisionApplied")
    [(_, granted)] = _envelopes(registry, "ansinh.registry.v1.DossierDecisionApplied")
    record_id = DossierDecisionApplied.FromString(granted.data).record_id

    adjust = _decided(
        service, "50/QĐ-UBND", "adjust_allowance", "TB",
        _change_form(record_id, "condition_changed", "2026-03-02"), "5.5a", "2.0",
    )  # fmt: skip
    _round_trip(service, registry, "DossierDecisionApplied")
    assert _outcome(service, adjust) == (record_id, None)
    state = _record(registry, record_id).state
    assert state.active and state.coefficient == Decimal("2.0")
    assert state.category == CategoryRef("5.5a", "from_80")
    assert state.decision is not None and state.decision.number == "50/QĐ-UBND"

    stop = _decided(
        service, "51/QĐ-UBND", "stop_allowance", "TB",
        _change_form(record_id, "no_longer_eligible", "2026-03-02"), None, None,
    )  # fmt: skip
    issued = _round_trip(service, registry, "DossierDecisionApplied")
    assert _outcome(service, stop) == (record_id, None)
    record = _record(registry, record_id)
    assert not record.state.active
    assert record.state.end_month == Month(2026, 3)  # the month it arose is the last paid
    history = len(record.history)

    _registry_handles(registry, issued)  # redelivery: the same answer, nothing changes
    answers = _envelopes(registry, "ansinh.registry.v1.DossierDecisionApplied")
    last, before = (DossierDecisionApplied.FromString(e.data) for _, e in answers[-1:-3:-1])
    assert last.record_id == before.record_id == record_id
    assert last.decision_number == "51/QĐ-UBND"
    assert len(_record(registry, record_id).history) == history
    assert not _envelopes(registry, "ansinh.registry.v1.DossierDecisionRefused")
    service.close()
    registry.dispose()


def test_a_stop_for_a_person_without_an_active_record_is_refused(
    make_database: Callable[[str], str],
) -> None:
    service = wired(make_database, clock=fixed(DAY))
    registry = _registry(make_database)
    stop = _decided(
        service, "52/QĐ-UBND", "stop_allowance", "TB",
        _change_form("khong-co", "no_longer_eligible", "2026-02-25"), None, None,
    )  # fmt: skip
    _round_trip(service, registry, "DossierDecisionRefused")
    record_id, refusal = _outcome(service, stop)
    assert record_id is None and refusal is not None
    assert "Không tìm thấy đối tượng đang hưởng trợ cấp xã hội hằng tháng" in refusal
    assert not _envelopes(registry, "ansinh.registry.v1.DossierDecisionApplied")
    service.close()
    registry.dispose()
