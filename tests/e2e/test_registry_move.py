"""The registry as it runs: gRPC server, shard workers and outbox relay as real processes.

A Hà Nội officer imports a commune file through ImportFile, then moves one beneficiary to Cao
Bằng with RequestMove; the relay publishes the events to Kafka, the workers run the saga, and
the Cao Bằng officer finds the person active there with the whole history, while the Hà Nội
record is closed (moved out, pointing at the new one).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import grpc
import pytest

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2, registry_pb2, registry_pb2_grpc
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.grpc.client import make_channel
from ansinh_common.runtime.testing import MigratedDatabases, ServiceProcess, migrate_fresh_databases
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers
from ansinh_templates.beneficiary_excel import TitleBlock, write_workbook
from registry.config import RegistrySettings
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI

pytestmark = pytest.mark.e2e

HANOI = Principal("e2e-hn", "canbo.hanoi", frozenset({"province_officer"}), "01")
CAO_BANG = Principal("e2e-cb", "canbo.caobang", frozenset({"province_officer"}), "04")


def _row(n: int) -> dict[str, Any]:
    born = date(1935, 1 + n, 10)
    return {
        "full_name": f"Lê Thị Chuyển {n}", "birth_date": born, "gender": "Nữ",
        "personal_id": make_personal_id("001", Gender.FEMALE, born.year, 700_000 + n),
        "ethnicity": "Kinh", "commune_name": "Phường Ba Đình", "commune_code": "00004",
        "category": "5.5a", "coefficient": Decimal("2.0"), "decision_number": f"{n}/QĐ",
        "decision_date": date(2024, 5, 10), "decision_authority": "UBND phường Ba Đình",
        "start_month": (2024, 6), "payment_method": "Tiền mặt tại xã",
    }  # fmt: skip


def _file(rows: list[dict[str, Any]]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "00004.xlsx"
        title = TitleBlock("Thành phố Hà Nội", "Phường Ba Đình", "00004", (2025, 10))
        write_workbook(path, title, rows)
        return path.read_bytes()


@pytest.fixture
def registry(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> Iterator[registry_pb2_grpc.RegistryServiceStub]:
    dbs: MigratedDatabases = migrate_fresh_databases(
        make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI
    )
    env = {
        **dbs.env(),
        "ANSINH_BENEFICIARY_TOPIC": make_topic(3),
        "ANSINH_CONSUMER_GROUP": f"e2e-registry-{uuid.uuid4().hex[:8]}",
        "ANSINH_KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
    }
    service = ServiceProcess.module("registry.entrypoints.grpc_server", env)
    helpers = []
    with service:
        proc_env = {**service.env}
        for args in (
            ["-m", "registry.entrypoints.worker"],
            [
                "-m",
                "ansinh_common.messaging.relay",
                "--settings",
                "registry.config:RegistrySettings",
            ],
        ):
            helpers.append(
                subprocess.Popen(
                    [sys.executable, *args],
                    env=proc_env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        channel = make_channel(service.target, default_timeout=60.0)
        try:
            yield registry_pb2_grpc.RegistryServiceStub(channel)
        finally:
            channel.close()
            for proc in helpers:
                proc.terminate()
            for proc in helpers:
                try:
                    proc.wait(timeout=45)
                except subprocess.TimeoutExpired:
                    proc.kill()


def _find(
    stub: registry_pb2_grpc.RegistryServiceStub, province: str, personal_id: str
) -> list[registry_pb2.RecordSummary]:
    reply = stub.SearchRecords(
        registry_pb2.SearchRecordsRequest(province_code=province, personal_id=personal_id)
    )
    return list(reply.records)


def test_import_then_move_between_provinces_through_the_running_service(
    registry: registry_pb2_grpc.RegistryServiceStub, signed_in: KeycloakTestUsers
) -> None:
    rows = [_row(n) for n in range(1, 4)]
    with use_principal(signed_in(HANOI)):
        result = None
        for message in registry.ImportFile(
            registry_pb2.ImportFileRequest(
                mode=registry_pb2.IMPORT_MODE_APPLY, content=_file(rows), file_name="00004.xlsx"
            )
        ):
            if message.WhichOneof("event") == "result":
                result = message.result
        assert result is not None and result.applied and result.rows_applied == 3
        pid = rows[0]["personal_id"]
        (old,) = _find(registry, "01", pid)
        move_id = registry.RequestMove(
            registry_pb2.RequestMoveRequest(
                record_id=old.record_id, province_code="01",
                destination=events_pb2.Residence(
                    province_code="04", commune_code="01273", catalog_version="2025"
                ),
                effective_on=common_pb2.Date(year=2025, month=10, day=15),
                move_out_decision=events_pb2.Decision(
                    number="50/QĐ-UBND", signed_on=common_pb2.Date(year=2025, month=10, day=10),
                    signing_unit_code="00004",
                ),
                move_in_decision=events_pb2.Decision(
                    number="7/QĐ-UBND", signed_on=common_pb2.Date(year=2025, month=10, day=12),
                    signing_unit_code="01273",
                ),
            )
        ).move_id  # fmt: skip
        assert move_id

    deadline = time.monotonic() + 120
    new: list[registry_pb2.RecordSummary] = []
    with use_principal(signed_in(CAO_BANG)):
        while time.monotonic() < deadline and not new:
            try:
                new = _find(registry, "04", pid)
            except grpc.RpcError:
                new = []
            if not new:
                time.sleep(0.5)
        assert len(new) == 1, "the saga did not create the record in Cao Bằng"
        assert new[0].status == registry_pb2.RECORD_STATUS_ACTIVE
        assert new[0].residence.commune_code == "01273"
        history = registry.GetHistory(
            registry_pb2.GetHistoryRequest(record_id=new[0].record_id, province_code="04")
        )
        assert [c.kind for c in history.changes] == ["new", "move_out", "move_in"]

    with use_principal(signed_in(HANOI)):
        while time.monotonic() < deadline:
            old_now = registry.GetRecord(
                registry_pb2.GetRecordRequest(record_id=old.record_id, province_code="01")
            )
            if old_now.move.stage == "completed":
                break
            time.sleep(0.5)
        assert old_now.record.status == registry_pb2.RECORD_STATUS_MOVED_OUT
        assert old_now.move.new_record_id == new[0].record_id
        assert not [r for r in _find(registry, "01", pid) if r.status == 1]
