"""create_server + make_channel against a real in-process gRPC server."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from ansinh_common.auth import PRINCIPAL_METADATA_KEY, Principal, use_principal
from ansinh_common.auth.client_credentials import ClientCredentials
from ansinh_common.errors import DomainError, InvalidInput, NotFound, Unavailable
from ansinh_common.grpc.client import make_channel
from ansinh_common.grpc.errors import DATABASE_UNAVAILABLE
from ansinh_common.grpc.problem import PROBLEM_METADATA_KEY, error_from_rpc, problem_from_metadata
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers, service_credentials_for

SERVICE = "ansinh.test.v1.TestService"
Rpc = Callable[[grpc.Channel, str], grpc.UnaryUnaryMultiCallable]


@pytest.fixture(scope="module")
def service_token(servers: Servers) -> Iterator[ClientCredentials]:
    creds = service_credentials_for(servers.keycloak_url)
    creds.token()  # fetched before the tests measure deadlines
    yield creds
    creds.close()


@pytest.fixture
def channel(server_port: int, service_token: ClientCredentials) -> Iterator[grpc.Channel]:
    """Calls carry the current user's token, else the test service client's own token."""
    ch = make_channel(
        f"127.0.0.1:{server_port}",
        default_timeout=0.5,
        idempotent_methods=[f"{SERVICE}/GetFlaky"],
        service_credentials=service_token,
    )
    yield ch
    ch.close()


def test_health_reports_serving(server_port: int) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{server_port}") as ch:
        stub = health_pb2_grpc.HealthStub(ch)
        for name in ("", SERVICE):
            reply = stub.Check(health_pb2.HealthCheckRequest(service=name), timeout=2)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_default_deadline_cuts_a_slow_call(channel: grpc.Channel, rpc: Rpc) -> None:
    started = time.monotonic()
    with pytest.raises(grpc.RpcError) as info:
        rpc(channel, "Slow")({"seconds": 3})
    assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert time.monotonic() - started < 2
    assert isinstance(error_from_rpc(info.value), DomainError)
    assert error_from_rpc(info.value).code == "unavailable"


def test_explicit_timeout_wins_and_servicer_sees_it(channel: grpc.Channel, rpc: Rpc) -> None:
    assert rpc(channel, "Slow")({"seconds": 0.7}, timeout=3) == {"slept": 0.7}
    remaining = rpc(channel, "Echo")({})["remaining"]
    assert 0 < remaining <= 0.6  # the 0.5 s default, as seen by the server


def test_principal_travels_to_the_servicer(
    channel: grpc.Channel, rpc: Rpc, signed_in: KeycloakTestUsers
) -> None:
    officer = signed_in(Principal("u-1", "canbo.xa", frozenset({"commune_officer"}), "00004"))
    with use_principal(officer):
        reply = rpc(channel, "Echo")({"a": "Hà Nội"})
    assert reply["echo"] == {"a": "Hà Nội"}
    assert reply["principal"] == {"subject": officer.subject, "roles": ["commune_officer"]}
    # No user: the channel's own client credentials (a service account), never anonymous.
    service = rpc(channel, "Echo")({})["principal"]
    assert service is not None and service["roles"] == ["internal_service"]
    assert service["subject"] != officer.subject


def test_malformed_principal_is_unauthenticated(channel: grpc.Channel, rpc: Rpc) -> None:
    with pytest.raises(grpc.RpcError) as info:
        rpc(channel, "Echo")({}, metadata=[(PRINCIPAL_METADATA_KEY, b"{not json")])
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_domain_error_arrives_with_vietnamese_problem(channel: grpc.Channel, rpc: Rpc) -> None:
    with pytest.raises(grpc.RpcError) as info:
        rpc(channel, "Fail")({"kind": "invalid"})
    exc = info.value
    assert exc.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert exc.details() == "Hồ sơ có trường không hợp lệ."
    body = problem_from_metadata(exc.trailing_metadata())
    assert body is not None
    assert body["title"] == "Dữ liệu không hợp lệ"
    assert body["status"] == 422
    assert body["errors"][0]["field"] == "members[0].national_id"
    err = error_from_rpc(exc)
    assert isinstance(err, InvalidInput)
    assert err.errors[0].message == "Số CCCD phải có 12 chữ số."


def test_not_found_and_unexpected_errors(channel: grpc.Channel, rpc: Rpc) -> None:
    with pytest.raises(grpc.RpcError) as info:
        rpc(channel, "Fail")({"kind": "not_found"})
    assert info.value.code() == grpc.StatusCode.NOT_FOUND
    assert isinstance(error_from_rpc(info.value), NotFound)

    with pytest.raises(grpc.RpcError) as info:
        rpc(channel, "Fail")({"kind": "boom"})
    assert info.value.code() == grpc.StatusCode.INTERNAL
    assert "secret" not in (info.value.details() or "")
    assert error_from_rpc(info.value).title == "Lỗi hệ thống"


def test_an_unreachable_database_is_unavailable_not_internal(
    channel: grpc.Channel, rpc: Rpc
) -> None:
    with pytest.raises(grpc.RpcError) as info:
        rpc(channel, "Fail")({"kind": "db_down"})
    assert info.value.code() == grpc.StatusCode.UNAVAILABLE
    err = error_from_rpc(info.value)
    assert isinstance(err, Unavailable) and err.detail == DATABASE_UNAVAILABLE
    assert "001090012345" not in (info.value.details() or "")


def test_servicer_abort_is_left_alone(channel: grpc.Channel, rpc: Rpc) -> None:
    with pytest.raises(grpc.RpcError) as info:
        rpc(channel, "Fail")({"kind": "abort"})
    assert info.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    keys = [k for k, _ in info.value.trailing_metadata() or ()]
    assert PROBLEM_METADATA_KEY not in keys


def test_only_idempotent_methods_are_retried(channel: grpc.Channel, rpc: Rpc) -> None:
    assert rpc(channel, "GetFlaky")({"counter": "get", "failures": 2}) == {"attempts": 3}
    with pytest.raises(grpc.RpcError) as info:
        rpc(channel, "CreateFlaky")({"counter": "create", "failures": 1})
    assert info.value.code() == grpc.StatusCode.UNAVAILABLE


def test_error_in_a_stream_after_some_items(channel: grpc.Channel) -> None:
    items = channel.unary_stream(
        f"/{SERVICE}/Items",
        request_serializer=lambda o: json.dumps(o).encode(),
        response_deserializer=json.loads,
    )
    got = []
    with pytest.raises(grpc.RpcError) as info:
        for item in items({"n": 2, "fail": True}):
            got.append(item)
    assert got == [{"i": 0}, {"i": 1}]
    assert info.value.code() == grpc.StatusCode.NOT_FOUND
    assert problem_from_metadata(info.value.trailing_metadata()) is not None
