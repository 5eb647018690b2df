"""The registry as it runs (gRPC server and outbox relay as real processes) feeds the
reporting read models through Kafka; the reconciliation compares them with the registry's
``CountBeneficiaries`` and reports an event lost on the way (ADR 0022)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import text

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2, registry_pb2, registry_pb2_grpc
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.db import ShardRouter
from ansinh_common.grpc.client import make_channel
from ansinh_common.runtime.shards import default_province_shards
from ansinh_common.runtime.testing import ServiceProcess, migrate_fresh_databases
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers
from registry.config import RegistrySettings
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI
from reporting.adapters.registry_counts import GrpcRegistryCounts
from reporting.bootstrap import build_worker, report_reads
from reporting.config import ReportingSettings
from reporting.domain.reconciliation import Difference
from reporting.service_layer.handlers.reconcile import reconcile

pytestmark = pytest.mark.e2e

OFFICER = Principal("e2e-rp-bd", "canbo.badinh.rp", frozenset({"commune_officer"}), "00004")
MINISTRY = Principal(
    "e2e-rp-bo", "bo.canbo.rp", frozenset({"ministry_officer", "domain_social_assistance"}), "VN"
)


def _pb_date(day: date) -> common_pb2.Date:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day)


def _elderly(n: int) -> registry_pb2.RegisterBeneficiaryRequest:
    return registry_pb2.RegisterBeneficiaryRequest(
        person=registry_pb2.PersonDetails(
            full_name=f"Đỗ Thị Đối Soát {n}", birth_date=_pb_date(date(1938, 2, 1)),
            gender="female", ethnicity_code="01",
            personal_id=make_personal_id("001", Gender.FEMALE, 1938, 810_000 + n),
            residence=events_pb2.Residence(province_code="01", commune_code="00004"),
        ),
        category_code="5.5a", category_condition="from_80", coefficient="2.0",
        decision=events_pb2.Decision(
            number=f"{n}/QĐ-UBND", signed_on=_pb_date(date(2025, 8, 1)), signing_unit_code="00004"
        ),
        payment=registry_pb2.PaymentDetails(channel_code="CASH_COMMUNE"),
    )  # fmt: skip


def test_reconciliation_reports_an_event_lost_on_the_way(
    servers: Servers,
    make_database: Callable[[str], str],
    make_topic: Callable[..., str],
    signed_in: KeycloakTestUsers,
) -> None:
    topic = make_topic(3)
    registry_dbs = migrate_fresh_databases(
        make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI, shards=1
    )
    reporting_dbs = migrate_fresh_databases(
        make_database, ReportingSettings, "services/reporting/alembic.ini", shards=1
    )
    reporting = ReportingSettings(
        shards=reporting_dbs.shards,
        global_db_url=reporting_dbs.global_url,
        province_shards={"01": next(iter(reporting_dbs.shards))},
        kafka_bootstrap=servers.kafka_bootstrap,
        registry_topic=topic,
    )
    env = {
        **registry_dbs.env(),
        "ANSINH_BENEFICIARY_TOPIC": topic,
        "ANSINH_KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
    }
    registry_router = ShardRouter(
        default_province_shards(sorted(registry_dbs.shards)), registry_dbs.shards
    )
    reporting_router = ShardRouter.from_settings(reporting)
    worker = build_worker(reporting, group_id=f"{topic}-reporting")
    worker.start()
    with ServiceProcess.module("registry.entrypoints.grpc_server", env) as service:
        relay = subprocess.Popen(
            [sys.executable, "-m", "ansinh_common.messaging.relay",
             "--settings", "registry.config:RegistrySettings"],
            env={**service.env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        channel = make_channel(service.target, default_timeout=60.0)
        stub = registry_pb2_grpc.RegistryServiceStub(channel)
        reads = report_reads(reporting_router)
        owner = GrpcRegistryCounts(stub)
        try:
            with use_principal(signed_in(OFFICER)):
                for n in range(3):
                    stub.RegisterBeneficiary(_elderly(n))
            _wait_for(lambda: reads.record_counts().get(("01", "active")) == 3)
            with use_principal(signed_in(MINISTRY)):
                assert reconcile(reads, owner, ["01"]) == []

            relay.terminate()
            relay.wait(timeout=45)
            with use_principal(signed_in(OFFICER)):
                stub.RegisterBeneficiary(_elderly(3))
            with registry_router.session("01") as session:  # the event is lost in transit
                lost = session.execute(
                    text("UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL")
                ).rowcount
            assert lost >= 1
            with use_principal(signed_in(MINISTRY)):
                found = reconcile(reads, owner, ["01"])
            shard = registry_router.shard_for("01")
            assert found == [Difference("01", shard, "active", read_model=3, owner=4)]
        finally:
            if relay.poll() is None:
                relay.kill()
            channel.close()
            worker.close()
            reporting_router.dispose()
            registry_router.dispose()


def _wait_for(condition: Callable[[], bool], timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the read model did not catch up")
        time.sleep(0.3)
