"""The one backend client: a route's REST body reaches the service as its request message,
with the caller's principal, client address and a deadline; the service's domain error comes
back as problem+json in Vietnamese; an unconfigured backend is 503. The backend is a gRPC
server in this process (the shared ``create_server``), answering like the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
from fastapi.testclient import TestClient

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2, registry_pb2, registry_pb2_grpc
from ansinh_common.auth.jwt import BlockingTokenVerifier
from ansinh_common.auth.principal import require_principal
from ansinh_common.errors import NotFound
from ansinh_common.grpc.server import create_server

PROBLEM = "application/problem+json"
STOP = {
    "stopped_on": "2025-09-20",
    "decision": {"number": "60/QĐ-UBND", "signed_on": "2025-09-25", "signing_unit_code": "00004"},
    "reason": "Đi làm có thu nhập",
}


class Registry(registry_pb2_grpc.RegistryServiceServicer):
    """Answers StopBenefit only (every other method is UNIMPLEMENTED)."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []

    def StopBenefit(
        self, request: registry_pb2.StopBenefitRequest, context: grpc.ServicerContext
    ) -> registry_pb2.StopBenefitResponse:
        metadata = dict(context.invocation_metadata())
        self.seen.append({
            "request": request, "subject": require_principal().subject,
            "address": metadata.get("ansinh-client-address"),
            "time_remaining": context.time_remaining(),
        })  # fmt: skip
        if request.record_id == "missing":
            raise NotFound("Không tìm thấy hồ sơ.")
        return registry_pb2.StopBenefitResponse(
            record=registry_pb2.RecordSummary(
                record_id=request.record_id, province_code=request.province_code,
                status=registry_pb2.RECORD_STATUS_STOPPED,
                end_month=common_pb2.YearMonth(year=2025, month=9),
            )
        )  # fmt: skip


@pytest.fixture
def registry(backend_verifier: BlockingTokenVerifier) -> Iterator[tuple[Registry, str]]:
    servicer = Registry()  # type: ignore[abstract]
    add = registry_pb2_grpc.add_RegistryServiceServicer_to_server
    server, port = create_server([(add, servicer)], 0, host="127.0.0.1", verifier=backend_verifier)
    yield servicer, f"127.0.0.1:{port}"
    server.stop(None)


def test_a_route_calls_the_backend_with_principal_address_and_deadline(
    make_client: Callable[..., TestClient],
    token: Callable[..., str],
    registry: tuple[Registry, str],
) -> None:
    servicer, target = registry
    client = make_client(grpc_backends={"registry": target}, grpc_deadline_seconds=3.0)
    auth = {"Authorization": f"Bearer {token()}"}
    stopped = client.post("/api/v1/beneficiaries/01/r-1/stop", json=STOP, headers=auth)
    assert stopped.status_code == 200, stopped.text
    assert stopped.json()["status"] == "stopped" and stopped.json()["end_month"] == "2025-09"
    (call,) = servicer.seen
    assert call["request"] == registry_pb2.StopBenefitRequest(
        record_id="r-1", province_code="01",
        stopped_on=common_pb2.Date(year=2025, month=9, day=20), reason="Đi làm có thu nhập",
        decision=events_pb2.Decision(
            number="60/QĐ-UBND", signing_unit_code="00004",
            signed_on=common_pb2.Date(year=2025, month=9, day=25),
        ),
    )  # fmt: skip
    assert (call["subject"], call["address"]) == ("user-1", "testclient")
    assert 0 < call["time_remaining"] <= 3.0

    missing = client.post("/api/v1/beneficiaries/01/missing/stop", json=STOP, headers=auth)
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert missing.json()["detail"] == "Không tìm thấy hồ sơ."
    assert missing.json()["instance"] == "/api/v1/beneficiaries/01/missing/stop"


def test_an_unconfigured_backend_is_503(
    make_client: Callable[..., TestClient], token: Callable[..., str]
) -> None:
    client = make_client()
    auth = {"Authorization": f"Bearer {token()}"}
    answer = client.post("/api/v1/beneficiaries/01/r-1/stop", json=STOP, headers=auth)
    assert answer.status_code == 503 and answer.headers["content-type"] == PROBLEM
    assert "registry" in answer.json()["detail"]
