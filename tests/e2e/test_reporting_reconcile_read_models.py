"""Reconciliation of the poverty, procedures and budget read models (ADR 0035): the poverty,
dossier and payment services run as real processes on fresh shards; their facts are in their
tables and their events reach the reporting read models through real Kafka, except one event
of each service, lost on the way. The reconciliation asks each service's
``CountForReconciliation`` with the reporting service's own Keycloak token (service account,
``internal_service``) and reports exactly the three losses, per province and shard; a commune
officer may not count."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import grpc
import pytest
from sqlalchemy import text

from ansinh.common.v1 import counts_pb2
from ansinh.payment.v1 import payment_pb2_grpc
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.db import ShardRouter
from ansinh_common.grpc.client import make_channel
from ansinh_common.runtime.shards import default_province_shards
from ansinh_common.runtime.testing import (
    MigratedDatabases,
    ServiceProcess,
    migrate_fresh_databases,
)
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers
from dossier.config import DossierSettings
from payment.config import PaymentSettings
from poverty.config import PovertySettings
from reporting.adapters.read_model_counts import SqlReadModelCounts
from reporting.bootstrap import build_worker, source_counts
from reporting.config import ReportingSettings
from reporting.domain.reconciliation import Difference
from reporting.service_layer.handlers.reconcile import reconcile_read_models
from reporting.testing import (
    BA_DINH,
    HOAN_KIEM,
    changed,
    consume_until,
    decided,
    list_generated,
    publish,
)

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
OCT = date(2025, 10, 1)
NOW = datetime(2025, 10, 2, 2, tzinfo=UTC)
OFFICER = Principal("e2e-rc-cb", "canbo.rc", frozenset({"commune_officer"}), BA_DINH)


def _migrated(
    make_database: Callable[[str], str], settings: Any, service: str
) -> MigratedDatabases:
    return migrate_fresh_databases(
        make_database, settings, ROOT / "services" / service / "alembic.ini", shards=1
    )


def _seed(dbs: MigratedDatabases, statements: list[tuple[str, dict[str, Any]]]) -> str:
    router = ShardRouter(default_province_shards(sorted(dbs.shards)), dbs.shards)
    try:
        with router.session("01") as session:
            for sql, params in statements:
                session.execute(text(sql), params)
        return router.shard_for("01")
    finally:
        router.dispose()


def _poverty_facts(household: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("INSERT INTO households (household_id, province_code, commune_code, village, address, "
         "area, created_at, created_by) VALUES (:h, '01', :c, 'Tổ 1', 'Số 1', 'urban', :t, 'x')",
         {"h": household, "c": BA_DINH, "t": NOW}),
        ("INSERT INTO household_status_changes (household_id, review_year, status, effective_on, "
         "decision_number, decided_by, standard_code, deprivations, low_income_members, "
         "recorded_at) VALUES (:h, 2025, 'poor', :d, '1/QĐ-UBND', 'chair', '2022-2025', "
         "'{}', '{}', :t)", {"h": household, "d": OCT, "t": NOW}),
    ]  # fmt: skip


def _dossier_facts(dossier: str) -> list[tuple[str, dict[str, Any]]]:
    facts: list[tuple[str, dict[str, Any]]] = [
        ("INSERT INTO dossiers (id, code, procedure_id, procedure_version, procedure_code, "
         "purpose_id, form_id, province_code, commune_code, unit_code, stage, channel, "
         "applicant_national_id, submitted_by, submitted_at, hiv_related, version, state, "
         "updated_at) VALUES (:d, :code, 'tro-cap-xa-hoi-hang-thang', '1', '1.001776', "
         "'grant_allowance', '1b', '01', :c, :c, 'in_review', 2, '001150000001', 'x', :t, false, "
         "2, CAST(:s AS jsonb), :t)",
         {"d": dossier, "code": f"000.00.01.H26-{dossier}", "c": BA_DINH, "t": NOW,
          "s": json.dumps({})}),
    ]  # fmt: skip
    for version, (action, stage) in enumerate((("submit", "submitted"),
                                               ("receive", "in_review")), start=1):  # fmt: skip
        facts.append((
            "INSERT INTO dossier_history (dossier_id, version, at, action, to_stage, "
            "actor_subject, actor_username, client_address, note) VALUES "
            "(:d, :v, :t, :a, :s, 'x', 'x', '127.0.0.1', '')",
            {"d": dossier, "v": version, "t": NOW, "a": action, "s": stage},
        ))  # fmt: skip
    return facts


def _payment_facts(commune: str) -> list[tuple[str, dict[str, Any]]]:
    return [(
        "INSERT INTO payment_lists (id, province_code, commune_code, month, prepared_by) "
        "VALUES (:id, '01', :c, :m, 'maker')",
        {"id": f"{commune}:2025-10", "c": commune, "m": OCT},
    )]  # fmt: skip


@pytest.fixture
def owners(
    servers: Servers, make_database: Callable[[str], str]
) -> Iterator[dict[str, tuple[str, str]]]:
    """source → (gRPC target, shard of province 01), each service seeded with its facts."""
    facts = {
        "poverty": (PovertySettings, _poverty_facts("rc-h1") + _poverty_facts("rc-h2")),
        "dossier": (DossierSettings, _dossier_facts("rc-d1")),
        "payment": (PaymentSettings, _payment_facts(BA_DINH) + _payment_facts(HOAN_KIEM)),
    }
    started: dict[str, tuple[ServiceProcess, str]] = {}
    try:
        for source, (settings, statements) in facts.items():
            dbs = _migrated(make_database, settings, source)
            shard = _seed(dbs, statements)
            env = {**dbs.env(), "ANSINH_REDIS_URL": servers.redis_url,
                   "ANSINH_KEYCLOAK_URL": servers.keycloak_url}  # fmt: skip
            process = ServiceProcess.module(source, env).__enter__()
            started[source] = (process, shard)
        yield {source: (p.target, shard) for source, (p, shard) in started.items()}
    finally:
        for process, _ in started.values():
            process.__exit__(None, None, None)


def test_reconciliation_reports_a_lost_event_of_each_owner(
    servers: Servers,
    make_database: Callable[[str], str],
    make_topic: Callable[..., str],
    owners: dict[str, tuple[str, str]],
    signed_in: KeycloakTestUsers,
) -> None:
    topics = {"registry": make_topic(1), "poverty": make_topic(1), "dossier": make_topic(1),
              "payment": make_topic(1)}  # fmt: skip
    delivered = {  # one event of each owner never arrives
        "poverty": [decided("rc-h1", OCT, "poor")],  # rc-h2's decision is lost
        "dossier": [changed("rc-d1", 1, OCT, "submitted", "", "submit")],  # the receive is lost
        "payment": [list_generated(BA_DINH, OCT, 1_000_000)],  # Hoàn Kiếm's list is lost
    }
    for source, envelopes in delivered.items():
        publish(servers.kafka_bootstrap, topics[source], envelopes)
    dbs = migrate_fresh_databases(
        make_database, ReportingSettings, ROOT / "services" / "reporting" / "alembic.ini", shards=1
    )
    settings = ReportingSettings(
        shards=dbs.shards, global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))}, kafka_bootstrap=servers.kafka_bootstrap,
        registry_topic=topics["registry"], poverty_topic=topics["poverty"],
        dossier_topic=topics["dossier"], payment_topic=topics["payment"],
        poverty_target=owners["poverty"][0], dossier_target=owners["dossier"][0],
        payment_target=owners["payment"][0], service_client_id="ansinh-reporting",
        service_client_secret="dev-reporting-secret", keycloak_url=servers.keycloak_url,
    )  # fmt: skip
    consume_until(build_worker(settings, group_id=f"{topics['payment']}-rc"), 3)

    closers: list[Callable[[], object]] = []
    router = ShardRouter.from_settings(settings)
    try:
        counts = source_counts(settings, closers)
        found = reconcile_read_models(SqlReadModelCounts(router.global_session), counts, ["01"])
    finally:
        for close in closers:
            close()
        router.dispose()
    assert found == [
        Difference("01", owners["dossier"][1], "status_changes", 1, 2, "dossier"),
        Difference("01", owners["payment"][1], "lists", 1, 2, "payment"),
        Difference("01", owners["poverty"][1], "poor", 1, 2, "poverty"),
    ]

    channel = make_channel(owners["payment"][0])
    try:
        stub = payment_pb2_grpc.PaymentServiceStub(channel)
        with use_principal(signed_in(OFFICER)), pytest.raises(grpc.RpcError) as refused:
            stub.CountForReconciliation(counts_pb2.CountRequest(province_code="01"))
        assert refused.value.code() is grpc.StatusCode.PERMISSION_DENIED
    finally:
        channel.close()
